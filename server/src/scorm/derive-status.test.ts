import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScormVersion } from './cmi-time.js';
import {
  deriveRegistrationStatus,
  isResumable,
  settleStatus,
  type RegistrationFacts,
  type RegistrationStatus,
  type RegistrationSummary,
  type ScoFacts,
  type ScoSnapshot,
} from './derive-status.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const EARLIER = new Date('2025-12-01T00:00:00Z');

let nextId = 0;
const sco = (
  cmi: Record<string, string> = {},
  state: Partial<Omit<ScoSnapshot, 'facts' | 'cmi'>> = {},
  facts: Partial<ScoFacts> = {},
): ScoSnapshot => ({
  facts: {
    scoId: `sco-${++nextId}`,
    scormType: 'sco',
    masteryScore: null,
    completionThreshold: null,
    scaledPassingScore: null,
    objectiveIds: [],
    ...facts,
  },
  cmi,
  launched: true,
  finished: false,
  reportedSeconds: 0,
  observedSeconds: 0,
  ...state,
});
const unlaunched = (facts: Partial<ScoFacts> = {}) => sco({}, { launched: false }, facts);
const asset = (launched: boolean) => sco({}, { launched }, { scormType: 'asset' });

const derive = (
  version: ScormVersion,
  scos: ScoSnapshot[],
  previous: RegistrationFacts['previous'] = null,
) => deriveRegistrationStatus({ version, scos, lastActivityAt: NOW, previous }, NOW);

/** Asserts the listed fields; progress to nine places, as shares like 1/3 are not exact. */
function assertSummary(actual: RegistrationSummary, expected: Partial<RegistrationSummary>) {
  for (const [key, value] of Object.entries(expected)) {
    const got = actual[key as keyof RegistrationSummary];
    if (key === 'progress' && typeof value === 'number' && typeof got === 'number') {
      assert.ok(Math.abs(got - value) < 1e-9, `progress ${got} ≠ ${value}`);
    } else {
      assert.deepEqual(got, value, `${key}`);
    }
  }
}

interface Case {
  name: string;
  version: ScormVersion;
  scos: ScoSnapshot[];
  previous?: RegistrationFacts['previous'];
  expect: Partial<RegistrationSummary>;
}

const run = (cases: Case[]) => {
  for (const c of cases) {
    it(c.name, () => assertSummary(derive(c.version, c.scos, c.previous ?? null), c.expect));
  }
};

const inProgressUnknown = {
  status: 'IN_PROGRESS',
  progress: null,
  progressSource: 'UNKNOWN',
} as const;
const completeBy = (status: RegistrationStatus) =>
  ({ status, progress: 1, progressSource: 'STATUS', completedAt: NOW }) as const;

