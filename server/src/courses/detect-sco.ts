import { open } from 'node:fs/promises';
import path from 'node:path';

/** Calls only a SCO makes: the 1.2 and 2004 runtime APIs, by their names. */
const API_USE =
  /\bLMS(?:Initialize|GetValue|SetValue|Commit|Finish)\b|\bAPI_1484_11\b|\b(?:Initialize|Terminate|GetValue|SetValue)\s*\(\s*(?:""|''|["']cmi\.)/;

/** Scripts and frames a page loads, by their local src. */
const LOADS = /<(script|i?frame)\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi;

/** How much of a package one undeclared item may cost to look at. */
const MAX_FILES = 30;
const MAX_BYTES_PER_FILE = 2 * 1024 * 1024;

/**
 * Whether the page an item launches talks to the SCORM runtime: in its own text, in the local
 * scripts it loads, or one frame down. For items whose resource declares no scormType, where a
 * page that reports a status must count as a SCO and a plain page as an asset.
 */
export async function talksToScormApi(
  root: string,
  launchPath: string,
  /** Package files by lower-cased path, to find what a page names in another case. */
  byLowerCase: Map<string, string>,
): Promise<boolean> {
  const queue: Array<{ file: string; depth: number }> = [{ file: launchPath, depth: 0 }];
  const seen = new Set<string>();
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const { file, depth } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readStart(path.join(root, file));
    if (text === null) continue;
    if (API_USE.test(text)) return true;
    if (!/\.x?html?$/i.test(file) || depth > 1) continue;
    for (const [, tag, src] of text.matchAll(LOADS)) {
      const target = localPath(path.posix.dirname(file), src!, byLowerCase);
      if (target)
        queue.push({ file: target, depth: tag!.toLowerCase() === 'script' ? depth : depth + 1 });
    }
  }
  return false;
}

/** A src relative to `dir`, as the package's own file path; null outside it or not in it. */
function localPath(dir: string, src: string, byLowerCase: Map<string, string>): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(src.replace(/[?#].*$/, ''));
  } catch {
    return null;
  }
  const joined = path.posix.normalize(path.posix.join(dir, decoded));
  if (joined.startsWith('../') || path.posix.isAbsolute(joined)) return null;
  return byLowerCase.get(joined.toLowerCase()) ?? null;
}

/** The file's first bytes as text (Latin-1 keeps any encoding's ASCII), or null if unreadable. */
async function readStart(file: string): Promise<string | null> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const buffer = Buffer.alloc(MAX_BYTES_PER_FILE);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}
