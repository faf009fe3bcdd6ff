import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importOk, registerAndLaunch, type LaunchInfo } from '@courier/tests/support/api.js';
import {
  forcedSequentialPackage,
  scorm12SinglePackage,
} from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { MAX_SEQUENCING_STATE_BYTES } from './save-sequencing-state.js';

const SAVE = `mutation($i: SequencingStateInput!) { saveSequencingState(input: $i) }`;
const SESSION = `query { playerSession { attemptId sequencingState } }`;

describe('saveSequencingState', () => {
  let courier: TestCourier;
  let token: string;
  let sequenced: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    sequenced = await importOk(courier, token, await forcedSequentialPackage());
  });
  after(async () => {
    await courier.stop();
  });

  const save = (launch: LaunchInfo, seq: number, state: unknown) =>
    courier.gql(SAVE, { i: { attemptId: launch.attemptId, seq, state } }, launch.token);
  const relaunch = async (launch: LaunchInfo): Promise<LaunchInfo> => {
    const { launchRegistration } = await courier.gqlOk(
      'mutation($id: ID!) { launchRegistration(id: $id) { url token attemptId } }',
      { id: launch.registrationId },
      token,
    );
    return { registrationId: launch.registrationId, ...launchRegistration };
  };
  const sessionState = async (launch: LaunchInfo) =>
    (await courier.gqlOk(SESSION, {}, launch.token)).playerSession.sequencingState;

  it('hands the state a session saved to the next launch of the registration', async () => {
    const first = await registerAndLaunch(courier, token, sequenced, { id: 'seqstate-1' });
    assert.equal(await sessionState(first), null, 'nothing saved yet');
    const state = { suspensionState: { suspendedActivityId: 'etiquette' }, n: [1, 2] };
    assert.equal((await save(first, 1, state)).data?.['saveSequencingState'], true);
    const second = await relaunch(first);
    assert.deepEqual(await sessionState(second), state);
  });

  it('keeps the newest save of a launch and then only the newer launch’s', async () => {
    const first = await registerAndLaunch(courier, token, sequenced, { id: 'seqstate-2' });
    assert.equal((await save(first, 2, { v: 2 })).data?.['saveSequencingState'], true);
    assert.equal((await save(first, 1, { v: 1 })).data?.['saveSequencingState'], false);
    const second = await relaunch(first);
    assert.equal((await save(second, 1, { v: 3 })).data?.['saveSequencingState'], true);
    // The first device, still open, saves later: the newer launch has taken over.
    assert.equal((await save(first, 3, { v: 4 })).data?.['saveSequencingState'], false);
    assert.deepEqual(await sessionState(second), { v: 3 });
  });

  it('refuses what is not a bounded JSON object, another attempt’s or a course without sequencing, storing nothing', async () => {
    const launch = await registerAndLaunch(courier, token, sequenced, { id: 'seqstate-3' });
    const other = await registerAndLaunch(courier, token, sequenced, { id: 'seqstate-4' });
    assert.equal((await save(launch, 1, [1])).errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal((await save(launch, 0, {})).errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const huge = { blob: 'x'.repeat(MAX_SEQUENCING_STATE_BYTES) };
    assert.equal((await save(launch, 1, huge)).errors?.[0]?.extensions?.code, 'PAYLOAD_TOO_LARGE');
    const forged = await courier.gql(
      SAVE,
      { i: { attemptId: other.attemptId, seq: 1, state: {} } },
      launch.token,
    );
    assert.equal(forged.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const admin = await courier.gql(
      SAVE,
      { i: { attemptId: launch.attemptId, seq: 1, state: {} } },
      token,
    );
    assert.equal(admin.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const plain = await importOk(courier, token, await scorm12SinglePackage({ title: 'Plain' }));
    const plainLaunch = await registerAndLaunch(courier, token, plain, { id: 'seqstate-5' });
    assert.equal((await save(plainLaunch, 1, {})).errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(await sessionState(launch), null);
    assert.equal(await sessionState(other), null);
  });
});
