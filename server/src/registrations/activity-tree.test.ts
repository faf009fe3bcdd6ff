import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  commit,
  importOk,
  registerAndLaunch,
  type LaunchInfo,
} from '@courier/tests/support/api.js';
import {
  forcedSequentialPackage,
  globalObjectivePackage,
  scorm2004Package,
  scorm12SinglePackage,
} from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

const ACTIVITY = `id title itemId completion success measure attemptCount attemptLimit suspended tracked
  objectives { id primary success measure globalIds }`;
const TREE = `query($id: ID!) { registration(id: $id) { status suspendedActivityId
  activityTree { ${ACTIVITY} children { ${ACTIVITY} children { ${ACTIVITY} } } } } }`;

interface Objective {
  id: string;
  primary: boolean;
  success: string;
  measure: number | null;
  globalIds: string[];
}
interface Activity {
  id: string;
  title: string;
  itemId: string | null;
  completion: string;
  success: string;
  measure: number | null;
  attemptCount: number;
  attemptLimit: number | null;
  suspended: boolean;
  tracked: boolean;
  objectives: Objective[];
  children: Activity[];
}

describe('a registration’s sequencing state, read through the real server', () => {
  let courier: TestCourier;
  let token: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  async function tree(registrationId: string) {
    const { registration } = await courier.gqlOk<{
      registration: {
        status: string;
        suspendedActivityId: string | null;
        activityTree: Activity | null;
      };
    }>(TREE, { id: registrationId }, token);
    return registration;
  }

  async function send(
    launch: LaunchInfo,
    seq: number,
    scoId: string,
    cmi: Record<string, string>,
    finished = false,
  ) {
    const res = await commit(courier, launch, seq, cmi, { scoId, finished });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.commitRuntime.registration as { status: string };
  }

  async function relaunch(registrationId: string): Promise<LaunchInfo> {
    const { launchRegistration } = await courier.gqlOk(
      'mutation($id: ID!) { launchRegistration(id: $id) { url token attemptId } }',
      { id: registrationId },
      token,
    );
    return { registrationId, ...launchRegistration };
  }

  it('shows the nested tree with each activity’s rolled-up completion, success, measure and objectives', async () => {
    const courseId = await importOk(courier, token, await forcedSequentialPackage());
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'tree-reader' });
    const before = await tree(launch.registrationId);
    assert.equal(before.activityTree!.success, 'UNKNOWN');
    assert.ok(before.activityTree!.children.every((c) => c.attemptCount === 0));
    let seq = 0;
    for (const item of ['playing_item', 'etiquette_item', 'handicapping_item']) {
      await send(
        launch,
        ++seq,
        item,
        {
          'cmi.completion_status': 'completed',
          'cmi.success_status': 'passed',
          'cmi.exit': 'normal',
        },
        true,
      );
    }
    const judged = await send(
      launch,
      ++seq,
      'assessment_item',
      {
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'failed',
        'cmi.score.scaled': '0.4',
        'cmi.exit': 'normal',
      },
      true,
    );
    assert.equal(judged.status, 'FAILED');

    const read = await tree(launch.registrationId);
    assert.equal(read.status, 'FAILED');
    const root = read.activityTree!;
    assert.equal(root.itemId, null, 'the organization is no launchable item');
    assert.equal(root.completion, 'COMPLETED');
    assert.equal(root.success, 'FAILED', 'the tree says what the status says');
    assert.equal(root.measure, 0.4);
    assert.deepEqual(
      root.children.map((c) => [c.id, c.itemId, c.completion, c.success, c.attemptCount]),
      [
        ['playing_item', 'playing_item', 'COMPLETED', 'PASSED', 1],
        ['etiquette_item', 'etiquette_item', 'COMPLETED', 'PASSED', 1],
        ['handicapping_item', 'handicapping_item', 'COMPLETED', 'PASSED', 1],
        ['assessment_item', 'assessment_item', 'COMPLETED', 'FAILED', 1],
      ],
    );
    const quiz = root.children[3]!;
    assert.equal(quiz.measure, 0.4);
    assert.deepEqual(
      quiz.objectives.filter((o) => o.primary).map((o) => [o.success, o.measure]),
      [['FAILED', 0.4]],
    );
    assert.equal(read.suspendedActivityId, null);
  });

  it('counts attempts as the SN book does: a resumed suspended attempt is the same one, a relaunch after a normal exit a new one', async () => {
    const courseId = await importOk(courier, token, await scorm2004Package({ title: 'Attempts' }));
    const first = await registerAndLaunch(courier, token, courseId, { id: 'attempts' });
    const id = first.registrationId;
    await send(
      first,
      1,
      'item_1',
      { 'cmi.completion_status': 'incomplete', 'cmi.exit': 'suspend' },
      true,
    );
    let read = await tree(id);
    assert.equal(read.suspendedActivityId, 'item_1');
    assert.deepEqual(
      [read.activityTree!.children[0]!.attemptCount, read.activityTree!.children[0]!.suspended],
      [1, true],
    );

    const resumed = await relaunch(id);
    await send(
      resumed,
      1,
      'item_1',
      { 'cmi.completion_status': 'completed', 'cmi.exit': 'normal' },
      true,
    );
    read = await tree(id);
    assert.equal(read.activityTree!.children[0]!.attemptCount, 1, 'resuming is not a new attempt');
    assert.equal(read.suspendedActivityId, null);

    const again = await relaunch(id);
    await send(
      again,
      1,
      'item_1',
      { 'cmi.completion_status': 'completed', 'cmi.exit': 'normal' },
      true,
    );
    read = await tree(id);
    assert.equal(read.activityTree!.children[0]!.attemptCount, 2);
    assert.equal(read.activityTree!.attemptCount, 1, 'the course attempt goes on');
  });

  it('shares global objectives across the learner’s registrations, unless the course keeps them to itself', async () => {
    const writer = await importOk(
      courier,
      token,
      await globalObjectivePackage({ title: 'Safety basics', target: 'g.safety', write: true }),
    );
    const reader = await importOk(
      courier,
      token,
      await globalObjectivePackage({ title: 'Safety refresher', target: 'g.safety', write: false }),
    );
    const isolated = await importOk(
      courier,
      token,
      await globalObjectivePackage({
        title: 'Safety, on its own',
        target: 'g.safety',
        write: false,
        globalToSystem: false,
      }),
    );
    const learner = { id: 'shared-learner' };
    const basics = await registerAndLaunch(courier, token, writer, learner);
    const passed = await send(
      basics,
      1,
      'lesson',
      {
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'passed',
        'cmi.score.scaled': '0.85',
        'cmi.exit': 'normal',
      },
      true,
    );
    assert.equal(passed.status, 'PASSED');

    // The refresher's lesson reads the global: opened, it is satisfied by what the learner did elsewhere.
    const refresher = await registerAndLaunch(courier, token, reader, learner);
    const opened = await send(refresher, 1, 'lesson', { 'cmi.completion_status': 'incomplete' });
    assert.equal(opened.status, 'PASSED');
    const read = await tree(refresher.registrationId);
    const lesson = read.activityTree!.children[0]!;
    assert.deepEqual(
      lesson.objectives.map((o) => [o.id, o.primary, o.success, o.measure, o.globalIds]),
      [['lesson_mastered', true, 'PASSED', 0.85, ['g.safety']]],
    );

    const alone = await registerAndLaunch(courier, token, isolated, learner);
    const own = await send(alone, 1, 'lesson', { 'cmi.completion_status': 'incomplete' });
    assert.equal(own.status, 'IN_PROGRESS', 'objectivesGlobalToSystem="false" shares nothing');

    const other = await registerAndLaunch(courier, token, reader, { id: 'another-learner' });
    const theirs = await send(other, 1, 'lesson', { 'cmi.completion_status': 'incomplete' });
    assert.equal(theirs.status, 'IN_PROGRESS', 'another learner’s globals are their own');
  });

  it('lists the same tree flat, in manifest order, each activity with its parent and depth', async () => {
    const courseId = await importOk(courier, token, await forcedSequentialPackage());
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'tree-flat' });
    await send(
      launch,
      1,
      'etiquette_item',
      { 'cmi.completion_status': 'incomplete', 'cmi.exit': 'suspend' },
      true,
    );
    const { registration } = await courier.gqlOk<{
      registration: {
        activityTreeList: Array<{
          id: string;
          parentId: string | null;
          depth: number;
          attemptCount: number;
          suspended: boolean;
        }>;
      };
    }>(
      `query($id: ID!) { registration(id: $id) { activityTreeList { id parentId depth attemptCount suspended } } }`,
      { id: launch.registrationId },
      token,
    );
    assert.deepEqual(
      registration.activityTreeList.map((a) => [
        a.id,
        a.parentId,
        a.depth,
        a.attemptCount,
        a.suspended,
      ]),
      [
        ['golf_org', null, 0, 1, true],
        ['playing_item', 'golf_org', 1, 0, false],
        ['etiquette_item', 'golf_org', 1, 1, true],
        ['handicapping_item', 'golf_org', 1, 0, false],
        ['assessment_item', 'golf_org', 1, 0, false],
      ],
    );
  });

  it('is null for SCORM 1.2', async () => {
    const courseId = await importOk(courier, token, await scorm12SinglePackage());
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'no-tree' });
    const read = await tree(launch.registrationId);
    assert.equal(read.activityTree, null);
    const flat = await courier.gqlOk<{ registration: { activityTreeList: unknown } }>(
      `query($id: ID!) { registration(id: $id) { activityTreeList { id } } }`,
      { id: launch.registrationId },
      token,
    );
    assert.equal(flat.registration.activityTreeList, null);
    assert.equal(read.suspendedActivityId, null);
  });
});
