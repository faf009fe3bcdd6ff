import type { EntityManager } from '@mikro-orm/postgresql';
import { STATS_SHARDS } from './registration-stats.entity.js';

export interface StatsDrift {
  organizationId: string;
  courseId: string;
  shard: number;
  column: string;
  counted: number;
  actual: number;
}

const COLUMNS = [
  'total',
  'not_started',
  'in_progress',
  'completed',
  'passed',
  'failed',
  'progress_count',
] as const;

/**
 * Recomputes every counter row from the registrations, reports where the counters had drifted,
 * and (unless `dryRun`) rewrites them, all in one transaction that holds the counters still.
 */
export async function repairStats(
  em: EntityManager,
  options: { dryRun?: boolean } = {},
): Promise<StatsDrift[]> {
  return em.transactional(async (tx) => {
    const conn = tx;
    await conn.execute('LOCK TABLE registration_stats IN EXCLUSIVE MODE');
    const actualRows: Array<Record<string, unknown>> = await conn.execute(
      `SELECT organization_id, course_id, ('x' || lpad(substr(id::text, 1, 8), 16, '0'))::bit(64)::bigint % ${STATS_SHARDS} AS shard,
              count(*) total,
              count(*) FILTER (WHERE status = 'NOT_STARTED') not_started,
              count(*) FILTER (WHERE status = 'IN_PROGRESS') in_progress,
              count(*) FILTER (WHERE status = 'COMPLETED') completed,
              count(*) FILTER (WHERE status = 'PASSED') passed,
              count(*) FILTER (WHERE status = 'FAILED') failed,
              coalesce(sum(progress), 0) progress_sum,
              count(progress) progress_count
         FROM registrations GROUP BY 1, 2, 3`,
    );
    const countedRows: Array<Record<string, unknown>> = await conn.execute(
      'SELECT * FROM registration_stats',
    );
    const key = (r: Record<string, unknown>) =>
      `${r['organization_id']}|${r['course_id']}|${Number(r['shard'])}`;
    const counted = new Map(countedRows.map((r) => [key(r), r]));
    const actual = new Map(actualRows.map((r) => [key(r), r]));
    const drift: StatsDrift[] = [];
    for (const k of new Set([...counted.keys(), ...actual.keys()])) {
      const [organizationId, courseId, shard] = k.split('|') as [string, string, string];
      for (const column of COLUMNS) {
        const c = Number(counted.get(k)?.[column] ?? 0);
        const a = Number(actual.get(k)?.[column] ?? 0);
        if (c !== a)
          drift.push({
            organizationId,
            courseId,
            shard: Number(shard),
            column,
            counted: c,
            actual: a,
          });
      }
    }
    if (!options.dryRun && (drift.length > 0 || countedRows.length !== actualRows.length)) {
      await conn.execute('DELETE FROM registration_stats');
      for (const r of actualRows) {
        await conn.execute(
          `INSERT INTO registration_stats (organization_id, course_id, shard, total, not_started, in_progress, completed, passed, failed, progress_sum, progress_count)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            r['organization_id'],
            r['course_id'],
            Number(r['shard']),
            ...COLUMNS.slice(0, 6).map((c) => Number(r[c])),
            Number(r['progress_sum']),
            Number(r['progress_count']),
          ],
        );
      }
    }
    return drift;
  });
}