describe('status of a single SCORM 1.2 SCO', () => {
  run([
    {
      name: 'is NOT_STARTED, progress 0, before any launch',
      version: 'SCORM_12',
      scos: [unlaunched()],
      expect: {
        status: 'NOT_STARTED',
        progress: 0,
        progressSource: 'STATUS',
        canResume: false,
        score: null,
        completedAt: null,
      },
    },
    {
      name: 'is in progress with unknown progress once launched with nothing set',
      version: 'SCORM_12',
      scos: [sco()],
      expect: inProgressUnknown,
    },
    {
      name: 'maps incomplete to IN_PROGRESS',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'incomplete' })],
      expect: inProgressUnknown,
    },
    {
      name: 'maps browsed to IN_PROGRESS',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'browsed' })],
      expect: inProgressUnknown,
    },
    {
      name: 'keeps "not attempted" in progress while the SCO runs',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'not attempted' })],
      expect: inProgressUnknown,
    },
    {
      name: 'maps completed to COMPLETED',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'completed' })],
      expect: completeBy('COMPLETED'),
    },
    {
      name: 'maps passed to PASSED',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'passed' })],
      expect: completeBy('PASSED'),
    },
    {
      name: 'maps failed to FAILED',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'failed' })],
      expect: completeBy('FAILED'),
    },
    {
      name: 'completes a SCO that finished without setting a status',
      version: 'SCORM_12',
      scos: [sco({}, { finished: true })],
      expect: completeBy('COMPLETED'),
    },
    {
      name: 'completes a SCO that finished leaving "not attempted"',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'not attempted' }, { finished: true })],
      expect: completeBy('COMPLETED'),
    },
    {
      name: 'passes a finished SCO whose raw score meets the mastery score',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.score.raw': '80' }, { finished: true }, { masteryScore: 80 })],
      expect: completeBy('PASSED'),
    },
    {
      name: 'fails a finished SCO whose raw score is below the mastery score',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.score.raw': '79.5' }, { finished: true }, { masteryScore: 80 })],
      expect: completeBy('FAILED'),
    },
    {
      name: 'leaves a finished SCO without a raw score COMPLETED despite a mastery score',
      version: 'SCORM_12',
      scos: [sco({}, { finished: true }, { masteryScore: 80 })],
      expect: completeBy('COMPLETED'),
    },
    {
      name: 'lets the mastery score decide a reported completion with a raw score',
      version: 'SCORM_12',
      scos: [
        sco(
          { 'cmi.core.lesson_status': 'completed', 'cmi.core.score.raw': '60' },
          {},
          { masteryScore: 80 },
        ),
      ],
      expect: completeBy('FAILED'),
    },
    {
      name: 'does not apply the mastery score in no-credit mode',
      version: 'SCORM_12',
      scos: [
        sco(
          { 'cmi.core.lesson_status': 'completed', 'cmi.core.score.raw': '60' },
          { credit: false },
          { masteryScore: 80 },
        ),
      ],
      expect: completeBy('COMPLETED'),
    },
    {
      name: 'keeps the content’s own verdict over the mastery score',
      version: 'SCORM_12',
      scos: [
        sco(
          { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '60' },
          {},
          { masteryScore: 80 },
        ),
      ],
      expect: completeBy('PASSED'),
    },
    {
      name: 'does not turn an incomplete SCO with a high score into a verdict',
      version: 'SCORM_12',
      scos: [
        sco(
          { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.score.raw': '95' },
          { finished: true },
          { masteryScore: 80 },
        ),
      ],
      expect: inProgressUnknown,
    },
    {
      name: 'takes progress from the share of objectives completed or passed',
      version: 'SCORM_12',
      scos: [
        sco({
          'cmi.objectives.0.id': 'a',
          'cmi.objectives.0.status': 'passed',
          'cmi.objectives.1.id': 'b',
          'cmi.objectives.1.status': 'completed',
          'cmi.objectives.2.id': 'c',
          'cmi.objectives.2.status': 'failed',
          'cmi.objectives.3.id': 'd',
        }),
      ],
      expect: { status: 'IN_PROGRESS', progress: 0.5, progressSource: 'OBJECTIVES' },
    },
  ]);
});

