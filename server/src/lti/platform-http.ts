import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import {
  hostOf,
  NonPublicAddressError,
  nonPublicKind,
  publicOnlyLookup,
} from '../webhooks/public-address.js';
import { Limits } from './lti-vocabulary.js';

export interface PlatformResponse {
  status: number;
  body: string;
}

/**
 * One request to an LTI platform (its JWKS, token or score endpoint), bounded in time and in
 * the size of the answer, and, unless private destinations are allowed (LTI_ALLOW_PRIVATE),
 * only to a public address over https, judged by the socket's own lookup as webhooks are.
 * Redirects are not followed.
 */
export function requestPlatform(
  url: string,
  options: {
    method: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    allowPrivate: boolean;
    timeoutMs?: number;
  },
): Promise<PlatformResponse> {
  const target = new URL(url);
  if (!options.allowPrivate) {
    if (target.protocol !== 'https:')
      return Promise.reject(new Error('platform URLs must use https://'));
    const host = hostOf(target);
    const kind = isIP(host) ? nonPublicKind(host) : null;
    if (kind) return Promise.reject(new NonPublicAddressError(host, host, kind));
  }
  const timeoutMs = options.timeoutMs ?? Limits.requestTimeoutMs;
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<PlatformResponse>((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const request = client.request(
      target,
      {
        method: options.method,
        headers,
        agent: false,
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > Limits.responseBytes) {
            request.destroy(
              new Error(`the platform answered more than ${Limits.responseBytes} bytes`),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    request.end(options.body);
  });
}
