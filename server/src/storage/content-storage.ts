import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
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
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    return { stream: createReadStream(file, range), size: info.size };
  }

  async remove(courseId: string): Promise<void> {
    await rm(this.courseDir(courseId), { recursive: true, force: true });
  }

  private courseDir(courseId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(courseId)) throw new Error(`not a course id: ${courseId}`);
    return path.join(this.root, courseId);
  }
}
