import type { Json, JsonObject } from './validate-statement.js';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The inverse functional identifier of an Agent or identified Group as one string, the key
 * agents are compared and indexed by (`mbox:mailto:a@b`, `account:https://lms|name`); null for
 * an anonymous Group.
 */
export function agentKey(agent: unknown): string | null {
  if (!isObject(agent)) return null;
  if (typeof agent['mbox'] === 'string') return `mbox:${agent['mbox'].toLowerCase()}`;
  if (typeof agent['mbox_sha1sum'] === 'string')
    return `mbox_sha1sum:${agent['mbox_sha1sum'].toLowerCase()}`;
  if (typeof agent['openid'] === 'string') return `openid:${agent['openid']}`;
  const account = agent['account'];
  if (isObject(account)) return `account:${String(account['homePage'])}|${String(account['name'])}`;
  return null;
}

/** The keys of an actor: itself when identified, and a Group's members. */
function actorKeys(actor: unknown): string[] {
  if (!isObject(actor)) return [];
  const keys: string[] = [];
  const own = agentKey(actor);
  if (own) keys.push(own);
  if (Array.isArray(actor['member']))
    for (const member of actor['member']) {
      const key = agentKey(member);
      if (key) keys.push(key);
    }
  return keys;
}

function isAgentOrGroup(value: unknown): boolean {
  return isObject(value) && (value['objectType'] === 'Agent' || value['objectType'] === 'Group');
}

function isActivity(value: unknown): value is JsonObject {
  return (
    isObject(value) && (value['objectType'] === undefined || value['objectType'] === 'Activity')
  );
}

function contextActivityIds(context: unknown): string[] {
  if (!isObject(context) || !isObject(context['contextActivities'])) return [];
  const ids: string[] = [];
  for (const list of Object.values(context['contextActivities'])) {
    for (const a of Array.isArray(list) ? list : [list])
      if (isObject(a) && typeof a['id'] === 'string') ids.push(a['id']);
  }
  return ids;
}

function contextAgentKeys(context: unknown): string[] {
  if (!isObject(context)) return [];
  const keys = [...actorKeys(context['instructor']), ...actorKeys(context['team'])];
  for (const item of Array.isArray(context['contextAgents']) ? context['contextAgents'] : [])
    if (isObject(item)) keys.push(...actorKeys(item['agent']));
  for (const item of Array.isArray(context['contextGroups']) ? context['contextGroups'] : [])
    if (isObject(item)) keys.push(...actorKeys(item['group']));
  return keys;
}

/** What the GET query parameters filter a statement by, taken once when it is stored. */
export interface StatementIndex {
  verbId: string;
  /** The target of a voiding statement. */
  voids: string | null;
  /** The statement a StatementRef object points at (voiding or not). */
  refersTo: string | null;
  registration: string | null;
  /** Actor and object agents (`agent` without `related_agents`). */
  actorKeys: string[];
  /** Every agent anywhere in it, authority, context and sub-statement included. */
  relatedAgentKeys: string[];
  /** The object, when an Activity (`activity` without `related_activities`). */
  activityId: string | null;
  /** The object and every context activity, in the sub-statement too. */
  relatedActivityIds: string[];
}

/** Indexes a stored (complete) statement. */
export function indexStatement(statement: JsonObject): StatementIndex {
  const object = statement['object'];
  const verb = statement['verb'] as JsonObject;
  const verbId = String(verb['id']);
  const refersTo =
    isObject(object) && object['objectType'] === 'StatementRef' ? String(object['id']) : null;
  const context = statement['context'];
  const actor = [...actorKeys(statement['actor'])];
  if (isAgentOrGroup(object)) actor.push(...actorKeys(object));
  const related = [...actor, ...actorKeys(statement['authority']), ...contextAgentKeys(context)];
  const activities: string[] = [];
  if (isActivity(object)) activities.push(String(object['id']));
  activities.push(...contextActivityIds(context));
  if (isObject(object) && object['objectType'] === 'SubStatement') {
    related.push(...actorKeys(object['actor']), ...contextAgentKeys(object['context']));
    const inner = object['object'];
    if (isAgentOrGroup(inner)) related.push(...actorKeys(inner));
    if (isActivity(inner)) activities.push(String(inner['id']));
    activities.push(...contextActivityIds(object['context']));
  }
  const registration =
    isObject(context) && typeof context['registration'] === 'string'
      ? context['registration'].toLowerCase()
      : null;
  return {
    verbId,
    voids: verbId === 'http://adlnet.gov/expapi/verbs/voided' ? refersTo : null,
    refersTo,
    registration,
    actorKeys: [...new Set(actor)],
    relatedAgentKeys: [...new Set(related)],
    activityId: isActivity(object) ? String(object['id']) : null,
    relatedActivityIds: [...new Set(activities)],
  };
}

/** The activities a statement defines, to answer the Activities resource. */
export function activitiesOf(statement: JsonObject): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (isActivity(value) && typeof value['id'] === 'string') found.push(value);
  };
  const visitContext = (context: unknown): void => {
    if (!isObject(context) || !isObject(context['contextActivities'])) return;
    for (const list of Object.values(context['contextActivities']))
      for (const a of Array.isArray(list) ? list : [list]) visit(a);
  };
  const object = statement['object'];
  visit(object);
  visitContext(statement['context']);
  if (isObject(object) && object['objectType'] === 'SubStatement') {
    visit(object['object']);
    visitContext(object['context']);
  }
  return found;
}

