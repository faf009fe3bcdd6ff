import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { InvalidPackageError } from '../errors.js';

export interface UnzipLimits {
  /** Most entries (files and folders) a package may hold. */
  maxEntries: number;
  /** Most bytes all entries may inflate to, counted as they come out. */
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio allowed for an entry once it passes `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  /**
   * Largest ratio of the whole package's inflated bytes to the zip's size once they pass
   * `packageRatioFloorBytes`: many small entries, each under the entry floor, can still add up
   * to a bomb (a 344 KB zip of 1 MiB zero files inflating to 309 MB).
   */
  maxPackageRatio: number;
  packageRatioFloorBytes: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 2,
  maxPackageRatio: 100,
  packageRatioFloorBytes: 16 * 1024 ** 2,
};

export interface UnzippedPackage {
  /** Paths of the files written, relative to the destination, `/`-separated, in zip order. */
  files: string[];
  totalBytes: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The entry's path if it is safe to write under the destination, else why not. */
export function safeEntryPath(name: string): string | InvalidPackageError {
  if (name.includes('\0'))
    return new InvalidPackageError('The zip has an entry with a NUL character in its name');
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[a-zA-Z]:/.test(unified)) {
    return new InvalidPackageError(
      `The zip has an entry with an absolute path (${name}); entries must be relative`,
    );
  }
  if (unified.split('/').includes('..')) {
    return new InvalidPackageError(`The zip has an entry that climbs out of the package (${name})`);
  }
  return path.posix.normalize(unified);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The entry's name as its author's tool meant it. Zips without the UTF-8 flag are CP437 by the
 * letter of the format, but macOS Archive Utility and Info-ZIP on Linux write UTF-8 names
 * without setting the flag: a name whose bytes are valid UTF-8 (and not plain ASCII) is read
 * as UTF-8, so `Leçon 1/index.html` matches the manifest's href instead of `Le├ºon 1/…`.
 */
export function entryName(entry: yauzl.Entry): string {
  const flaggedUtf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
  const unicodePathField = entry.extraFields.some((field) => field.id === 0x7075);
  const raw = entry.fileNameRaw;
  if (flaggedUtf8 || unicodePathField || !raw || raw.every((byte) => byte < 0x80))
    return entry.fileName;
  try {
    return strictUtf8.decode(raw).replace(/\\/g, '/');
  } catch {
    return entry.fileName;
  }
}

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      zipPath,
      { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)),
    ),
  );
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) =>
      err || !stream ? reject(describeZipError(err ?? new Error('no stream'))) : resolve(stream),
    ),
  );
}

/** yauzl's and zlib's refusals, in words a person can act on. */
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
  if (/unsupported compression method/.test(err.message))
    return new InvalidPackageError(
      `The zip uses a compression method Courier cannot read (${err.message}); save it with ordinary "deflate" compression`,
    );
  return new InvalidPackageError(
    `The zip is corrupt (${err.message}); export or download the package again`,
  );
}

/**
 * Unpacks a zip into `destDir`, streaming every entry to disk and counting the bytes that
 * actually come out (never trusting the headers), so zip bombs, zip-slip paths, symlinks and
 * oversized packages are refused while inflating. On any refusal `destDir` is removed entirely,
 * so the caller should pass a fresh folder of its own.
 */
export async function unzipPackage(
  zipPath: string,
  destDir: string,
  limits: Partial<UnzipLimits> = {},
): Promise<UnzippedPackage> {
  const limit = { ...DEFAULT_UNZIP_LIMITS, ...limits };
  let zip: yauzl.ZipFile | undefined;
  try {
    try {
      zip = await openZip(zipPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code) throw err;
      throw new InvalidPackageError(
        `The upload is not a readable zip file (${(err as Error).message})`,
      );
    }
    if (zip.entryCount > limit.maxEntries) {
      throw new InvalidPackageError(
        `The zip has ${zip.entryCount} entries; a package may have at most ${limit.maxEntries}`,
      );
    }
    await mkdir(destDir, { recursive: true });
    const zipBytes = Math.max(1, (await stat(zipPath)).size);
    const result = await extractEntries(zip, destDir, limit, zipBytes);
    if (result.files.length === 0)
      throw new InvalidPackageError('The zip is empty: it has no files');
    return result;
  } catch (err) {
    zip?.close();
    await rm(destDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Names the checks above let through can still meet on disk when the filesystem treats two of
 * them as one (letter case, Unicode normalization); that is the package's fault, not the server's.
 */
function asCollision(err: unknown, entryName: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTDIR'
    ? new InvalidPackageError(
        `The zip entry ${entryName} collides with another entry of the same name`,
      )
    : err;
}

/** Reads entries one at a time (yauzl's lazy mode), so at most one is inflating at any moment. */
function extractEntries(
  zip: yauzl.ZipFile,
  destDir: string,
  limit: UnzipLimits,
  zipBytes: number,
): Promise<UnzippedPackage> {
  const files: string[] = [];
  const fileSet = new Set<string>();
  const dirSet = new Set<string>();
  let totalBytes = 0;

  /** Refuses a name already used, or a file where a folder is (or the reverse). */
  const claim = (safe: string, original: string, isDir: boolean) => {
    const ancestors = safe.split('/').slice(0, -1);
    for (let i = 1; i <= ancestors.length; i++) {
      const dir = ancestors.slice(0, i).join('/');
      if (fileSet.has(dir))
        throw new InvalidPackageError(
          `The zip entry ${original} sits inside ${dir}, which the zip also has as a file`,
        );
      dirSet.add(dir);
    }
    if (isDir) {
      if (fileSet.has(safe))
        throw new InvalidPackageError(`The zip has ${original} both as a file and as a folder`);
      dirSet.add(safe);
      return;
    }
    if (fileSet.has(safe)) throw new InvalidPackageError(`The zip has the entry ${original} twice`);
    if (dirSet.has(safe))
      throw new InvalidPackageError(`The zip has ${original} both as a file and as a folder`);
    fileSet.add(safe);
  };

  const writeEntry = async (entry: yauzl.Entry): Promise<void> => {
    const safe = safeEntryPath(entry.fileName);
    if (safe instanceof InvalidPackageError) throw safe;
    if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
      throw new InvalidPackageError(
        `The zip has a symbolic link (${entry.fileName}); packages must contain plain files`,
      );
    }
    const isDir = entry.fileName.endsWith('/');
    if (safe === '.' || safe === './') {
      if (isDir) return;
      throw new InvalidPackageError('The zip has a file entry with an empty name');
    }
    const relative = safe.replace(/\/$/, '');
    claim(relative, entry.fileName, isDir);
    const target = path.join(destDir, relative);
    // Belt and braces: whatever the checks above missed, nothing is written outside destDir.
    if (!target.startsWith(path.join(destDir, path.sep))) {
      throw new InvalidPackageError(
        `The zip has an entry that climbs out of the package (${entry.fileName})`,
      );
    }
    if (isDir) {
      await mkdir(target, { recursive: true }).catch((err) => {
        throw asCollision(err, entry.fileName);
      });
      return;
    }
    if (entry.isEncrypted()) {
      throw new InvalidPackageError(
        `The zip entry ${entry.fileName} is encrypted; export the package without a password`,
      );
    }
    await mkdir(path.dirname(target), { recursive: true }).catch((err) => {
      throw asCollision(err, entry.fileName);
    });
    const source = await openEntry(zip, entry);
    let entryBytes = 0;
    let crc = 0;
    const compressed = Math.max(1, entry.compressedSize);
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        entryBytes += chunk.length;
        totalBytes += chunk.length;
        crc = crc32(chunk, crc);
        if (totalBytes > limit.maxTotalBytes) {
          return callback(
            new InvalidPackageError(
              `The package inflates to more than ${limit.maxTotalBytes} bytes, the limit for a course`,
            ),
          );
        }
        if (
          totalBytes > limit.packageRatioFloorBytes &&
          totalBytes / zipBytes > limit.maxPackageRatio
        ) {
          return callback(
            new InvalidPackageError(
              `The package inflates more than ${limit.maxPackageRatio}:1 overall, like a zip bomb`,
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
      flush(callback) {
        // yauzl leaves CRC checking to its caller; a mismatch means the bytes are damaged.
        callback(
          crc >>> 0 === entry.crc32 >>> 0
            ? null
            : new InvalidPackageError(
                `The zip entry ${entry.fileName} is corrupt (its checksum does not match)`,
              ),
        );
      },
    });
    try {
      await pipeline(source, counter, createWriteStream(target, { flags: 'wx' }));
    } catch (err) {
      if (err instanceof InvalidPackageError) throw err;
      // System errors (EEXIST, ENOSPC…) come from the disk; zlib's (Z_DATA_ERROR…) from the bytes.
      if (/^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code ?? ''))
        throw asCollision(err, entry.fileName);
      throw describeZipError(err as Error);
    }
    files.push(relative);
  };

  return new Promise((resolve, reject) => {
    zip.on('error', (err: Error) => reject(describeZipError(err)));
    zip.on('end', () => resolve({ files, totalBytes }));
    zip.on('entry', (entry: yauzl.Entry) => {
      entry.fileName = entryName(entry);
      writeEntry(entry).then(() => zip.readEntry(), reject);
    });
    zip.readEntry();
  });
}
