import { sql, type Sql } from '../db/sql.js';
import type { RegistrationState } from '../registrations/registration-columns.js';
import { RegistrationStatus } from '../registrations/registration.entity.js';

/** An AGS 2.0 score, without `userId` (the launch's `sub`, added where the launch is known). */
export interface AgsScore {
  timestamp: string;
  activityProgress: 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
  gradingProgress: 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
  scoreGiven?: number;
  scoreMaximum?: number;
}

const FINISHED = new Set([
  RegistrationStatus.COMPLETED,
  RegistrationStatus.PASSED,
  RegistrationStatus.FAILED,
]);

/**
 * The score the platform should hold for a registration. A finished course is Completed and
 * FullyGraded; one under way is InProgress and NotReady. The score is the content's own: the
 * scaled score out of 100, else raw out of max; with none reported, no score is sent (never an
 * invented one).
 */
export function agsScoreOf(state: RegistrationState, at: Date): AgsScore {
  const finished = FINISHED.has(state.status);
  const score: AgsScore = {
    timestamp: at.toISOString(),
    activityProgress:
      state.status === RegistrationStatus.NOT_STARTED
        ? 'Initialized'
        : finished
          ? 'Completed'
          : 'InProgress',
    gradingProgress: finished ? 'FullyGraded' : 'NotReady',
  };
  if (state.scoreScaled !== null) {
    score.scoreGiven = round(Math.min(1, Math.max(0, state.scoreScaled)) * 100);
    score.scoreMaximum = 100;
  } else if (state.scoreRaw !== null && state.scoreMax !== null && state.scoreMax > 0) {
    score.scoreGiven = round(Math.min(state.scoreMax, Math.max(0, state.scoreRaw)));
    score.scoreMaximum = state.scoreMax;
  }
  return score;
}

/** Whether a change moves what the platform shows: progress of the activity or the score. */
export function agsScoreChanged(before: RegistrationState, after: RegistrationState): boolean {
  return (
    before.status !== after.status ||
    before.scoreScaled !== after.scoreScaled ||
    before.scoreRaw !== after.scoreRaw ||
    before.scoreMax !== after.scoreMax
  );
}

/**
 * The statement that queues the registration's score for every LTI launch of it that has a
 * line item, replacing any not yet sent (the newer score says all the older one would). One
 * statement, so it rides in the batch of the change, in its transaction: nothing is lost if
 * the process dies after commit. Inserts nothing for registrations without an LTI launch.
 */
export function agsScoreStatement(state: RegistrationState, at: Date): Sql {
  return sql`WITH ctx AS (
       SELECT c.dispatch_launch_id, c.sub FROM lti_launch_contexts c
         JOIN dispatch_launches dl ON dl.id = c.dispatch_launch_id
        WHERE dl.registration_id = ${state.id} AND c.lineitem_url IS NOT NULL
     ), superseded AS (
       UPDATE lti_score_deliveries d SET status = 'SUPERSEDED'
         FROM ctx WHERE d.dispatch_launch_id = ctx.dispatch_launch_id AND d.status = 'PENDING'
          AND (d.lease_until IS NULL OR d.lease_until < ${at})
     )
     INSERT INTO lti_score_deliveries (id, dispatch_launch_id, payload, status, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), ctx.dispatch_launch_id,
            ${sql.json(agsScoreOf(state, at))} || jsonb_build_object('userId', ctx.sub),
            'PENDING', 0, ${at}, ${at}
       FROM ctx`;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
