import { randomUUID } from 'node:crypto';
import type { SqlPool } from '../db/sql-pool.js';
import {
  activitiesOf,
  indexStatement,
  normalizeStatement,
  sameStatement,
} from './statement-index.js';
import { XapiInvalid, type JsonObject, type XapiVersion } from './validate-statement.js';

/** A stored statement would change: a different statement under an id already used. */
export class XapiConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XapiConflict';
  }
}

/** An attachment's bytes, keyed by its SHA-2 in the statements that carry it. */
export interface AttachmentContent {
  contentType: string;
  content: Buffer;
}

export interface StoreStatementsInput {
  organizationId: string;
  /** Validated statements as the client sent them. */
  statements: JsonObject[];
  /** The credential's agent; the LRS sets it on every statement. */
  authority: JsonObject;
  version: XapiVersion;
  attachments: Map<string, AttachmentContent>;
  now?: Date;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Stores statements in one transaction: ids assigned, stored/timestamp/authority/version filled,
 * the same statement sent again accepted as a no-op, a different one under a used id refused
 * (409), voiding applied (a voiding statement may not target another voiding statement). Nothing
 * is written when any statement is refused. Returns the ids in order.
 */
export async function storeStatements(
  pool: SqlPool,
  input: StoreStatementsInput,
): Promise<string[]> {
  try {
    return await storeOnce(pool, input);
  } catch (err) {
    // Two clients racing to store the same id: the loser compares against the winner's row.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) return storeOnce(pool, input);
    throw err;
  }
}

async function storeOnce(pool: SqlPool, input: StoreStatementsInput): Promise<string[]> {
  const now = input.now ?? new Date();
  const stored = now.toISOString();
  const complete = input.statements.map((s) => {
    const id = typeof s['id'] === 'string' ? s['id'].toLowerCase() : randomUUID();
    return {
      ...normalizeStatement(s),
      id,
      timestamp: s['timestamp'] ?? stored,
      stored,
      authority: input.authority,
      version: s['version'] ?? (input.version === '2.0.0' ? '2.0.0' : '1.0.0'),
    } as JsonObject;
  });
  const ids = complete.map((s) => String(s['id']));
  if (new Set(ids).size !== ids.length)
    throw new XapiInvalid('A batch cannot hold two statements with the same id');
  const client = await pool.connect();
  try {
    await client.query('begin');
    const existing = await client.query<{ id: string; statement: JsonObject }>(
      'select id, statement from xapi_statements where organization_id = $1 and id = any($2::uuid[])',
      [input.organizationId, ids],
    );
    const known = new Map(existing.rows.map((r) => [r.id, r.statement]));
    const fresh = complete.filter((s) => {
      const before = known.get(String(s['id']));
      if (!before) return true;
      if (!sameStatement(before, s))
        throw new XapiConflict(
          `A different statement is already stored with id ${String(s['id'])}`,
        );
      return false;
    });
    const indexes = fresh.map(indexStatement);
    const targets = indexes.map((ix) => ix.voids).filter((id): id is string => id !== null);
    if (targets.length > 0) {
      const voiding = await client.query<{ id: string }>(
        `select id from xapi_statements where organization_id = $1 and id = any($2::uuid[]) and voids is not null`,
        [input.organizationId, targets],
      );
      const freshVoiding = new Set(
        fresh.filter((_, i) => indexes[i]!.voids !== null).map((s) => String(s['id'])),
      );
      for (const target of targets)
        if (freshVoiding.has(target) || voiding.rows.some((r) => r.id === target))
          throw new XapiInvalid(`Statement ${target} is a voiding statement and cannot be voided`);
    }
    for (const [i, s] of fresh.entries()) {
      const ix = indexes[i]!;
      await client.query(
        `insert into xapi_statements (organization_id, id, statement, stored, verb_id, voided, voids, refers_to,
           registration, actor_keys, related_agent_keys, activity_id, related_activity_ids)
         values ($1, $2, $3::jsonb, $4, $5,
           exists (select 1 from xapi_statements v where v.organization_id = $1 and v.voids = $2::uuid),
           $6, $7, $8, $9, $10, $11, $12)`,
        [
          input.organizationId,
          s['id'],
          JSON.stringify(s),
          stored,
          ix.verbId,
          ix.voids,
          ix.refersTo,
          ix.registration,
          ix.actorKeys,
          ix.relatedAgentKeys,
          ix.activityId,
          ix.relatedActivityIds,
        ],
      );
    }
    if (targets.length > 0)
      await client.query(
        'update xapi_statements set voided = true where organization_id = $1 and id = any($2::uuid[])',
        [input.organizationId, targets],
      );
    for (const [sha2, attachment] of input.attachments)
      await client.query(
        `insert into xapi_attachments (organization_id, sha2, content_type, content) values ($1, $2, $3, $4)
         on conflict do nothing`,
        [input.organizationId, sha2, attachment.contentType.slice(0, 255), attachment.content],
      );
    for (const activity of fresh.flatMap(activitiesOf)) {
      if (activity['definition'] === undefined) continue;
      await client.query(
        `insert into xapi_activities (organization_id, id, definition) values ($1, $2, $3::jsonb)
         on conflict (organization_id, id) do update set definition =
           xapi_activities.definition || excluded.definition || jsonb_strip_nulls(jsonb_build_object(
             'name', (xapi_activities.definition -> 'name') || (excluded.definition -> 'name'),
             'description', (xapi_activities.definition -> 'description') || (excluded.definition -> 'description'),
             'extensions', (xapi_activities.definition -> 'extensions') || (excluded.definition -> 'extensions')))`,
        [input.organizationId, activity['id'], JSON.stringify(activity['definition'])],
      );
    }
    await client.query('commit');
    return ids;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
