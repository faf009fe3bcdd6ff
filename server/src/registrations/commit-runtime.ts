import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import type { CourseFacts } from '../courses/course-facts-cache.js';
import { clientTransaction, query } from '../db/sql-batch.js';
import type { SqlPool } from '../db/sql-pool.js';
import { sql, type Sql } from '../db/sql.js';
import { BadUserInputError, UnauthenticatedError } from '../errors.js';
import type { LaunchPrincipal } from '../auth/principal.js';
import { validateCmi } from '../scorm/cmi-model.js';
import { parseSessionTime, type ScormVersion } from '../scorm/cmi-time.js';
import { CMI } from '../scorm/vocabulary.js';
import { deriveRegistrationStatus } from '../scorm/derive-status.js';
import {
  decodeCmi,
  encodeCmi,
  encodeCmiText,
  projectFacts,
  storedSizeOf,
} from '../scorm/runtime-data.js';
import { ProgressSource, Registration, RegistrationStatus } from './registration.entity.js';
import {
  applyRegistrationChange,
  publishRegistrationChange,
  type RegistrationChange,
} from './apply-registration-change.js';
import {
  selectGlobalObjectivesSql,
  sharesGlobalObjectives,
  toGlobalObjectives,
  upsertGlobalObjectivesSql,
  type GlobalRow,
} from './global-objectives.js';
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

/** The most player sessions one SCO of one registration keeps (a learner's launches, many years' worth). */
export const MAX_SESSIONS_PER_SCO = 1000;

/** Gaps between commits longer than this count as this much in observed time (the learner left). */
export const OBSERVED_IDLE_CAP_SECONDS = 30 * 60;

/** A commit's answer. The registration is mapped (or read) only when someone asks for it. */
export interface CommitOutcome {
  accepted: boolean;
  readonly registration: Registration | Promise<Registration>;
}

/** A SCO's row as the commit reads it: the facts projection, never the whole runtime data. */
interface StoredRow {
  sco_id: string;
  facts: Record<string, string>;
  sessions: StoredScoState['sessions'];
  finished: boolean;
}

/** SQLSTATE that `courier_merge_runtime_data` raises when a merge would pass the cap. */
const RUNTIME_DATA_LIMIT_SQLSTATE = 'CU413';

/** The refusal of a commit that would take a SCO's runtime data past the cap. */
function runtimeDataLimitError(itemId: string, limitBytes: number): BadUserInputError {
  return new BadUserInputError(
    `The runtime data of ${itemId} would pass the limit of ${limitBytes / 1024} KiB per SCO (RUNTIME_DATA_LIMIT_KB); nothing of this commit was stored`,
    { field: 'cmi', limit: 'RUNTIME_DATA_LIMIT_KB', limitBytes },
  );
}

/**
 * Applies one runtime commit, once and in order, in one transaction: the attempt's sequence
 * gate, the SCO's merged CMI and session time, the derived summary on the registration row, the
 * stats counters and the webhook outbox. It is the hottest path in Courier, so it runs as a few
 * SQL statements in two round trips on a pool of its own, rather than entity loads and a flush.
 * Events go out after the commit.
 */
export async function commitRuntime(
  /** Read `em` only when needed: over HTTP it is forked on first use, and commits rarely need it. */
  ctx: { readonly em: EntityManager; services: AppServices },
  launch: LaunchPrincipal,
  input: CommitInput,
  now = new Date(),
): Promise<CommitOutcome> {
  if (input.attemptId !== launch.attemptId) {
    throw new UnauthenticatedError('This launch token belongs to another attempt');
  }
  if (!Number.isInteger(input.seq) || input.seq < 1) {
    throw new BadUserInputError('seq must be a positive integer');
  }
  if (input.sessionId && input.sessionId.length > 100) {
    throw new BadUserInputError('sessionId must be at most 100 characters', { field: 'sessionId' });
  }
  const { services } = ctx;
  const course = await services.courseFacts.get(() => ctx.em, launch);
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
  const limitBytes = services.config.runtimeDataLimitBytes;
  const stored = encodeCmi(checked.values);
  // The database has the last word on the merged size; this spares it a commit that alone passes.
  if (storedSizeOf(stored) > limitBytes) throw runtimeDataLimitError(item.identifier, limitBytes);

  const outcome = await applyCommit(services.sql, () => ctx.em, {
    launch,
    course,
    itemId: item.identifier,
    values: checked.values,
    stored,
    limitBytes,
    input,
    now,
  }).catch((err: unknown) => {
    if ((err as { code?: unknown }).code === RUNTIME_DATA_LIMIT_SQLSTATE)
      throw runtimeDataLimitError(item.identifier, limitBytes);
    throw err;
  });

  if (!outcome) {
    // Read only when asked: a player retrying a commit wants the acknowledgement, not the row.
    let registration: Promise<Registration> | undefined;
    return {
      accepted: false,
      get registration() {
        return (registration ??= ctx.em.findOneOrFail(Registration, launch.registrationId, {
          refresh: true,
        }));
      },
    };
  }
  publishRegistrationChange(services, outcome.change);
  return {
    accepted: true,
    get registration() {
      return outcome.registration();
    },
  };
}

