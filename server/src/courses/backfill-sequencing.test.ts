import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { commit, importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import {
  forcedSequentialPackage,
  scorm12SinglePackage,
} from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { startTestS3, type TestS3 } from '@courier/tests/support/test-s3.js';
import { backfillSequencing } from './backfill-sequencing.js';

/**
 * Plays Forced Sequential Order up to the quiz page opening (it reports completed at once): the
 * item-by-item rule calls that PASSED (every SCO done, some passed, none failed); the rollup says
 * completed, not yet satisfied.
 */
async function playUntilQuizOpens(
  courier: TestCourier,
  token: string,
  courseId: string,
  id: string,
) {
  const launch = await registerAndLaunch(courier, token, courseId, { id });
  let seq = 0;
  for (const scoId of ['playing_item', 'etiquette_item', 'handicapping_item']) {
    const res = await commit(
      courier,
      launch,
      ++seq,
      {
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'passed',
        'cmi.exit': 'normal',
      },
      { scoId, finished: true },
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  }
  const res = await commit(
    courier,
    launch,
    ++seq,
    { 'cmi.completion_status': 'completed' },
    { scoId: 'assessment_item' },
  );
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data!.commitRuntime.registration.status as string;
}

async function forgetSequencing(courier: TestCourier, courseId: string) {
  await courier.services.orm.em
    .fork()
    .execute('UPDATE courses SET sequencing = NULL WHERE id = ?', [courseId]);
}

async function sequencingOf(courier: TestCourier, courseId: string) {
  const [row]: Array<{ sequencing: { root: { children: unknown[] } } | null }> =
    await courier.services.orm.em
      .fork()
      .execute('SELECT sequencing FROM courses WHERE id = ?', [courseId]);
  return row!.sequencing;
}

describe('courses imported before sequencing was kept', () => {
  let courier: TestCourier;
  let token: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  it('get their sequencing re-read from the stored manifest; one whose files are gone is skipped, not fatal', async () => {
    const earlier = await importOk(courier, token, await forcedSequentialPackage());
    const gone = await importOk(courier, token, await forcedSequentialPackage());
    const scorm12 = await importOk(courier, token, await scorm12SinglePackage());
    await forgetSequencing(courier, earlier);
    await forgetSequencing(courier, gone);
    await courier.services.storage.remove(gone);
    assert.equal(
      await playUntilQuizOpens(courier, token, earlier, 'before-backfill'),
      'PASSED',
      'without its sequencing the course falls back to the item-by-item rule',
    );

    const outcome = await backfillSequencing({
      ...courier.services,
      logger: pino({ level: 'silent' }),
    });
    assert.deepEqual(outcome.filled, [earlier]);
    assert.deepEqual(
      outcome.failed.map((f) => f.courseId),
      [gone],
    );
    assert.match(outcome.failed[0]!.reason, /imsmanifest\.xml is not in the content storage/);
    assert.equal((await sequencingOf(courier, earlier))?.root.children.length, 4);
    assert.equal(await sequencingOf(courier, scorm12), null, 'SCORM 1.2 has no sequencing');
    assert.equal(
      await playUntilQuizOpens(courier, token, earlier, 'after-backfill'),
      'COMPLETED',
      'with it, the rollup judges again: completed, not yet satisfied',
    );

    const again = await backfillSequencing({
      ...courier.services,
      logger: pino({ level: 'silent' }),
    });
    assert.deepEqual(again.filled, [], 'a course done once is not read again');
  });
});

describe('a restarted instance re-reads earlier courses from S3', () => {
  let s3: TestS3;
  before(async () => {
    s3 = await startTestS3();
  });
  after(async () => {
    await s3.stop();
  });

  it('stores their sequencing before serving, and the verdict follows the rollup again', async (t) => {
    if (!process.env['DATABASE_URL'])
      return t.skip('needs DATABASE_URL: embedded PostgreSQL serves one instance');
    const first = await startTestCourier(s3.env);
    let second: TestCourier | null = null;
    try {
      const token = await first.ownerToken();
      const courseId = await importOk(first, token, await forcedSequentialPackage());
      await forgetSequencing(first, courseId);
      await first.stopKeepingDatabase();

      second = await startTestCourier(s3.env, { shareDatabaseWith: first, takeOverDatabase: true });
      assert.notEqual(await sequencingOf(second, courseId), null);
      assert.equal(
        await playUntilQuizOpens(second, await second.ownerToken(), courseId, 'after-restart'),
        'COMPLETED',
      );
    } finally {
      await (second ?? first).stop();
    }
  });
});
