import type { SqlPool } from '../db/sql-pool.js';
import { agentKey } from './statement-index.js';
import {
  isTimestamp,
  isUuid,
  validateActor,
  XapiInvalid,
  type JsonObject,
  type XapiVersion,
} from './validate-statement.js';

/** The most statements one GET returns; `limit=0` means this many. */
export const MAX_STATEMENTS_PER_PAGE = 500;

export type StatementFormat = 'exact' | 'ids' | 'canonical';

/** A GET /statements query, decoded and checked. */
export interface StatementQuery {
  agentKey: string | null;
  verb: string | null;
  activity: string | null;
  registration: string | null;
  relatedActivities: boolean;
  relatedAgents: boolean;
  since: string | null;
  until: string | null;
  limit: number;
  format: StatementFormat;
  attachments: boolean;
  ascending: boolean;
  /** Where the previous page ended: the last statement's stored time and id. */
  after: { stored: string; id: string } | null;
}

const FILTERS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
];

function flag(value: string | null, name: string): boolean {
  if (value === null) return false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new XapiInvalid(`${name} must be true or false`);
}

/** Reads the query parameters of a statement list request; refuses any it does not know. */
export function parseStatementQuery(params: URLSearchParams, version: XapiVersion): StatementQuery {
  for (const name of params.keys())
    if (!FILTERS.includes(name))
      throw new XapiInvalid(`Unknown query parameter: ${name.slice(0, 60)}`);
  const get = (name: string): string | null => {
    const all = params.getAll(name);
    if (all.length > 1) throw new XapiInvalid(`${name} is given more than once`);
    const value = all[0] ?? null;
    if (value !== null && value.length > 4096) throw new XapiInvalid(`${name} is too long`);
    return value;
  };
  let key: string | null = null;
  const agent = get('agent');
  if (agent !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(agent);
    } catch {
      throw new XapiInvalid('agent must be an Agent or Group as JSON');
    }
    validateActor(parsed, 'agent', version);
    key = agentKey(parsed);
    if (key === null) throw new XapiInvalid('agent must be an Agent or an identified Group');
  }
  const registration = get('registration');
  if (registration !== null && !isUuid(registration))
    throw new XapiInvalid('registration must be a UUID');
  const since = get('since');
  if (since !== null && !isTimestamp(since)) throw new XapiInvalid('since must be a timestamp');
  const until = get('until');
  if (until !== null && !isTimestamp(until)) throw new XapiInvalid('until must be a timestamp');
  const limitText = get('limit');
  let limit = MAX_STATEMENTS_PER_PAGE;
  if (limitText !== null) {
    if (!/^\d{1,9}$/.test(limitText)) throw new XapiInvalid('limit must be a non-negative integer');
    const n = Number(limitText);
    limit = n === 0 ? MAX_STATEMENTS_PER_PAGE : Math.min(n, MAX_STATEMENTS_PER_PAGE);
  }
  const format = get('format') ?? 'exact';
  if (format !== 'exact' && format !== 'ids' && format !== 'canonical')
    throw new XapiInvalid('format must be exact, ids or canonical');
  return {
    agentKey: key,
    verb: get('verb'),
    activity: get('activity'),
    registration: registration?.toLowerCase() ?? null,
    relatedActivities: flag(get('related_activities'), 'related_activities'),
    relatedAgents: flag(get('related_agents'), 'related_agents'),
    since,
    until,
    limit,
    format,
    attachments: flag(get('attachments'), 'attachments'),
    ascending: flag(get('ascending'), 'ascending'),
    after: null,
  };
}

/** The opaque `more` token of the next page: the query and where this page ended. */
export function encodeMore(query: StatementQuery, last: { stored: string; id: string }): string {
  return Buffer.from(JSON.stringify({ ...query, after: last })).toString('base64url');
}

/** The query a `more` token carries; refuses anything that is not one of ours. */
export function decodeMore(token: string): StatementQuery {
  if (token.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(token))
    throw new XapiInvalid('more is not a token this LRS gave out');
  let q: StatementQuery;
  try {
    q = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as StatementQuery;
  } catch {
    throw new XapiInvalid('more is not a token this LRS gave out');
  }
  const okString = (v: unknown) => v === null || (typeof v === 'string' && v.length <= 4096);
  if (
    typeof q !== 'object' ||
    q === null ||
    ![q.agentKey, q.verb, q.activity, q.registration, q.since, q.until].every(okString) ||
    !Number.isInteger(q.limit) ||
    q.limit < 1 ||
    q.limit > MAX_STATEMENTS_PER_PAGE ||
    !['exact', 'ids', 'canonical'].includes(q.format) ||
    !q.after ||
    !isTimestamp(q.after.stored) ||
    !isUuid(q.after.id)
  )
    throw new XapiInvalid('more is not a token this LRS gave out');
  return q;
}

