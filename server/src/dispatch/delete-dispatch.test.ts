import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importOk } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

const CREATE = `mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { key dispatch { id } } }`;
const LAUNCH = `mutation($k: String!, $l: LearnerInput!) { launchDispatch(key: $k, learner: $l) { token } }`;
const DELETE = 'mutation($id: ID!) { deleteDispatch(id: $id) }';
const DELETE_COURSE = 'mutation($id: ID!) { deleteCourse(id: $id) }';

describe('deleting a dispatch', () => {
  let courier: TestCourier;
  let token: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  async function dispatchedCourse() {
    const courseId = await importOk(courier, token, await scorm12SinglePackage({ title: 'D' }));
    const { createDispatch } = await courier.gqlOk(
      CREATE,
      { i: { courseId, recipientName: 'Partner LMS' } },
      token,
    );
    return { courseId, dispatchId: createDispatch.dispatch.id as string, key: createDispatch.key };
  }

  it('deletes the dispatch and its launches, stops its package, then lets its course go', async () => {
    const { courseId, dispatchId, key } = await dispatchedCourse();
    await courier.gqlOk(LAUNCH, { k: key, l: { id: 'lms-1' } });
    const refused = await courier.gql(DELETE_COURSE, { id: courseId }, token);
    assert.equal(refused.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');

    assert.deepEqual(await courier.gqlOk(DELETE, { id: dispatchId }, token), {
      deleteDispatch: true,
    });
    const { dispatch } = await courier.gqlOk(
      'query($id: ID!) { dispatch(id: $id) { id } }',
      { id: dispatchId },
      token,
    );
    assert.equal(dispatch, null);
    const [launches] = await courier.services.orm.em
      .fork()
      .execute('SELECT count(*) AS n FROM dispatch_launches WHERE dispatch_id = ?', [dispatchId]);
    assert.equal(Number(launches!.n), 0);
    // The learner's registration is the organization's record and stays with the course.
    const { registrations } = await courier.gqlOk(
      'query($c: ID!) { registrations(courseId: $c) { totalCount } }',
      { c: courseId },
      token,
    );
    assert.equal(registrations.totalCount, 1);
    const relaunch = await courier.gql(LAUNCH, { k: key, l: { id: 'lms-2' } });
    assert.ok(relaunch.errors?.length, 'the package no longer launches');

    assert.deepEqual(await courier.gqlOk(DELETE_COURSE, { id: courseId }, token), {
      deleteCourse: true,
    });
  });

  it('refuses a viewer, an unknown id and a malformed one, deleting nothing', async () => {
    const { dispatchId } = await dispatchedCourse();
    await courier.addUser(token, {
      email: 'viewer@courier.test',
      password: 'viewer-password-123',
      role: 'VIEWER',
    });
    const { login } = await courier.gqlOk(
      'mutation { login(email: "viewer@courier.test", password: "viewer-password-123") { token } }',
    );
    const asViewer = await courier.gql(DELETE, { id: dispatchId }, login.token);
    assert.equal(asViewer.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const unknown = await courier.gql(
      DELETE,
      { id: '00000000-0000-4000-8000-000000000000' },
      token,
    );
    assert.equal(unknown.errors?.[0]?.extensions?.['code'], 'NOT_FOUND');
    const malformed = await courier.gql(DELETE, { id: 'nope' }, token);
    assert.equal(malformed.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    const { dispatch } = await courier.gqlOk(
      'query($id: ID!) { dispatch(id: $id) { id } }',
      { id: dispatchId },
      token,
    );
    assert.equal(dispatch?.id, dispatchId);
  });
});
