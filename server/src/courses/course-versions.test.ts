import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commit, importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import { scorm12Package, scorm2004Package } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

const COURSE = `query($id: ID!) { course(id: $id) {
  id title version scoCount items { id } versions { version title scoCount sizeBytes createdAt }
} }`;
const SESSION = '{ playerSession { items { id launchUrl } } }';

describe('course versions', () => {
  let courier: TestCourier;
  let token: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  async function uploadVersion(courseId: string, zip: Buffer | string) {
    const res = await fetch(`${courier.url}/api/courses?courseId=${courseId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
      body: zip,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  /** Polls until `check` is truthy, with a deadline: events cross instances asynchronously. */
  async function eventually<T>(check: () => Promise<T | false>, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function contentDirs() {
    return (await readdir(path.join(courier.config.dataDir, 'content'))).sort();
  }

  it('takes a new version: registrations keep their data, new launches get the new files', async () => {
    const courseId = await importOk(
      courier,
      token,
      await scorm12Package({ title: 'Safety', scoCount: 2 }),
    );
    const first = await registerAndLaunch(courier, token, courseId, { id: 'v-1' });
    const done = await commit(
      courier,
      first,
      1,
      { 'cmi.core.lesson_status': 'completed' },
      {
        scoId: 'item_1',
      },
    );
    assert.equal(done.errors, undefined);
    const left = await commit(
      courier,
      first,
      2,
      { 'cmi.core.lesson_location': 'page-7' },
      {
        scoId: 'item_2',
      },
    );
    assert.equal(left.data?.commitRuntime.registration.status, 'IN_PROGRESS');

    // Version 2 drops lesson 2 and fixes lesson 1.
    const { status, body } = await uploadVersion(
      courseId,
      await scorm12Package({ title: 'Safety (fixed)', scoCount: 1 }),
    );
    assert.equal(status, 201);
    assert.deepEqual(body, {
      id: courseId,
      title: 'Safety (fixed)',
      scormVersion: 'SCORM_12',
      version: 2,
    });
    const { course } = await courier.gqlOk(COURSE, { id: courseId }, token);
    assert.equal(course.version, 2);
    assert.deepEqual(course.items, [{ id: 'item_1' }]);
    assert.deepEqual(
      course.versions.map((v: any) => [v.version, v.title, v.scoCount]),
      [
        [2, 'Safety (fixed)', 1],
        [1, 'Safety', 2],
      ],
    );
    assert.ok(Date.parse(course.versions[0].createdAt) >= Date.parse(course.versions[1].createdAt));

    // The open attempt's cached course facts were forgotten: lesson 2 is gone for new commits,
    // and the course now completes with lesson 1 alone.
    const gone = await commit(
      courier,
      first,
      3,
      { 'cmi.core.lesson_location': 'p' },
      {
        scoId: 'item_2',
      },
    );
    assert.equal(gone.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    const again = await commit(
      courier,
      first,
      4,
      { 'cmi.core.score.raw': '90' },
      {
        scoId: 'item_1',
      },
    );
    assert.equal(again.data?.commitRuntime.registration.status, 'COMPLETED');
    // Lesson 2's history stays stored.
    const [kept] = await courier.services.orm.em
      .fork()
      .execute(
        `SELECT count(*) AS n FROM sco_states WHERE registration_id = ? AND sco_id = 'item_2'`,
        [first.registrationId],
      );
    assert.equal(Number(kept!.n), 1);

    // A new launch gets the new files, under a new content path; the old files still serve.
    const { launchRegistration } = await courier.gqlOk(
      'mutation($id: ID!) { launchRegistration(id: $id) { token } }',
      { id: first.registrationId },
      token,
    );
    const { playerSession } = await courier.gqlOk(SESSION, {}, launchRegistration.token);
    const launchUrl: string = playerSession.items[0].launchUrl;
    assert.doesNotMatch(launchUrl, new RegExp(courseId));
    const page = await fetch(`${courier.contentUrl}${launchUrl}`);
    assert.equal(page.status, 200);
    const old = await fetch(`${courier.contentUrl}/content/${courseId}/lesson2/index.html`);
    assert.equal(old.status, 200);
  });

  it('makes every instance forget the old version, not only the one that took the upload', async (t) => {
    if (!process.env['DATABASE_URL'])
      return t.skip('needs DATABASE_URL: embedded PostgreSQL serves one instance');
    const other = await startTestCourier({}, { shareDatabaseWith: courier });
    try {
      const courseId = await importOk(courier, token, await scorm12Package({ scoCount: 2 }));
      const launch = await registerAndLaunch(courier, token, courseId, { id: 'fleet-1' });
      // The other instance takes this learner's commits and caches the course's two SCOs.
      const cached = await commit(
        other,
        launch,
        1,
        { 'cmi.core.lesson_location': 'a' },
        {
          scoId: 'item_2',
        },
      );
      assert.equal(cached.errors, undefined);
      assert.equal((await uploadVersion(courseId, await scorm12Package())).status, 201);
      let seq = 1;
      const refused = await eventually(async () => {
        const result = await commit(
          other,
          launch,
          ++seq,
          { 'cmi.core.lesson_location': 'b' },
          {
            scoId: 'item_2',
          },
        );
        return result.errors?.[0]?.extensions?.['code'] === 'BAD_USER_INPUT' && result;
      });
      assert.match(refused.errors![0]!.message, /no item item_2/);
    } finally {
      await other.stopKeepingDatabase();
    }
  });

  it('refuses a bad zip as a new version and leaves the course and its files untouched', async () => {
    const courseId = await importOk(courier, token, await scorm12Package({ title: 'Kept' }));
    const before = await courier.gqlOk(COURSE, { id: courseId }, token);
    const dirs = await contentDirs();
    const { status, body } = await uploadVersion(courseId, 'this is not a zip');
    assert.equal(status, 422);
    assert.equal(body.error.code, 'INVALID_PACKAGE');
    assert.deepEqual(await courier.gqlOk(COURSE, { id: courseId }, token), before);
    assert.deepEqual(await contentDirs(), dirs);
  });

  it('refuses a new version in another SCORM edition', async () => {
    const courseId = await importOk(courier, token, await scorm12Package({ title: '1.2' }));
    const dirs = await contentDirs();
    const { status, body } = await uploadVersion(courseId, await scorm2004Package());
    assert.equal(status, 422);
    assert.equal(body.error.code, 'INVALID_PACKAGE');
    assert.match(body.error.message, /SCORM 2004 but the course is SCORM 1\.2/);
    const { course } = await courier.gqlOk(COURSE, { id: courseId }, token);
    assert.equal(course.version, 1);
    assert.deepEqual(await contentDirs(), dirs);
  });

  it('refuses a new version of a course that is not there', async () => {
    const missing = await uploadVersion(
      '00000000-0000-4000-8000-000000000000',
      await scorm12Package(),
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'NOT_FOUND');
    const malformed = await uploadVersion('not-an-id', await scorm12Package());
    assert.equal(malformed.status, 404);
  });

  it('deletes every version’s files with the course', async () => {
    const courseId = await importOk(courier, token, await scorm12Package({ title: 'Gone' }));
    const dirs = await contentDirs();
    assert.equal((await uploadVersion(courseId, await scorm12Package())).status, 201);
    assert.equal((await contentDirs()).length, dirs.length + 1);
    await courier.gqlOk('mutation($id: ID!) { deleteCourse(id: $id) }', { id: courseId }, token);
    assert.deepEqual(
      await contentDirs(),
      dirs.filter((d) => d !== courseId),
    );
  });
});