describe('status of a single SCORM 2004 SCO', () => {
  run([
    {
      name: 'is in progress with unknown progress when nothing is reported',
      version: 'SCORM_2004',
      scos: [sco()],
      expect: inProgressUnknown,
    },
    {
      name: 'does not complete on Terminate alone',
      version: 'SCORM_2004',
      scos: [sco({}, { finished: true })],
      expect: inProgressUnknown,
    },
    {
      name: 'stays in progress with unknown statuses',
      version: 'SCORM_2004',
      scos: [sco({ 'cmi.completion_status': 'unknown', 'cmi.success_status': 'unknown' })],
      expect: inProgressUnknown,
    },
    {
      name: 'reports the content’s progress_measure while incomplete',
      version: 'SCORM_2004',
      scos: [sco({ 'cmi.completion_status': 'incomplete', 'cmi.progress_measure': '0.4' })],
      expect: { status: 'IN_PROGRESS', progress: 0.4, progressSource: 'REPORTED' },
    },
    {
      name: 'maps completed to COMPLETED',
      version: 'SCORM_2004',
      scos: [sco({ 'cmi.completion_status': 'completed' })],
      expect: completeBy('COMPLETED'),
    },
    {
      name: 'reads success first: passed while incomplete is PASSED',
      version: 'SCORM_2004',
      scos: [sco({ 'cmi.completion_status': 'incomplete', 'cmi.success_status': 'passed' })],
      expect: completeBy('PASSED'),
    },
    {
      name: 'reads success first: failed while completed is FAILED',
      version: 'SCORM_2004',
      scos: [sco({ 'cmi.completion_status': 'completed', 'cmi.success_status': 'failed' })],
      expect: completeBy('FAILED'),
    },
    {
      name: 'completes when progress_measure meets the completion threshold',
      version: 'SCORM_2004',
      scos: [
        sco(
          { 'cmi.completion_status': 'incomplete', 'cmi.progress_measure': '0.75' },
          {},
          { completionThreshold: 0.75 },
        ),
      ],
      expect: completeBy('COMPLETED'),
    },
    {
      name: 'lets the threshold overrule a reported completion the measure does not reach',
      version: 'SCORM_2004',
      scos: [
        sco(
          { 'cmi.completion_status': 'completed', 'cmi.progress_measure': '0.5' },
          {},
          { completionThreshold: 0.75 },
        ),
      ],
      expect: { status: 'IN_PROGRESS', progress: 0.5, progressSource: 'REPORTED' },
    },
    {
      name: 'keeps the content’s completion when a threshold exists but no measure',
      version: 'SCORM_2004',
      scos: [sco({ 'cmi.completion_status': 'completed' }, {}, { completionThreshold: 0.75 })],
      expect: completeBy('COMPLETED'),
    },
    {
      name: 'fails a scaled score below the passing score over the content’s passed',
      version: 'SCORM_2004',
      scos: [
        sco(
          { 'cmi.success_status': 'passed', 'cmi.score.scaled': '0.5' },
          {},
          { scaledPassingScore: 0.7 },
        ),
      ],
      expect: completeBy('FAILED'),
    },
    {
      name: 'passes a scaled score meeting the passing score over the content’s failed',
      version: 'SCORM_2004',
      scos: [
        sco(
          { 'cmi.success_status': 'failed', 'cmi.score.scaled': '0.7' },
          {},
          { scaledPassingScore: 0.7 },
        ),
      ],
      expect: completeBy('PASSED'),
    },
    {
      name: 'keeps the content’s success when a passing score exists but no scaled score',
      version: 'SCORM_2004',
      scos: [
        sco(
          { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' },
          {},
          { scaledPassingScore: 0.7 },
        ),
      ],
      expect: completeBy('PASSED'),
    },
    {
      name: 'takes progress from objectives completed or passed',
      version: 'SCORM_2004',
      scos: [
        sco({
          'cmi.objectives.0.id': 'a',
          'cmi.objectives.0.completion_status': 'completed',
          'cmi.objectives.1.id': 'b',
          'cmi.objectives.1.success_status': 'passed',
          'cmi.objectives.2.id': 'c',
          'cmi.objectives.2.completion_status': 'incomplete',
          'cmi.objectives.3.id': 'd',
          'cmi.objectives.3.success_status': 'failed',
        }),
      ],
      expect: { status: 'IN_PROGRESS', progress: 0.5, progressSource: 'OBJECTIVES' },
    },
    {
      name: 'prefers the reported measure over objectives',
      version: 'SCORM_2004',
      scos: [
        sco({
          'cmi.progress_measure': '0.9',
          'cmi.objectives.0.id': 'a',
          'cmi.objectives.0.completion_status': 'incomplete',
        }),
      ],
      expect: { progress: 0.9, progressSource: 'REPORTED' },
    },
  ]);
});

describe('status of a multi-SCO course', () => {
  run([
    {
      name: 'is NOT_STARTED while no SCO launched',
      version: 'SCORM_12',
      scos: [unlaunched(), unlaunched()],
      expect: { status: 'NOT_STARTED', progress: 0, progressSource: 'STATUS' },
    },
    {
      name: 'is in progress with the share of SCOs done while some are not',
      version: 'SCORM_12',
      scos: [
        sco({ 'cmi.core.lesson_status': 'completed' }),
        sco({ 'cmi.core.lesson_status': 'incomplete' }),
        unlaunched(),
      ],
      expect: { status: 'IN_PROGRESS', progress: 1 / 3, progressSource: 'SCOS' },
    },
    {
      name: 'is PASSED when all are complete and those with a verdict passed',
      version: 'SCORM_12',
      scos: [
        sco({ 'cmi.core.lesson_status': 'passed' }),
        sco({ 'cmi.core.lesson_status': 'completed' }),
        sco({ 'cmi.core.lesson_status': 'passed' }),
      ],
      expect: completeBy('PASSED'),
    },
    {
      name: 'is FAILED when all are complete and any failed',
      version: 'SCORM_12',
      scos: [
        sco({ 'cmi.core.lesson_status': 'passed' }),
        sco({ 'cmi.core.lesson_status': 'failed' }),
        sco({ 'cmi.core.lesson_status': 'completed' }),
      ],
      expect: completeBy('FAILED'),
    },
    {
      name: 'is COMPLETED when all are complete and none has a verdict',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'completed' }), sco({}, { finished: true })],
      expect: completeBy('COMPLETED'),
    },
    {
      name: 'stays in progress while one SCO failed and another is not done',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'failed' }), sco()],
      expect: { status: 'IN_PROGRESS', progress: 0.5, progressSource: 'SCOS' },
    },
    {
      name: 'counts a launched asset as complete',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'passed' }), asset(true)],
      expect: completeBy('PASSED'),
    },
    {
      name: 'does not wait for an asset never opened: the course is complete when every SCO is',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'passed' }), asset(false)],
      expect: completeBy('PASSED'),
    },
    {
      name: 'leaves assets out of the share of SCOs complete',
      version: 'SCORM_12',
      scos: [sco({ 'cmi.core.lesson_status': 'passed' }), sco(), asset(true)],
      expect: { status: 'IN_PROGRESS', progress: 0.5, progressSource: 'SCOS' },
    },
    {
      name: 'counts a 2004 SCO with a verdict as done for the course',
      version: 'SCORM_2004',
      scos: [
        sco({ 'cmi.completion_status': 'completed' }),
        sco({ 'cmi.success_status': 'passed', 'cmi.completion_status': 'incomplete' }),
      ],
      expect: completeBy('PASSED'),
    },
    {
      name: 'reports the mean of measures, a completed SCO counting 1 and an unlaunched 0',
      version: 'SCORM_2004',
      scos: [
        sco({ 'cmi.completion_status': 'completed' }),
        sco({ 'cmi.progress_measure': '0.5' }),
        unlaunched(),
      ],
      expect: { status: 'IN_PROGRESS', progress: 0.5, progressSource: 'REPORTED' },
    },
    {
      name: 'weights reported progress by progressWeight',
      version: 'SCORM_2004',
      scos: [
        sco({ 'cmi.completion_status': 'completed' }, {}, { progressWeight: 3 }),
        sco({ 'cmi.progress_measure': '0.5' }, {}, { progressWeight: 1 }),
      ],
      expect: { progress: 0.875, progressSource: 'REPORTED' },
    },
    {
      name: 'falls back to the share of SCOs when one SCO’s progress is unknown',
      version: 'SCORM_2004',
      scos: [
        sco({ 'cmi.completion_status': 'completed' }),
        sco({ 'cmi.progress_measure': '0.5' }),
        sco({ 'cmi.completion_status': 'incomplete' }),
      ],
      expect: { status: 'IN_PROGRESS', progress: 1 / 3, progressSource: 'SCOS' },
    },
    {
      name: 'uses the share of SCOs when no SCO reports a measure',
      version: 'SCORM_2004',
      scos: [sco({ 'cmi.completion_status': 'completed' }), unlaunched()],
      expect: { progress: 0.5, progressSource: 'SCOS' },
    },
  ]);

  it('summarizes each SCO', () => {
    const summary = derive('SCORM_2004', [
      sco(
        { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' },
        {},
        { scoId: 'a' },
      ),
      sco({ 'cmi.progress_measure': '0.25' }, {}, { scoId: 'b' }),
      unlaunched({ scoId: 'c' }),
    ]);
    assert.deepEqual(summary.scos, [
      { scoId: 'a', completion: 'completed', success: 'passed', progress: 1 },
      { scoId: 'b', completion: 'unknown', success: 'unknown', progress: 0.25 },
      { scoId: 'c', completion: 'not attempted', success: 'unknown', progress: 0 },
    ]);
  });
});

