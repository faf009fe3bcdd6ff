import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { commit, importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { repairStats } from './repair-stats.js';

describe('the stats repair command', () => {
  let courier: TestCourier;
  before(async () => {
    courier = await startTestCourier();
  });
  after(async () => {
    await courier.stop();
  });

  it('finds no drift in counters kept by commits, then repairs a corrupted one', async () => {
    const token = await courier.ownerToken();
    const course = await importOk(courier, token, await scorm12SinglePackage({ title: 'Counted' }));
    for (let i = 0; i < 6; i++) {
      const l = await registerAndLaunch(courier, token, course, { id: `count-${i}` });
      await commit(courier, l, 1, { 'cmi.core.lesson_status': i % 2 ? 'passed' : 'incomplete' });
    }
    const em = courier.services.orm.em.fork();
    assert.deepEqual(await repairStats(em), []);
    await em.execute(
      `UPDATE registration_stats SET passed = passed + 7 WHERE (organization_id, course_id, shard) IN
         (SELECT organization_id, course_id, shard FROM registration_stats WHERE course_id = ? LIMIT 1)`,
      [course],
    );
    const drift = await repairStats(em);
    assert.equal(drift.length, 1);
    assert.equal(drift[0]!.column, 'passed');
    assert.equal(drift[0]!.counted - drift[0]!.actual, 7);
    assert.deepEqual(await repairStats(em), []);
    const { organization } = await courier.gqlOk(
      '{ organization { stats { passed total } } }',
      {},
      token,
    );
    assert.deepEqual(organization.stats, { passed: 3, total: 6 });
  });
});
