import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import mime from 'mime-types';
import type { ContentStorage } from '../storage/content-storage.js';

/**
 * Serves `/content/<courseId>/<path>`: files only (no listings), nothing outside the course
 * folder, the right MIME type, and no frame restrictions so the player (and a dispatch's host
 * LMS around it) can show it. Course ids are random UUIDs, so a path is as good as a link.
 */
export async function serveContent(
  storage: ContentStorage,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const match = /^\/content\/([0-9a-f-]{36})\/(.+)$/.exec(pathname);
  const relative = match ? safeRelativePath(match[2]!) : null;
  if (!match || !relative) return notFound(res);
  const file = await storage.open(match[1]!, relative);
  if (!file) return notFound(res);
  const type = mime.contentType(path.extname(relative)) || 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type,
    'content-length': file.size,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    'access-control-allow-origin': '*',
  });
  if (req.method === 'HEAD') {
    file.stream.destroy();
    res.end();
    return;
  }
  file.stream.pipe(res);
  await new Promise<void>((resolve) => res.on('close', resolve));
}

/** Decodes a URL path once and refuses anything that could leave the folder. */
export function safeRelativePath(encoded: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const normalized = path.posix.normalize(decoded);
  if (normalized.startsWith('..') || path.posix.isAbsolute(normalized) || normalized.endsWith('/'))
    return null;
  return normalized;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}
