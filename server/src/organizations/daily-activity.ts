import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One day (UTC) of an organization's learning." })
export class DailyActivity {
  @Field({ description: 'The day, YYYY-MM-DD in UTC.' }) day!: string;

  @Field(() => Int, { description: 'Registrations that first became complete that day.' })
  completions!: number;

  @Field(() => Int, {
    description: 'Distinct learners who opened a launch that day, or whose last commit fell on it.',
  })
  activeLearners!: number;
}

/** The most days a chart may ask for: a year keeps the answer small and the scan bounded. */
export const MAX_DAYS = 366;

/**
 * Completions and active learners per UTC day over the `days` days ending with `now`'s, every
 * day present (zeros included), oldest first. Counted in SQL, scoped to the organization.
 */
export async function readDailyActivity(
  em: EntityManager,
  organizationId: string,
  days: number,
  now: Date,
): Promise<DailyActivity[]> {
  const span = Math.max(1, Math.min(MAX_DAYS, Math.floor(days)));
  const last = now.toISOString().slice(0, 10);
  const firstDay = new Date(Date.parse(`${last}T00:00:00Z`) - (span - 1) * 86_400_000);
  const since = firstDay.toISOString();
  const rows: Array<{ day: string; completions: string; active: string }> = await em.execute(
    `WITH days AS (
       SELECT generate_series(?::date, ?::date, interval '1 day')::date AS day
     ),
     completions AS (
       SELECT (completed_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n
       FROM registrations
       WHERE organization_id = ? AND completed_at >= ?
       GROUP BY 1
     ),
     touched AS (
       SELECT (a.opened_at AT TIME ZONE 'UTC')::date AS day, r.scope, r.learner_id
       FROM attempts a JOIN registrations r ON r.id = a.registration_id
       WHERE r.organization_id = ? AND a.opened_at >= ?
       UNION
       SELECT (last_activity_at AT TIME ZONE 'UTC')::date, scope, learner_id
       FROM registrations
       WHERE organization_id = ? AND last_activity_at >= ?
     ),
     active AS (
       SELECT day, count(*) AS n FROM (SELECT DISTINCT day, scope, learner_id FROM touched) t
       GROUP BY day
     )
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(c.n, 0) AS completions,
       coalesce(a.n, 0) AS active
     FROM days d LEFT JOIN completions c USING (day) LEFT JOIN active a USING (day)
     ORDER BY d.day`,
    [since.slice(0, 10), last, organizationId, since, organizationId, since, organizationId, since],
  );
  return rows.map((row) =>
    Object.assign(new DailyActivity(), {
      day: row.day,
      completions: Number(row.completions),
      activeLearners: Number(row.active),
    }),
  );
}
