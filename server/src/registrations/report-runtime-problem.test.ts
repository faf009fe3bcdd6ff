import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importOk, registerAndLaunch, type LaunchInfo } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { MAX_PROBLEMS_PER_ATTEMPT } from './report-runtime-problem.js';

const REPORT = `mutation($i: RuntimeProblemInput!) { reportRuntimeProblem(input: $i) }`;
const PROBLEMS = `query($id: ID!) { registration(id: $id) { runtimeProblems { scoId element code message seq } } }`;

describe('reportRuntimeProblem', () => {
  let courier: TestCourier;
  let token: string;
  let courseId: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    courseId = await importOk(courier, token, await scorm12SinglePackage({ title: 'Problems' }));
  });
  after(async () => {
    await courier.stop();
  });

  const report = (launch: LaunchInfo, input: Record<string, unknown>) =>
    courier.gql(
      REPORT,
      {
        i: {
          attemptId: launch.attemptId,
          scoId: 'item_1',
          code: 'BAD_USER_INPUT',
          message: 'refused',
          ...input,
        },
      },
      launch.token,
    );
  const problems = async (launch: LaunchInfo) =>
    (await courier.gqlOk(PROBLEMS, { id: launch.registrationId }, token)).registration
      .runtimeProblems;

  it('keeps a refused commit on the registration once, however often the player reports it', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'problem-1' });
    const input = { seq: 4, element: 'cmi.interactions.0.latency', message: 'x'.repeat(1000) };
    const tooLong = await report(launch, { ...input, message: 'x'.repeat(5000) });
    assert.equal(tooLong.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', 'strings are bounded');
    assert.equal((await report(launch, input)).data?.['reportRuntimeProblem'], true);
    assert.equal((await report(launch, input)).data?.['reportRuntimeProblem'], true);
    const kept = await problems(launch);
    assert.equal(kept.length, 1);
    assert.equal(kept[0].element, 'cmi.interactions.0.latency');
    assert.equal(kept[0].seq, 4);
    assert.equal(kept[0].message.length, 1000);
  });

  it('takes only the launch token of the attempt it names, never a session', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'problem-2' });
    const other = await registerAndLaunch(courier, token, courseId, { id: 'problem-3' });
    const forged = await courier.gql(
      REPORT,
      { i: { attemptId: other.attemptId, seq: 1, scoId: 'item_1', code: 'X', message: 'm' } },
      launch.token,
    );
    assert.equal(forged.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const admin = await courier.gql(
      REPORT,
      { i: { attemptId: launch.attemptId, seq: 1, scoId: 'item_1', code: 'X', message: 'm' } },
      token,
    );
    assert.equal(admin.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.deepEqual(await problems(other), []);
  });

  it(`keeps at most ${MAX_PROBLEMS_PER_ATTEMPT} per attempt`, async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'problem-4' });
    for (let seq = 1; seq <= MAX_PROBLEMS_PER_ATTEMPT; seq++)
      assert.equal((await report(launch, { seq })).data?.['reportRuntimeProblem'], true);
    const over = await report(launch, { seq: MAX_PROBLEMS_PER_ATTEMPT + 1 });
    assert.equal(over.data?.['reportRuntimeProblem'], false);
    assert.equal((await problems(launch)).length, MAX_PROBLEMS_PER_ATTEMPT);
  });

  it('refuses a seq that is not a positive integer and an oversized element', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'problem-5' });
    assert.equal(
      (await report(launch, { seq: 0 })).errors?.[0]?.extensions?.code,
      'BAD_USER_INPUT',
    );
    assert.equal(
      (await report(launch, { seq: 1, element: 'e'.repeat(300) })).errors?.[0]?.extensions?.code,
      'BAD_USER_INPUT',
    );
    assert.deepEqual(await problems(launch), []);
  });
});
