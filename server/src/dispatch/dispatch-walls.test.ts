import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importOk } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { LaunchLimiter } from './launch-limiter.js';

const CREATE = `mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { key secret dispatch { id } } }`;
const LAUNCH = `mutation($k: String!, $l: LearnerInput!) { launchDispatch(key: $k, learner: $l) { token attemptId dispatchLaunchId } }`;
const REPORT = `mutation($i: DispatchCompletionInput!) { reportDispatchCompletion(input: $i) { id status } }`;
const RENEW = 'mutation { renewLaunch { token expiresAt } }';

describe('dispatch walls', () => {
  let courier: TestCourier;
  let token: string;
  let courseId: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    courseId = await importOk(courier, token, await scorm12SinglePackage({ title: 'Walled' }));
  });
  after(async () => {
    await courier.stop();
  });

  const create = async (input: Record<string, unknown> = {}) =>
    (
      await courier.gqlOk(
        CREATE,
        { i: { courseId, recipientName: 'Partner LMS', ...input } },
        token,
      )
    ).createDispatch as { key: string; secret: string; dispatch: { id: string } };
  const sql = (query: string, params: unknown[] = []) =>
    courier.services.orm.em.fork().execute(query, params) as Promise<any[]>;
  const report = async (key: string, secret: string, input: Record<string, unknown>) => {
    const res = await fetch(`${courier.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
      },
      body: JSON.stringify({ query: REPORT, variables: { i: input } }),
    });
    return (await res.json()) as {
      data?: any;
      errors?: Array<{ message: string; extensions: { code: string } }>;
    };
  };

  it('shows the key whole to admins only', async () => {
    const { key, dispatch } = await create();
    await courier.addUser(token, {
      email: 'viewer@walls.test',
      password: 'viewer-password-1',
      role: 'VIEWER',
    });
    const { login } = await courier.gqlOk(
      'mutation { login(email: "viewer@walls.test", password: "viewer-password-1") { token } }',
    );
    const query = 'query($id: ID!) { dispatch(id: $id) { key } dispatches { key } }';
    const asViewer = await courier.gqlOk(query, { id: dispatch.id }, login.token);
    assert.equal(JSON.stringify(asViewer).includes(key), false);
    assert.equal(asViewer.dispatch.key, `••••••••${key.slice(-4)}`);
    const asAdmin = await courier.gqlOk(query, { id: dispatch.id }, token);
    assert.equal(asAdmin.dispatch.key, key);
  });

  it('rate limits launches and relaunches per key, counting and creating nothing when refused', async () => {
    courier.services.launchLimiter = new LaunchLimiter(3, 1000);
    const { key, dispatch } = await create({ maxLaunches: 10 });
    await courier.gqlOk(LAUNCH, { k: key, l: { id: 'a' } });
    await courier.gqlOk(LAUNCH, { k: key, l: { id: 'a' } });
    await courier.gqlOk(LAUNCH, { k: key, l: { id: 'b' } });
    for (const learner of ['a', 'invented-1']) {
      const refused = await courier.gql(LAUNCH, { k: key, l: { id: learner } });
      assert.equal(refused.errors?.[0]?.extensions?.code, 'RATE_LIMITED');
      assert.match(refused.errors![0]!.message, /try again in \d+ s/);
    }
    const [row] = await sql('SELECT launch_count FROM dispatches WHERE id = ?', [dispatch.id]);
    assert.equal(row.launch_count, 2);
    const [attempts] = await sql(
      `SELECT count(*)::int AS n FROM attempts a JOIN registrations r ON r.id = a.registration_id WHERE r.scope = ?`,
      [dispatch.id],
    );
    assert.equal(attempts.n, 3);
  });

  it('rate limits launches per address across keys', async () => {
    courier.services.launchLimiter = new LaunchLimiter(1000, 3);
    const one = await create();
    const two = await create();
    await courier.gqlOk(LAUNCH, { k: one.key, l: { id: 'x' } });
    await courier.gqlOk(LAUNCH, { k: two.key, l: { id: 'x' } });
    await courier.gqlOk(LAUNCH, { k: one.key, l: { id: 'y' } });
    const refused = await courier.gql(LAUNCH, { k: two.key, l: { id: 'y' } });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'RATE_LIMITED');
  });

  it('gives every concurrent first launch of one learner the same launch, on a cap of 1', async () => {
    courier.services.launchLimiter = new LaunchLimiter(1000, 1000);
    const { key, dispatch } = await create({ maxLaunches: 1 });
    const results = await Promise.all(
      Array.from({ length: 60 }, () => courier.gql(LAUNCH, { k: key, l: { id: 'same-one' } })),
    );
    assert.deepEqual(
      results.flatMap((r) => r.errors ?? []),
      [],
    );
    const launchIds = new Set(results.map((r) => r.data!.launchDispatch.dispatchLaunchId));
    assert.equal(launchIds.size, 1);
    const [row] = await sql('SELECT launch_count FROM dispatches WHERE id = ?', [dispatch.id]);
    assert.equal(row.launch_count, 1);
    const other = await courier.gql(LAUNCH, { k: key, l: { id: 'someone-else' } });
    assert.equal(other.errors?.[0]?.extensions?.code, 'DISPATCH_LIMIT_REACHED');
  });

  it('stops renewing a launch once its dispatch is revoked or expired, or the launch is too old', async () => {
    courier.services.launchLimiter = new LaunchLimiter(1000, 1000);
    const revoked = await create();
    const launch = (await courier.gqlOk(LAUNCH, { k: revoked.key, l: { id: 'r' } })).launchDispatch;
    const renewed = await courier.gqlOk(RENEW, {}, launch.token);
    assert.ok(renewed.renewLaunch.token);
    await courier.gqlOk(
      'mutation($id: ID!) { revokeDispatch(id: $id) { active } }',
      { id: revoked.dispatch.id },
      token,
    );
    const afterRevoke = await courier.gql(RENEW, {}, launch.token);
    assert.equal(afterRevoke.errors?.[0]?.extensions?.code, 'DISPATCH_REVOKED');
    assert.equal(afterRevoke.data, null);

    const expiring = await create();
    const second = (await courier.gqlOk(LAUNCH, { k: expiring.key, l: { id: 'e' } }))
      .launchDispatch;
    await sql(`UPDATE dispatches SET expires_at = now() - interval '1 minute' WHERE id = ?`, [
      expiring.dispatch.id,
    ]);
    const afterExpiry = await courier.gql(RENEW, {}, second.token);
    assert.equal(afterExpiry.errors?.[0]?.extensions?.code, 'DISPATCH_EXPIRED');

    const open = await create();
    const third = (await courier.gqlOk(LAUNCH, { k: open.key, l: { id: 'old' } })).launchDispatch;
    await sql(`UPDATE attempts SET created_at = now() - interval '13 hours' WHERE id = ?`, [
      third.attemptId,
    ]);
    const tooOld = await courier.gql(RENEW, {}, third.token);
    assert.equal(tooOld.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.match(tooOld.errors![0]!.message, /at most 12 hours/);
  });

  it('caps a renewed token at the launch’s maximum age', async () => {
    const open = await create();
    const launch = (await courier.gqlOk(LAUNCH, { k: open.key, l: { id: 'ageing' } }))
      .launchDispatch;
    await sql(`UPDATE attempts SET created_at = now() - interval '11 hours' WHERE id = ?`, [
      launch.attemptId,
    ]);
    const { renewLaunch } = await courier.gqlOk(RENEW, {}, launch.token);
    const left = new Date(renewLaunch.expiresAt).getTime() - Date.now();
    assert.ok(left <= 3600_000 + 5_000 && left > 3500_000, `${left} ms left`);
  });

  it("refuses a revoked dispatch's completion reports and changes nothing", async () => {
    const { key, secret, dispatch } = await create();
    await courier.gqlOk(LAUNCH, { k: key, l: { id: 'late' } });
    await courier.gqlOk(
      'mutation($id: ID!) { revokeDispatch(id: $id) { active } }',
      { id: dispatch.id },
      token,
    );
    const refused = await report(key, secret, {
      learnerId: 'late',
      idempotencyKey: 'k1',
      completed: true,
      passed: true,
    });
    assert.equal(refused.errors?.[0]?.extensions.code, 'DISPATCH_REVOKED');
    const [row] = await sql(
      'SELECT r.status, d.completion_count FROM registrations r JOIN dispatches d ON d.id::text = r.scope WHERE r.scope = ?',
      [dispatch.id],
    );
    assert.equal(row.status, 'NOT_STARTED');
    assert.equal(row.completion_count, 0);
  });

  it('refuses an idempotency key reused with a different report with CONFLICT, and replays the same one', async () => {
    const { key, secret, dispatch } = await create();
    await courier.gqlOk(LAUNCH, { k: key, l: { id: 'idem' } });
    const first = { learnerId: 'idem', idempotencyKey: 'report-1', completed: true, passed: false };
    assert.equal((await report(key, secret, first)).data.reportDispatchCompletion.status, 'FAILED');
    const replay = await report(key, secret, first);
    assert.equal(replay.errors, undefined);
    assert.equal(replay.data.reportDispatchCompletion.status, 'FAILED');
    const conflicting = await report(key, secret, { ...first, passed: true });
    assert.equal(conflicting.errors?.[0]?.extensions.code, 'CONFLICT');
    assert.match(conflicting.errors![0]!.message, /idempotencyKey was already used/);
    const [row] = await sql('SELECT status FROM registrations WHERE scope = ?', [dispatch.id]);
    assert.equal(row.status, 'FAILED');
  });
});
