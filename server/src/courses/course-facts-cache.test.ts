import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { CourseFactsCache } from './course-facts-cache.js';

describe('the course facts cache', () => {
  let courier: TestCourier;
  let courseId: string;
  let registrationId: string;
  let organizationId: string;
  const em = () => courier.services.orm.em.fork();
  const launch = () => ({ registrationId, organizationId, courseId });
  const renameItem = (identifier: string) =>
    em().execute(
      `UPDATE courses SET items = jsonb_set(items, '{0,identifier}', to_jsonb(?::text)) WHERE id = ?`,
      [identifier, courseId],
    );

  before(async () => {
    courier = await startTestCourier();
    const token = await courier.ownerToken();
    courseId = await importOk(courier, token, await scorm12SinglePackage({ title: 'Cached' }));
    ({ registrationId } = await registerAndLaunch(courier, token, courseId, { id: 'cached-1' }));
    const [row] = await em().execute<Array<{ organization_id: string }>>(
      'SELECT organization_id FROM registrations WHERE id = ?',
      [registrationId],
    );
    organizationId = row!.organization_id;
  });
  after(async () => {
    await courier.stop();
  });

  it('keeps nothing it read while a new version was being announced', async () => {
    const cache = new CourseFactsCache();
    await renameItem('v1');
    const inFlight = cache.get(em, launch());
    cache.forgetCourse(courseId);
    assert.equal((await inFlight)?.items[0]?.identifier, 'v1');
    await renameItem('v2');
    const next = await cache.get(em, launch());
    assert.equal(next?.items[0]?.identifier, 'v2', 'the read that raced the forget was not kept');
  });

  it('keeps one entry per course, found by the course a launch token names', async () => {
    const cache = new CourseFactsCache();
    const token = await courier.ownerToken();
    const other = await registerAndLaunch(courier, token, courseId, { id: 'cached-2' });
    const first = await cache.get(em, launch());
    let reads = 0;
    const counting = () => (reads++, em());
    const second = await cache.get(counting, { ...launch(), registrationId: other.registrationId });
    assert.equal(second, first, "the second learner's commit shares the first's entry");
    assert.equal(reads, 0, 'nothing was read for it');
    assert.equal(
      await cache.get(em, { ...launch(), organizationId: randomUUID() }),
      null,
      'a launch of another organization gets nothing',
    );
  });

  it('finds the course through the registration for a token that does not name it', async () => {
    const cache = new CourseFactsCache();
    await renameItem('old-token');
    const facts = await cache.get(em, { registrationId, organizationId });
    assert.equal(facts?.courseId, courseId);
    assert.equal(facts?.items[0]?.identifier, 'old-token');
    assert.equal(
      await cache.get(em, { registrationId: randomUUID(), organizationId }),
      null,
      'a registration that is gone has no course',
    );
  });

  it('reads a course again once its entry is older than the time to live', async () => {
    const cache = new CourseFactsCache(100, 0);
    await renameItem('v3');
    assert.equal((await cache.get(em, launch()))?.items[0]?.identifier, 'v3');
    await renameItem('v4');
    assert.equal((await cache.get(em, launch()))?.items[0]?.identifier, 'v4');
  });
});
