import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { uploadCourse } from '@courier/tests/support/api.js';
import {
  buildZip,
  scorm12Manifest,
  scorm12Package,
} from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

describe('PACKAGE_INFLATED_LIMIT_MB', () => {
  let courier: TestCourier;
  let token: string;
  before(async () => {
    courier = await startTestCourier({ PACKAGE_INFLATED_LIMIT_MB: '1' });
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

  it('refuses a package whose files inflate past the configured cap, keeping no files and no rows', async () => {
    assert.equal(courier.config.packageInflatedLimitBytes, 1024 * 1024);
    const before = await leftovers();
    // Incompressible files: no ratio rule applies, only the whole package's size.
    const zip = await buildZip([
      { name: 'imsmanifest.xml', content: scorm12Manifest() },
      { name: 'media/a.bin', content: randomBytes(600 * 1024) },
      { name: 'media/b.bin', content: randomBytes(600 * 1024) },
    ]);
    const { status, body } = await uploadCourse(courier, token, zip);
    assert.equal(status, 422, JSON.stringify(body));
    assert.equal(body.error?.code, 'INVALID_PACKAGE');
    assert.match(body.error!.message, /inflates to more than 1048576 bytes/);
    assert.deepEqual(await leftovers(), before);
  });

  it('imports a package under the cap', async () => {
    const { status, body } = await uploadCourse(courier, token, await scorm12Package());
    assert.equal(status, 201, JSON.stringify(body));
  });
});
