import type { TopicPayloads } from '../events/topics.js';
import { decodeCmiText } from '../scorm/runtime-data.js';
import type { Registration } from './registration.entity.js';

type RegistrationEvent = TopicPayloads['REGISTRATION_UPDATED'];

/**
 * The registration row a commit just wrote, beside the event it published. Local subscribers
 * receive that very event object, so they can show the row without reading it back; events from
 * other instances carry ids only and are loaded as before.
 */
const rows = new WeakMap<RegistrationEvent, Record<string, unknown>>();

export function rememberCommittedRow(event: RegistrationEvent, row: Record<string, unknown>): void {
  rows.set(event, row);
}

/** The row behind a locally published event, if a commit published it. */
export function committedRowOf(event: RegistrationEvent): Record<string, unknown> | undefined {
  return rows.get(event);
}

const date = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as string);

/**
 * A registration row as the GraphQL `Registration` type reads it, without the ORM: a plain object
 * with the entity's properties, its relations as bare references (`{ id }`, which the field
 * resolvers load when a selection asks). Mapping through the ORM costs more than the whole
 * fan-out of an event, and a subscription payload is never written back.
 */
export function registrationFromRow(row: Record<string, unknown>): Registration {
  return {
    id: row['id'],
    organization: { id: row['organization_id'] },
    course: { id: row['course_id'] },
    scope: row['scope'],
    learnerId: row['learner_id'],
    learnerName: row['learner_name'],
    learnerEmail: row['learner_email'],
    status: row['status'],
    progress: row['progress'],
    progressSource: row['progress_source'],
    canResume: row['can_resume'],
    resumePoint:
      typeof row['resume_point'] === 'string' ? decodeCmiText(row['resume_point']) : null,
    timeSpentSeconds: row['time_spent_seconds'],
    observedSeconds: row['observed_seconds'],
    scoreScaled: row['score_scaled'],
    scoreRaw: row['score_raw'],
    scoreMin: row['score_min'],
    scoreMax: row['score_max'],
    launchCount: row['launch_count'],
    lastActivityAt: date(row['last_activity_at']),
    completedAt: date(row['completed_at']),
    createdAt: date(row['created_at']),
  } as unknown as Registration;
}
