import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import mime from 'mime-types';
import { safeRelativePath } from '../courses/serve-content.js';

/**
 * Serves the built dashboard and player from web/dist. Hashed assets are cached for good;
 * any other path gets the page that owns it (`/player/…` the player, `/explorer/…` the GraphQL
 * explorer, the rest the dashboard),
 * so client-side routes survive a reload.
 */
export async function serveWeb(
  distDir: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : safeRelativePath(pathname.slice(1));
  const candidate = relative ? path.join(distDir, relative) : null;
  const info = candidate ? await stat(candidate).catch(() => null) : null;
  if (candidate && info?.isFile()) {
    const immutable = relative!.startsWith('assets/');
    return sendFile(
      res,
      req,
      candidate,
      info.size,
      immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  }
  if (pathname.startsWith('/assets/')) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
    return;
  }
  const page = pathname.startsWith('/player')
    ? 'player/index.html'
    : pathname === '/explorer' || pathname.startsWith('/explorer/')
      ? 'explorer/index.html'
      : 'index.html';
  const pagePath = path.join(distDir, page);
  const pageInfo = await stat(pagePath).catch(() => null);
  if (!pageInfo) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The web app is not built: run `npm run build`.');
    return;
  }
  return sendFile(res, req, pagePath, pageInfo.size, 'no-cache');
}

function sendFile(
  res: ServerResponse,
  req: IncomingMessage,
  file: string,
  size: number,
  cacheControl: string,
) {
  res.writeHead(200, {
    'content-type': mime.contentType(path.extname(file)) || 'application/octet-stream',
    'content-length': size,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
