import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importOk, uploadCourse } from '@courier/tests/support/api.js';
import { buildZip, scorm12Manifest, testScoHtml } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { startTestS3, type TestS3 } from '@courier/tests/support/test-s3.js';

/** 200 kB of every byte value, so a range read shows exactly which bytes came back. */
const media = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));

const packageWithMedia = () =>
  buildZip([
    { name: 'imsmanifest.xml', content: scorm12Manifest({ title: 'Stored in S3' }) },
    { name: 'lesson1/index.html', content: testScoHtml('SCORM_12', 'Lesson 1') },
    { name: 'lesson1/Media (1)/Clip été.bin', content: media },
    { name: 'lesson1/empty.html', content: '' },
  ]);

describe('course files in an S3-compatible bucket', () => {
  let s3: TestS3;
  let courier: TestCourier;
  let token: string;
  before(async () => {
    s3 = await startTestS3();
    courier = await startTestCourier(s3.env);
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier?.stop();
    await s3?.stop();
  });

  const content = (
    courseId: string,
    file: string,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ) => fetch(`${courier.contentUrl}/content/${courseId}/${file}`, { headers, signal });

  it('imports a course into the bucket and serves its files, ranges and other letter cases', async () => {
    const courseId = await importOk(courier, token, await packageWithMedia());
    const keys = await s3.keys();
    assert.ok(keys.includes(`${courseId}/lesson1/index.html`), keys.join(', '));
    assert.ok(keys.includes(`${courseId}/lesson1/Media (1)/Clip été.bin`));
    assert.ok(keys.includes(`${courseId}/imsmanifest.xml`));
    assert.equal(existsSync(path.join(courier.config.dataDir, 'content')), false, 'none on disk');

    const page = await content(courseId, 'lesson1/index.html');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /Lesson 1/);

    const whole = await content(courseId, 'lesson1/Media%20(1)/Clip%20%C3%A9t%C3%A9.bin');
    assert.equal(whole.status, 200);
    assert.deepEqual(Buffer.from(await whole.arrayBuffer()), media);

    const part = await content(courseId, 'lesson1/media%20(1)/CLIP%20%C3%A9T%C3%A9.BIN', {
      range: 'bytes=1000-1999',
    });
    assert.equal(part.status, 206, 'found in another letter case, and only the range asked');
    assert.equal(part.headers.get('content-range'), `bytes 1000-1999/${media.length}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), media.subarray(1000, 2000));

    assert.equal((await content(courseId, 'lesson1/missing.html')).status, 404);
    const empty = await content(courseId, 'lesson1/empty.html');
    assert.equal(empty.status, 200, 'an empty page is served, empty');
    assert.equal(await empty.text(), '');

    // Another instance on the same bucket serves the course too.
    const other = await startTestCourier(s3.env);
    try {
      const res = await fetch(`${other.contentUrl}/content/${courseId}/lesson1/index.html`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /Lesson 1/);
    } finally {
      await other.stop();
    }
  });

  it('removes every file of a deleted course from the bucket', async () => {
    const courseId = await importOk(courier, token, await packageWithMedia());
    assert.ok((await s3.keys()).some((k) => k.startsWith(`${courseId}/`)));
    await courier.gqlOk('mutation($id: ID!) { deleteCourse(id: $id) }', { id: courseId }, token);
    assert.deepEqual(
      (await s3.keys()).filter((k) => k.startsWith(`${courseId}/`)),
      [],
      'nothing of the course is left',
    );
    assert.equal((await content(courseId, 'lesson1/index.html')).status, 404);
  });

  it('keeps no row and no file when the store fails an upload midway', async () => {
    const before = await s3.keys();
    const many = await buildZip([
      { name: 'imsmanifest.xml', content: scorm12Manifest({ title: 'Half uploaded' }) },
      { name: 'lesson1/index.html', content: testScoHtml('SCORM_12', 'Lesson 1') },
      ...Array.from({ length: 40 }, (_, i) => ({
        name: `lesson1/page-${String(i).padStart(2, '0')}.html`,
        content: `<p>${i}</p>`,
      })),
    ]);
    s3.failUploads(/page-20\.html$/);
    try {
      const { status, body } = await uploadCourse(courier, token, many);
      assert.ok(status >= 500, `the import failed (${status})`);
      assert.doesNotMatch(JSON.stringify(body), /bucket|S3/i, 'no storage details leak');
    } finally {
      s3.failUploads(null);
    }
    const { courses } = await courier.gqlOk('{ courses { title } }', {}, token);
    assert.ok(!courses.some((c: { title: string }) => c.title === 'Half uploaded'), 'no row');
    assert.deepEqual(await s3.keys(), before, 'what went up before the failure is gone');
  });

  it('removes a course of more than a thousand files (several listing pages)', async () => {
    const courseId = await importOk(
      courier,
      token,
      await buildZip([
        { name: 'imsmanifest.xml', content: scorm12Manifest({ title: 'Big' }) },
        { name: 'lesson1/index.html', content: testScoHtml('SCORM_12', 'Lesson 1') },
        // '-' sorts before '.courier-index.json': the index must still go first.
        ...Array.from({ length: 1100 }, (_, i) => ({ name: `-asset-${i}.txt`, content: `${i}` })),
      ]),
    );
    assert.equal((await s3.keys()).filter((k) => k.startsWith(`${courseId}/`)).length, 1103);
    await courier.gqlOk('mutation($id: ID!) { deleteCourse(id: $id) }', { id: courseId }, token);
    assert.deepEqual(
      (await s3.keys()).filter((k) => k.startsWith(`${courseId}/`)),
      [],
    );
  });

  it('survives a file gone from the bucket mid-request, and a client that leaves early', async () => {
    const courseId = await importOk(courier, token, await packageWithMedia());
    await s3.deleteBehind(`${courseId}/lesson1/Media (1)/Clip été.bin`);
    const gone = await content(courseId, 'lesson1/Media%20(1)/Clip%20%C3%A9t%C3%A9.bin').then(
      (res) =>
        res.arrayBuffer().then(
          () => 'read',
          () => 'cut',
        ),
      () => 'cut',
    );
    assert.equal(gone, 'cut', 'the response ends in error: its headers were already out');
    const abort = new AbortController();
    const res = await content(courseId, 'lesson1/index.html', {}, abort.signal);
    abort.abort();
    await res.arrayBuffer().catch(() => {});
    const still = await content(courseId, 'lesson1/index.html');
    assert.equal(still.status, 200, 'the server is still up');
    assert.match(await still.text(), /Lesson 1/);
  });
});
