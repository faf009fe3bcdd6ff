import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidPackageError } from '../errors.js';
import { parseManifest, type ParsedManifest } from '../scorm/manifest.js';
import { ManifestProblem } from '../scorm/manifest-problem.js';
import { talksToScormApi, type DetectionCache } from './detect-sco.js';
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

const MANIFEST = 'imsmanifest.xml';

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
    const manifestFile = files.find((f) => f.toLowerCase() === MANIFEST);
    if (!manifestFile) throw missingManifest(files);
    const manifestPath = path.join(workDir, manifestFile);
    if ((await stat(manifestPath)).size > MAX_MANIFEST_BYTES) {
      throw new InvalidPackageError(
        `imsmanifest.xml is larger than ${MAX_MANIFEST_BYTES / 1024 ** 2} MiB; that is not a manifest`,
      );
    }
    const manifest = readManifest(await readFile(manifestPath));
    const exact = new Set(files);
    const byLowerCase = new Map(files.map((f) => [f.toLowerCase(), f]));
    for (const item of manifest.items) {
      if (/^https?:\/\//i.test(item.launchPath) || exact.has(item.launchPath)) continue;
      // Packages made on Windows often differ from their manifest only in letter case.
      const actual = byLowerCase.get(item.launchPath.toLowerCase());
      if (!actual) {
        throw new InvalidPackageError(
          `Item ${item.identifier} launches ${item.launchPath}, which is not in the zip`,
          { item: item.identifier, path: item.launchPath },
        );
      }
      item.launchPath = actual;
    }
    // A resource that does not say what it is: a SCO if its page talks to the runtime (so its
    // reports count, a quiz's failure included), else an asset that completes once opened.
    const untyped = new Set(manifest.untypedItems);
    const looked: DetectionCache = new Map();
    for (const item of manifest.items) {
      if (!untyped.has(item.identifier) || /^https?:\/\//i.test(item.launchPath)) continue;
      if (await talksToScormApi(workDir, item.launchPath, byLowerCase, looked))
        item.scormType = 'sco';
    }
    manifest.scoCount = manifest.items.filter((i) => i.scormType === 'sco').length;
    return { manifest, dir: workDir, totalBytes, fileCount: files.length };
  } catch (err) {
    await rm(workDir, { recursive: true, force: true });
    throw err;
  }
}

/** The parsed manifest; a manifest that cannot be run is refused as INVALID_PACKAGE, saying why. */
function readManifest(bytes: Buffer): ParsedManifest {
  try {
    return parseManifest(bytes);
  } catch (err) {
    if (err instanceof ManifestProblem) throw new InvalidPackageError(err.message, err.details);
    throw err;
  }
}

/** Says where the manifest is when it is not at the root: zipping the folder is the usual slip. */
function missingManifest(files: string[]): InvalidPackageError {
  const nested = files
    .filter((f) => path.posix.basename(f).toLowerCase() === MANIFEST)
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
  if (!nested) {
    return new InvalidPackageError(
      'The zip has no imsmanifest.xml at its root, so it is not a SCORM package',
    );
  }
  return new InvalidPackageError(
    `imsmanifest.xml must be at the root of the zip; found at ${nested} — zip the contents of that folder (${path.posix.dirname(nested)}/), not the folder itself`,
    { foundAt: nested },
  );
}
