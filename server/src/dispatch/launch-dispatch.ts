import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { DomainError, NotFoundError } from '../errors.js';
import {
  checkLearner,
  upsertRegistration,
  type LearnerFacts,
} from '../registrations/create-registration.js';
import { publishRegistrationChange } from '../registrations/apply-registration-change.js';
import { launchRegistration } from '../registrations/launch-registration.js';
import { Registration } from '../registrations/registration.entity.js';
import type { Launch } from '../registrations/registration.inputs.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.js';
import { Dispatch } from './dispatch.entity.js';
import { DispatchLaunch } from './dispatch-launch.entity.js';

/**
 * A learner of the host LMS launches a dispatch. A new learner counts against the cap, decided
 * with the active flag and the expiry in one conditional UPDATE, so concurrent launches can't
 * overshoot; the same learner again resumes their registration and counts nothing. Launches are
 * rate limited per key and per address before anything is read.
 */
export async function launchDispatch(
  { em, services }: { em: EntityManager; services: AppServices },
  input: { key: string; learner: LearnerFacts; ipAddress: string | null; userAgent: string | null },
  now = new Date(),
): Promise<Launch> {
  const learner = checkLearner(input.learner);
  const wait = services.launchLimiter.take(input.key, input.ipAddress, now.getTime());
  if (wait > 0) {
    throw new DomainError(
      'RATE_LIMITED',
      `Too many launches of this dispatch or from this address; try again in ${wait} s`,
      { retryAfterSeconds: wait },
    );
  }
  // Two first launches of one learner race: the loser's insert of the unique (dispatch, learner)
  // row fails and its whole transaction, count included, rolls back; run it again as a relaunch.
  const result = await retryOnUniqueViolation(() =>
    em.transactional(async (tx) => {
      const dispatch = await tx.findOne(Dispatch, { key: input.key });
      if (!dispatch) throw new NotFoundError('Dispatch', input.key);
      // First launches of one learner queue here, so the later ones find the first's launch and
      // resume it instead of racing it for the last place under the cap.
      await tx.execute('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [
        `dispatch-launch:${dispatch.id}:${learner.id}`,
      ]);
      const existing = await tx.findOne(DispatchLaunch, {
        dispatch: dispatch.id,
        learnerId: learner.id,
      });
      if (existing) {
        refuseIfClosed(dispatch, now, false);
        existing.lastLaunchAt = now;
        existing.ipAddress = input.ipAddress;
        existing.userAgent = input.userAgent?.slice(0, 500) ?? null;
        await tx.flush();
        return {
          dispatch,
          launch: existing,
          registrationId: existing.registration.id,
          change: null,
        };
      }
      const counted: unknown[] = await tx.execute(
        `UPDATE dispatches SET launch_count = launch_count + 1, last_launch_at = ?
        WHERE id = ? AND active AND (expires_at IS NULL OR expires_at > ?)
          AND (max_launches IS NULL OR launch_count < max_launches)
        RETURNING id`,
        [now, dispatch.id, now],
      );
      if (counted.length === 0) refuseIfClosed(dispatch, now, true);
      const registration = await upsertRegistration(tx, {
        organizationId: dispatch.organization.id,
        courseId: dispatch.course.id,
        scope: dispatch.id,
        learner,
      });
      const launch = tx.create(DispatchLaunch, {
        dispatch,
        registration: registration.id,
        learnerId: learner.id,
        learnerEmail: learner.email,
        launchedAt: now,
        lastLaunchAt: now,
        ipAddress: input.ipAddress,
        userAgent: input.userAgent?.slice(0, 500) ?? null,
      });
      await tx.flush();
      await enqueueWebhookEvent(
        tx,
        {
          organizationId: dispatch.organization.id,
          type: 'dispatch.launched',
          orderingKey: dispatch.id,
          data: {
            dispatchId: dispatch.id,
            dispatchLaunchId: launch.id,
            registrationId: registration.id,
            learner,
          },
        },
        now,
      );
      return { dispatch, launch, registrationId: registration.id, change: registration.change };
    }),
  );
  const key = {
    organizationId: result.dispatch.organization.id,
    courseId: result.dispatch.course.id,
  };
  // A new registration's change tells the dispatch's watchers too (it is scoped by the dispatch).
  if (result.change) publishRegistrationChange(services, result.change);
  else
    services.events.publish('DISPATCH_UPDATED', {
      organizationId: key.organizationId,
      dispatchId: result.dispatch.id,
    });
  services.webhooks.poke();
  const registration = await em.findOneOrFail(Registration, result.registrationId);
  return launchRegistration({ em, services }, registration, { dispatchLaunchId: result.launch.id });
}

async function retryOnUniqueViolation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) return fn();
    throw err;
  }
}

/** Names the limit that closed the dispatch; with `afterCount`, a full cap is the reason left. */
function refuseIfClosed(dispatch: Dispatch, now: Date, afterCount: boolean): void {
  if (!dispatch.active)
    throw new DomainError(
      'DISPATCH_REVOKED',
      'This course is no longer available here: its dispatch was revoked',
    );
  if (dispatch.expiresAt && dispatch.expiresAt <= now) {
    throw new DomainError(
      'DISPATCH_EXPIRED',
      `This course's dispatch expired on ${dispatch.expiresAt.toISOString()}`,
    );
  }
  if (afterCount) {
    throw new DomainError(
      'DISPATCH_LIMIT_REACHED',
      `This dispatch has reached its limit of ${dispatch.maxLaunches} learners`,
    );
  }
}