/**
 * The statement as stored: every context activity list an array, as the LRS must return them,
 * even where the client sent a single activity.
 */
export function normalizeStatement(statement: JsonObject): JsonObject {
  const context = (value: Json | undefined): Json | undefined => {
    if (!isObject(value) || !isObject(value['contextActivities'])) return value;
    const lists: JsonObject = {};
    for (const [key, list] of Object.entries(value['contextActivities']))
      lists[key] = Array.isArray(list) ? list : [list];
    return { ...value, contextActivities: lists };
  };
  const out: JsonObject = { ...statement };
  if (out['context'] !== undefined) out['context'] = context(out['context'])!;
  const object = out['object'];
  if (
    isObject(object) &&
    object['objectType'] === 'SubStatement' &&
    object['context'] !== undefined
  )
    out['object'] = { ...object, context: context(object['context'])! };
  return out;
}

/** Only the identifying parts of agents, groups, activities and verbs (`format=ids`). */
export function idsFormat(statement: JsonObject): JsonObject {
  const agent = (value: Json): Json => {
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    if (value['objectType'] !== undefined) out['objectType'] = value['objectType'];
    for (const key of ['mbox', 'mbox_sha1sum', 'openid', 'account'])
      if (value[key] !== undefined) out[key] = value[key]!;
    if (Array.isArray(value['member']) && agentKey(value) === null)
      out['member'] = value['member'].map(agent);
    return out;
  };
  const activity = (value: Json): Json => (isObject(value) ? { id: value['id']! } : value);
  const object = (value: Json): Json => {
    if (!isObject(value)) return value;
    if (isAgentOrGroup(value)) return agent(value);
    if (value['objectType'] === 'SubStatement') return body(value);
    if (value['objectType'] === 'StatementRef') return value;
    return activity(value);
  };
  const context = (value: Json): Json => {
    if (!isObject(value)) return value;
    const out: JsonObject = { ...value };
    if (out['instructor']) out['instructor'] = agent(out['instructor']);
    if (out['team']) out['team'] = agent(out['team']);
    if (isObject(out['contextActivities'])) {
      const lists: JsonObject = {};
      for (const [key, list] of Object.entries(out['contextActivities']))
        lists[key] = Array.isArray(list) ? list.map(activity) : activity(list);
      out['contextActivities'] = lists;
    }
    return out;
  };
  const body = (value: JsonObject): JsonObject => {
    const out: JsonObject = { ...value };
    out['actor'] = agent(value['actor']!);
    if (isObject(value['verb'])) out['verb'] = { id: value['verb']['id']! };
    out['object'] = object(value['object']!);
    if (value['context'] !== undefined) out['context'] = context(value['context']);
    if (value['authority'] !== undefined) out['authority'] = agent(value['authority']);
    return out;
  };
  return body(statement);
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

/**
 * Every language map reduced to the one language the reader prefers (`format=canonical`):
 * the first of `languages` present, else the map's first entry.
 */
export function canonicalFormat(statement: JsonObject, languages: readonly string[]): JsonObject {
  const pick = (map: JsonObject): JsonObject => {
    const keys = Object.keys(map);
    const lower = keys.map((k) => k.toLowerCase());
    for (const wanted of languages) {
      const w = wanted.toLowerCase();
      const exact = lower.indexOf(w);
      if (exact >= 0) return { [keys[exact]!]: map[keys[exact]!]! };
      const prefix = lower.findIndex((k) => k.split('-')[0] === w.split('-')[0]);
      if (prefix >= 0) return { [keys[prefix]!]: map[keys[prefix]!]! };
    }
    return keys.length > 0 ? { [keys[0]!]: map[keys[0]!]! } : {};
  };
  const walk = (value: Json, key: string | null): Json => {
    if (Array.isArray(value)) return value.map((v) => walk(v, null));
    if (!isObject(value)) return value;
    if (
      key !== null &&
      LANGUAGE_MAP_KEYS.has(key) &&
      Object.values(value).every((v) => typeof v === 'string')
    )
      return pick(value);
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'extensions' ? v : walk(v, k);
    return out;
  };
  return walk(statement, null) as JsonObject;
}

/** The languages of an Accept-Language header, most preferred first. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? '').trim(), q: q ? Number(q) : 1 };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

/**
 * Whether two statements are the same statement for the conflict rules: differences in
 * authority, stored, timestamp, version and id case do not count.
 */
export function sameStatement(a: JsonObject, b: JsonObject): boolean {
  const strip = (s: JsonObject): Json => {
    const { authority: _a, stored: _s, timestamp: _t, version: _v, id, ...rest } = s;
    const object = rest['object'];
    if (isObject(object) && object['objectType'] === 'SubStatement')
      rest['object'] = { ...object, result: truncatedDuration(object['result']) } as JsonObject;
    if (isObject(rest['result'])) rest['result'] = truncatedDuration(rest['result'])!;
    return canonicalJson(
      JSON.parse(
        JSON.stringify({ ...rest, id: typeof id === 'string' ? id.toLowerCase() : null }),
      ) as Json,
    );
  };
  return strip(a) === strip(b);
}

/** A result whose duration keeps at most hundredths of a second: finer precision never counts. */
function truncatedDuration(result: Json | undefined): Json | undefined {
  if (!isObject(result) || typeof result['duration'] !== 'string') return result;
  return { ...result, duration: result['duration'].replace(/(\.\d{2})\d+S$/, '$1S') };
}

/** JSON with object keys sorted, so equal values compare equal as text. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
