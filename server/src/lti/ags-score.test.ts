import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegistrationState } from '../registrations/registration-columns.js';
import { ProgressSource, RegistrationStatus } from '../registrations/registration.entity.js';
import { agsScoreChanged, agsScoreOf } from './ags-score.js';
import { scoresUrl } from './ags-score-worker.js';

const at = new Date('2026-12-03T10:00:00.000Z');
const base: RegistrationState = {
  id: 'r',
  organizationId: 'o',
  courseId: 'c',
  scope: 'd',
  learnerId: 'l',
  learnerName: null,
  learnerEmail: null,
  createdAt: at,
  status: RegistrationStatus.NOT_STARTED,
  progress: null,
  progressSource: ProgressSource.UNKNOWN,
  canResume: false,
  resumePoint: null,
  timeSpentSeconds: 0,
  observedSeconds: 0,
  scoreScaled: null,
  scoreRaw: null,
  scoreMin: null,
  scoreMax: null,
  launchCount: 0,
  lastActivityAt: null,
  completedAt: null,
};

describe('the AGS score of a registration', () => {
  const cases: Array<[string, Partial<RegistrationState>, Record<string, unknown>]> = [
    ['not started', {}, { activityProgress: 'Initialized', gradingProgress: 'NotReady' }],
    [
      'under way, no score yet',
      { status: RegistrationStatus.IN_PROGRESS },
      { activityProgress: 'InProgress', gradingProgress: 'NotReady' },
    ],
    [
      'passed with a scaled score',
      { status: RegistrationStatus.PASSED, scoreScaled: 0.9, scoreRaw: 45, scoreMax: 50 },
      {
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        scoreGiven: 90,
        scoreMaximum: 100,
      },
    ],
    [
      'failed with raw out of max only',
      { status: RegistrationStatus.FAILED, scoreRaw: 12, scoreMax: 40 },
      {
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        scoreGiven: 12,
        scoreMaximum: 40,
      },
    ],
    [
      'completed without any score: none is invented',
      { status: RegistrationStatus.COMPLETED, scoreRaw: 7 },
      { activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
    ],
    [
      'a scaled score out of range is clamped',
      { status: RegistrationStatus.PASSED, scoreScaled: 1.5 },
      {
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        scoreGiven: 100,
        scoreMaximum: 100,
      },
    ],
  ];
  for (const [name, state, expected] of cases) {
    it(name, () => {
      assert.deepEqual(agsScoreOf({ ...base, ...state }, at), {
        timestamp: '2026-12-03T10:00:00.000Z',
        ...expected,
      });
    });
  }

  it('changes with the status or the score, not with time or location', () => {
    assert.equal(
      agsScoreChanged(base, { ...base, timeSpentSeconds: 40, resumePoint: 'p2' }),
      false,
    );
    assert.equal(agsScoreChanged(base, { ...base, status: RegistrationStatus.IN_PROGRESS }), true);
    assert.equal(agsScoreChanged(base, { ...base, scoreScaled: 0.5 }), true);
  });

  it('posts to the line item’s /scores, keeping its query', () => {
    assert.equal(
      scoresUrl('https://lms.test/api/lineitems/7?type=x'),
      'https://lms.test/api/lineitems/7/scores?type=x',
    );
    assert.equal(
      scoresUrl('https://lms.test/api/lineitems/7/'),
      'https://lms.test/api/lineitems/7/scores',
    );
  });
});
