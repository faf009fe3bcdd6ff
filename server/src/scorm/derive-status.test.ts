import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deriveRegistrationStatus,
  type RegistrationStatus,
  type ScoFacts,
  type ScoState,
} from './derive-status.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const facts = (over: Partial<ScoFacts> = {}): ScoFacts => ({
  scoId: 's1',
  scormType: 'sco',
  masteryScore: null,
  completionThreshold: null,
  scaledPassingScore: null,
  objectiveIds: [],
  ...over,
});
const sco = (
  cmi: Record<string, string>,
  over: Partial<ScoState> = {},
  f: Partial<ScoFacts> = {},
): ScoState => ({
  facts: facts(f),
  cmi,
  launched: true,
  finished: false,
  reportedSeconds: 0,
  observedSeconds: 0,
  ...over,
});

describe('deriveRegistrationStatus', () => {
  const single: Array<
    [string, 'SCORM_12' | 'SCORM_2004', ScoState, RegistrationStatus, number | null, string]
  > = [
    ['1.2 never launched', 'SCORM_12', sco({}, { launched: false }), 'NOT_STARTED', 0, 'STATUS'],
    ['1.2 launched, nothing set', 'SCORM_12', sco({}), 'IN_PROGRESS', null, 'UNKNOWN'],
    [
      '1.2 incomplete',
      'SCORM_12',
      sco({ 'cmi.core.lesson_status': 'incomplete' }),
      'IN_PROGRESS',
      null,
      'UNKNOWN',
    ],
    [
      '1.2 browsed',
      'SCORM_12',
      sco({ 'cmi.core.lesson_status': 'browsed' }),
      'IN_PROGRESS',
      null,
      'UNKNOWN',
    ],
    [
      '1.2 completed',
      'SCORM_12',
      sco({ 'cmi.core.lesson_status': 'completed' }),
      'COMPLETED',
      1,
      'STATUS',
    ],
    ['1.2 passed', 'SCORM_12', sco({ 'cmi.core.lesson_status': 'passed' }), 'PASSED', 1, 'STATUS'],
    ['1.2 failed', 'SCORM_12', sco({ 'cmi.core.lesson_status': 'failed' }), 'FAILED', 1, 'STATUS'],
    [
      '1.2 finished without a status',
      'SCORM_12',
      sco({}, { finished: true }),
      'COMPLETED',
      1,
      'STATUS',
    ],
    [
      '1.2 finished, score above mastery',
      'SCORM_12',
      sco({ 'cmi.core.score.raw': '85' }, { finished: true }, { masteryScore: 80 }),
      'PASSED',
      1,
      'STATUS',
    ],
    [
      '1.2 completed, score below mastery',
      'SCORM_12',
      sco(
        { 'cmi.core.lesson_status': 'completed', 'cmi.core.score.raw': '60' },
        {},
        { masteryScore: 80 },
      ),
      'FAILED',
      1,
      'STATUS',
    ],
    [
      '1.2 content verdict stands over mastery',
      'SCORM_12',
      sco(
        { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '60' },
        {},
        { masteryScore: 80 },
      ),
      'PASSED',
      1,
      'STATUS',
    ],
    [
      '1.2 objectives half done',
      'SCORM_12',
      sco({
        'cmi.objectives.0.id': 'a',
        'cmi.objectives.0.status': 'passed',
        'cmi.objectives.1.id': 'b',
        'cmi.objectives.1.status': 'incomplete',
      }),
      'IN_PROGRESS',
      0.5,
      'OBJECTIVES',
    ],
    [
      '2004 incomplete with a measure',
      'SCORM_2004',
      sco({ 'cmi.completion_status': 'incomplete', 'cmi.progress_measure': '0.4' }),
      'IN_PROGRESS',
      0.4,
      'REPORTED',
    ],
    [
      '2004 threshold met by measure',
      'SCORM_2004',
      sco(
        { 'cmi.completion_status': 'incomplete', 'cmi.progress_measure': '0.8' },
        {},
        { completionThreshold: 0.75 },
      ),
      'COMPLETED',
      1,
      'STATUS',
    ],
    [
      '2004 threshold overrides content',
      'SCORM_2004',
      sco(
        { 'cmi.completion_status': 'completed', 'cmi.progress_measure': '0.5' },
        {},
        { completionThreshold: 0.75 },
      ),
      'IN_PROGRESS',
      0.5,
      'REPORTED',
    ],
    [
      '2004 success first',
      'SCORM_2004',
      sco({ 'cmi.completion_status': 'incomplete', 'cmi.success_status': 'passed' }),
      'PASSED',
      1,
      'STATUS',
    ],
    [
      '2004 passing score decides',
      'SCORM_2004',
      sco(
        { 'cmi.completion_status': 'completed', 'cmi.score.scaled': '0.5' },
        {},
        { scaledPassingScore: 0.7 },
      ),
      'FAILED',
      1,
      'STATUS',
    ],
    [
      '2004 finish alone completes nothing',
      'SCORM_2004',
      sco({}, { finished: true }),
      'IN_PROGRESS',
      null,
      'UNKNOWN',
    ],
  ];
  for (const [name, version, state, status, progress, source] of single) {
    it(name, () => {
      const s = deriveRegistrationStatus(
        { version, scos: [state], lastActivityAt: NOW, previous: null },
        NOW,
      );
      assert.equal(s.status, status);
      assert.equal(s.progress, progress);
      assert.equal(s.progressSource, source);
    });
  }

  it('completes a multi-SCO course only when every SCO is complete, with SCO share as progress', () => {
    const three = (states: Array<Record<string, string> | null>) =>
      deriveRegistrationStatus(
        {
          version: 'SCORM_12',
          scos: states.map((cmi, i) =>
            sco(cmi ?? {}, { launched: cmi !== null }, { scoId: `s${i}` }),
          ),
          lastActivityAt: NOW,
          previous: null,
        },
        NOW,
      );
    const partial = three([
      { 'cmi.core.lesson_status': 'completed' },
      { 'cmi.core.lesson_status': 'incomplete' },
      null,
    ]);
    assert.equal(partial.status, 'IN_PROGRESS');
    assert.equal(partial.progressSource, 'SCOS');
    assert.ok(Math.abs(partial.progress! - 1 / 3) < 1e-9);
    const all = three([
      { 'cmi.core.lesson_status': 'passed' },
      { 'cmi.core.lesson_status': 'completed' },
      { 'cmi.core.lesson_status': 'passed' },
    ]);
    assert.equal(all.status, 'PASSED');
    const oneFailed = three([
      { 'cmi.core.lesson_status': 'passed' },
      { 'cmi.core.lesson_status': 'failed' },
      { 'cmi.core.lesson_status': 'completed' },
    ]);
    assert.equal(oneFailed.status, 'FAILED');
  });

  it('never undoes a completion, and never turns PASSED into FAILED', () => {
    const derive = (cmi: Record<string, string>, previous: RegistrationStatus) =>
      deriveRegistrationStatus(
        {
          version: 'SCORM_12',
          scos: [sco(cmi)],
          lastActivityAt: NOW,
          previous: { status: previous, completedAt: NOW },
        },
        new Date('2026-02-01'),
      );
    const back = derive({ 'cmi.core.lesson_status': 'incomplete' }, 'COMPLETED');
    assert.equal(back.status, 'COMPLETED');
    assert.equal(back.completedAt, NOW);
    assert.equal(derive({ 'cmi.core.lesson_status': 'failed' }, 'PASSED').status, 'PASSED');
    assert.equal(derive({ 'cmi.core.lesson_status': 'passed' }, 'FAILED').status, 'PASSED');
    assert.equal(derive({ 'cmi.core.lesson_status': 'passed' }, 'COMPLETED').status, 'PASSED');
  });

  it('offers a resume point while suspended and not complete', () => {
    const s = deriveRegistrationStatus(
      {
        version: 'SCORM_2004',
        scos: [sco({ 'cmi.exit': 'suspend', 'cmi.location': 'slide-4', 'cmi.suspend_data': 'x' })],
        lastActivityAt: NOW,
        previous: null,
      },
      NOW,
    );
    assert.equal(s.canResume, true);
    assert.equal(s.resumePoint, 'slide-4');
  });

  it('sums time, scales a 1.2 score and records the first completion time', () => {
    const s = deriveRegistrationStatus(
      {
        version: 'SCORM_12',
        scos: [
          sco(
            {
              'cmi.core.lesson_status': 'passed',
              'cmi.core.score.raw': '45',
              'cmi.core.score.max': '50',
            },
            { reportedSeconds: 90.4, observedSeconds: 100.6 },
          ),
        ],
        lastActivityAt: NOW,
        previous: null,
      },
      NOW,
    );
    assert.equal(s.timeSpentSeconds, 90);
    assert.equal(s.observedSeconds, 101);
    assert.deepEqual(s.score, { scaled: 0.9, raw: 45, min: null, max: 50 });
    assert.equal(s.completedAt, NOW);
  });
});
