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

/** What one file of the package says, read once per import however many pages load it. */
interface FileFacts {
  usesApi: boolean;
  /** Local scripts and frames it loads (HTML only), as package paths. */
  loads: Array<{ file: string; frame: boolean }>;
}

/** Per import: every file looked at so far. */
export type DetectionCache = Map<string, FileFacts | null>;

/**
 * Whether the page an item launches talks to the SCORM runtime: in its own text, in the local
 * scripts it loads, or in a frame it holds (and that frame's scripts). For items whose resource
 * declares no scormType, where a page that reports a status must count as a SCO and a plain page
 * as an asset.
 */
export async function talksToScormApi(
  root: string,
  launchPath: string,
  /** Package files by lower-cased path, to find what a page names in another case. */
  byLowerCase: Map<string, string>,
  cache: DetectionCache = new Map(),
): Promise<boolean> {
  const queue: Array<{ file: string; frameDepth: number }> = [{ file: launchPath, frameDepth: 0 }];
  const seen = new Set<string>();
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const { file, frameDepth } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const facts = await factsOf(root, file, byLowerCase, cache);
    if (!facts) continue;
    if (facts.usesApi) return true;
    for (const load of facts.loads) {
      if (!load.frame) queue.push({ file: load.file, frameDepth });
      else if (frameDepth === 0) queue.push({ file: load.file, frameDepth: 1 });
    }
  }
  return false;
}

async function factsOf(
  root: string,
  file: string,
  byLowerCase: Map<string, string>,
  cache: DetectionCache,
): Promise<FileFacts | null> {
  if (cache.has(file)) return cache.get(file)!;
  const text = await readStart(path.join(root, file));
  let facts: FileFacts | null = null;
  if (text !== null) {
    const loads: FileFacts['loads'] = [];
    if (/\.x?html?$/i.test(file)) {
      for (const [, tag, src] of text.matchAll(LOADS)) {
        const target = localPath(path.posix.dirname(file), src!, byLowerCase);
        if (target) loads.push({ file: target, frame: tag!.toLowerCase() !== 'script' });
      }
    }
    facts = { usesApi: API_USE.test(text), loads };
  }
  cache.set(file, facts);
  return facts;
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
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(Math.min(size, MAX_BYTES_PER_FILE));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}
