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

/** The client's address; behind a proxy, the first X-Forwarded-For hop when TRUST_PROXY is set. */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')[0]
      ?.trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? null;
}