/**
 * One page of statements matching a query, newest first unless ascending. A statement that
 * points at a matching one (StatementRef, voiding included) matches too, as the spec's filter
 * rules require; voided statements are never listed. Returns one more than the limit when there
 * is a next page.
 */
export async function queryStatements(
  pool: SqlPool,
  organizationId: string,
  q: StatementQuery,
): Promise<JsonObject[]> {
  const values: unknown[] = [organizationId];
  const slot = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const filters: string[] = [];
  if (q.agentKey !== null)
    filters.push(
      `${q.relatedAgents ? 'related_agent_keys' : 'actor_keys'} @> array[${slot(q.agentKey)}::text]`,
    );
  if (q.verb !== null) filters.push(`verb_id = ${slot(q.verb)}`);
  if (q.activity !== null)
    filters.push(
      q.relatedActivities
        ? `related_activity_ids @> array[${slot(q.activity)}::text]`
        : `activity_id = ${slot(q.activity)}`,
    );
  if (q.registration !== null) filters.push(`registration = ${slot(q.registration)}::uuid`);
  const page: string[] = ['not s.voided'];
  if (q.since !== null) page.push(`s.stored > ${slot(q.since)}::timestamptz`);
  if (q.until !== null) page.push(`s.stored <= ${slot(q.until)}::timestamptz`);
  if (q.after !== null)
    page.push(
      `(s.stored, s.id) ${q.ascending ? '>' : '<'} (${slot(q.after.stored)}::timestamptz, ${slot(q.after.id)}::uuid)`,
    );
  const order = q.ascending ? 'asc' : 'desc';
  const limit = slot(q.limit + 1);
  const text =
    filters.length === 0
      ? `select s.statement from xapi_statements s where s.organization_id = $1 and ${page.join(' and ')}
         order by s.stored ${order}, s.id ${order} limit ${limit}`
      : `with recursive matched(id) as (
           select id from xapi_statements where organization_id = $1 and ${filters.join(' and ')}
           union
           select r.id from xapi_statements r join matched m on r.refers_to = m.id where r.organization_id = $1
         )
         select s.statement from xapi_statements s
         where s.organization_id = $1 and s.id in (select id from matched) and ${page.join(' and ')}
         order by s.stored ${order}, s.id ${order} limit ${limit}`;
  const result = await pool.query<{ statement: JsonObject }>(text, values);
  return result.rows.map((r) => r.statement);
}

/** One statement by id: voided ones only when `voided` is asked for, others only when not. */
export async function findStatement(
  pool: SqlPool,
  organizationId: string,
  id: string,
  voided: boolean,
): Promise<JsonObject | null> {
  const result = await pool.query<{ statement: JsonObject }>(
    'select statement from xapi_statements where organization_id = $1 and id = $2 and voided = $3',
    [organizationId, id.toLowerCase(), voided],
  );
  return result.rows[0]?.statement ?? null;
}

/** The stored attachments a set of statements refers to, by SHA-2. */
export async function loadAttachments(
  pool: SqlPool,
  organizationId: string,
  statements: JsonObject[],
): Promise<Array<{ sha2: string; contentType: string; content: Buffer }>> {
  const hashes = new Set<string>();
  for (const s of statements) {
    const lists = [s['attachments']];
    const object = s['object'] as JsonObject | undefined;
    if (object?.['objectType'] === 'SubStatement') lists.push(object['attachments']);
    for (const list of lists)
      if (Array.isArray(list))
        for (const a of list)
          if (a && typeof a === 'object' && !Array.isArray(a)) hashes.add(String(a['sha2']));
  }
  if (hashes.size === 0) return [];
  const result = await pool.query<{ sha2: string; content_type: string; content: Buffer }>(
    'select sha2, content_type, content from xapi_attachments where organization_id = $1 and sha2 = any($2::text[])',
    [organizationId, [...hashes]],
  );
  return result.rows.map((r) => ({
    sha2: r.sha2,
    contentType: r.content_type,
    content: r.content,
  }));
}