/**
 * The commit's transaction on the dedicated pool, in two round trips where nothing unusual
 * happens: (1) BEGIN, the attempt's sequence gate, the registration's row lock and the SCO
 * states; (2) the SCO state, the derived summary, the stats counters, the outbox and COMMIT.
 * Values travel as literals (rendered by `sql`) because only the simple protocol carries several
 * statements in one message. Returns null when the gate refused the commit (a replay or a late one).
 */
async function applyCommit(
  pool: SqlPool,
  getEm: () => EntityManager,
  c: {
    launch: LaunchPrincipal;
    course: CourseFacts;
    itemId: string;
    /** The commit's values as the content set them, and as stored (encoded). */
    values: Record<string, string>;
    stored: Record<string, string>;
    limitBytes: number;
    input: CommitInput;
    now: Date;
  },
): Promise<{ registration: () => Registration; change: RegistrationChange } | null> {
  const { launch, course, input, now } = c;
  const registrationId = launch.registrationId;
  const client = await pool.connect();
  const tx = clientTransaction(client);
  let broken: Error | undefined;
  try {
    // SCORM 2004 global objectives shared across the learner's registrations, read after the lock.
    const sharesGlobals =
      course.version === 'SCORM_2004' && sharesGlobalObjectives(course.sequencing);
    const change = await applyRegistrationChange(tx, {
      where: { id: registrationId },
      // The gate: only the UPDATE that raises last_seq applies the commit. The registration is
      // locked next, so commits of other attempts wait there; the SCO states are read by a
      // statement of their own, after the lock, so they include what the previous holder wrote
      // (each statement of a message takes its own snapshot under READ COMMITTED).
      before: {
        gate: query<{ id: string }>(sql`UPDATE attempts SET last_seq = ${input.seq}
          WHERE id = ${input.attemptId} AND registration_id = ${registrationId}
            AND last_seq < ${input.seq} RETURNING id`),
      },
      after: {
        stored: query<StoredRow>(
          sql`SELECT sco_id, facts, sessions, finished FROM sco_states WHERE registration_id = ${registrationId}`,
        ),
        globals: sharesGlobals
          ? query<GlobalRow>(selectGlobalObjectivesSql(registrationId))
          : undefined,
      },
      missing: () =>
        new UnauthenticatedError('This launch token is for a registration that no longer exists'),
      now,
      decide(locked, { gate, stored, globals }) {
        // The token named the course; the row is the authority (a registration never moves).
        if (locked.courseId !== course.courseId)
          throw new UnauthenticatedError('This launch token is for another course');
        if (gate.rowCount === 0) return null;
        // Derivation reads the facts projection (decoded), so a commit's cost in Node does not
        // grow with the suspend data or interactions stored.
        const states = new Map<string, StoredScoState>(
          stored.rows.map((s) => [
            s.sco_id,
            { cmi: decodeCmi(s.facts), sessions: s.sessions, finished: s.finished },
          ]),
        );
        const previousFacts = stored.rows.find((s) => s.sco_id === c.itemId)?.facts ?? {};
        const facts = { ...previousFacts, ...projectFacts(c.stored) };
        const state = nextState(states.get(c.itemId), course.version, c.values, input, now);
        states.set(c.itemId, { ...state, cmi: decodeCmi(facts) });
        const summary = deriveRegistrationStatus(
          {
            version: course.version,
            scos: course.items.map((i) => toScoFacts(i, states.get(i.identifier))),
            lastActivityAt: now,
            previous: { status: locked.status, completedAt: locked.completedAt },
            sequencing: course.sequencing,
            globalObjectives: globals ? toGlobalObjectives(globals.rows) : undefined,
          },
          now,
        );
        const statements: Sql[] = [
          // The values merge into the stored ones in the database, which refuses a merge past the cap.
          sql`INSERT INTO sco_states (id, registration_id, sco_id, cmi, facts, sessions, finished, updated_at)
           VALUES (${randomUUID()}, ${registrationId}, ${c.itemId},
                   courier_merge_runtime_data(NULL, ${sql.json(c.stored)}, ${c.limitBytes}),
                   ${sql.json(facts)}, ${sql.json(state.sessions)}, ${state.finished}, ${now})
           ON CONFLICT (registration_id, sco_id) DO UPDATE
             SET cmi = courier_merge_runtime_data(sco_states.cmi, excluded.cmi, ${c.limitBytes}),
                 facts = excluded.facts, sessions = excluded.sessions, finished = excluded.finished,
                 updated_at = excluded.updated_at`,
        ];
        const globalWrites =
          sharesGlobals && summary.rollup
            ? upsertGlobalObjectivesSql(
                {
                  organizationId: launch.organizationId,
                  scope: locked.scope,
                  learnerId: locked.learnerId,
                },
                registrationId,
                summary.rollup,
                now,
              )
            : null;
        if (globalWrites) statements.push(globalWrites);
        return {
          summary: {
            status: summary.status as RegistrationStatus,
            progress: summary.progress,
            progressSource: summary.progressSource as ProgressSource,
            canResume: summary.canResume,
            resumePoint: summary.resumePoint,
            timeSpentSeconds: summary.timeSpentSeconds,
            observedSeconds: summary.observedSeconds,
            scoreScaled: summary.score?.scaled ?? null,
            scoreRaw: summary.score?.raw ?? null,
            scoreMin: summary.score?.min ?? null,
            scoreMax: summary.score?.max ?? null,
            completedAt: summary.completedAt,
            lastActivityAt: now,
          },
          webhooks: true,
          statements,
        };
      },
    });
    if (!change) {
      // A replay or a late commit: end the transaction and tell a lost attempt from a refusal.
      const { exists } = await tx.run(
        {
          rollback: query(sql`ROLLBACK`),
          exists: query(
            sql`SELECT 1 FROM attempts WHERE id = ${input.attemptId} AND registration_id = ${registrationId}`,
          ),
        },
        { last: true, bare: true },
      );
      if (exists.rowCount === 0)
        throw new UnauthenticatedError('This launch token is for an attempt that no longer exists');
      return null;
    }
    let entity: Registration | undefined;
    // The row as the UPDATE left it, built here rather than read back: the row was locked.
    const registration = () => (entity ??= getEm().map(Registration, change.row));
    return { registration, change };
  } catch (err) {
    if (tx.open) {
      await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
    }
    throw err;
  } finally {
    client.release(broken);
  }
}

