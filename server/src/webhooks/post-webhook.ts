import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import {
  hostOf,
  NonPublicAddressError,
  nonPublicKind,
  publicOnlyLookup,
} from './public-address.js';

export interface PostWebhookOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE: loopback, private addresses and plain http are allowed. */
  allowPrivate: boolean;
}

/**
 * POSTs one delivery and answers the response's status code. Redirects are never followed (a
 * 3xx is just a status), and unless private destinations are allowed the socket may only
 * connect to a public address over https: IP literals are judged here, names in the lookup
 * the socket itself uses.
 */
export function postWebhook(url: string, options: PostWebhookOptions): Promise<number> {
  const target = new URL(url);
  if (!options.allowPrivate) {
    if (target.protocol !== 'https:')
      return Promise.reject(new Error('webhook URLs must use https://'));
    const host = hostOf(target);
    const kind = isIP(host) ? nonPublicKind(host) : null;
    if (kind) return Promise.reject(new NonPublicAddressError(host, host, kind));
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
        // A fresh socket per delivery: a pooled one could have been connected under other rules.
        agent: false,
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        clearTimeout(timer);
        resolve(response.statusCode ?? 0);
        // The body is not read: only the status matters, and a slow body must not hold us.
        response.destroy();
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    request.end(options.body);
  });
}
