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
  const type = mime.contentType(path.extname(relative)) || 'application/octet-stream';
  const headers = {
    'content-type': type,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    'access-control-allow-origin': '*',
    'accept-ranges': 'bytes',
  };
  const whole = await storage.open(match[1]!, relative);
  if (!whole) return notFound(res);
  // Media seeks with Range requests; answer the one range browsers ask for.
  const range = parseRange(req.headers.range, whole.size);
  if (range === 'unsatisfiable') {
    whole.stream.destroy();
    res.writeHead(416, { ...headers, 'content-range': `bytes */${whole.size}` });
    res.end();
    return;
  }
  let file = whole;
  if (range) {
    whole.stream.destroy();
    file = (await storage.open(match[1]!, relative, range)) ?? whole;
    res.writeHead(206, {
      ...headers,
      'content-length': range.end - range.start + 1,
      'content-range': `bytes ${range.start}-${range.end}/${whole.size}`,
    });
  } else {
    res.writeHead(200, { ...headers, 'content-length': whole.size });
  }
  if (req.method === 'HEAD') {
    file.stream.destroy();
    res.end();
    return;
  }
  file.stream.pipe(res);
  await new Promise<void>((resolve) => res.on('close', resolve));
}

/** A single `bytes=start-end` range (suffix and open-ended forms too), or null for the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'unsatisfiable';
  return { start, end };
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