/** The SCO's stored exit says suspend: a session opened now resumes that attempt (SCORM 1.2 or 2004). */
function exitedSuspended(cmi: Record<string, string>): boolean {
  return cmi[CMI.SCORM_2004.exit] === 'suspend' || cmi[CMI.SCORM_12.exit] === 'suspend';
}

/** The SCO's sessions and finish after this commit, this session's time updated once. */
function nextState(
  previous: StoredScoState | undefined,
  version: ScormVersion,
  values: Record<string, string>,
  input: CommitInput,
  now: Date,
): Omit<StoredScoState, 'cmi'> {
  const sessionKey = encodeCmiText(input.sessionId || input.attemptId);
  const session: SessionTime | undefined = previous?.sessions[sessionKey];
  // Each session is a small entry kept for good (time counts once per session): a launch token
  // inventing session ids must not grow it without end, outside the runtime data cap.
  if (!session && Object.keys(previous?.sessions ?? {}).length >= MAX_SESSIONS_PER_SCO) {
    throw new BadUserInputError(
      `A SCO keeps at most ${MAX_SESSIONS_PER_SCO} sessions of one registration; this commit would start another`,
      { field: 'sessionId', limit: MAX_SESSIONS_PER_SCO },
    );
  }
  const reportedValue = values[CMI[version].sessionTime];
  const reported = reportedValue !== undefined ? parseSessionTime(version, reportedValue) : null;
  const nowIso = now.toISOString();
  const gap = session ? Math.max(0, (now.getTime() - Date.parse(session.lastAt)) / 1000) : 0;
  return {
    sessions: {
      ...previous?.sessions,
      [sessionKey]: {
        reported: reported ?? session?.reported ?? 0,
        firstAt: session?.firstAt ?? nowIso,
        lastAt: nowIso,
        observed: (session?.observed ?? 0) + Math.min(gap, OBSERVED_IDLE_CAP_SECONDS),
        resumed: session
          ? session.resumed
          : previous !== undefined && exitedSuspended(previous.cmi),
      },
    },
    // A new session that has not finished yet reopens the SCO; Finish/Terminate closes it.
    finished: input.finished ? true : session ? (previous?.finished ?? false) : false,
  };
}
