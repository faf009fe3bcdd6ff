import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { recordDispatchCompletion } from '../dispatch/record-dispatch-completion.js';
import { BadUserInputError, UnauthenticatedError } from '../errors.js';
import type { LaunchPrincipal } from '../graphql/context.js';
import { validateCmi } from '../scorm/cmi-model.js';
import { parseSessionTime, type ScormVersion } from '../scorm/cmi-time.js';
import { deriveRegistrationStatus } from '../scorm/derive-status.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.js';
import { registrationWebhookData } from '../webhooks/webhook-payloads.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import { adjustStats } from './registration-stats.js';
import type { SessionTime } from './sco-state.entity.js';
import { toScoFacts, type StoredScoState } from './sco-facts.js';

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

interface LockedRow {
  status: RegistrationStatus;
  progress: number | null;
  completed_at: Date | null;
}

interface StoredRow extends StoredScoState {
  sco_id: string;
}

/**
 * Applies one runtime commit, once and in order, in one transaction: the attempt's sequence
 * gate, the SCO's merged CMI and session time, the derived summary on the registration row, the
 * stats counters and the webhook outbox. It is the hottest path in Courier, so it runs as a few
 * SQL statements rather than entity loads and a flush. Events go out after the commit.
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
  if (!Number.isInteger(input.seq) || input.seq < 1) {
    throw new BadUserInputError('seq must be a positive integer');
  }
  const course = await services.courseFacts.get(em, launch.registrationId, launch.organizationId);
  if (!course) {
    throw new UnauthenticatedError('This launch token is for a registration that no longer exists');
  }
  const item = input.scoId
    ? course.items.find((i) => i.identifier === input.scoId)
    : course.items[0];
  if (!item)
    throw new BadUserInputError(`The course has no item ${input.scoId}`, { field: 'scoId' });
  const checked = validateCmi(course.version, input.cmi);
  if (!checked.ok) throw new BadUserInputError(checked.message, { element: checked.element });

  const outcome = await em.transactional(async (tx) => {
    // The gate: only the UPDATE that raises last_seq applies the commit.
    const gate: unknown[] = await tx.execute(
      'UPDATE attempts SET last_seq = ? WHERE id = ? AND registration_id = ? AND last_seq < ? RETURNING id',
      [input.seq, input.attemptId, launch.registrationId, input.seq],
    );
    if (gate.length === 0) {
      const exists: unknown[] = await tx.execute(
        'SELECT 1 FROM attempts WHERE id = ? AND registration_id = ?',
        [input.attemptId, launch.registrationId],
      );
      if (exists.length === 0)
        throw new UnauthenticatedError('This launch token is for an attempt that no longer exists');
      return null;
    }
    // Lock the registration: commits of other attempts wait here. The SCO states are read by a
    // statement of their own, after the lock, so they include what the previous holder wrote.
    const [locked] = (await tx.execute(
      'SELECT status, progress, completed_at FROM registrations WHERE id = ? FOR UPDATE',
      [launch.registrationId],
    )) as LockedRow[];
    if (!locked)
      throw new UnauthenticatedError(
        'This launch token is for a registration that no longer exists',
      );
    const stored = (await tx.execute(
      'SELECT sco_id, cmi, sessions, finished FROM sco_states WHERE registration_id = ?',
      [launch.registrationId],
    )) as StoredRow[];
    const states = new Map<string, StoredScoState>(
      stored.map((s) => [s.sco_id, { cmi: s.cmi, sessions: s.sessions, finished: s.finished }]),
    );
    const state = nextState(
      states.get(item.identifier),
      course.version,
      checked.values,
      input,
      now,
    );
    states.set(item.identifier, state);
    const completedBefore = locked.completed_at ? new Date(locked.completed_at) : null;
    const summary = deriveRegistrationStatus(
      {
        version: course.version,
        scos: course.items.map((i) => toScoFacts(i, states.get(i.identifier))),
        lastActivityAt: now,
        previous: { status: locked.status, completedAt: completedBefore },
      },
      now,
    );
    await tx.execute(
      `INSERT INTO sco_states (id, registration_id, sco_id, cmi, sessions, finished, updated_at)
       VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
       ON CONFLICT (registration_id, sco_id) DO UPDATE
         SET cmi = excluded.cmi, sessions = excluded.sessions, finished = excluded.finished, updated_at = excluded.updated_at`,
      [
        randomUUID(),
        launch.registrationId,
        item.identifier,
        JSON.stringify(state.cmi),
        JSON.stringify(state.sessions),
        state.finished,
        now,
      ],
    );
    const [row] = (await tx.execute(
      `UPDATE registrations SET status = ?, progress = ?, progress_source = ?, can_resume = ?, resume_point = ?,
              time_spent_seconds = ?, observed_seconds = ?, score_scaled = ?, score_raw = ?, score_min = ?, score_max = ?,
              completed_at = ?, last_activity_at = ?
        WHERE id = ? RETURNING *`,
      [
        summary.status,
        summary.progress,
        summary.progressSource,
        summary.canResume,
        summary.resumePoint,
        summary.timeSpentSeconds,
        summary.observedSeconds,
        summary.score?.scaled ?? null,
        summary.score?.raw ?? null,
        summary.score?.min ?? null,
        summary.score?.max ?? null,
        summary.completedAt,
        now,
        launch.registrationId,
      ],
    )) as Array<Record<string, unknown>>;
    const registration = tx.map(Registration, row!);
    const statsChanged = await adjustStats(
      tx,
      {
        organizationId: launch.organizationId,
        courseId: course.courseId,
        registrationId: launch.registrationId,
      },
      { status: locked.status, progress: locked.progress },
      { status: summary.status as RegistrationStatus, progress: summary.progress },
    );
    const newlyCompleted = completedBefore === null && summary.completedAt !== null;
    if (course.scope !== '' && newlyCompleted)
      await recordDispatchCompletion(tx, registration, summary.completedAt!);
    // Webhooks ride in the outbox, in this transaction: nothing is lost if the process dies next.
    const data = registrationWebhookData(registration, course.courseId);
    const base = {
      organizationId: launch.organizationId,
      orderingKey: launch.registrationId,
      data,
    };
    let queued = await enqueueWebhookEvent(tx, { ...base, type: 'registration.updated' }, now);
    if (newlyCompleted)
      queued += await enqueueWebhookEvent(tx, { ...base, type: 'registration.completed' }, now);
    return { registration, statsChanged, queued };
  });

  if (!outcome) {
    const registration = await em.findOneOrFail(Registration, launch.registrationId, {
      refresh: true,
    });
    return { accepted: false, registration };
  }
  const key = { organizationId: launch.organizationId, courseId: course.courseId };
  services.events.publish('REGISTRATION_UPDATED', {
    ...key,
    registrationId: launch.registrationId,
  });
  if (outcome.statsChanged) services.events.publish('STATS_CHANGED', key);
  if (outcome.queued > 0) services.webhooks.poke();
  // A dispatch learner's registration is scoped by the dispatch id: its watchers see the change.
  if (course.scope !== '') {
    services.events.publish('DISPATCH_UPDATED', {
      organizationId: launch.organizationId,
      dispatchId: course.scope,
    });
  }
  return { accepted: true, registration: outcome.registration };
}

/** The SCO's state after this commit: values merged, this session's time updated once. */
function nextState(
  previous: StoredScoState | undefined,
  version: ScormVersion,
  values: Record<string, string>,
  input: CommitInput,
  now: Date,
): StoredScoState {
  const sessionKey = input.sessionId || input.attemptId;
  const session: SessionTime | undefined = previous?.sessions[sessionKey];
  const reportedValue =
    values[version === 'SCORM_12' ? 'cmi.core.session_time' : 'cmi.session_time'];
  const reported = reportedValue !== undefined ? parseSessionTime(version, reportedValue) : null;
  const nowIso = now.toISOString();
  const gap = session ? Math.max(0, (now.getTime() - Date.parse(session.lastAt)) / 1000) : 0;
  return {
    cmi: { ...previous?.cmi, ...values },
    sessions: {
      ...previous?.sessions,
      [sessionKey]: {
        reported: reported ?? session?.reported ?? 0,
        firstAt: session?.firstAt ?? nowIso,
        lastAt: nowIso,
        observed: (session?.observed ?? 0) + Math.min(gap, OBSERVED_IDLE_CAP_SECONDS),
      },
    },
    // A new session that has not finished yet reopens the SCO; Finish/Terminate closes it.
    finished: input.finished ? true : session ? (previous?.finished ?? false) : false,
  };
}
