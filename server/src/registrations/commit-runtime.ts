import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import type { AppServices } from '../app-services.js';
import type { Course } from '../courses/course.entity.js';
import { BadUserInputError, UnauthenticatedError } from '../errors.js';
import type { LaunchPrincipal } from '../graphql/context.js';
import { validateCmi } from '../scorm/cmi-model.js';
import { parseSessionTime } from '../scorm/cmi-time.js';
import { deriveRegistrationStatus, type RegistrationSummary } from '../scorm/derive-status.js';
import { recordDispatchCompletion } from '../dispatch/record-dispatch-completion.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.js';
import { registrationWebhookData } from '../webhooks/webhook-payloads.js';
import { Attempt } from './attempt.entity.js';
import { ProgressSource, Registration, RegistrationStatus } from './registration.entity.js';
import { adjustStats } from './registration-stats.js';
import { ScoState, type SessionTime } from './sco-state.entity.js';
import { toScoFacts } from './sco-facts.js';

export interface CommitInput {
  attemptId: string;
  seq: number;
  scoId?: string | null;
  cmi: Record<string, unknown>;
  sessionId?: string | null;
  finished?: boolean | null;
}

/** Gaps between commits longer than this count as this much in observed time (the learner left). */
export const OBSERVED_IDLE_CAP_SECONDS = 30 * 60;

/**
 * Applies one runtime commit, once and in order, in one transaction: the attempt's sequence gate,
 * the SCO's merged CMI and session time, the derived summary on the registration row and the
 * stats counters. Events go out after the transaction commits.
 */
export async function commitRuntime(
  { em, services }: { em: EntityManager; services: AppServices },
  launch: LaunchPrincipal,
  input: CommitInput,
  now = new Date(),
): Promise<{ accepted: boolean; registration: Registration }> {
  if (input.attemptId !== launch.attemptId) {
    throw new UnauthenticatedError('This launch token belongs to another attempt');
  }
  if (!Number.isInteger(input.seq) || input.seq < 1)
    throw new BadUserInputError('seq must be a positive integer');
  const registration = await em.findOne(
    Registration,
    { id: launch.registrationId, organization: launch.organizationId },
    { populate: ['course'] },
  );
  if (!registration)
    throw new UnauthenticatedError('This launch token is for a registration that no longer exists');
  const course = registration.course;
  const item = input.scoId
    ? course.items.find((i) => i.identifier === input.scoId)
    : course.items[0];
  if (!item)
    throw new BadUserInputError(`The course has no item ${input.scoId}`, { field: 'scoId' });
  const checked = validateCmi(course.scormVersion, input.cmi);
  if (!checked.ok) throw new BadUserInputError(checked.message, { element: checked.element });

  const outcome = await em.transactional(async (tx) => {
    // The gate: only the UPDATE that raises last_seq applies the commit.
    const gate: Array<{ id: string }> = await tx.execute(
      'UPDATE attempts SET last_seq = ? WHERE id = ? AND registration_id = ? AND last_seq < ? RETURNING id',
      [input.seq, input.attemptId, registration.id, input.seq],
    );
    if (gate.length === 0) {
      if (!(await tx.count(Attempt, { id: input.attemptId, registration: registration.id }))) {
        throw new UnauthenticatedError('This launch token is for an attempt that no longer exists');
      }
      return null;
    }
    const locked = await tx.findOneOrFail(Registration, registration.id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    });
    const states = await tx.find(ScoState, { registration: registration.id });
    let state = states.find((s) => s.scoId === item.identifier);
    if (!state) {
      state = tx.create(ScoState, {
        registration: locked,
        scoId: item.identifier,
        cmi: {},
        sessions: {},
      });
      states.push(state);
    }
    applyToState(state, course, checked.values, input, now);
    const before = { status: locked.status, progress: locked.progress };
    const wasCompleted = locked.completedAt !== null;
    const summary = deriveRegistrationStatus(
      {
        version: course.scormVersion,
        scos: course.items.map((i) =>
          toScoFacts(
            i,
            states.find((s) => s.scoId === i.identifier),
          ),
        ),
        lastActivityAt: now,
        previous: { status: locked.status, completedAt: locked.completedAt },
      },
      now,
    );
    applySummary(locked, summary, now);
    const statsChanged = await adjustStats(
      tx,
      { organizationId: launch.organizationId, courseId: course.id, registrationId: locked.id },
      before,
      { status: locked.status, progress: locked.progress },
    );
    await tx.flush();
    // A dispatch learner's first completion counts on the dispatch in the same transaction.
    const newlyCompleted = !wasCompleted && locked.completedAt !== null;
    if (locked.scope !== '' && newlyCompleted)
      await recordDispatchCompletion(tx, locked, locked.completedAt!);
    // Webhooks ride in the outbox, in this transaction: nothing is lost if the process dies next.
    const data = registrationWebhookData(locked, course.id);
    const base = { organizationId: launch.organizationId, orderingKey: locked.id, data };
    let queued = await enqueueWebhookEvent(tx, { ...base, type: 'registration.updated' }, now);
    if (newlyCompleted)
      queued += await enqueueWebhookEvent(tx, { ...base, type: 'registration.completed' }, now);
    return { registration: locked, statsChanged, queued };
  });

  if (!outcome) {
    return {
      accepted: false,
      registration: await em.findOneOrFail(Registration, registration.id, { refresh: true }),
    };
  }
  const key = { organizationId: launch.organizationId, courseId: course.id };
  services.events.publish('REGISTRATION_UPDATED', { ...key, registrationId: registration.id });
  if (outcome.statsChanged) services.events.publish('STATS_CHANGED', key);
  if (outcome.queued > 0) services.webhooks.poke();
  // A dispatch learner's registration is scoped by the dispatch id: its watchers see the change.
  if (registration.scope !== '') {
    services.events.publish('DISPATCH_UPDATED', {
      organizationId: launch.organizationId,
      dispatchId: registration.scope,
    });
  }
  return { accepted: true, registration: outcome.registration };
}

