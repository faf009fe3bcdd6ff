import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { InvalidPackageError } from '../errors.js';
import { parseManifest, type ParsedManifest } from '../scorm/manifest.js';
import { unzipPackage, type UnzipLimits } from './unzip-package.js';

export interface PreparedPackage {
  manifest: ParsedManifest;
  /** The folder holding the unpacked package, ready to move into storage. */
  dir: string;
  totalBytes: number;
  fileCount: number;
}

/** The manifest's size cap: real ones are kilobytes; anything bigger is not a manifest. */
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

/**
 * Unpacks a SCORM zip into `workDir`, finds and reads its manifest, and checks every item's
 * launch file is there. Any refusal says what to fix and leaves `workDir` removed.
 */
export async function preparePackage(
  zipPath: string,
  workDir: string,
  limits?: Partial<UnzipLimits>,
): Promise<PreparedPackage> {
  const { files, totalBytes } = await unzipPackage(zipPath, workDir, limits);
  try {
    const manifestFile = files.find((f) => f.toLowerCase() === 'imsmanifest.xml');
    if (!manifestFile) {
      const nested = files.find((f) => path.posix.basename(f).toLowerCase() === 'imsmanifest.xml');
      throw new InvalidPackageError(
        nested
          ? `imsmanifest.xml must be at the root of the zip; found at ${nested}. Zip the contents of ${path.posix.dirname(nested)}/ rather than the folder itself.`
          : 'The zip has no imsmanifest.xml, so it is not a SCORM package',
        nested ? { foundAt: nested } : undefined,
      );
    }
    const bytes = await readFile(path.join(workDir, manifestFile));
    if (bytes.length > MAX_MANIFEST_BYTES)
      throw new InvalidPackageError('imsmanifest.xml is larger than 8 MiB; that is not a manifest');
    const manifest = parseManifest(bytes);
    const exact = new Set(files);
    const byLowerCase = new Map(files.map((f) => [f.toLowerCase(), f]));
    for (const item of manifest.items) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(item.launchPath) || exact.has(item.launchPath)) continue;
      // Packages made on Windows often differ from their manifest only in letter case.
      const actual = byLowerCase.get(item.launchPath.toLowerCase());
      if (actual) item.launchPath = actual;
      else {
        throw new InvalidPackageError(
          `Item ${item.identifier} launches ${item.launchPath}, which is not in the zip`,
          {
            item: item.identifier,
            path: item.launchPath,
          },
        );
      }
    }
    return { manifest, dir: workDir, totalBytes, fileCount: files.length };
  } catch (err) {
    await rm(workDir, { recursive: true, force: true });
    throw err;
  }
}
