import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TokenSigner, type LaunchClaims } from '../auth/tokens.js';
import {
  commit,
  importOk,
  registerAndLaunch,
  REGISTRATION_FIELDS,
} from '@courier/tests/support/api.js';
import { scorm12SinglePackage, scorm2004Package } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

describe('runtime commits through the real server', () => {
  let courier: TestCourier;
  let token: string;
  let course12: string;
  let course2004: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    course12 = await importOk(
      courier,
      token,
      await scorm12SinglePackage({ title: 'Safety 101', masteryScore: 80 }),
    );
    course2004 = await importOk(
      courier,
      token,
      await scorm2004Package({ title: 'Compliance 2004' }),
    );
  });
  after(async () => {
    await courier.stop();
  });

  it('counts a registration not started as progress 0, and unknown once the player opens', async () => {
    const stats = async () =>
      (
        await courier.gqlOk(
          'query($id: ID!) { course(id: $id) { stats { total notStarted averageProgress } } }',
          { id: course2004 },
          token,
        )
      ).course.stats;
    const before = await stats();
    const launch = await registerAndLaunch(courier, token, course2004, { id: 'learner-ns' });
    const query = `query($id: ID!) { registration(id: $id) { status progress progressSource } }`;
    const fresh = (await courier.gqlOk(query, { id: launch.registrationId }, token)).registration;
    assert.deepEqual(fresh, { status: 'NOT_STARTED', progress: 0, progressSource: 'STATUS' });
    const counted = await stats();
    assert.equal(counted.total, before.total + 1);
    assert.equal(counted.notStarted, before.notStarted + 1);
    assert.equal(counted.averageProgress, 0, 'its 0 is a known progress in the mean');

    await courier.gqlOk('{ playerSession { startItemId } }', {}, launch.token);
    const opened = (await courier.gqlOk(query, { id: launch.registrationId }, token)).registration;
    assert.deepEqual(opened, { status: 'IN_PROGRESS', progress: null, progressSource: 'UNKNOWN' });
    const after = await stats();
    assert.equal(after.averageProgress, null, 'nothing is known of the only registration now');
  });

  it('derives status, score, resume point and time from SCORM 1.2 commits', async () => {
    const launch = await registerAndLaunch(courier, token, course12, {
      id: 'learner-1',
      name: 'Ada',
    });
    const first = await commit(courier, launch, 1, {
      'cmi.core.lesson_location': 'page-3',
      'cmi.core.exit': 'suspend',
      'cmi.suspend_data': 'x'.repeat(100_000),
      'cmi.core.session_time': '0000:05:00.00',
    });
    assert.equal(first.errors, undefined);
    const r1 = first.data!.commitRuntime.registration;
    assert.equal(first.data!.commitRuntime.accepted, true);
    assert.equal(r1.status, 'IN_PROGRESS');
    assert.equal(r1.canResume, true);
    assert.equal(r1.resumePoint, 'page-3');
    assert.equal(r1.timeSpentSeconds, 300);
    assert.equal(r1.progress, null, 'nothing tells the progress, so it is unknown');
    assert.equal(r1.progressSource, 'UNKNOWN');

    const second = await commit(
      courier,
      launch,
      2,
      { 'cmi.core.score.raw': '85', 'cmi.core.session_time': '0000:10:00' },
      { finished: true },
    );
    const r2 = second.data!.commitRuntime.registration;
    assert.equal(r2.status, 'PASSED', 'finished without a status, then the mastery score decides');
    assert.equal(r2.score.raw, 85);
    assert.equal(r2.timeSpentSeconds, 600, 'one session counts its latest session_time once');
    assert.ok(r2.completedAt);
    assert.equal(r2.canResume, false);
  });

  it('applies a repeated seq once and ignores an older one', async () => {
    const launch = await registerAndLaunch(courier, token, course12, { id: 'learner-2' });
    assert.equal(
      (await commit(courier, launch, 1, { 'cmi.core.lesson_location': 'a' })).data!.commitRuntime
        .accepted,
      true,
    );
    assert.equal(
      (await commit(courier, launch, 3, { 'cmi.core.lesson_location': 'c' })).data!.commitRuntime
        .accepted,
      true,
    );
    const repeat = await commit(courier, launch, 3, { 'cmi.core.lesson_location': 'repeat' });
    assert.equal(repeat.data!.commitRuntime.accepted, false);
    const late = await commit(courier, launch, 2, { 'cmi.core.lesson_location': 'b' });
    assert.equal(late.data!.commitRuntime.accepted, false);
    assert.equal(late.data!.commitRuntime.registration.resumePoint, 'c');
  });

  it('never undoes a completion with a later commit', async () => {
    const launch = await registerAndLaunch(courier, token, course12, { id: 'learner-3' });
    await commit(courier, launch, 1, { 'cmi.core.lesson_status': 'completed' });
    const later = await commit(courier, launch, 2, { 'cmi.core.lesson_status': 'incomplete' });
    assert.equal(later.data!.commitRuntime.registration.status, 'COMPLETED');
  });

  it('refuses an invalid value naming the element, and changes nothing', async () => {
    const launch = await registerAndLaunch(courier, token, course12, { id: 'learner-4' });
    const bad = await commit(courier, launch, 1, {
      'cmi.core.lesson_status': 'done',
      'cmi.core.lesson_location': 'x',
    });
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(bad.errors![0]!.message, /cmi\.core\.lesson_status/);
    const readOnly = await commit(courier, launch, 1, { 'cmi.core.student_id': 'someone-else' });
    assert.equal(readOnly.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const ok = await commit(courier, launch, 1, { 'cmi.core.lesson_location': 'y' });
    assert.equal(ok.data!.commitRuntime.accepted, true, 'a refused commit did not use up its seq');
    assert.equal(ok.data!.commitRuntime.registration.resumePoint, 'y');
  });

  it('refuses a commit with an expired token, a forged token or another attempt', async () => {
    const launch = await registerAndLaunch(courier, token, course12, { id: 'learner-5' });
    const signer = new TokenSigner(courier.config.jwtSecret);
    const claims = await signer.verify(launch.token);
    const expired = await signer.sign({ ...(claims as any), typ: 'launch' }, -10);
    const r1 = await commit(courier, { ...launch, token: expired.token }, 1, {});
    assert.equal(r1.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const forged = await new TokenSigner('not-the-secret').sign(
      { ...(claims as any), typ: 'launch' },
      3600,
    );
    const r2 = await commit(courier, { ...launch, token: forged.token }, 1, {});
    assert.equal(r2.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const other = await registerAndLaunch(courier, token, course12, { id: 'learner-6' });
    const r3 = await commit(courier, { token: launch.token, attemptId: other.attemptId }, 1, {});
    assert.equal(r3.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const session = await commit(courier, { ...launch, token }, 1, {});
    assert.equal(
      session.errors?.[0]?.extensions?.code,
      'UNAUTHENTICATED',
      'an admin session is not a launch token',
    );
  });

  it('takes a token signed before tokens named their course, and refuses one naming another course', async () => {
    const launch = await registerAndLaunch(courier, token, course12, { id: 'learner-5b' });
    const signer = new TokenSigner(courier.config.jwtSecret);
    const claims = (await signer.verify(launch.token)) as LaunchClaims & { expiresAt: Date };
    assert.equal(claims.courseId, course12, 'a launch token names its course');
    const { courseId: _named, expiresAt: _expires, ...older } = claims;
    const unnamed = await signer.sign(older, 3600);
    const ok = await commit(courier, { ...launch, token: unnamed.token }, 1, {
      'cmi.core.lesson_location': 'older-token',
    });
    assert.equal(ok.data?.commitRuntime.accepted, true);
    assert.equal(ok.data?.commitRuntime.registration.resumePoint, 'older-token');

    const misnamed = await signer.sign({ ...older, courseId: course2004 }, 3600);
    const refused = await commit(courier, { ...launch, token: misnamed.token }, 2, {});
    assert.equal(refused.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const after = await commit(courier, launch, 2, { 'cmi.core.lesson_location': 'after' });
    assert.equal(after.data?.commitRuntime.accepted, true, 'the refused commit used up no seq');
  });

  it('serializes concurrent commits of two attempts on one registration', async () => {
    const a = await registerAndLaunch(courier, token, course2004, { id: 'learner-7' });
    const { launchRegistration: b } = await courier.gqlOk(
      'mutation($id: ID!) { launchRegistration(id: $id) { token attemptId } }',
      { id: a.registrationId },
      token,
    );
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        commit(courier, a, i + 1, { 'cmi.session_time': `PT${i + 1}M` }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        commit(courier, b, i + 1, { 'cmi.session_time': `PT${i + 1}M` }),
      ),
    ]);
    const { registration } = await courier.gqlOk(
      `query($id: ID!) { registration(id: $id) { ${REGISTRATION_FIELDS} } }`,
      { id: a.registrationId },
      token,
    );
    assert.equal(
      registration.timeSpentSeconds,
      20 * 60,
      'each session counts its latest session_time once',
    );
  });

  it('uses the SCORM 2004 completion threshold and passing score', async () => {
    const launch = await registerAndLaunch(courier, token, course2004, { id: 'learner-8' });
    const half = await commit(courier, launch, 1, {
      'cmi.progress_measure': '0.5',
      'cmi.completion_status': 'incomplete',
    });
    assert.equal(half.data!.commitRuntime.registration.progress, 0.5);
    assert.equal(half.data!.commitRuntime.registration.progressSource, 'REPORTED');
    const done = await commit(courier, launch, 2, {
      'cmi.completion_status': 'completed',
      'cmi.success_status': 'passed',
      'cmi.score.scaled': '0.9',
    });
    const r = done.data!.commitRuntime.registration;
    assert.equal(r.status, 'PASSED');
    assert.equal(r.score.scaled, 0.9);
  });

  it('keeps stats exact under concurrent commits', async () => {
    const launches = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        registerAndLaunch(courier, token, course12, { id: `stats-${i}` }),
      ),
    );
    await Promise.all(
      launches.map((l, i) =>
        commit(courier, l, 1, {
          'cmi.core.lesson_status': ['passed', 'failed', 'completed', 'incomplete'][i % 4]!,
        }),
      ),
    );
    const { organization } = await courier.gqlOk(
      '{ organization { stats { total notStarted inProgress completed passed failed completionRate } } }',
      {},
      token,
    );
    const rows: Array<{ status: string; n: string }> = await courier.services.orm.em
      .fork()
      .execute('SELECT status, count(*) n FROM registrations GROUP BY status');
    const recount = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const s = organization.stats;
    assert.equal(
      s.total,
      Object.values(recount).reduce((a, b) => a + b, 0),
    );
    assert.equal(s.notStarted, recount['NOT_STARTED'] ?? 0);
    assert.equal(s.inProgress, recount['IN_PROGRESS'] ?? 0);
    assert.equal(s.completed, recount['COMPLETED'] ?? 0);
    assert.equal(s.passed, recount['PASSED'] ?? 0);
    assert.equal(s.failed, recount['FAILED'] ?? 0);
  });

  it('accepts commits flushed by a beacon, once', async () => {
    const launch = await registerAndLaunch(courier, token, course12, { id: 'learner-beacon' });
    const send = () =>
      fetch(`${courier.url}/api/runtime/commits`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({
          token: launch.token,
          commits: [
            { attemptId: launch.attemptId, seq: 2, cmi: { 'cmi.core.lesson_location': 'p2' } },
            {
              attemptId: launch.attemptId,
              seq: 1,
              cmi: { 'cmi.core.lesson_status': 'incomplete' },
            },
          ],
        }),
      }).then((r) => r.json() as Promise<{ results: Array<{ seq: number; accepted: boolean }> }>);
    assert.deepEqual((await send()).results, [
      { seq: 1, accepted: true },
      { seq: 2, accepted: true },
    ]);
    assert.deepEqual((await send()).results, [
      { seq: 1, accepted: false },
      { seq: 2, accepted: false },
    ]);
    const { registration } = await courier.gqlOk(
      'query($id: ID!) { registration(id: $id) { resumePoint status } }',
      { id: launch.registrationId },
      token,
    );
    assert.deepEqual(registration, { resumePoint: 'p2', status: 'IN_PROGRESS' });
  });

  it('lists registrations with filters, search and cursor pages in few statements', async () => {
    const page1 = await courier.gqlOk(
      'query($c: ID) { registrations(courseId: $c, first: 5) { totalCount edges { cursor node { id learner { id } course { title } } } pageInfo { hasNextPage endCursor } } }',
      { c: course12 },
      token,
    );
    assert.ok(page1.registrations.totalCount > 5);
    assert.equal(page1.registrations.edges.length, 5);
    assert.equal(page1.registrations.pageInfo.hasNextPage, true);
    const page2 = await courier.gqlOk(
      'query($c: ID, $a: String) { registrations(courseId: $c, first: 5, after: $a) { edges { node { id } } } }',
      { c: course12, a: page1.registrations.pageInfo.endCursor },
      token,
    );
    const ids1 = new Set(page1.registrations.edges.map((e: any) => e.node.id));
    assert.ok(
      page2.registrations.edges.every((e: any) => !ids1.has(e.node.id)),
      'pages do not overlap',
    );
    const found = await courier.gqlOk(
      '{ registrations(search: "ADA") { totalCount edges { node { learner { name } } } } }',
      {},
      token,
    );
    assert.equal(found.registrations.totalCount, 1);
    assert.equal(found.registrations.edges[0].node.learner.name, 'Ada');
    const passed = await courier.gqlOk(
      '{ registrations(status: PASSED) { totalCount edges { node { status } } } }',
      {},
      token,
    );
    assert.ok(passed.registrations.edges.every((e: any) => e.node.status === 'PASSED'));
    assert.equal(passed.registrations.totalCount, passed.registrations.edges.length);
  });
});
