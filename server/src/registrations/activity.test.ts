import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { commit, importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import { scorm12Package, scorm2004Package } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

const ACTIVITIES = `query($id: ID!) { registration(id: $id) { status activities {
  itemId title scormType launched completion success progress timeSpentSeconds location
  score { scaled raw min max }
  interactions { index id type description learnerResponse correctResponses result weighting latency timestamp }
  objectives { index id description completion success progress score { raw scaled } }
  cmi
} } }`;

describe("a registration's activities", () => {
  let courier: TestCourier;
  let token: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  const activities = async (registrationId: string) =>
    (await courier.gqlOk(ACTIVITIES, { id: registrationId }, token)).registration;

  it('shows each SCORM 1.2 SCO as the learner left it, answers and objectives included', async () => {
    const courseId = await importOk(
      courier,
      token,
      await scorm12Package({ scoCount: 2, masteryScore: 70 }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'act-12' });
    const before = await activities(launch.registrationId);
    assert.deepEqual(
      before.activities.map((a: any) => [a.itemId, a.title, a.launched, a.completion]),
      [
        ['item_1', 'Lesson 1', false, 'NOT_ATTEMPTED'],
        ['item_2', 'Lesson 2', false, 'NOT_ATTEMPTED'],
      ],
    );

    const sent = await commit(
      courier,
      launch,
      1,
      {
        'cmi.core.lesson_status': 'completed',
        'cmi.core.score.raw': '80',
        'cmi.core.score.max': '100',
        'cmi.core.lesson_location': 'q3',
        'cmi.core.session_time': '0000:02:30.00',
        'cmi.interactions.0.id': 'q1',
        'cmi.interactions.0.type': 'choice',
        'cmi.interactions.0.student_response': 'b',
        'cmi.interactions.0.correct_responses.0.pattern': 'b',
        'cmi.interactions.0.result': 'correct',
        'cmi.interactions.0.weighting': '1',
        'cmi.interactions.0.time': '10:15:00',
        'cmi.interactions.1.id': 'q2',
        'cmi.interactions.1.student_response': 'x',
        'cmi.interactions.1.result': 'wrong',
        'cmi.objectives.0.id': 'obj-a',
        'cmi.objectives.0.status': 'passed',
        'cmi.objectives.0.score.raw': '90',
        'cmi.objectives.1.id': 'obj-b',
        'cmi.objectives.1.status': 'failed',
      },
      { scoId: 'item_1' },
    );
    assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));

    const {
      status,
      activities: [first, second],
    } = await activities(launch.registrationId);
    assert.equal(status, 'IN_PROGRESS', 'one of two lessons is done');
    assert.equal(first.launched, true);
    assert.equal(first.completion, 'COMPLETED');
    assert.equal(
      first.success,
      'PASSED',
      'the mastery score turns the scored completion into a pass',
    );
    assert.equal(first.progress, 1);
    assert.deepEqual(first.score, { scaled: null, raw: 80, min: null, max: 100 });
    assert.equal(first.timeSpentSeconds, 150);
    assert.equal(first.location, 'q3');
    assert.deepEqual(first.interactions, [
      {
        index: 0,
        id: 'q1',
        type: 'choice',
        description: null,
        learnerResponse: 'b',
        correctResponses: ['b'],
        result: 'correct',
        weighting: 1,
        latency: null,
        timestamp: '10:15:00',
      },
      {
        index: 1,
        id: 'q2',
        type: null,
        description: null,
        learnerResponse: 'x',
        correctResponses: [],
        result: 'wrong',
        weighting: null,
        latency: null,
        timestamp: null,
      },
    ]);
    assert.deepEqual(first.objectives, [
      {
        index: 0,
        id: 'obj-a',
        description: null,
        completion: 'COMPLETED',
        success: 'PASSED',
        progress: null,
        score: { raw: 90, scaled: null },
      },
      {
        // As progress counts it: a verdict, not a completion (mastery not met).
        index: 1,
        id: 'obj-b',
        description: null,
        completion: 'INCOMPLETE',
        success: 'FAILED',
        progress: null,
        score: null,
      },
    ]);
    assert.equal(first.cmi['cmi.core.lesson_location'], 'q3');
    assert.equal(second.launched, false);
    assert.deepEqual(second.interactions, []);
  });

  it('reads SCORM 2004 statuses, measures and learner responses', async () => {
    const courseId = await importOk(courier, token, await scorm2004Package());
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'act-2004' });
    await commit(courier, launch, 1, {
      'cmi.completion_status': 'incomplete',
      'cmi.progress_measure': '0.4',
      'cmi.location': 'slide-4',
      'cmi.session_time': 'PT1M',
      'cmi.interactions.0.id': 'urn:q:1',
      'cmi.interactions.0.type': 'fill-in',
      'cmi.interactions.0.description': 'Capital of France?',
      'cmi.interactions.0.learner_response': 'Paris',
      'cmi.interactions.0.result': 'correct',
      'cmi.interactions.0.latency': 'PT5S',
      'cmi.interactions.0.timestamp': '2026-12-02T10:00:00Z',
      'cmi.objectives.0.id': 'geo',
      'cmi.objectives.0.completion_status': 'incomplete',
      'cmi.objectives.0.success_status': 'unknown',
      'cmi.objectives.0.progress_measure': '0.5',
      'cmi.objectives.0.description': 'Geography',
    });
    const [activity] = (await activities(launch.registrationId)).activities;
    assert.equal(activity.completion, 'INCOMPLETE');
    assert.equal(activity.success, 'UNKNOWN');
    assert.equal(activity.progress, 0.4);
    assert.equal(activity.location, 'slide-4');
    assert.equal(activity.timeSpentSeconds, 60);
    assert.equal(activity.interactions[0].learnerResponse, 'Paris');
    assert.equal(activity.interactions[0].description, 'Capital of France?');
    assert.equal(activity.interactions[0].latency, 'PT5S');
    assert.equal(activity.interactions[0].timestamp, '2026-12-02T10:00:00Z');
    assert.deepEqual(activity.objectives[0], {
      index: 0,
      id: 'geo',
      description: 'Geography',
      completion: 'INCOMPLETE',
      success: 'UNKNOWN',
      progress: 0.5,
      score: null,
    });
  });

  it('gives each registration of a page its own activities', async () => {
    const courseId = await importOk(courier, token, await scorm12Package({ scoCount: 2 }));
    const launched = await registerAndLaunch(courier, token, courseId, { id: 'page-a' });
    await registerAndLaunch(courier, token, courseId, { id: 'page-b' });
    await commit(courier, launched, 1, { 'cmi.core.lesson_status': 'passed' }, { scoId: 'item_2' });
    const { registrations } = await courier.gqlOk(
      `query($c: ID!) { registrations(courseId: $c, first: 10) { edges { node {
        learner { id } activities { itemId launched success } } } } }`,
      { c: courseId },
      token,
    );
    const byLearner = Object.fromEntries(
      registrations.edges.map((e: any) => [
        e.node.learner.id,
        e.node.activities.map((a: any) => `${a.itemId}:${a.launched}:${a.success}`),
      ]),
    );
    assert.deepEqual(byLearner, {
      'page-a': ['item_1:false:UNKNOWN', 'item_2:true:PASSED'],
      'page-b': ['item_1:false:UNKNOWN', 'item_2:false:UNKNOWN'],
    });
  });

  it("never shows another organization's activities", async () => {
    const courseId = await importOk(courier, token, await scorm2004Package());
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'act-other' });
    await courier.gqlOk(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      {
        i: {
          name: 'Other',
          adminEmail: 'other-act@courier.test',
          adminPassword: 'other-password-1',
        },
      },
      token,
    );
    const { login } = await courier.gqlOk(
      'mutation { login(email: "other-act@courier.test", password: "other-password-1") { token } }',
    );
    const res = await courier.gql(ACTIVITIES, { id: launch.registrationId }, login.token);
    assert.equal(res.data?.registration ?? null, null);
  });
});
