import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScormVersion } from './cmi-time.js';
import { buildScoInit, isResumable, sharedStoresOf, type ScoInitInput } from './runtime-init.js';

const facts = (over: Partial<ScoInitInput['facts']> = {}): ScoInitInput['facts'] => ({
  scoId: 'sco-1',
  scormType: 'sco',
  masteryScore: null,
  completionThreshold: null,
  scaledPassingScore: null,
  objectiveIds: [],
  dataFromLms: null,
  timeLimitAction: null,
  maxTimeAllowed: null,
  ...over,
});

const init = (
  version: ScormVersion,
  cmi: Record<string, string> = {},
  over: Partial<ScoInitInput> = {},
) =>
  buildScoInit({
    version,
    facts: facts(),
    cmi,
    learner: { id: 'learner-1', name: 'Hopper, Grace' },
    reportedSeconds: 0,
    ...over,
  });

/** Only the keys of `init` that match `prefix`. */
const pick = (values: Record<string, string>, prefix: RegExp) =>
  Object.fromEntries(Object.entries(values).filter(([key]) => prefix.test(key)));

describe('buildScoInit', () => {
  it('starts a first SCORM 1.2 launch ab-initio with the learner and the manifest’s data', () => {
    assert.deepEqual(
      init(
        'SCORM_12',
        {},
        {
          facts: facts({
            masteryScore: 80,
            maxTimeAllowed: '00:30:00',
            timeLimitAction: 'exit,message',
            dataFromLms: 'level=2',
            objectiveIds: ['obj-a', 'obj-b'],
          }),
          reportedSeconds: 0,
        },
      ),
      {
        'cmi.core.student_id': 'learner-1',
        'cmi.core.student_name': 'Hopper, Grace',
        'cmi.core.entry': 'ab-initio',
        'cmi.core.credit': 'credit',
        'cmi.core.lesson_mode': 'normal',
        'cmi.core.total_time': '0000:00:00.00',
        'cmi.student_data.mastery_score': '80',
        'cmi.student_data.max_time_allowed': '00:30:00',
        'cmi.student_data.time_limit_action': 'exit,message',
        'cmi.launch_data': 'level=2',
        'cmi.objectives.0.id': 'obj-a',
        'cmi.objectives.1.id': 'obj-b',
      },
    );
  });

  it('starts a first SCORM 2004 launch ab-initio with the learner and the manifest’s data', () => {
    assert.deepEqual(
      init(
        'SCORM_2004',
        {},
        {
          facts: facts({
            completionThreshold: 0.8,
            scaledPassingScore: 0.7,
            maxTimeAllowed: 'PT1H',
            timeLimitAction: 'continue,no message',
            dataFromLms: '{"a":1}',
            objectiveIds: ['PRIMARY'],
          }),
        },
      ),
      {
        'cmi.learner_id': 'learner-1',
        'cmi.learner_name': 'Hopper, Grace',
        'cmi.entry': 'ab-initio',
        'cmi.credit': 'credit',
        'cmi.mode': 'normal',
        'cmi.total_time': 'PT0S',
        'cmi.completion_threshold': '0.8',
        'cmi.scaled_passing_score': '0.7',
        'cmi.max_time_allowed': 'PT1H',
        'cmi.time_limit_action': 'continue,no message',
        'cmi.launch_data': '{"a":1}',
        'cmi.objectives.0.id': 'PRIMARY',
      },
    );
  });

  it('resumes a suspended SCORM 1.2 SCO with everything it stored', () => {
    const stored = {
      'cmi.core.lesson_location': 'page-7',
      'cmi.core.lesson_status': 'incomplete',
      'cmi.core.exit': 'suspend',
      'cmi.core.session_time': '00:05:00',
      'cmi.core.score.raw': '40',
      'cmi.suspend_data': 'state-page-7',
      'cmi.comments': 'hard',
      'cmi.objectives.0.id': 'obj-a',
      'cmi.objectives.0.status': 'passed',
      'cmi.interactions.0.id': 'q1',
      'cmi.interactions.0.result': 'correct',
      'cmi.student_preference.audio': '50',
    };
    const values = init('SCORM_12', stored, { reportedSeconds: 300 });
    assert.equal(values['cmi.core.entry'], 'resume');
    assert.equal(values['cmi.core.total_time'], '0000:05:00.00');
    for (const key of Object.keys(stored)) {
      if (key === 'cmi.core.exit' || key === 'cmi.core.session_time') {
        assert.equal(values[key], undefined, `${key} is not handed back`);
      } else {
        assert.equal(values[key], stored[key as keyof typeof stored], key);
      }
    }
  });

  it('resumes a suspended SCORM 2004 SCO with everything it stored', () => {
    const stored = {
      'cmi.location': 'slide-4',
      'cmi.exit': 'suspend',
      'cmi.session_time': 'PT5M',
      'cmi.completion_status': 'incomplete',
      'cmi.success_status': 'unknown',
      'cmi.progress_measure': '0.4',
      'cmi.score.scaled': '0.2',
      'cmi.score.raw': '2',
      'cmi.suspend_data': 'x',
      'cmi.objectives.0.id': 'PRIMARY',
      'cmi.objectives.0.completion_status': 'incomplete',
      'cmi.interactions.0.id': 'q1',
      'cmi.interactions.0.learner_response': 'true',
      'cmi.comments_from_learner.0.comment': 'nice',
      'cmi.learner_preference.language': 'fr',
      'adl.nav.request': 'continue',
    };
    const values = init('SCORM_2004', stored, {
      reportedSeconds: 3723.5,
      facts: facts({ objectiveIds: ['PRIMARY'] }),
    });
    assert.equal(values['cmi.entry'], 'resume');
    assert.equal(values['cmi.total_time'], 'PT1H2M3.5S');
    for (const key of Object.keys(stored)) {
      const handedBack = !['cmi.exit', 'cmi.session_time', 'adl.nav.request'].includes(key);
      assert.equal(values[key], handedBack ? stored[key as keyof typeof stored] : undefined, key);
    }
  });

  const entries: Array<[string, ScormVersion, Record<string, string>, string, boolean]> = [
    ['a first 1.2 launch', 'SCORM_12', {}, 'ab-initio', false],
    [
      'a 1.2 location with no exit',
      'SCORM_12',
      { 'cmi.core.lesson_location': 'p2' },
      'resume',
      true,
    ],
    [
      'a 1.2 relaunch after a normal exit',
      'SCORM_12',
      { 'cmi.core.lesson_location': 'p2', 'cmi.core.exit': 'logout' },
      '',
      false,
    ],
    [
      'a completed 1.2 SCO with a location',
      'SCORM_12',
      { 'cmi.core.lesson_location': 'end', 'cmi.core.lesson_status': 'completed' },
      '',
      false,
    ],
    ['a first 2004 launch', 'SCORM_2004', {}, 'ab-initio', false],
    [
      'a 2004 suspend',
      'SCORM_2004',
      { 'cmi.exit': 'suspend', 'cmi.location': 'p2' },
      'resume',
      true,
    ],
    [
      'a new 2004 attempt after a normal exit',
      'SCORM_2004',
      { 'cmi.exit': 'normal', 'cmi.location': 'p2', 'cmi.completion_status': 'completed' },
      'ab-initio',
      false,
    ],
  ];
  for (const [name, version, cmi, entry, carriesLocation] of entries) {
    it(`sets entry "${entry}" for ${name}`, () => {
      const values = init(version, cmi);
      assert.equal(values[version === 'SCORM_12' ? 'cmi.core.entry' : 'cmi.entry'], entry);
      const location = values[version === 'SCORM_12' ? 'cmi.core.lesson_location' : 'cmi.location'];
      assert.equal(location !== undefined, carriesLocation);
    });
  }

  it('starts afresh after a normal exit, with only the learner, the manifest and total time', () => {
    const values = init(
      'SCORM_2004',
      {
        'cmi.exit': 'normal',
        'cmi.completion_status': 'completed',
        'cmi.score.scaled': '0.9',
        'cmi.suspend_data': 'x',
      },
      { reportedSeconds: 60 },
    );
    assert.deepEqual(values, {
      'cmi.learner_id': 'learner-1',
      'cmi.learner_name': 'Hopper, Grace',
      'cmi.entry': 'ab-initio',
      'cmi.credit': 'credit',
      'cmi.mode': 'normal',
      'cmi.total_time': 'PT1M',
    });
  });

  it('keeps objective indices stable, appending manifest objectives not yet stored', () => {
    const stored = {
      'cmi.core.lesson_location': 'p1',
      'cmi.objectives.0.id': 'content-made',
      'cmi.objectives.0.status': 'passed',
      'cmi.objectives.1.id': 'obj-b',
      'cmi.objectives.1.status': 'incomplete',
    };
    const expected = {
      'cmi.objectives.0.id': 'content-made',
      'cmi.objectives.1.id': 'obj-b',
      'cmi.objectives.2.id': 'obj-a',
      'cmi.objectives.3.id': 'obj-c',
    };
    const withFacts = { facts: facts({ objectiveIds: ['obj-a', 'obj-b', 'obj-c'] }) };
    const resumed = init('SCORM_12', stored, withFacts);
    assert.deepEqual(pick(resumed, /^cmi\.objectives\.\d+\.id$/), expected);
    assert.equal(resumed['cmi.objectives.0.status'], 'passed');
    const fresh = init('SCORM_12', { ...stored, 'cmi.core.exit': 'logout' }, withFacts);
    assert.deepEqual(pick(fresh, /^cmi\.objectives\./), expected, 'ids only, at the same indices');
  });

  it('does not resume an item the caller derived as done', () => {
    const finishedWithoutStatus = { 'cmi.core.lesson_location': 'p9' };
    assert.equal(init('SCORM_12', finishedWithoutStatus)['cmi.core.entry'], 'resume');
    const values = init('SCORM_12', finishedWithoutStatus, { done: true });
    assert.equal(values['cmi.core.entry'], '');
    assert.equal(values['cmi.core.lesson_location'], undefined);
  });

  it('runs in review mode without credit when asked', () => {
    const values = init('SCORM_12', {}, { mode: 'review', credit: false });
    assert.equal(values['cmi.core.lesson_mode'], 'review');
    assert.equal(values['cmi.core.credit'], 'no-credit');
    const values2004 = init('SCORM_2004', {}, { mode: 'browse', credit: false });
    assert.equal(values2004['cmi.mode'], 'browse');
    assert.equal(values2004['cmi.credit'], 'no-credit');
  });

  it('leaves out manifest values the runtime would refuse to load', () => {
    const values12 = init(
      'SCORM_12',
      {},
      {
        facts: facts({ masteryScore: 150, maxTimeAllowed: 'PT1H', timeLimitAction: 'stop' }),
      },
    );
    assert.deepEqual(pick(values12, /^cmi\.student_data\./), {});
    const values2004 = init(
      'SCORM_2004',
      {},
      {
        facts: facts({
          completionThreshold: 1.5,
          scaledPassingScore: -2,
          maxTimeAllowed: '01:00:00',
          timeLimitAction: 'exit',
        }),
      },
    );
    assert.deepEqual(
      pick(
        values2004,
        /^cmi\.(completion_threshold|scaled_passing_score|max_time_allowed|time_limit_action)$/,
      ),
      {},
    );
  });

  it('re-exports isResumable for the player session', () => {
    assert.equal(isResumable('SCORM_2004', { 'cmi.exit': 'suspend' }), true);
  });
});

describe('shared data stores', () => {
  const notes = { targetId: 'notes', read: true, write: true };
  it('hands each map its id and the store as last written by an item allowed to write it', () => {
    const stores = sharedStoresOf([
      { maps: [notes], cmi: { 'adl.data.0.store': 'new' }, updatedAt: new Date(2000) },
      { maps: [notes], cmi: { 'adl.data.0.store': 'old' }, updatedAt: new Date(1000) },
      {
        maps: [{ targetId: 'notes', read: true, write: false }],
        cmi: { 'adl.data.0.store': 'not allowed' },
        updatedAt: new Date(3000),
      },
    ]);
    assert.deepEqual(stores, { notes: 'new' });
    const values = init(
      'SCORM_2004',
      {},
      {
        facts: facts({ sharedData: [{ targetId: 'glossary', read: false, write: false }, notes] }),
        sharedStores: { notes: 'new', glossary: 'secret' },
      },
    );
    assert.equal(values['adl.data.0.id'], 'glossary');
    assert.equal(values['adl.data.0.store'], undefined);
    assert.equal(values['adl.data.1.id'], 'notes');
    assert.equal(values['adl.data.1.store'], 'new');
  });
});
