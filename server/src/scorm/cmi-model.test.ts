import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCmi } from './cmi-model.js';

describe('validateCmi', () => {
  const accepted: Array<[string, 'SCORM_12' | 'SCORM_2004', Record<string, unknown>]> = [
    [
      '1.2 status, location, exit, time',
      'SCORM_12',
      {
        'cmi.core.lesson_status': 'incomplete',
        'cmi.core.lesson_location': 'p3',
        'cmi.core.exit': 'suspend',
        'cmi.core.session_time': '0000:01:00.00',
      },
    ],
    [
      '1.2 blank and numeric scores',
      'SCORM_12',
      { 'cmi.core.score.raw': '', 'cmi.core.score.max': 100, 'cmi.core.score.min': '0' },
    ],
    [
      '1.2 objectives and interactions',
      'SCORM_12',
      {
        'cmi.objectives.0.id': 'o1',
        'cmi.objectives.0.status': 'passed',
        'cmi.interactions.3.type': 'choice',
        'cmi.interactions.3.result': 'wrong',
        'cmi.interactions.3.latency': '00:00:05',
        'cmi.interactions.3.time': '10:00:00',
      },
    ],
    ['1.2 suspend data of any length', 'SCORM_12', { 'cmi.suspend_data': 'x'.repeat(200_000) }],
    [
      '2004 statuses, measure, score, time',
      'SCORM_2004',
      {
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'passed',
        'cmi.progress_measure': '0.75',
        'cmi.score.scaled': '-0.5',
        'cmi.session_time': 'PT1H2M3.5S',
      },
    ],
    [
      '2004 interactions, comments, nav request',
      'SCORM_2004',
      {
        'cmi.interactions.0.type': 'long-fill-in',
        'cmi.interactions.0.result': '0.5',
        'cmi.interactions.0.timestamp': '2024-05-01T10:00:00Z',
        'cmi.comments_from_learner.0.comment': 'hi',
        'adl.nav.request': 'continue',
      },
    ],
  ];
  for (const [name, version, cmi] of accepted) {
    it(`accepts ${name}`, () => {
      const result = validateCmi(version, cmi);
      assert.equal(result.ok, true, JSON.stringify(result));
    });
  }

  const refused: Array<[string, 'SCORM_12' | 'SCORM_2004', Record<string, unknown>, string]> = [
    [
      'an unknown 1.2 status',
      'SCORM_12',
      { 'cmi.core.lesson_status': 'done' },
      'cmi.core.lesson_status',
    ],
    ['a read-only learner id', 'SCORM_12', { 'cmi.core.student_id': 'x' }, 'cmi.core.student_id'],
    ['a read-only total time', 'SCORM_2004', { 'cmi.total_time': 'PT1S' }, 'cmi.total_time'],
    ['a _count', 'SCORM_2004', { 'cmi.objectives._count': '3' }, 'cmi.objectives._count'],
    [
      'a 2004 element in 1.2',
      'SCORM_12',
      { 'cmi.completion_status': 'completed' },
      'cmi.completion_status',
    ],
    ['a 1.2 time in 2004', 'SCORM_2004', { 'cmi.session_time': '00:01:00' }, 'cmi.session_time'],
    ['a scaled score above 1', 'SCORM_2004', { 'cmi.score.scaled': '1.5' }, 'cmi.score.scaled'],
    [
      'a progress measure below 0',
      'SCORM_2004',
      { 'cmi.progress_measure': '-0.1' },
      'cmi.progress_measure',
    ],
    [
      'a non-numeric raw score',
      'SCORM_12',
      { 'cmi.core.score.raw': 'eighty' },
      'cmi.core.score.raw',
    ],
    ['an object value', 'SCORM_2004', { 'cmi.location': { page: 1 } }, 'cmi.location'],
    [
      'a bad interaction type',
      'SCORM_2004',
      { 'cmi.interactions.0.type': 'essay' },
      'cmi.interactions.0.type',
    ],
  ];
  for (const [name, version, cmi, element] of refused) {
    it(`refuses ${name}, naming the element`, () => {
      const result = validateCmi(version, cmi);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.element, element);
        assert.ok(result.message.startsWith(element), result.message);
      }
    });
  }

  it('says which values are allowed', () => {
    const result = validateCmi('SCORM_12', { 'cmi.core.lesson_status': 'done' });
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.match(
        result.message,
        /passed, completed, failed, incomplete, browsed, not attempted \(got "done"\)/,
      );
  });
});
