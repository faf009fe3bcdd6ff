import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { InvalidPackageError } from '../errors.js';
import type { ScormVersion } from '../scorm/manifest.js';
import {
  badPackages,
  buildZip,
  scorm12Manifest,
  scorm12MultiScoPackage,
  scorm12SinglePackage,
  scorm2004Edition3Package,
  scorm2004Edition4Package,
  testScoHtml,
  upperCasePackage,
  writeTempZip,
  xmlBasePackage,
} from '@courier/tests/support/scorm-packages.js';
import { preparePackage } from './prepare-package.js';

const cleanup: string[] = [];
after(() => Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Writes the zip to a file and names a fresh work folder, as the importer does. */
async function stage(zip: Buffer): Promise<{ zipPath: string; workDir: string }> {
  const zipPath = await writeTempZip(zip);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'courier-prepare-'));
  cleanup.push(path.dirname(zipPath), workDir);
  return { zipPath, workDir };
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

describe('preparePackage', () => {
  const good: Array<[string, () => Promise<Buffer>, string, ScormVersion, number, number]> = [
    [
      'a SCORM 1.2 single SCO',
      () => scorm12SinglePackage({ title: 'One' }),
      'One',
      'SCORM_12',
      1,
      2,
    ],
    ['a SCORM 1.2 multi-SCO course', scorm12MultiScoPackage, 'SCORM 1.2 course', 'SCORM_12', 3, 4],
    ['SCORM 2004 3rd edition', scorm2004Edition3Package, 'SCORM 2004 course', 'SCORM_2004', 1, 2],
    ['SCORM 2004 4th edition', scorm2004Edition4Package, 'SCORM 2004 course', 'SCORM_2004', 1, 2],
    ['xml:base and parameters', xmlBasePackage, 'Based course', 'SCORM_12', 1, 3],
    ['an upper-case manifest', upperCasePackage, 'Shouted course', 'SCORM_12', 1, 2],
  ];
  for (const [name, build, title, version, scoCount, fileCount] of good) {
    it(`prepares ${name} with every launch file in place`, async () => {
      const { zipPath, workDir } = await stage(await build());
      const prepared = await preparePackage(zipPath, workDir);
      assert.deepEqual(
        {
          title: prepared.manifest.title,
          version: prepared.manifest.version,
          scoCount: prepared.manifest.scoCount,
          fileCount: prepared.fileCount,
          dir: prepared.dir,
        },
        { title, version, scoCount, fileCount, dir: workDir },
      );
      assert.ok(prepared.totalBytes > 0);
      for (const item of prepared.manifest.items) {
        assert.ok(await exists(path.join(workDir, item.launchPath)), item.launchPath);
      }
    });
  }

  it('finds the manifest and launch files whatever their letter case', async () => {
    const { zipPath, workDir } = await stage(
      await buildZip([
        { name: 'IMSManifest.XML', content: scorm12Manifest() },
        { name: 'Lesson1/Index.html', content: testScoHtml('SCORM_12', 'Lesson 1') },
      ]),
    );
    const { manifest } = await preparePackage(zipPath, workDir);
    assert.equal(manifest.items[0]!.launchPath, 'Lesson1/Index.html');
  });

  it('takes an untyped resource as a SCO when its page talks to the runtime, else as an asset', async () => {
    // As eXe Learning's 2004 exports: no adlcp:scormType anywhere, the API used from a wrapper
    // script the page loads, or from a frame.
    const manifest = `<?xml version="1.0"?>
<manifest identifier="exe" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schemaversion>2004 3rd Edition</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Reinos</title>
    <item identifier="intro" identifierref="r1"><title>Intro</title></item>
    <item identifier="quiz" identifierref="r2"><title>Cuestionario</title></item>
    <item identifier="framed" identifierref="r3"><title>Framed</title></item>
    <item identifier="inline" identifierref="r4"><title>Inline</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="r1" type="webcontent" href="intro.html"/>
    <resource identifier="r2" type="webcontent" href="quiz.html"/>
    <resource identifier="r3" type="webcontent" href="frames/index.html"/>
    <resource identifier="r4" type="webcontent" href="inline.html"/>
  </resources>
</manifest>`;
    const { zipPath, workDir } = await stage(
      await buildZip([
        { name: 'imsmanifest.xml', content: manifest },
        {
          name: 'intro.html',
          content: '<html><script src="common.js"></script><p>Hola</p></html>',
        },
        { name: 'common.js', content: 'function show() { return 1; }' },
        {
          name: 'quiz.html',
          content:
            '<html><script src="Scripts/SCORM_API_Wrapper.js?v=2"></script><body onload="loadPage()"></html>',
        },
        {
          name: 'scripts/scorm_api_wrapper.js',
          content: 'var API = findAPI(window); function init() { return API.Initialize(""); }',
        },
        {
          name: 'frames/index.html',
          content: '<frameset><frame src="../page%201.html"></frameset>',
        },
        { name: 'page 1.html', content: '<script>parent.API.LMSInitialize("")</script>' },
        { name: 'inline.html', content: '<script>window.API_1484_11 && go()</script>' },
      ]),
    );
    const prepared = await preparePackage(zipPath, workDir);
    assert.deepEqual(
      prepared.manifest.items.map((i) => [i.identifier, i.scormType]),
      [
        ['intro', 'asset'],
        ['quiz', 'sco'],
        ['framed', 'sco'],
        ['inline', 'sco'],
      ],
    );
    assert.equal(prepared.manifest.scoCount, 3);
  });

  it('serves the real SCO in good packages', async () => {
    const { zipPath, workDir } = await stage(await scorm12SinglePackage());
    const { manifest } = await preparePackage(zipPath, workDir);
    const html = await readFile(path.join(workDir, manifest.items[0]!.launchPath), 'utf8');
    for (const id of [
      'complete',
      'pass',
      'fail',
      'suspend',
      'finish',
      'set-location',
      'entry',
      'location',
    ]) {
      assert.match(html, new RegExp(`id="${id}"`), id);
    }
    assert.match(html, /LMSInitialize/);
  });

  for (const { name, build, refusal } of badPackages) {
    it(`refuses ${name} and leaves no work folder`, async () => {
      const { zipPath, workDir } = await stage(await build());
      await assert.rejects(preparePackage(zipPath, workDir), (err: Error) => {
        // The domain error the API reports, never the pure core's ManifestProblem.
        assert.ok(err instanceof InvalidPackageError, `${err.name}: ${err.message}`);
        assert.equal(err.extensions.code, 'INVALID_PACKAGE', err.message);
        assert.match(err.message, refusal);
        return true;
      });
      assert.equal(await exists(workDir), false);
    });
  }
});
