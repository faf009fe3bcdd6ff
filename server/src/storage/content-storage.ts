import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where course files live. Local disk by default; an S3-compatible store fits the same shape. */
export interface ContentStorage {
  /** Moves a fully prepared folder into place as the course's content (the last step of an import). */
  put(courseId: string, dir: string): Promise<void>;
  /**
   * A file of the course, or null when there is none at that path (folders count as none).
   * `range` (inclusive bytes) reads part of it, for media seeking.
   */
  open(
    courseId: string,
    relativePath: string,
    range?: { start: number; end: number },
  ): Promise<{ stream: Readable; size: number } | null>;
  remove(courseId: string): Promise<void>;
}

/** Course files under `root/<courseId>/`; `put` is a rename, so a course appears whole or not at all. */
export class LocalContentStorage implements ContentStorage {
  constructor(readonly root: string) {}

  async put(courseId: string, dir: string): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await rename(dir, this.courseDir(courseId));
  }

  async open(courseId: string, relativePath: string, range?: { start: number; end: number }) {
    const base = this.courseDir(courseId);
    const file = path.resolve(base, relativePath);
    if (!file.startsWith(base + path.sep)) return null;
    let found = file;
    let info = await stat(file).catch(() => null);
    if (!info) {
      // Content authored on Windows often names its files in another case than it stores them
      // (Images/Logo.PNG for images/logo.png), which served there and must here too.
      const other = await findIgnoringCase(base, path.relative(base, file).split(path.sep));
      info = other ? await stat(other).catch(() => null) : null;
      if (other) found = other;
    }
    if (!info?.isFile()) return null;
    return { stream: createReadStream(found, range), size: info.size };
  }

  async remove(courseId: string): Promise<void> {
    await rm(this.courseDir(courseId), { recursive: true, force: true });
  }

  private courseDir(courseId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(courseId)) throw new Error(`not a course id: ${courseId}`);
    return path.join(this.root, courseId);
  }
}

/** The path under `dir` whose segments match `segments` ignoring case, or null; exact names first. */
async function findIgnoringCase(dir: string, segments: string[]): Promise<string | null> {
  let current = dir;
  for (const segment of segments) {
    const names = await readdir(current).catch(() => null);
    if (!names) return null;
    const wanted = segment.toLowerCase();
    const name = names.includes(segment) ? segment : names.find((n) => n.toLowerCase() === wanted);
    if (name === undefined) return null;
    current = path.join(current, name);
  }
  return current;
}
