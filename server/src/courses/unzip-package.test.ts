import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  badPackages,
  buildZip,
  scorm12MultiScoPackage,
  tooManyEntriesPackage,
  withoutUtf8Flags,
  writeTempZip,
  zipBombPackage,
  type ZipEntry,
} from '@courier/tests/support/scorm-packages.js';
import { DEFAULT_UNZIP_LIMITS, unzipPackage, type UnzipLimits } from './unzip-package.js';

const cleanup: string[] = [];
after(() => Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Writes the zip to a file and gives a fresh destination folder, as the importer does. */
async function stage(zip: Buffer): Promise<{ zipPath: string; destDir: string }> {
  const zipPath = await writeTempZip(zip);
  const destDir = await mkdtemp(path.join(os.tmpdir(), 'courier-unzip-'));
  cleanup.push(path.dirname(zipPath), destDir);
  return { zipPath, destDir };
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Asserts an INVALID_PACKAGE refusal saying `message`, and that nothing is left of destDir. */
async function assertRefused(
  zip: Buffer,
  message: RegExp,
  limits?: Partial<UnzipLimits>,
): Promise<void> {
  const { zipPath, destDir } = await stage(zip);
  await assert.rejects(unzipPackage(zipPath, destDir, limits), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'INVALID_PACKAGE', err.message);
    assert.match(err.message, message);
    return true;
  });
  assert.equal(await exists(destDir), false, 'the destination folder is removed');
}

const bad = (name: string) => badPackages.find((b) => b.name === name)!.build();
const withManifest = (...entries: ZipEntry[]) =>
  buildZip([{ name: 'imsmanifest.xml', content: '<manifest/>' }, ...entries]);

