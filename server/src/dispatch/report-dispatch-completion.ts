import { createHash, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { hashSecret } from '../auth/tokens.js';
import { BadUserInputError, DomainError, NotFoundError, UnauthenticatedError } from '../errors.js';
import { entityManagerTransaction } from '../db/sql-batch.js';
import {
  applyRegistrationChange,
  publishRegistrationChange,
} from '../registrations/apply-registration-change.js';
import {
  startedSummary,
  type RegistrationState,
  type RegistrationSummary,
} from '../registrations/registration-columns.js';
import { ProgressSource, RegistrationStatus } from '../registrations/registration.entity.js';
import { isCompleteStatus, settleStatus } from '../scorm/derive-status.js';
import { Dispatch } from './dispatch.entity.js';
import type { DispatchCompletionInput } from './dispatch.inputs.js';
import { DispatchLaunch } from './dispatch-launch.entity.js';

/** The dispatch whose `Basic key:secret` this is; anything else is UNAUTHENTICATED. */
export async function authenticateDispatch(
  em: EntityManager,
  authorization: string | null,
): Promise<Dispatch> {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const dispatch = colon > 0 ? await em.findOne(Dispatch, { key }, { populate: ['course'] }) : null;
  const expected = Buffer.from(dispatch?.secretHash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(hashSecret(secret), 'hex');
  if (!dispatch || !timingSafeEqual(expected, given)) {
    throw new UnauthenticatedError('Authorization must be Basic base64(key:secret) of a dispatch');
  }
  return dispatch;
}

/**
 * The host LMS reports a learner's result server-to-server. Applied once per idempotency key;
 * a completion raises the registration to complete (never lowers it) and counts on the dispatch.
 */
export async function reportDispatchCompletion(
  { em, services }: { em: EntityManager; services: AppServices },
  authorization: string | null,
  input: DispatchCompletionInput,
  now = new Date(),
): Promise<DispatchLaunch> {
  const dispatch = await authenticateDispatch(em, authorization);
  // Revoking a dispatch ends it for its recipient: results no longer count. (An expired one
  // still takes the results of learners who launched before it expired.)
  if (!dispatch.active) {
    throw new DomainError(
      'DISPATCH_REVOKED',
      'This dispatch was revoked: its completion reports are no longer accepted',
    );
  }
  if (Boolean(input.launchId) === Boolean(input.learnerId)) {
    throw new BadUserInputError('Give exactly one of launchId and learnerId');
  }
  const idempotencyKey = input.idempotencyKey.trim();
  if (!idempotencyKey || idempotencyKey.length > 200)
    throw new BadUserInputError('idempotencyKey must have 1 to 200 characters');
  for (const [name, value] of [
    ['progress', input.progress],
    ['scoreScaled', input.scoreScaled],
  ] as const) {
    if (value != null && !(value >= (name === 'scoreScaled' ? -1 : 0) && value <= 1)) {
      throw new BadUserInputError(
        `${name} must be between ${name === 'scoreScaled' ? -1 : 0} and 1`,
        { field: name },
      );
    }
  }
  const where = input.launchId
    ? { id: input.launchId, dispatch: dispatch.id }
    : { learnerId: input.learnerId!, dispatch: dispatch.id };
  const outcome = await em.transactional(async (tx) => {
    const launch = await tx.findOne(DispatchLaunch, where);
    if (!launch) throw new NotFoundError('Dispatch launch', input.launchId ?? input.learnerId!);
    const requestHash = hashReport(input);
    const receipt: unknown[] = await tx.execute(
      'INSERT INTO dispatch_completion_receipts (dispatch_id, idempotency_key, launch_id, request_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING launch_id',
      [dispatch.id, idempotencyKey, launch.id, requestHash, now],
    );
    if (receipt.length === 0) {
      const [earlier] = (await tx.execute(
        'SELECT request_hash FROM dispatch_completion_receipts WHERE dispatch_id = ? AND idempotency_key = ?',
        [dispatch.id, idempotencyKey],
      )) as Array<{ request_hash: string | null }>;
      if (earlier?.request_hash && earlier.request_hash !== requestHash) {
        throw new DomainError(
          'CONFLICT',
          'This idempotencyKey was already used for a different report; use a new key for a new report',
          { field: 'idempotencyKey' },
        );
      }
      return { launch, change: null };
    }
    const change = await applyRegistrationChange(entityManagerTransaction(tx), {
      where: { id: launch.registration.id },
      missing: () => new NotFoundError('Dispatch launch', input.launchId ?? input.learnerId!),
      now,
      decide: (locked) => ({ summary: reportedSummary(locked, input, now), webhooks: true }),
    });
    return { launch, change };
  });
  if (outcome.change) publishRegistrationChange(services, outcome.change);
  return em.findOneOrFail(DispatchLaunch, outcome.launch.id, { refresh: true });
}

/** The report's content without its idempotency key, in a fixed order: what a replay must repeat. */
function hashReport(input: DispatchCompletionInput): string {
  const canonical = JSON.stringify([
    input.launchId ?? null,
    input.learnerId ?? null,
    input.completed,
    input.passed ?? null,
    input.progress ?? null,
    input.scoreScaled ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The summary after the report: a completion raises the registration to complete (the status
 * settled by the never-undo rule of the pure core), a progress report moves an unfinished one.
 */
function reportedSummary(
  locked: RegistrationState,
  input: DispatchCompletionInput,
  now: Date,
): Partial<RegistrationSummary> {
  const summary: Partial<RegistrationSummary> = { lastActivityAt: now };
  const wasComplete = isCompleteStatus(locked.status);
  if (input.completed) {
    const reported =
      input.passed === true
        ? RegistrationStatus.PASSED
        : input.passed === false
          ? RegistrationStatus.FAILED
          : RegistrationStatus.COMPLETED;
    summary.status = settleStatus(locked.status, reported) as RegistrationStatus;
    summary.completedAt = locked.completedAt ?? now;
    summary.progress = 1;
    summary.progressSource =
      input.progress != null ? ProgressSource.REPORTED : ProgressSource.STATUS;
    summary.canResume = false;
  } else {
    if (locked.status === RegistrationStatus.NOT_STARTED)
      Object.assign(summary, startedSummary(locked));
    if (input.progress != null && !wasComplete) {
      summary.progress = input.progress;
      summary.progressSource = ProgressSource.REPORTED;
    }
  }
  if (input.scoreScaled != null) summary.scoreScaled = input.scoreScaled;
  return summary;
}
