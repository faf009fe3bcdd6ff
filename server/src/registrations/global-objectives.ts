import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Sql } from '../db/sql.js';
import type { ActivityDefinition, SequencingDefinition } from '../scorm/sequencing/definition.js';
import type { GlobalObjectives, RollupResult } from '../scorm/sequencing/rollup.js';

/** Whose global objectives: a registration's learner as it is keyed (a dispatch's are scoped). */
export interface LearnerKey {
  organizationId: string;
  scope: string;
  learnerId: string;
}

export interface GlobalRow {
  objective_id: string;
  satisfied: boolean | null;
  measure: number | null;
}

/**
 * Whether a course's global objectives reach beyond one registration: it maps some objective
 * to a global and keeps `objectivesGlobalToSystem` (SCORM 2004's default). Where it does not,
 * the rollup shares globals within the registration only, and nothing is stored.
 */
export function sharesGlobalObjectives(definition: SequencingDefinition | null): boolean {
  if (!definition?.objectivesGlobalToSystem) return false;
  const stack: ActivityDefinition[] = [definition.root];
  while (stack.length > 0) {
    const activity = stack.pop()!;
    const objectives = [activity.primaryObjective, ...activity.objectives];
    if (objectives.some((o) => o && o.mapInfo.length > 0)) return true;
    stack.push(...activity.children);
  }
  return false;
}

/** The learner's global objectives, selected by a registration of theirs (for the commit's batch). */
export function selectGlobalObjectivesSql(registrationId: string): Sql {
  return sql`SELECT g.objective_id, g.satisfied, g.measure
            FROM global_objectives g
            JOIN registrations r ON r.organization_id = g.organization_id
                                AND r.scope = g.scope AND r.learner_id = g.learner_id
           WHERE r.id = ${registrationId}`;
}

export function toGlobalObjectives(rows: GlobalRow[]): GlobalObjectives {
  return new Map(rows.map((r) => [r.objective_id, { satisfied: r.satisfied, measure: r.measure }]));
}

/**
 * Stores what this registration's rollup wrote to its learner's global objectives, in sorted
 * order so two of the learner's commits cannot deadlock; null when it wrote none.
 */
export function upsertGlobalObjectivesSql(
  learner: LearnerKey,
  registrationId: string,
  rollup: RollupResult,
  now: Date,
): Sql | null {
  const ids = [...rollup.written].sort();
  if (ids.length === 0) return null;
  const values = ids.map((id) => {
    const g = rollup.globals.get(id)!;
    return sql`(${learner.organizationId}, ${learner.scope}, ${learner.learnerId}, ${id},
                ${g.satisfied}, ${g.measure}, ${registrationId}, ${now})`;
  });
  return sql`INSERT INTO global_objectives
            (organization_id, scope, learner_id, objective_id, satisfied, measure, registration_id, updated_at)
          VALUES ${sql.join(values, ', ')}
          ON CONFLICT (organization_id, scope, learner_id, objective_id) DO UPDATE
            SET satisfied = excluded.satisfied, measure = excluded.measure,
                registration_id = excluded.registration_id, updated_at = excluded.updated_at`;
}

/** The learner's global objectives now, for reading a registration's activity tree. */
export async function loadGlobalObjectives(
  em: EntityManager,
  learner: LearnerKey,
): Promise<GlobalObjectives> {
  const rows: GlobalRow[] = await em.execute(
    `SELECT objective_id, satisfied, measure FROM global_objectives
      WHERE organization_id = ? AND scope = ? AND learner_id = ?`,
    [learner.organizationId, learner.scope, learner.learnerId],
  );
  return toGlobalObjectives(rows);
}
