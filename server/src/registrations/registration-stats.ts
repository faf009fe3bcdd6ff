import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { sql, type Sql } from '../db/sql.js';
import { RegistrationStatus } from './registration.entity.js';
import { STATS_SHARDS } from './registration-stats.entity.js';

@ObjectType({ description: 'Counts by status over a set of registrations, kept as counters.' })
export class RegistrationStats {
  @Field(() => Int) total!: number;
  @Field(() => Int) notStarted!: number;
  @Field(() => Int) inProgress!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int) passed!: number;
  @Field(() => Int) failed!: number;

  @Field(() => Float, { description: '(completed + passed + failed) / total, 0 when total is 0' })
  completionRate!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean of known progress; null when none is known',
  })
  averageProgress!: number | null;

  @Field(() => Int, {
    description:
      'How many registrations averageProgress is the mean of: those whose progress is known.',
  })
  knownProgressCount!: number;
}

/** The part of a registration the counters track. */
export interface CountedFacts {
  status: RegistrationStatus;
  progress: number | null;
}

const COLUMN: Record<RegistrationStatus, string> = {
  NOT_STARTED: 'not_started',
  IN_PROGRESS: 'in_progress',
  COMPLETED: 'completed',
  PASSED: 'passed',
  FAILED: 'failed',
};

/** The shard a registration's counters live in: stable, spread by its id. */
export function statsShardOf(registrationId: string): number {
  return parseInt(registrationId.slice(0, 8), 16) % STATS_SHARDS;
}

/** Builds the stats type from summed counters. */
export function toRegistrationStats(row: Record<string, unknown> | undefined): RegistrationStats {
  const n = (key: string) => Number(row?.[key] ?? 0);
  const total = n('total');
  const done = n('completed') + n('passed') + n('failed');
  const progressCount = n('progress_count');
  return Object.assign(new RegistrationStats(), {
    total,
    notStarted: n('not_started'),
    inProgress: n('in_progress'),
    completed: n('completed'),
    passed: n('passed'),
    failed: n('failed'),
    completionRate: total === 0 ? 0 : done / total,
    averageProgress: progressCount === 0 ? null : n('progress_sum') / progressCount,
    knownProgressCount: progressCount,
  });
}

const SUMS = `coalesce(sum(total),0) total, coalesce(sum(not_started),0) not_started,
  coalesce(sum(in_progress),0) in_progress, coalesce(sum(completed),0) completed,
  coalesce(sum(passed),0) passed, coalesce(sum(failed),0) failed,
  coalesce(sum(progress_sum),0) progress_sum, coalesce(sum(progress_count),0) progress_count`;

/** Stats of an organization, or of one of its courses: a sum over a few counter rows. */
export async function readStats(
  em: EntityManager,
  scope: { organizationId: string; courseId?: string },
): Promise<RegistrationStats> {
  const rows = scope.courseId
    ? await em.execute(
        `SELECT ${SUMS} FROM registration_stats WHERE organization_id = ? AND course_id = ?`,
        [scope.organizationId, scope.courseId],
      )
    : await em.execute(`SELECT ${SUMS} FROM registration_stats WHERE organization_id = ?`, [
        scope.organizationId,
      ]);
  return toRegistrationStats(rows[0]);
}

/** Stats of several courses in one query (a course list asks for all of them at once). */
export async function readCourseStats(
  em: EntityManager,
  organizationId: string,
  courseIds: string[],
): Promise<Map<string, RegistrationStats>> {
  const result = new Map<string, RegistrationStats>();
  if (courseIds.length === 0) return result;
  const rows: Array<Record<string, unknown>> = await em.execute(
    `SELECT course_id, ${SUMS} FROM registration_stats
      WHERE organization_id = ? AND course_id = ANY(?::uuid[]) GROUP BY course_id`,
    [organizationId, `{${courseIds.join(',')}}`],
  );
  for (const row of rows) result.set(String(row['course_id']), toRegistrationStats(row));
  for (const id of courseIds) if (!result.has(id)) result.set(id, toRegistrationStats(undefined));
  return result;
}

/**
 * The statement that moves a registration's counts from `before` to `after` in its shard row, or
 * null when no figure changes, so steady commits that only move time or location never contend
 * on the counter row.
 */
export function statsStatement(
  key: { organizationId: string; courseId: string; registrationId: string },
  before: CountedFacts | null,
  after: CountedFacts,
): Sql | null {
  const delta = new Map<string, number>();
  const add = (column: string, value: number) =>
    delta.set(column, (delta.get(column) ?? 0) + value);
  if (!before) add('total', 1);
  if (before) add(COLUMN[before.status], -1);
  add(COLUMN[after.status], 1);
  if (before?.progress != null) {
    add('progress_sum', -before.progress);
    add('progress_count', -1);
  }
  if (after.progress != null) {
    add('progress_sum', after.progress);
    add('progress_count', 1);
  }
  const changes = [...delta].filter(([, value]) => value !== 0);
  if (changes.length === 0) return null;
  const columns = changes.map(([column]) => sql.identifier(column));
  return sql`INSERT INTO registration_stats (organization_id, course_id, shard, ${sql.join(
    columns.map((c) => sql`${c}`),
    ', ',
  )})
     VALUES (${key.organizationId}, ${key.courseId}, ${statsShardOf(key.registrationId)}, ${sql.join(
       changes.map(([, value]) => sql`${value}`),
       ', ',
     )})
     ON CONFLICT (organization_id, course_id, shard) DO UPDATE SET
     ${sql.join(
       columns.map((c) => sql`${c} = registration_stats.${c} + excluded.${c}`),
       ', ',
     )}`;
}
