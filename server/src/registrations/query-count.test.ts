import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  commit,
  importOk,
  registerAndLaunch,
  type LaunchInfo,
} from '@courier/tests/support/api.js';
import { scorm12Package } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

const REGISTRATIONS = `query { registrations(first: 40) { totalCount edges { node {
  id status progress learner { id name } course { id title scoCount }
  activities { itemId completion score { scaled } }
} } } }`;
const COURSES = `query { courses { id title stats { total passed completionRate averageProgress } } }`;
const DISPATCH = `query($id: ID!) { dispatch(id: $id) { id launchCount launches(first: 100) {
  totalCount edges { node { id learnerId status progress score { scaled } completedAt } }
} } }`;

/**
 * Counts what each request sends to the database, through the server's own query hooks: every
 * statement the ORM sends and every message (round trip) of the commit pool. No mocks: the
 * counters sit on the real connections.
 */
describe('queries per request (no N+1), and the commit’s round trips', () => {
  let courier: TestCourier;
  let token: string;
  const sent = { orm: 0, pool: 0 };
  const counted = async <T>(run: () => Promise<T>) => {
    const start = { ...sent };
    const value = await run();
    return { value, orm: sent.orm - start.orm, pool: sent.pool - start.pool };
  };
  /**
   * A read counted right after the same read: the session check is cached for a few seconds, so
   * the counted one shows the steady state of the list itself.
   */
  const countedRead = async <T>(run: () => Promise<T>) => {
    await run();
    return counted(run);
  };

  before(async () => {
    courier = await startTestCourier(
      // The session check is cached this long: the counted reads never straddle its expiry.
      { PRINCIPAL_RECHECK_MS: '600000' },
      {
        onQuery: (sql, source) => {
          // The webhook and LTI score workers poll their outboxes on timers of their own: not a
          // request's queries.
          if (
            source === 'orm' &&
            (sql.includes('webhook_deliveries') || sql.includes('lti_score_deliveries'))
          )
            return;
          sent[source]++;
        },
      },
    );
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  it('applies a commit in two round trips on the commit pool and nothing through the ORM', async () => {
    const courseId = await importOk(courier, token, await scorm12Package({ scoCount: 2 }));
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'rt-1' });
    // The first commit fills the course facts cache; the next ones are the steady state.
    await commit(courier, launch, 1, { 'cmi.core.lesson_location': 'a' });
    for (const [seq, cmi] of [
      [2, { 'cmi.core.lesson_location': 'b' }],
      [3, { 'cmi.core.lesson_status': 'completed', 'cmi.core.score.raw': '90' }],
    ] as const) {
      const one = await counted(() =>
        courier.gqlOk(
          'mutation($i: CommitRuntimeInput!) { commitRuntime(input: $i) { accepted } }',
          { i: { attemptId: launch.attemptId, seq, cmi } },
          launch.token,
        ),
      );
      assert.equal(one.value.commitRuntime.accepted, true);
      assert.deepEqual({ pool: one.pool, orm: one.orm }, { pool: 2, orm: 0 }, `commit ${seq}`);
    }
    // A replay is refused in two round trips too: the gate's, then ROLLBACK with the attempt check.
    const replay = await counted(() =>
      commit(courier, launch, 3, { 'cmi.core.lesson_location': 'c' }),
    );
    assert.equal(replay.value.data!.commitRuntime.accepted, false);
    assert.equal(replay.pool, 2);
  });

  it('reads a page of registrations with their courses and activities in the same number of queries for 3 rows as for 15', async (t) => {
    const courseIds = [
      await importOk(courier, token, await scorm12Package({ scoCount: 2 })),
      await importOk(courier, token, await scorm12Package({ scoCount: 3 })),
    ];
    const launches: LaunchInfo[] = [];
    const enrol = async (n: number) => {
      for (let i = launches.length; i < n; i++) {
        const launch = await registerAndLaunch(courier, token, courseIds[i % 2]!, {
          id: `page-${i}`,
        });
        await commit(courier, launch, 1, { 'cmi.core.lesson_status': 'incomplete' });
        launches.push(launch);
      }
    };
    await enrol(3);
    const small = await countedRead(() => courier.gqlOk(REGISTRATIONS, {}, token));
    await enrol(15);
    const large = await countedRead(() => courier.gqlOk(REGISTRATIONS, {}, token));
    assert.ok(large.value.registrations.edges.length >= 15);
    assert.ok(
      large.value.registrations.edges.every((e: any) => e.node.activities.length >= 2),
      'every row has its activities',
    );
    assert.equal(
      large.orm,
      small.orm,
      `registrations page: ${small.orm} then ${large.orm} queries`,
    );
    t.diagnostic(`registrations page: ${large.orm} queries`);
    assert.ok(large.orm <= 8, `registrations page: ${large.orm} queries`);
    assert.equal(large.pool, 0);

    const courses = await countedRead(() => courier.gqlOk(COURSES, {}, token));
    await importOk(courier, token, await scorm12Package({ scoCount: 1 }));
    await importOk(courier, token, await scorm12Package({ scoCount: 1 }));
    const more = await countedRead(() => courier.gqlOk(COURSES, {}, token));
    assert.equal(more.value.courses.length, courses.value.courses.length + 2);
    t.diagnostic(`courses with stats: ${more.orm} queries`);
    assert.equal(more.orm, courses.orm, `courses with stats: ${courses.orm} then ${more.orm}`);
    assert.ok(more.orm <= 4, `courses with stats: ${more.orm} queries`);
  });

  it('reads a dispatch’s launches in the same number of queries for 2 launches as for 10', async (t) => {
    const courseId = await importOk(courier, token, await scorm12Package({ scoCount: 1 }));
    const { createDispatch } = await courier.gqlOk(
      'mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { key dispatch { id } } }',
      { i: { courseId, recipientName: 'Host LMS' } },
      token,
    );
    let launched = 0;
    const launchSome = async (n: number) => {
      for (; launched < n; launched++) {
        await courier.gqlOk(
          'mutation($k: String!, $l: LearnerInput!) { launchDispatch(key: $k, learner: $l) { token } }',
          { k: createDispatch.key, l: { id: `host-${launched}` } },
        );
      }
    };
    const read = () => courier.gqlOk(DISPATCH, { id: createDispatch.dispatch.id }, token);
    await launchSome(2);
    const small = await countedRead(read);
    await launchSome(10);
    const large = await countedRead(read);
    assert.equal(large.value.dispatch.launches.edges.length, 10);
    t.diagnostic(`dispatch launches: ${large.orm} queries`);
    assert.equal(large.orm, small.orm, `dispatch launches: ${small.orm} then ${large.orm}`);
    assert.ok(large.orm <= 6, `dispatch launches: ${large.orm} queries`);
  });
});