function applyToState(
  state: ScoState,
  course: Course,
  values: Record<string, string>,
  input: CommitInput,
  now: Date,
): void {
  state.cmi = { ...state.cmi, ...values };
  const sessionKey = input.sessionId || input.attemptId;
  const previous: SessionTime | undefined = state.sessions[sessionKey];
  const sessionTimeKey =
    course.scormVersion === 'SCORM_12' ? 'cmi.core.session_time' : 'cmi.session_time';
  const reportedValue = values[sessionTimeKey];
  const reported =
    reportedValue !== undefined ? parseSessionTime(course.scormVersion, reportedValue) : null;
  const nowIso = now.toISOString();
  const gap = previous ? Math.max(0, (now.getTime() - Date.parse(previous.lastAt)) / 1000) : 0;
  state.sessions = {
    ...state.sessions,
    [sessionKey]: {
      reported: reported ?? previous?.reported ?? 0,
      firstAt: previous?.firstAt ?? nowIso,
      lastAt: nowIso,
      observed: (previous?.observed ?? 0) + Math.min(gap, OBSERVED_IDLE_CAP_SECONDS),
    },
  };
  // A new session that has not finished yet reopens the SCO; Finish/Terminate closes it.
  if (input.finished) state.finished = true;
  else if (!previous) state.finished = false;
  state.updatedAt = now;
}

function applySummary(registration: Registration, summary: RegistrationSummary, now: Date): void {
  registration.status = summary.status as RegistrationStatus;
  registration.progress = summary.progress;
  registration.progressSource = summary.progressSource as ProgressSource;
  registration.canResume = summary.canResume;
  registration.resumePoint = summary.resumePoint;
  registration.timeSpentSeconds = summary.timeSpentSeconds;
  registration.observedSeconds = summary.observedSeconds;
  registration.scoreScaled = summary.score?.scaled ?? null;
  registration.scoreRaw = summary.score?.raw ?? null;
  registration.scoreMin = summary.score?.min ?? null;
  registration.scoreMax = summary.score?.max ?? null;
  registration.completedAt = summary.completedAt;
  registration.lastActivityAt = now;
}
