import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { get } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { uploadCourse } from '@courier/tests/support/api.js';
import {
  buildZip,
  scorm12Manifest,
  scorm12Package,
  scorm2004Package,
} from '@courier/tests/support/scorm-packages.js';
import { testScoHtml } from '@courier/tests/support/test-sco.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

const COURSE = `query($id: ID!) { course(id: $id) { id title scormVersion scoCount items { id title scormType visible launchPath masteryScore } stats { total } } }`;

describe('importing SCORM packages', () => {
  let courier: TestCourier;
  let token: string;
  before(async () => {
    courier = await startTestCourier({ UPLOAD_LIMIT_MB: '20' });
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  async function leftovers() {
    const content = await readdir(path.join(courier.config.dataDir, 'content')).catch(() => []);
    const tmp = await readdir(path.join(courier.config.dataDir, 'tmp')).catch(() => []);
    const [row] = await courier.services.orm.em.fork().execute('SELECT count(*) AS n FROM courses');
    return { content: content.length, tmp: tmp.length, rows: Number(row!.n) };
  }

  it('imports a SCORM 1.2 multi-SCO package and serves its content', async () => {
    const { status, body } = await uploadCourse(
      courier,
      token,
      await scorm12Package({ title: 'Fire safety', scoCount: 3, hidden: 1, masteryScore: 75 }),
    );
    assert.equal(status, 201);
    assert.deepEqual(
      { title: body.title, scormVersion: body.scormVersion },
      { title: 'Fire safety', scormVersion: 'SCORM_12' },
    );
    const { course } = await courier.gqlOk(COURSE, { id: body.id }, token);
    assert.equal(course.scoCount, 3);
    assert.deepEqual(
      course.items.map((i: any) => [i.id, i.visible, i.launchPath, i.masteryScore]),
      [
        ['item_1', true, 'lesson1/index.html', 75],
        ['item_2', false, 'lesson2/index.html', 75],
        ['item_3', true, 'lesson3/index.html', 75],
      ],
    );
    const page = await fetch(`${courier.contentUrl}/content/${body.id}/lesson2/index.html`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /Lesson 2/);
  });

  it('serves a page in the encoding its <meta charset> names, and UTF-8 when it names none', async () => {
    // The HTTP charset outranks the page's: a blanket utf-8 broke the accents of Latin-1 pages.
    const latin1 = Buffer.concat([
      Buffer.from(
        '<!doctype html><html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body>Le',
      ),
      Buffer.from([0xe7]),
      Buffer.from('on</body></html>'),
    ]);
    const { status, body } = await uploadCourse(
      courier,
      token,
      await buildZip([
        { name: 'imsmanifest.xml', content: scorm12Manifest({ title: 'Encodings' }) },
        { name: 'lesson1/index.html', content: latin1 },
        { name: 'lesson1/plain.html', content: '<!doctype html><p>Leçon</p>' },
      ]),
    );
    assert.equal(status, 201, JSON.stringify(body));
    const page = await fetch(`${courier.contentUrl}/content/${body.id}/lesson1/index.html`);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=iso-8859-1');
    assert.deepEqual(Buffer.from(await page.arrayBuffer()), latin1);
    const plain = await fetch(`${courier.contentUrl}/content/${body.id}/lesson1/plain.html`);
    assert.equal(plain.headers.get('content-type'), 'text/html; charset=utf-8');
  });

  it('serves a file asked for in another case, as content made on Windows does', async () => {
    const { status, body } = await uploadCourse(
      courier,
      token,
      await buildZip([
        { name: 'imsmanifest.xml', content: scorm12Manifest({ title: 'Cases' }) },
        { name: 'lesson1/index.html', content: testScoHtml('SCORM_12', 'Cases') },
        { name: 'lesson1/Images/logo.png', content: 'png bytes' },
      ]),
    );
    assert.equal(status, 201, JSON.stringify(body));
    const logo = await fetch(`${courier.contentUrl}/content/${body.id}/Lesson1/images/LOGO.png`);
    assert.equal(logo.status, 200);
    assert.equal(logo.headers.get('content-type'), 'image/png');
    assert.equal(await logo.text(), 'png bytes');
    const missing = await fetch(
      `${courier.contentUrl}/content/${body.id}/lesson1/images/other.png`,
    );
    assert.equal(missing.status, 404);
  });

  it('imports SCORM 2004 3rd and 4th edition packages', async () => {
    for (const edition of [3, 4] as const) {
      const { status, body } = await uploadCourse(
        courier,
        token,
        await scorm2004Package({
          title: `Ed ${edition}`,
          edition,
          completionThreshold: 0.8,
          passingScore: 0.7,
        }),
      );
      assert.equal(status, 201, JSON.stringify(body));
      assert.equal(body.scormVersion, 'SCORM_2004');
    }
  });

  it('refuses what is not a package, and keeps nothing', async () => {
    const before = await leftovers();
    const nested = await buildZip([
      { name: 'course/imsmanifest.xml', content: scorm12Manifest() },
      { name: 'course/lesson1/index.html', content: testScoHtml('SCORM_12', 'x') },
    ]);
    const cases: Array<[string, Buffer, RegExp]> = [
      ['random bytes', Buffer.from('%PDF-1.4 not a zip at all'), /not a readable zip/],
      ['an empty zip', await buildZip([]), /not a readable zip|empty/],
      ['a nested manifest', nested, /root of the zip; found at course\/imsmanifest\.xml/],
      [
        'malformed XML',
        await buildZip([{ name: 'imsmanifest.xml', content: '<manifest><organizations>' }]),
        /not well-formed/,
      ],
      [
        'an entity bomb',
        await buildZip([
          {
            name: 'imsmanifest.xml',
            content:
              '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><manifest>&b;</manifest>',
          },
        ]),
        /entities/,
      ],
      [
        'a missing launch file',
        await buildZip([{ name: 'imsmanifest.xml', content: scorm12Manifest() }]),
        /launches lesson1\/index\.html, which is not in the zip/,
      ],
      [
        'a zip-slip entry',
        await buildZip([
          { name: 'imsmanifest.xml', content: scorm12Manifest() },
          { name: '../evil.txt', content: 'x' },
        ]),
        /climbs out/,
      ],
      [
        'an absolute path',
        await buildZip([
          { name: 'imsmanifest.xml', content: scorm12Manifest() },
          { name: '/etc/evil', content: 'x' },
        ]),
        /absolute path/,
      ],
      [
        'a symlink entry',
        await buildZip([
          { name: 'imsmanifest.xml', content: scorm12Manifest() },
          { name: 'link', content: '/etc/passwd', mode: 0o120777 },
        ]),
        /symbolic link/,
      ],
      [
        'a zip bomb',
        await buildZip([
          { name: 'imsmanifest.xml', content: scorm12Manifest() },
          { name: 'bomb.bin', content: Buffer.alloc(15 * 1024 * 1024) },
        ]),
        /inflates more than/,
      ],
    ];
    for (const [name, zip, message] of cases) {
      const { status, body } = await uploadCourse(courier, token, zip);
      assert.equal(status, 422, `${name}: ${JSON.stringify(body)}`);
      assert.equal(body.error?.code, 'INVALID_PACKAGE', name);
      assert.match(body.error!.message, message, name);
    }
    assert.deepEqual(await leftovers(), before);
  });

  it('refuses a body over the upload limit with 413', async () => {
    const res = await fetch(`${courier.url}/api/courses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
      body: Buffer.alloc(21 * 1024 * 1024),
    });
    assert.equal(res.status, 413);
    const body = (await res.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses an upload without an admin token', async () => {
    const zip = await scorm12Package();
    const { status } = await uploadCourse(courier, 'nope', zip);
    assert.equal(status, 401);
  });

  it('serves nothing outside a course folder and lists no directories', async () => {
    const { body } = await uploadCourse(courier, token, await scorm12Package());
    // Raw requests: fetch would normalize the dots away before they reach the server.
    const raw = (p: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) =>
        get({ host: '127.0.0.1', port: new URL(courier.url).port, path: p }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        }).on('error', reject),
      );
    for (const p of [
      `/content/${body.id}/..%2f..%2fjwt-secret`,
      `/content/${body.id}/%2e%2e/%2e%2e/jwt-secret`,
      `/content/${body.id}/../../jwt-secret`,
    ]) {
      const res = await raw(p);
      assert.equal(res.text.includes(courier.config.jwtSecret), false, p);
    }
    for (const p of [
      `/content/${body.id}/lesson1/`,
      `/content/${body.id}/lesson1`,
      `/content/${body.id}/..%2f..%2fjwt-secret`,
    ]) {
      assert.equal((await raw(p)).status, 404, p);
    }
  });

  it('answers byte ranges so media can seek', async () => {
    const { body } = await uploadCourse(courier, token, await scorm12Package());
    const url = `${courier.contentUrl}/content/${body.id}/lesson1/index.html`;
    const whole = await (await fetch(url)).text();
    const part = await fetch(url, { headers: { range: 'bytes=10-19' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 10-19/${Buffer.byteLength(whole)}`);
    assert.equal(await part.text(), whole.slice(10, 20));
    const tail = await fetch(url, { headers: { range: 'bytes=-5' } });
    assert.equal(await tail.text(), whole.slice(-5));
    const beyond = await fetch(url, {
      headers: { range: `bytes=${Buffer.byteLength(whole) + 10}-` },
    });
    assert.equal(beyond.status, 416);
  });

  it('deletes a course with its files', async () => {
    const { body } = await uploadCourse(courier, token, await scorm12Package());
    await courier.gqlOk('mutation($id: ID!) { deleteCourse(id: $id) }', { id: body.id }, token);
    const res = await fetch(`${courier.contentUrl}/content/${body.id}/lesson1/index.html`);
    assert.equal(res.status, 404);
    const { course } = await courier.gqlOk(COURSE, { id: body.id }, token);
    assert.equal(course, null);
  });
});
