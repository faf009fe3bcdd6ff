import { sql, type Sql } from '../db/sql.js';
import { decodeCmiText, encodeCmiText } from '../scorm/runtime-data.js';
import { ProgressSource, RegistrationStatus, type Registration } from './registration.entity.js';

/** How a column's value travels between the row (as `pg` parses it here) and the state. */
type Codec = 'value' | 'timestamp' | 'cmiText';

/** A registration as its writers see it: the row's columns under the entity's property names. */
export interface RegistrationState {
  id: string;
  organizationId: string;
  courseId: string;
  /** '' for direct registrations; the dispatch id for a dispatch's learners. */
  scope: string;
  learnerId: string;
  learnerName: string | null;
  learnerEmail: string | null;
  createdAt: Date;
  status: RegistrationStatus;
  progress: number | null;
  progressSource: ProgressSource;
  canResume: boolean;
  resumePoint: string | null;
  timeSpentSeconds: number;
  observedSeconds: number;
  scoreScaled: number | null;
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  launchCount: number;
  lastActivityAt: Date | null;
  completedAt: Date | null;
}

/** The part of the row a change may write: the derived summary and the launch count. */
export type RegistrationSummary = Omit<
  RegistrationState,
  | 'id'
  | 'organizationId'
  | 'courseId'
  | 'scope'
  | 'learnerId'
  | 'learnerName'
  | 'learnerEmail'
  | 'createdAt'
>;

/**
 * The registration row's columns, declared once. The summary's UPDATE, the row → state mapping
 * (and so the subscription payload and the webhook payload) all derive from this table.
 */
const IDENTITY = {
  id: ['id', 'value'],
  organizationId: ['organization_id', 'value'],
  courseId: ['course_id', 'value'],
  scope: ['scope', 'value'],
  learnerId: ['learner_id', 'value'],
  learnerName: ['learner_name', 'value'],
  learnerEmail: ['learner_email', 'value'],
  createdAt: ['created_at', 'timestamp'],
} as const satisfies Record<
  Exclude<keyof RegistrationState, keyof RegistrationSummary>,
  readonly [string, Codec]
>;

const SUMMARY = {
  status: ['status', 'value'],
  progress: ['progress', 'value'],
  progressSource: ['progress_source', 'value'],
  canResume: ['can_resume', 'value'],
  resumePoint: ['resume_point', 'cmiText'],
  timeSpentSeconds: ['time_spent_seconds', 'value'],
  observedSeconds: ['observed_seconds', 'value'],
  scoreScaled: ['score_scaled', 'value'],
  scoreRaw: ['score_raw', 'value'],
  scoreMin: ['score_min', 'value'],
  scoreMax: ['score_max', 'value'],
  launchCount: ['launch_count', 'value'],
  lastActivityAt: ['last_activity_at', 'timestamp'],
  completedAt: ['completed_at', 'timestamp'],
} as const satisfies Record<keyof RegistrationSummary, readonly [string, Codec]>;

const COLUMNS: ReadonlyArray<readonly [keyof RegistrationState, string, Codec]> = [
  ...Object.entries(IDENTITY),
  ...Object.entries(SUMMARY),
].map(([key, [column, codec]]) => [key as keyof RegistrationState, column, codec] as const);

const SUMMARY_KEYS = Object.keys(SUMMARY) as Array<keyof RegistrationSummary>;

/** A registration row (any superset of the declared columns) as the state it holds. */
export function registrationStateOf(row: Record<string, unknown>): RegistrationState {
  const state: Record<string, unknown> = {};
  for (const [key, column, codec] of COLUMNS) {
    const value = row[column] ?? null;
    state[key] =
      value === null
        ? null
        : codec === 'timestamp'
          ? new Date(value as string | Date)
          : codec === 'cmiText'
            ? decodeCmiText(value as string)
            : value;
  }
  return state as unknown as RegistrationState;
}

/** The state as a row, in the shape `pg` parses it on the commit pool (timestamps as text). */
export function registrationRowOf(state: RegistrationState): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column, codec] of COLUMNS) {
    const value = state[key];
    row[column] =
      value === null
        ? null
        : codec === 'timestamp'
          ? (value as Date).toISOString()
          : codec === 'cmiText'
            ? encodeCmiText(value as string)
            : value;
  }
  return row;
}

/** The summary columns that differ between two states. */
export function changedSummary(
  before: RegistrationState,
  after: RegistrationState,
): Array<keyof RegistrationSummary> {
  return SUMMARY_KEYS.filter((key) => {
    const a = before[key];
    const b = after[key];
    if (a instanceof Date || b instanceof Date)
      return (a as Date | null)?.getTime() !== (b as Date | null)?.getTime();
    return a !== b;
  });
}

/** `UPDATE registrations SET …` of the given summary columns to the state's values. */
export function summaryUpdate(
  state: RegistrationState,
  keys: ReadonlyArray<keyof RegistrationSummary> = SUMMARY_KEYS,
): Sql {
  const sets = keys.map((key) => {
    const [column, codec] = SUMMARY[key];
    const value = state[key];
    const stored = codec === 'cmiText' && typeof value === 'string' ? encodeCmiText(value) : value;
    return sql`${sql.identifier(column)} = ${stored}`;
  });
  return sql`UPDATE registrations SET ${sql.join(sets, ', ')} WHERE id = ${state.id}`;
}

/**
 * A registration row as the GraphQL `Registration` type reads it, without the ORM: a plain object
 * with the entity's properties, its relations as bare references (`{ id }`, which the field
 * resolvers load when a selection asks). Mapping through the ORM costs more than the whole
 * fan-out of an event, and a subscription payload is never written back, so this one cast stands
 * in for the entity.
 */
export function registrationFromRow(row: Record<string, unknown>): Registration {
  const { organizationId, courseId, ...rest } = registrationStateOf(row);
  return {
    ...rest,
    organization: { id: organizationId },
    course: { id: courseId },
  } as unknown as Registration;
}

/**
 * A registration leaves NOT_STARTED: in progress, and how far is unknown until its content (or a
 * host LMS) reports something; its not-started progress of 0 no longer holds.
 */
export function startedSummary(
  state: Pick<RegistrationState, 'progressSource'>,
): Partial<RegistrationSummary> {
  return state.progressSource === ProgressSource.STATUS
    ? {
        status: RegistrationStatus.IN_PROGRESS,
        progress: null,
        progressSource: ProgressSource.UNKNOWN,
      }
    : { status: RegistrationStatus.IN_PROGRESS };
}
