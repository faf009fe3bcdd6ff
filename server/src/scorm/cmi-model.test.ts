import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCmi, type ScormVersion } from './cmi-model.js';

describe('validateCmi', () => {
  const accepted: Array<[ScormVersion, string, string]> = [
    ['SCORM_12', 'cmi.core.lesson_location', 'page-3'],
    ['SCORM_12', 'cmi.core.lesson_status', 'passed'],
    ['SCORM_12', 'cmi.core.lesson_status', 'not attempted'],
    ['SCORM_12', 'cmi.core.exit', 'suspend'],
    ['SCORM_12', 'cmi.core.exit', ''],
    ['SCORM_12', 'cmi.core.session_time', '0000:01:00.00'],
    ['SCORM_12', 'cmi.core.score.raw', '85.5'],
    ['SCORM_12', 'cmi.core.score.raw', ''],
    ['SCORM_12', 'cmi.core.score.min', '0'],
    ['SCORM_12', 'cmi.core.score.max', '100'],
    ['SCORM_12', 'cmi.suspend_data', 'x'.repeat(200_000)],
    ['SCORM_12', 'cmi.core.lesson_location', 'y'.repeat(10_000)],
    ['SCORM_12', 'cmi.comments', 'great course'],
    ['SCORM_12', 'cmi.student_preference.audio', '-1'],
    ['SCORM_12', 'cmi.student_preference.speed', '-100'],
    ['SCORM_12', 'cmi.student_preference.text', '1'],
    ['SCORM_12', 'cmi.student_preference.language', 'fr'],
    ['SCORM_12', 'cmi.objectives.0.id', 'obj-1'],
    ['SCORM_12', 'cmi.objectives.12.status', 'failed'],
    ['SCORM_12', 'cmi.objectives.0.score.raw', '50'],
    ['SCORM_12', 'cmi.interactions.3.id', 'q 3'],
    ['SCORM_12', 'cmi.interactions.3.objectives.0.id', 'obj-1'],
    ['SCORM_12', 'cmi.interactions.3.time', '23:59:59.5'],
    ['SCORM_12', 'cmi.interactions.3.type', 'choice'],
    ['SCORM_12', 'cmi.interactions.3.correct_responses.0.pattern', 'a,b'],
    ['SCORM_12', 'cmi.interactions.3.weighting', '-2.5'],
    ['SCORM_12', 'cmi.interactions.3.student_response', 'a'],
    ['SCORM_12', 'cmi.interactions.3.result', 'wrong'],
    ['SCORM_12', 'cmi.interactions.3.result', '0.75'],
    ['SCORM_12', 'cmi.interactions.3.latency', '00:00:05'],
    ['SCORM_2004', 'cmi.location', 'chapter-2'],
    ['SCORM_2004', 'cmi.completion_status', 'unknown'],
    ['SCORM_2004', 'cmi.success_status', 'failed'],
    ['SCORM_2004', 'cmi.exit', 'normal'],
    ['SCORM_2004', 'cmi.exit', ''],
    ['SCORM_2004', 'cmi.session_time', 'PT1H2M3.5S'],
    ['SCORM_2004', 'cmi.progress_measure', '0'],
    ['SCORM_2004', 'cmi.progress_measure', '1'],
    ['SCORM_2004', 'cmi.score.scaled', '-1'],
    ['SCORM_2004', 'cmi.score.scaled', '0.85'],
    ['SCORM_2004', 'cmi.score.raw', '850'],
    ['SCORM_2004', 'cmi.score.min', '-20'],
    ['SCORM_2004', 'cmi.suspend_data', 'z'.repeat(500_000)],
    ['SCORM_2004', 'cmi.objectives.0.id', 'urn:courier:obj-1'],
    ['SCORM_2004', 'cmi.objectives.0.score.scaled', '1'],
    ['SCORM_2004', 'cmi.objectives.0.success_status', 'passed'],
    ['SCORM_2004', 'cmi.objectives.0.completion_status', 'incomplete'],
    ['SCORM_2004', 'cmi.objectives.0.progress_measure', '0.25'],
    ['SCORM_2004', 'cmi.objectives.0.description', 'Know the exits'],
    ['SCORM_2004', 'cmi.interactions.0.id', 'q1'],
    ['SCORM_2004', 'cmi.interactions.0.type', 'long-fill-in'],
    ['SCORM_2004', 'cmi.interactions.0.type', 'other'],
    ['SCORM_2004', 'cmi.interactions.0.timestamp', '2024-05-01T10:00:00Z'],
    ['SCORM_2004', 'cmi.interactions.0.timestamp', '2024-05-01T10:00:00.5+02:00'],
    ['SCORM_2004', 'cmi.interactions.0.timestamp', '2024'],
    ['SCORM_2004', 'cmi.interactions.0.learner_response', 'anything at all'],
    ['SCORM_2004', 'cmi.interactions.0.result', 'incorrect'],
    ['SCORM_2004', 'cmi.interactions.0.result', '-0.5'],
    ['SCORM_2004', 'cmi.interactions.0.latency', 'PT5S'],
    ['SCORM_2004', 'cmi.interactions.0.objectives.1.id', 'obj-2'],
    ['SCORM_2004', 'cmi.interactions.0.correct_responses.0.pattern', 'true'],
    ['SCORM_2004', 'cmi.comments_from_learner.0.comment', '{lang=en}Nice'],
    ['SCORM_2004', 'cmi.comments_from_learner.0.location', 'p1'],
    ['SCORM_2004', 'cmi.comments_from_learner.0.timestamp', '2024-05-01T10:00'],
    ['SCORM_2004', 'cmi.learner_preference.audio_level', '1.5'],
    ['SCORM_2004', 'cmi.learner_preference.language', 'en-US'],
    ['SCORM_2004', 'cmi.learner_preference.language', ''],
    ['SCORM_2004', 'cmi.learner_preference.delivery_speed', '2'],
    ['SCORM_2004', 'cmi.learner_preference.audio_captioning', '-1'],
    ['SCORM_2004', 'adl.nav.request', 'continue'],
    ['SCORM_2004', 'adl.nav.request', '{target=sco-2}choice'],
    ['SCORM_2004', 'adl.data.0.store', 'shared'],
  ];
  for (const [version, element, value] of accepted) {
    it(`accepts ${version} ${element} = "${value.slice(0, 30)}"`, () => {
      const result = validateCmi(version, { [element]: value });
      assert.deepEqual(result, { ok: true, values: { [element]: value } });
    });
  }

  const refused: Array<[ScormVersion, string, unknown, RegExp]> = [
    [
      'SCORM_12',
      'cmi.core.lesson_status',
      'done',
      /must be one of passed, completed, failed, incomplete, browsed, not attempted \(got "done"\)$/,
    ],
    ['SCORM_12', 'cmi.core.lesson_status', 'Passed', /must be one of passed/],
    [
      'SCORM_12',
      'cmi.core.exit',
      'normal',
      /must be one of time-out, suspend, logout, "" \(blank\)/,
    ],
    ['SCORM_12', 'cmi.core.session_time', 'PT5M', /must be a time span HH\[HH\]:MM:SS/],
    ['SCORM_12', 'cmi.core.session_time', '0:05:00', /must be a time span/],
    ['SCORM_12', 'cmi.core.score.raw', 'eighty', /must be a number from 0 to 100, or blank/],
    ['SCORM_12', 'cmi.core.score.raw', '101', /from 0 to 100/],
    ['SCORM_12', 'cmi.core.score.min', '-1', /from 0 to 100/],
    ['SCORM_12', 'cmi.core.score.max', '1e2', /must be a number/],
    ['SCORM_12', 'cmi.objectives.0.score.raw', '150', /from 0 to 100/],
    ['SCORM_12', 'cmi.objectives.0.status', 'unknown', /must be one of passed/],
    ['SCORM_12', 'cmi.student_preference.audio', '50.5', /must be a whole number from -1 to 100/],
    ['SCORM_12', 'cmi.student_preference.speed', '101', /from -100 to 100/],
    ['SCORM_12', 'cmi.student_preference.text', '2', /from -1 to 1/],
    ['SCORM_12', 'cmi.interactions.0.type', 'long-fill-in', /must be one of true-false, choice/],
    ['SCORM_12', 'cmi.interactions.0.result', 'incorrect', /correct, wrong, unanticipated/],
    ['SCORM_12', 'cmi.interactions.0.time', '24:00:00', /must be a time of day/],
    ['SCORM_12', 'cmi.interactions.0.latency', 'PT5S', /must be a time span/],
    ['SCORM_12', 'cmi.interactions.0.weighting', 'heavy', /must be a number/],
    ['SCORM_12', 'cmi.core.student_id', 'someone-else', /is read-only in SCORM 1\.2/],
    ['SCORM_12', 'cmi.core.student_name', 'x', /is read-only/],
    ['SCORM_12', 'cmi.core.total_time', '00:00:01', /is read-only/],
    ['SCORM_12', 'cmi.core.credit', 'no-credit', /is read-only/],
    ['SCORM_12', 'cmi.core.entry', 'resume', /is read-only/],
    ['SCORM_12', 'cmi.core.lesson_mode', 'review', /is read-only/],
    ['SCORM_12', 'cmi.launch_data', 'x', /is read-only/],
    ['SCORM_12', 'cmi.student_data.mastery_score', '10', /is read-only/],
    ['SCORM_12', 'cmi.objectives._count', '3', /is read-only/],
    ['SCORM_12', 'cmi.core._children', 'x', /is read-only/],
    ['SCORM_12', 'cmi.interactions.0.objectives._count', '1', /is read-only/],
    [
      'SCORM_12',
      'cmi.completion_status',
      'completed',
      /not an element of the SCORM 1\.2 data model \(it is a SCORM 2004 element\)/,
    ],
    ['SCORM_12', 'cmi.core.lesson_score', '1', /not an element of the SCORM 1\.2 data model$/],
    ['SCORM_12', 'cmi.objectives.01.id', 'x', /not an element/],
    ['SCORM_12', 'cmi.interactions.0.learner_response', 'a', /2004 element/],
    [
      'SCORM_2004',
      'cmi.completion_status',
      'done',
      /must be one of completed, incomplete, not attempted, unknown/,
    ],
    ['SCORM_2004', 'cmi.success_status', 'completed', /must be one of passed, failed, unknown/],
    ['SCORM_2004', 'cmi.exit', 'quit', /must be one of time-out, suspend, logout, normal/],
    ['SCORM_2004', 'cmi.session_time', '00:01:00', /must be an ISO 8601 duration/],
    ['SCORM_2004', 'cmi.session_time', 'PT', /must be an ISO 8601 duration/],
    ['SCORM_2004', 'cmi.score.scaled', '1.5', /must be a number from -1 to 1 \(got "1\.5"\)/],
    ['SCORM_2004', 'cmi.score.scaled', '', /from -1 to 1/],
    ['SCORM_2004', 'cmi.score.raw', '', /must be a number/],
    ['SCORM_2004', 'cmi.progress_measure', '-0.1', /must be a number from 0 to 1/],
    ['SCORM_2004', 'cmi.progress_measure', '1.01', /from 0 to 1/],
    ['SCORM_2004', 'cmi.objectives.0.progress_measure', '2', /from 0 to 1/],
    ['SCORM_2004', 'cmi.objectives.0.score.scaled', '-2', /from -1 to 1/],
    ['SCORM_2004', 'cmi.objectives.0.id', '', /must not be empty/],
    ['SCORM_2004', 'cmi.interactions.0.id', '', /must not be empty/],
    ['SCORM_2004', 'cmi.interactions.0.type', 'essay', /must be one of true-false/],
    [
      'SCORM_2004',
      'cmi.interactions.0.result',
      'wrong',
      /correct, incorrect, unanticipated, neutral, or a number/,
    ],
    ['SCORM_2004', 'cmi.interactions.0.timestamp', '2024-13-01', /must be an ISO 8601 timestamp/],
    ['SCORM_2004', 'cmi.interactions.0.timestamp', 'yesterday', /must be an ISO 8601 timestamp/],
    ['SCORM_2004', 'cmi.interactions.0.latency', '00:00:05', /must be an ISO 8601 duration/],
    ['SCORM_2004', 'cmi.learner_preference.audio_level', '-1', /of at least 0/],
    ['SCORM_2004', 'cmi.learner_preference.audio_captioning', '2', /from -1 to 1/],
    ['SCORM_2004', 'cmi.learner_preference.language', 'english please', /language code/],
    ['SCORM_2004', 'adl.nav.request', 'jumpAround', /must be one of continue, previous/],
    ['SCORM_2004', 'cmi.learner_id', 'x', /is read-only in SCORM 2004/],
    ['SCORM_2004', 'cmi.learner_name', 'x', /is read-only/],
    ['SCORM_2004', 'cmi.total_time', 'PT1S', /is read-only/],
    ['SCORM_2004', 'cmi.credit', 'credit', /is read-only/],
    ['SCORM_2004', 'cmi.mode', 'normal', /is read-only/],
    ['SCORM_2004', 'cmi.entry', 'resume', /is read-only/],
    ['SCORM_2004', 'cmi.launch_data', 'x', /is read-only/],
    ['SCORM_2004', 'cmi.scaled_passing_score', '0.1', /is read-only/],
    ['SCORM_2004', 'cmi.completion_threshold', '0.1', /is read-only/],
    ['SCORM_2004', 'cmi.comments_from_lms.0.comment', 'x', /is read-only/],
    ['SCORM_2004', 'cmi._version', '1.0', /is read-only/],
    ['SCORM_2004', 'cmi.interactions._count', '3', /is read-only/],
    ['SCORM_2004', 'adl.nav.request_valid.continue', 'true', /is read-only/],
    [
      'SCORM_2004',
      'cmi.core.lesson_status',
      'passed',
      /not an element of the SCORM 2004 data model \(it is a SCORM 1\.2 element\)/,
    ],
    ['SCORM_2004', 'cmi.suspend', 'x', /not an element/],
    ['SCORM_2004', 'cmi.location', { page: 1 }, /must be a string \(got an object\)/],
    ['SCORM_2004', 'cmi.location', ['p1'], /must be a string \(got an array\)/],
    ['SCORM_2004', 'cmi.location', null, /must be a string \(got null\)/],
    ['SCORM_2004', 'cmi.location', undefined, /must be a string \(got undefined\)/],
  ];
  for (const [version, element, value, message] of refused) {
    it(`refuses ${version} ${element} = ${JSON.stringify(value) ?? 'undefined'}, naming the element`, () => {
      const result = validateCmi(version, { 'cmi.suspend_data': 'kept', [element]: value });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.element, element);
      assert.ok(result.message.startsWith(`${element} `), result.message);
      assert.match(result.message, message);
      assert.deepEqual(result.accepted, { 'cmi.suspend_data': 'kept' });
    });
  }

  it('takes numbers and booleans as the text the runtime would send', () => {
    assert.deepEqual(
      validateCmi('SCORM_2004', {
        'cmi.score.raw': 42,
        'cmi.score.scaled': 0.5,
        'cmi.progress_measure': 1e-7,
        'cmi.suspend_data': true,
      }),
      {
        ok: true,
        values: {
          'cmi.score.raw': '42',
          'cmi.score.scaled': '0.5',
          'cmi.progress_measure': '0.0000001',
          'cmi.suspend_data': 'true',
        },
      },
    );
  });

  it('refuses a number outside the element’s range even when sent as a number', () => {
    const result = validateCmi('SCORM_12', { 'cmi.core.score.raw': 250 });
    assert.equal(result.ok, false);
  });

  it('lists every refused element and keeps the values that passed', () => {
    const result = validateCmi('SCORM_12', {
      'cmi.core.lesson_status': 'done',
      'cmi.core.lesson_location': 'p2',
      'cmi.core.student_id': 'x',
    });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.problems.map((p) => p.element),
      ['cmi.core.lesson_status', 'cmi.core.student_id'],
    );
    assert.deepEqual(result.accepted, { 'cmi.core.lesson_location': 'p2' });
  });

  it('accepts an empty commit', () => {
    assert.deepEqual(validateCmi('SCORM_12', {}), { ok: true, values: {} });
  });

  it('refuses a cmi that is not an object of values', () => {
    for (const cmi of [null, ['cmi.location'], 'cmi.location']) {
      const result = validateCmi('SCORM_2004', cmi as unknown as Record<string, unknown>);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.element, 'cmi');
    }
  });

  it('shortens a long refused value in the message', () => {
    const result = validateCmi('SCORM_2004', { 'cmi.completion_status': 'x'.repeat(5000) });
    assert.equal(result.ok, false);
    if (!result.ok) assert.ok(result.message.length < 300, result.message);
  });
});