describe('a completion, once recorded, is never undone', () => {
  const byStatus: Record<RegistrationStatus, Record<string, string>> = {
    NOT_STARTED: {},
    IN_PROGRESS: { 'cmi.core.lesson_status': 'incomplete' },
    COMPLETED: { 'cmi.core.lesson_status': 'completed' },
    PASSED: { 'cmi.core.lesson_status': 'passed' },
    FAILED: { 'cmi.core.lesson_status': 'failed' },
  };
  const cases: Array<[RegistrationStatus, RegistrationStatus, RegistrationStatus]> = [
    ['COMPLETED', 'IN_PROGRESS', 'COMPLETED'],
    ['COMPLETED', 'NOT_STARTED', 'COMPLETED'],
    ['COMPLETED', 'PASSED', 'PASSED'],
    ['COMPLETED', 'FAILED', 'FAILED'],
    ['PASSED', 'IN_PROGRESS', 'PASSED'],
    ['PASSED', 'COMPLETED', 'PASSED'],
    ['PASSED', 'FAILED', 'PASSED'],
    ['FAILED', 'IN_PROGRESS', 'FAILED'],
    ['FAILED', 'COMPLETED', 'FAILED'],
    ['FAILED', 'PASSED', 'PASSED'],
    ['IN_PROGRESS', 'NOT_STARTED', 'IN_PROGRESS'],
    ['IN_PROGRESS', 'COMPLETED', 'COMPLETED'],
    ['NOT_STARTED', 'IN_PROGRESS', 'IN_PROGRESS'],
  ];
  for (const [before, derived, after] of cases) {
    it(`keeps ${after} when ${before} meets a derived ${derived}`, () => {
      const state =
        derived === 'NOT_STARTED' ? unlaunched() : sco(byStatus[derived], { finished: false });
      const completedAt = ['COMPLETED', 'PASSED', 'FAILED'].includes(before) ? EARLIER : null;
      const summary = derive('SCORM_12', [state], { status: before, completedAt });
      assert.equal(summary.status, after);
      const complete = ['COMPLETED', 'PASSED', 'FAILED'].includes(after);
      assert.equal(summary.completedAt, completedAt ?? (complete ? NOW : null));
      if (complete) assert.equal(summary.progress, 1);
    });
  }

  it('records the first completion time and keeps it on later commits', () => {
    const first = derive('SCORM_12', [sco({ 'cmi.core.lesson_status': 'completed' })]);
    assert.equal(first.completedAt, NOW);
    const later = deriveRegistrationStatus(
      {
        version: 'SCORM_12',
        scos: [sco({ 'cmi.core.lesson_status': 'passed' })],
        lastActivityAt: NOW,
        previous: { status: first.status, completedAt: first.completedAt },
      },
      new Date('2026-02-01T00:00:00Z'),
    );
    assert.equal(later.status, 'PASSED');
    assert.equal(later.completedAt, NOW);
  });

  it('does not offer a resume once complete, even if the content left suspended', () => {
    const summary = derive(
      'SCORM_12',
      [sco({ 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' })],
      { status: 'COMPLETED', completedAt: EARLIER },
    );
    assert.equal(summary.canResume, false);
    assert.equal(summary.resumePoint, null);
  });

  it('settles every writer’s status by one rule: complete only moves up, PASSED stays, launched stays launched', () => {
    const cases: Array<[RegistrationStatus | null, RegistrationStatus, RegistrationStatus]> = [
      [null, 'IN_PROGRESS', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'COMPLETED', 'COMPLETED'],
      ['COMPLETED', 'IN_PROGRESS', 'COMPLETED'],
      ['COMPLETED', 'FAILED', 'FAILED'],
      ['FAILED', 'PASSED', 'PASSED'],
      ['FAILED', 'COMPLETED', 'FAILED'],
      ['PASSED', 'FAILED', 'PASSED'],
      ['PASSED', 'NOT_STARTED', 'PASSED'],
      ['IN_PROGRESS', 'NOT_STARTED', 'IN_PROGRESS'],
    ];
    for (const [previous, next, settled] of cases)
      assert.equal(settleStatus(previous, next), settled, `${previous} then ${next}`);
  });
});

describe('resume', () => {
  const cases: Array<[string, ScormVersion, ScoSnapshot[], boolean, string | null]> = [
    [
      '1.2 suspended at a location',
      'SCORM_12',
      [sco({ 'cmi.core.exit': 'suspend', 'cmi.core.lesson_location': 'page-3' })],
      true,
      'page-3',
    ],
    [
      '1.2 location stored without an exit',
      'SCORM_12',
      [sco({ 'cmi.core.lesson_location': 'page-4' })],
      true,
      'page-4',
    ],
    ['1.2 suspend data only', 'SCORM_12', [sco({ 'cmi.suspend_data': 'state' })], true, null],
    [
      '1.2 suspended with nothing stored',
      'SCORM_12',
      [sco({ 'cmi.core.exit': 'suspend' })],
      true,
      null,
    ],
    [
      '1.2 logout with a location',
      'SCORM_12',
      [sco({ 'cmi.core.exit': 'logout', 'cmi.core.lesson_location': 'page-4' })],
      false,
      null,
    ],
    [
      '2004 suspended at a location',
      'SCORM_2004',
      [sco({ 'cmi.exit': 'suspend', 'cmi.location': 'slide-4', 'cmi.suspend_data': 'x' })],
      true,
      'slide-4',
    ],
    [
      '2004 normal exit with a location',
      'SCORM_2004',
      [sco({ 'cmi.exit': 'normal', 'cmi.location': 'slide-4' })],
      false,
      null,
    ],
    [
      '2004 blank exit with a location',
      'SCORM_2004',
      [sco({ 'cmi.exit': '', 'cmi.location': 'slide-5' })],
      true,
      'slide-5',
    ],
    ['nothing stored', 'SCORM_2004', [sco({ 'cmi.completion_status': 'incomplete' })], false, null],
    [
      'a completed course with a location left behind',
      'SCORM_2004',
      [sco({ 'cmi.completion_status': 'completed', 'cmi.location': 'end' })],
      false,
      null,
    ],
    [
      'multi-SCO: the first not-complete SCO with state',
      'SCORM_12',
      [
        sco({ 'cmi.core.lesson_status': 'completed', 'cmi.core.lesson_location': 'done' }),
        sco({ 'cmi.core.exit': 'suspend', 'cmi.core.lesson_location': 'p2' }),
        sco({ 'cmi.core.lesson_location': 'p3' }),
      ],
      true,
      'p2',
    ],
    [
      'multi-SCO: suspended in a SCO that is done, the next not launched',
      'SCORM_12',
      [sco({ 'cmi.core.lesson_status': 'passed', 'cmi.core.exit': 'suspend' }), unlaunched()],
      true,
      null,
    ],
  ];
  for (const [name, version, scos, canResume, resumePoint] of cases) {
    it(`${canResume ? 'offers' : 'does not offer'} a resume: ${name}`, () =>
      assertSummary(derive(version, scos), { canResume, resumePoint }));
  }

  const items: Array<[ScormVersion, Record<string, string>, boolean]> = [
    ['SCORM_12', { 'cmi.core.exit': 'suspend', 'cmi.core.lesson_status': 'passed' }, true],
    ['SCORM_12', { 'cmi.core.lesson_location': 'p1' }, true],
    [
      'SCORM_12',
      { 'cmi.core.lesson_location': 'p1', 'cmi.core.lesson_status': 'completed' },
      false,
    ],
    ['SCORM_12', { 'cmi.core.exit': 'time-out', 'cmi.suspend_data': 'x' }, false],
    ['SCORM_12', {}, false],
    ['SCORM_2004', { 'cmi.location': 'p1', 'cmi.success_status': 'failed' }, false],
    ['SCORM_2004', { 'cmi.suspend_data': 'x', 'cmi.completion_status': 'incomplete' }, true],
    ['SCORM_2004', { 'cmi.exit': 'logout', 'cmi.suspend_data': 'x' }, false],
  ];
  for (const [version, cmi, expected] of items) {
    it(`isResumable(${version}, ${JSON.stringify(cmi)}) is ${expected}`, () =>
      assert.equal(isResumable(version, cmi), expected));
  }
});

describe('time and score', () => {
  it('sums reported and observed seconds over SCOs, rounded', () => {
    const summary = derive('SCORM_12', [
      sco({}, { reportedSeconds: 90.4, observedSeconds: 100.2 }),
      sco({}, { reportedSeconds: 10.4, observedSeconds: 0.4 }),
    ]);
    assert.equal(summary.timeSpentSeconds, 101);
    assert.equal(summary.observedSeconds, 101);
  });

  const scores: Array<[string, ScormVersion, ScoSnapshot[], RegistrationSummary['score']]> = [
    ['nothing reported', 'SCORM_12', [sco()], null],
    ['a blank 1.2 raw score', 'SCORM_12', [sco({ 'cmi.core.score.raw': '' })], null],
    [
      'a 1.2 raw score alone, unscaled',
      'SCORM_12',
      [sco({ 'cmi.core.score.raw': '85' })],
      { scaled: null, raw: 85, min: null, max: null },
    ],
    [
      'a 1.2 raw score with max only, unscaled',
      'SCORM_12',
      [sco({ 'cmi.core.score.raw': '45', 'cmi.core.score.max': '50' })],
      { scaled: null, raw: 45, min: null, max: 50 },
    ],
    [
      'a 1.2 raw score scaled within min and max',
      'SCORM_12',
      [
        sco({
          'cmi.core.score.raw': '45',
          'cmi.core.score.min': '20',
          'cmi.core.score.max': '70',
        }),
      ],
      { scaled: 0.5, raw: 45, min: 20, max: 70 },
    ],
    [
      'a 1.2 raw score outside its bounds, unscaled',
      'SCORM_12',
      [sco({ 'cmi.core.score.raw': '90', 'cmi.core.score.min': '0', 'cmi.core.score.max': '50' })],
      { scaled: null, raw: 90, min: 0, max: 50 },
    ],
    [
      'a 2004 score as reported',
      'SCORM_2004',
      [sco({ 'cmi.score.scaled': '0.9', 'cmi.score.raw': '9', 'cmi.score.max': '10' })],
      { scaled: 0.9, raw: 9, min: null, max: 10 },
    ],
    [
      'a 2004 raw score without scaled, as reported',
      'SCORM_2004',
      [sco({ 'cmi.score.raw': '9', 'cmi.score.min': '0', 'cmi.score.max': '10' })],
      { scaled: null, raw: 9, min: 0, max: 10 },
    ],
    [
      'the one SCO’s score in a course with an asset',
      'SCORM_2004',
      [sco({ 'cmi.score.scaled': '0.4', 'cmi.score.raw': '4' }), asset(true)],
      { scaled: 0.4, raw: 4, min: null, max: null },
    ],
    [
      'the mean scaled score of several SCOs',
      'SCORM_2004',
      [
        sco({ 'cmi.score.scaled': '0.5', 'cmi.score.raw': '5' }),
        sco({ 'cmi.score.scaled': '1' }),
        sco({ 'cmi.completion_status': 'completed' }),
      ],
      { scaled: 0.75, raw: null, min: null, max: null },
    ],
    [
      'the one scored SCO of several, whole (a course whose quiz alone is scored)',
      'SCORM_2004',
      [
        sco({ 'cmi.completion_status': 'completed' }),
        sco({
          'cmi.score.raw': '100',
          'cmi.score.min': '0',
          'cmi.score.max': '100',
          'cmi.score.scaled': '1',
        }),
      ],
      { scaled: 1, raw: 100, min: 0, max: 100 },
    ],
    [
      'several 1.2 SCOs with raw scores that cannot be scaled',
      'SCORM_12',
      [sco({ 'cmi.core.score.raw': '50' }), sco({ 'cmi.core.score.raw': '70' })],
      null,
    ],
  ];
  for (const [name, version, scos, score] of scores) {
    it(`reports the score of ${name}`, () => assert.deepEqual(derive(version, scos).score, score));
  }
});