describe('unzipPackage', () => {
  it('reads UTF-8 names that carry no UTF-8 flag as UTF-8, as macOS and Info-ZIP write them', async () => {
    const zip = withoutUtf8Flags(
      await withManifest({ name: 'Leçon 1/Écran ü.html', content: 'x' }, { name: 'plain.html' }),
    );
    const { zipPath, destDir } = await stage(zip);
    const { files } = await unzipPackage(zipPath, destDir);
    assert.deepEqual(files.sort(), ['Leçon 1/Écran ü.html', 'imsmanifest.xml', 'plain.html']);
    assert.equal(await readFile(path.join(destDir, 'Leçon 1/Écran ü.html'), 'utf8'), 'x');
  });

  it('keeps CP437 for unflagged names that are not UTF-8', async () => {
    // 0x82 alone is no UTF-8; in CP437 it is é, as old Windows zip tools wrote it.
    const zip = withoutUtf8Flags(await withManifest({ name: 'caf~.html', content: 'x' }));
    const at = zip.indexOf('caf~.html');
    zip[at + 3] = 0x82;
    zip[zip.indexOf('caf~.html', at + 1) + 3] = 0x82;
    const { zipPath, destDir } = await stage(zip);
    const { files } = await unzipPackage(zipPath, destDir);
    assert.ok(files.includes('café.html'), files.join(', '));
  });

  it('exports limits of 10,000 entries, 1 GiB, 200:1 an entry past 1 MiB and 100:1 a package past 16 MiB', () => {
    assert.deepEqual(DEFAULT_UNZIP_LIMITS, {
      maxEntries: 10_000,
      maxTotalBytes: 1024 ** 3,
      maxRatio: 200,
      ratioFloorBytes: 1024 ** 2,
      maxPackageRatio: 100,
      packageRatioFloorBytes: 16 * 1024 ** 2,
    });
  });

  it('writes every file with its bytes and counts what came out', async () => {
    const { zipPath, destDir } = await stage(await scorm12MultiScoPackage());
    const { files, totalBytes } = await unzipPackage(zipPath, destDir);
    assert.deepEqual(files, [
      'imsmanifest.xml',
      'lesson1/index.html',
      'lesson2/index.html',
      'lesson3/index.html',
    ]);
    const sizes = await Promise.all(files.map((f) => stat(path.join(destDir, f))));
    assert.equal(
      totalBytes,
      sizes.reduce((sum, s) => sum + s.size, 0),
    );
    assert.match(await readFile(path.join(destDir, 'lesson2/index.html'), 'utf8'), /Lesson 2/);
  });

  it('creates folders for directory entries, empty ones included', async () => {
    const { zipPath, destDir } = await stage(
      await withManifest(
        { name: 'media/' },
        { name: 'media/a.txt', content: 'a' },
        { name: 'empty/' },
      ),
    );
    const { files } = await unzipPackage(zipPath, destDir);
    assert.deepEqual(files, ['imsmanifest.xml', 'media/a.txt']);
    assert.equal((await stat(path.join(destDir, 'empty'))).isDirectory(), true);
  });

  it('unpacks a stored (uncompressed) entry over the ratio floor', async () => {
    const { zipPath, destDir } = await stage(
      await withManifest({
        name: 'video.bin',
        content: Buffer.alloc(2 * 1024 * 1024, 7),
        compress: false,
      }),
    );
    const { totalBytes } = await unzipPackage(zipPath, destDir);
    assert.equal(totalBytes, 2 * 1024 * 1024 + '<manifest/>'.length);
  });

  const refusals: Array<[string, () => Promise<Buffer>, RegExp, Partial<UnzipLimits>?]> = [
    ['random bytes', async () => Buffer.from('not a zip at all, just words'), /not a readable zip/],
    ['a PDF', () => bad('a PDF, not a zip'), /not a readable zip/],
    ['a corrupt zip, after writing its first files', () => bad('a corrupt zip'), /zip is corrupt/],
    ['an empty zip', () => buildZip([]), /zip is empty: it has no files/],
    ['a zip of folders only', () => buildZip([{ name: 'a/' }, { name: 'a/b/' }]), /zip is empty/],
    [
      'a zip-slip entry',
      () => withManifest({ name: '../evil.txt', content: 'x' }),
      /climbs out of the package \(\.\.\/evil\.txt\)/,
    ],
    [
      'a climb in the middle of a name',
      () => withManifest({ name: 'a/../../evil.txt', content: 'x' }),
      /climbs out of the package/,
    ],
    [
      'a backslash climb',
      () => withManifest({ name: '..\\evil.txt', content: 'x' }),
      /climbs out of the package/,
    ],
    [
      'an absolute path',
      () => withManifest({ name: '/tmp/evil.txt', content: 'x' }),
      /absolute path \(\/tmp\/evil\.txt\)/,
    ],
    [
      'a drive letter',
      () => withManifest({ name: 'C:/evil.txt', content: 'x' }),
      /absolute path \(C:\/evil\.txt\)/,
    ],
    [
      'a symlink entry',
      () => withManifest({ name: 'link', content: '/etc/passwd', mode: 0o120777 }),
      /symbolic link \(link\)/,
    ],
    [
      'a duplicate entry name',
      () => withManifest({ name: 'a.txt', content: '1' }, { name: 'a.txt', content: '2' }),
      /entry a\.txt twice/,
    ],
    [
      'names equal once normalized',
      () => withManifest({ name: 'a/b.txt', content: '1' }, { name: 'a//./b.txt', content: '2' }),
      /twice/,
    ],
    [
      'a file where a folder is',
      () => withManifest({ name: 'a', content: '1' }, { name: 'a/b.txt', content: '2' }),
      /sits inside a, which the zip also has as a file/,
    ],
    [
      'a folder where a file is',
      () => withManifest({ name: 'a/b.txt', content: '1' }, { name: 'a', content: '2' }),
      /both as a file and as a folder/,
    ],
    [
      'a zip bomb (50 MiB of zeros), while inflating',
      () => zipBombPackage(),
      /media\/bomb\.bin inflates more than 200:1/,
    ],
    [
      'many small entries that add up to a bomb (40 × 1 MiB of zeros), while inflating',
      () =>
        withManifest(
          ...Array.from({ length: 40 }, (_, i) => ({
            name: `media/zeros-${i}.bin`,
            content: Buffer.alloc(1024 ** 2),
          })),
        ),
      /inflates more than 100:1 overall/,
    ],
    [
      'more entries than the limit',
      () => tooManyEntriesPackage(),
      /10003 entries; a package may have at most 10000/,
    ],
    [
      'a package past the total size',
      () => scorm12MultiScoPackage(),
      /inflates to more than 5000 bytes/,
      { maxTotalBytes: 5000 },
    ],
    [
      'a stricter entry limit',
      () => scorm12MultiScoPackage(),
      /4 entries; a package may have at most 3/,
      { maxEntries: 3 },
    ],
    [
      'damaged bytes in a stored entry',
      damagedStoredEntry,
      /a\.txt is corrupt \(its checksum does not match\)/,
    ],
    [
      'an entry that inflates past its declared size',
      understatedBomb,
      /zip is corrupt|inflates more than/,
    ],
  ];
  for (const [name, build, message, limits] of refusals) {
    it(`refuses ${name} and leaves nothing behind`, async () => {
      await assertRefused(await build(), message, limits);
    });
  }
});

/** A stored entry whose data is altered after zipping: only the CRC can tell. */
async function damagedStoredEntry(): Promise<Buffer> {
  const zip = await withManifest({ name: 'a.txt', content: 'hello world', compress: false });
  const at = zip.indexOf('hello world');
  zip[at] = 'j'.charCodeAt(0);
  return zip;
}

/** A bomb whose central directory claims the entry inflates to 1,000 bytes. */
async function understatedBomb(): Promise<Buffer> {
  const zip = await zipBombPackage(8 * 1024 * 1024);
  const name = Buffer.from('media/bomb.bin');
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = zip.indexOf(signature); at !== -1; at = zip.indexOf(signature, at + 4)) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.subarray(at + 46, at + 46 + nameLength).equals(name)) zip.writeUInt32LE(1000, at + 24);
  }
  return zip;
}
