import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { InvalidPackageError } from '../errors.js';

export interface UnzipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio allowed for an entry past `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 2,
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The entry's path if it is safe to write under the destination, else why not. */
export function safeEntryPath(name: string): string | InvalidPackageError {
  if (name.includes('\0'))
    return new InvalidPackageError(`The zip has an entry with a NUL in its name`);
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[a-zA-Z]:/.test(unified)) {
    return new InvalidPackageError(
      `The zip has an entry with an absolute path (${name}); entries must be relative`,
    );
  }
  const normalized = path.posix.normalize(unified);
  if (normalized === '..' || normalized.startsWith('../') || unified.split('/').includes('..')) {
    return new InvalidPackageError(`The zip has an entry that climbs out of the package (${name})`);
  }
  return normalized;
}

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      zipPath,
      { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err || !zip ? reject(err) : resolve(zip)),
    ),
  );
}

/** yauzl's own refusals, in words a person can act on. */
function describeZipError(err: Error): InvalidPackageError {
  if (err instanceof InvalidPackageError) return err;
  const relative = /invalid relative path: (.*)/.exec(err.message);
  if (relative)
    return new InvalidPackageError(
      `The zip has an entry that climbs out of the package (${relative[1]})`,
    );
  const absolute = /absolute path: (.*)/.exec(err.message);
  if (absolute)
    return new InvalidPackageError(
      `The zip has an entry with an absolute path (${absolute[1]}); entries must be relative`,
    );
  return new InvalidPackageError(`The zip is corrupt (${err.message})`);
}

/**
 * Unpacks a zip into `destDir`, streaming every entry to disk and counting the bytes that
 * actually come out (never trusting the headers), so zip bombs, zip-slip paths, symlinks and
 * oversized packages are refused while inflating. On any refusal `destDir` is removed.
 */
export async function unzipPackage(
  zipPath: string,
  destDir: string,
  limits: Partial<UnzipLimits> = {},
): Promise<{ files: string[]; totalBytes: number }> {
  const limit = { ...DEFAULT_UNZIP_LIMITS, ...limits };
  const files: string[] = [];
  let totalBytes = 0;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (err) {
    throw new InvalidPackageError(
      `The upload is not a readable zip file (${(err as Error).message})`,
    );
  }
  try {
    await mkdir(destDir, { recursive: true });
    if (zip.entryCount > limit.maxEntries) {
      throw new InvalidPackageError(
        `The zip has ${zip.entryCount} entries; the limit is ${limit.maxEntries}`,
      );
    }
    const seen = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) => reject(describeZipError(err)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        handleEntry(entry).then(
          () => zip.readEntry(),
          (err: unknown) => {
            zip.close();
            reject(err);
          },
        );
      });
      zip.readEntry();
    });

    async function handleEntry(entry: yauzl.Entry): Promise<void> {
      const safe = safeEntryPath(entry.fileName);
      if (safe instanceof InvalidPackageError) throw safe;
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK)
        throw new InvalidPackageError(
          `The zip has a symbolic link (${entry.fileName}); packages must contain plain files`,
        );
      const key = safe.toLowerCase();
      if (seen.has(key) && !entry.fileName.endsWith('/'))
        throw new InvalidPackageError(`The zip has the entry ${entry.fileName} twice`);
      seen.add(key);
      const target = path.join(destDir, safe);
      if (entry.fileName.endsWith('/')) {
        await mkdir(target, { recursive: true });
        return;
      }
      await mkdir(path.dirname(target), { recursive: true });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) =>
          err || !s
            ? reject(
                new InvalidPackageError(
                  `The zip entry ${entry.fileName} is corrupt (${err?.message})`,
                ),
              )
            : resolve(s),
        ),
      );
      let entryBytes = 0;
      const compressed = Math.max(1, entry.compressedSize);
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          entryBytes += chunk.length;
          totalBytes += chunk.length;
          if (totalBytes > limit.maxTotalBytes) {
            return callback(
              new InvalidPackageError(
                `The package inflates past ${limit.maxTotalBytes} bytes; the limit for a course`,
              ),
            );
          }
          if (entryBytes > limit.ratioFloorBytes && entryBytes / compressed > limit.maxRatio) {
            return callback(
              new InvalidPackageError(
                `The zip entry ${entry.fileName} inflates more than ${limit.maxRatio}:1, like a zip bomb`,
              ),
            );
          }
          callback(null, chunk);
        },
      });
      try {
        await pipeline(stream, counter, createWriteStream(target));
      } catch (err) {
        if (err instanceof InvalidPackageError) throw err;
        throw new InvalidPackageError(
          `The zip entry ${entry.fileName} could not be read (${(err as Error).message})`,
        );
      }
      files.push(safe);
    }

    if (files.length === 0) throw new InvalidPackageError('The zip is empty: it has no files');
    return { files, totalBytes };
  } catch (err) {
    await rm(destDir, { recursive: true, force: true });
    throw err;
  }
}
