import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, httpStatusOf, PayloadTooLargeError } from '../errors.js';

/** Answers JSON with a status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** The REST routes' error shape: `{ error: { code, message } }` with the code's status. */
export function sendError(res: ServerResponse, err: DomainError): void {
  const { code: _code, ...details } = err.extensions;
  sendJson(res, httpStatusOf[err.code], {
    error: { code: err.code, message: err.message, ...details },
  });
}

/** Reads a whole body up to `limit` bytes; bigger bodies are refused without reading on. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw new PayloadTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new PayloadTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The bearer token of a request, if any. */
export function bearerToken(header: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/**
 * The last value of a comma-separated forwarding header: the one our own proxy wrote. Proxies
 * append to what the client sent, so every earlier value is the client's to choose.
 */
export function lastForwarded(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[header.length - 1] : header;
  return value?.split(',').pop()?.trim() || null;
}

/**
 * The client's address; behind a proxy (TRUST_PROXY), the address the proxy saw, which it put
 * last in X-Forwarded-For. Never the first hop: a client could invent it on every request and
 * step around every per-address limit.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = lastForwarded(req.headers['x-forwarded-for']);
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? null;
}
