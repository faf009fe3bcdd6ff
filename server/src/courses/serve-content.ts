import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
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
  let type = mime.contentType(path.extname(relative)) || 'application/octet-stream';
  if (type.startsWith('text/html')) type = await htmlContentType(storage, match[1]!, relative);
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
  // pipeline, not pipe: a store that fails mid-file (an S3 object gone, a reset) ends this
  // response instead of throwing out of the process, and a client that goes away (media seeks
  // abort their requests all the time) releases the file or the store's socket at once.
  await pipeline(file.stream, res).catch(() => res.destroy());
}

/**
 * An HTTP charset outranks the page's own `<meta charset>`, so a blanket `charset=utf-8` turns
 * the accents of a page saved as ISO-8859-1 or windows-1252 (older authoring tools, hand-made
 * SCOs) into U+FFFD. A page that names its encoding (or starts with a byte order mark) is sent
 * with that; one that says nothing gets UTF-8.
 */
async function htmlContentType(
  storage: ContentStorage,
  courseId: string,
  relative: string,
): Promise<string> {
  const head = await storage.open(courseId, relative, { start: 0, end: 1023 }).catch(() => null);
  if (!head) return 'text/html; charset=utf-8';
  const chunks: Buffer[] = [];
  for await (const chunk of head.stream) chunks.push(chunk as Buffer);
  return htmlTypeFor(Buffer.concat(chunks));
}

/** The Content-Type for an HTML page whose first bytes are `start` (see htmlContentType). */
export function htmlTypeFor(start: Buffer): string {
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf)
    return 'text/html; charset=utf-8';
  if ((start[0] === 0xfe && start[1] === 0xff) || (start[0] === 0xff && start[1] === 0xfe))
    return 'text/html';
  const declared = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(
    start.toString('latin1'),
  );
  return `text/html; charset=${declared ? declared[1]!.toLowerCase() : 'utf-8'}`;
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
