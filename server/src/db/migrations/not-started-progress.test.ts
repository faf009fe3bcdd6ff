import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EntityManager } from '@mikro-orm/postgresql';
import { repairStats } from '../../registrations/repair-stats.js';
import { importOk } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { Migration20261202NotStartedProgress } from './20261202-not-started-progress.js';

describe('migration 20261202-not-started-progress', () => {
  let courier: TestCourier;
  before(async () => {
    courier = await startTestCourier();
  });
  after(async () => {
    await courier.stop();
  });

  it('gives registrations not started progress 0 and counts it, leaving the counters exact', async () => {
    const token = await courier.ownerToken();
    const courseId = await importOk(courier, token, await scorm12SinglePackage());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { createRegistration } = await courier.gqlOk(
        'mutation($c: ID!, $l: LearnerInput!) { createRegistration(courseId: $c, learner: $l) { id } }',
        { c: courseId, l: { id: `old-${i}` } },
        token,
      );
      ids.push(createRegistration.id);
    }
    const em = courier.services.orm.em.fork() as EntityManager;
    // As the rows and counters stood before: progress unknown, not counted.
    await em.execute(
      `UPDATE registrations SET progress = NULL, progress_source = 'UNKNOWN' WHERE course_id = ?`,
      [courseId],
    );
    await repairStats(em);

    const migration = new Migration20261202NotStartedProgress(
      courier.services.orm.em.getDriver(),
      courier.services.orm.config,
    );
    await migration.up();
    for (const query of migration.getQueries()) await em.execute(String(query));

    const rows: Array<{ progress: number; progress_source: string }> = await em.execute(
      'SELECT progress, progress_source FROM registrations WHERE course_id = ?',
      [courseId],
    );
    assert.equal(rows.length, 5);
    for (const row of rows) assert.deepEqual(row, { progress: 0, progress_source: 'STATUS' });
    assert.deepEqual(await repairStats(em, { dryRun: true }), [], 'the counters match the rows');
    const { course } = await courier.gqlOk(
      'query($id: ID!) { course(id: $id) { stats { total notStarted averageProgress } } }',
      { id: courseId },
      token,
    );
    assert.deepEqual(course.stats, { total: 5, notStarted: 5, averageProgress: 0 });
  });
});
