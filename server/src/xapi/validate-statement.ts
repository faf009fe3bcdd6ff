/**
 * The xAPI statement rules an LRS must enforce (xAPI 1.0.3 and 2.0, Data part 2.2–2.6): what the
 * specification says MUST be refused is refused here, naming the property. Pure: no I/O.
 */

/** The xAPI versions this LRS speaks, as the `X-Experience-API-Version` header decides. */
export type XapiVersion = '1.0.3' | '2.0.0';

/** A refusal of a statement or a request: the LRS answers 400 with the message. */
export class XapiInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XapiInvalid';
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The longest IRI accepted; longer ones are refused rather than stored. */
export const MAX_IRI_LENGTH = 2048;
/** The longest free-text string (names, responses, language map values). */
export const MAX_STRING_LENGTH = 32_768;
/** Most members of a group, items of a context activity list, or interaction components. */
export const MAX_LIST_LENGTH = 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;
const MBOX = /^mailto:[^@\s]+@[^@\s]+$/i;
const SHA1_HEX = /^[0-9a-f]{40}$/i;
const SHA2_HEX = /^[0-9a-f]{56,128}$/i;
// RFC 5646, loosely: a primary subtag and any number of subtags. `und` and private use pass.
const LANGUAGE_TAG = /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i;
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/i;
// ISO 8601 extended date-time; a zone is optional (local time) but never `-00:00` (RFC 3339 §4.3).
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/;
// ISO 8601 durations: PnYnMnDTnHnMnS (only the last component may be fractional) or PnW.
const DURATION =
  /^P(?!$)(\d+(?:\.\d+)?Y)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?D)?(T(?!$)(\d+(?:\.\d+)?H)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?S)?)?$|^P\d+(?:\.\d+)?W$/;

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

const INTERACTION_TYPES = new Set([
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, message: string): never {
  throw new XapiInvalid(`${path}: ${message}`);
}

function object(value: unknown, path: string, allowed: readonly string[]): JsonObject {
  if (!isObject(value)) fail(path, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(path, `has a property xAPI does not define: ${clip(key)}`);
  }
  return value;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function string(value: unknown, path: string, max = MAX_STRING_LENGTH): string {
  if (typeof value !== 'string') fail(path, 'must be a string');
  if (value.length > max) fail(path, `must be at most ${max} characters`);
  return value;
}

function iri(value: unknown, path: string): string {
  const text = string(value, path, MAX_IRI_LENGTH);
  if (!IRI.test(text)) fail(path, 'must be an absolute IRI');
  return text;
}

function irl(value: unknown, path: string): string {
  const text = iri(value, path);
  try {
    new URL(text);
  } catch {
    fail(path, 'must be an IRL (a resolvable IRI)');
  }
  return text;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
  return value;
}

function number(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a number');
  return value;
}

function array(value: unknown, path: string, max = MAX_LIST_LENGTH): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  if (value.length > max) fail(path, `must hold at most ${max} items`);
  return value;
}

/** A UUID in its canonical 8-4-4-4-12 form (any version, RFC 4122 variant). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value) && /^[89ab]/i.test(value.slice(19));
}

function uuid(value: unknown, path: string): string {
  if (!isUuid(value)) fail(path, 'must be a UUID');
  return value;
}

/** Whether a string is an ISO 8601 date-time xAPI accepts, with a real calendar date. */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [, y, mo, d, h, mi, s, , zone] = match;
  if (zone === '-00:00' || zone === '-0000' || zone === '-00') return false;
  const month = Number(mo);
  const day = Number(d);
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= days &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s) <= 60
  );
}

function timestamp(value: unknown, path: string): string {
  if (!isTimestamp(value)) fail(path, 'must be an ISO 8601 date-time (never with -00:00)');
  return value;
}

/** Whether a string is an ISO 8601 duration. */
export function isDuration(value: unknown): value is string {
  if (typeof value !== 'string' || !DURATION.test(value)) return false;
  // Only the smallest component present may have a fraction.
  const parts = value.match(/\d+(?:\.\d+)?/g) ?? [];
  return parts.slice(0, -1).every((part) => !part.includes('.'));
}

function languageMap(value: unknown, path: string): void {
  if (!isObject(value)) fail(path, 'must be a language map (an object)');
  const keys = Object.keys(value);
  if (keys.length > 200) fail(path, 'has too many languages');
  for (const tag of keys) {
    if (!LANGUAGE_TAG.test(tag)) fail(path, `has a key that is not a language tag: ${clip(tag)}`);
    string(value[tag], `${path}.${tag}`);
  }
}

function extensions(value: unknown, path: string): void {
  if (!isObject(value)) fail(path, 'must be an object');
  for (const key of Object.keys(value)) iri(key, `${path} key`);
}

/** What kind of actor, and its identifying key for queries (see `agentKey`). */
function agent(value: unknown, path: string, version: XapiVersion): void {
  const a = object(value, path, [
    'objectType',
    'name',
    'mbox',
    'mbox_sha1sum',
    'openid',
    'account',
  ]);
  if (a['objectType'] !== undefined && a['objectType'] !== 'Agent')
    fail(`${path}.objectType`, 'must be "Agent"');
  if (a['name'] !== undefined) string(a['name'], `${path}.name`);
  if (countIfis(a, path) !== 1)
    fail(path, 'an Agent must have exactly one of mbox, mbox_sha1sum, openid, account');
  void version;
}

function countIfis(a: JsonObject, path: string): number {
  let count = 0;
  if (a['mbox'] !== undefined) {
    const mbox = string(a['mbox'], `${path}.mbox`, MAX_IRI_LENGTH);
    if (!MBOX.test(mbox)) fail(`${path}.mbox`, 'must be a mailto: IRI');
    count++;
  }
  if (a['mbox_sha1sum'] !== undefined) {
    if (typeof a['mbox_sha1sum'] !== 'string' || !SHA1_HEX.test(a['mbox_sha1sum']))
      fail(`${path}.mbox_sha1sum`, 'must be a hex SHA-1');
    count++;
  }
  if (a['openid'] !== undefined) {
    iri(a['openid'], `${path}.openid`);
    count++;
  }
  if (a['account'] !== undefined) {
    const account = object(a['account'], `${path}.account`, ['homePage', 'name']);
    if (account['homePage'] === undefined) fail(`${path}.account`, 'needs a homePage');
    irl(account['homePage'], `${path}.account.homePage`);
    if (account['name'] === undefined) fail(`${path}.account`, 'needs a name');
    string(account['name'], `${path}.account.name`, MAX_IRI_LENGTH);
    count++;
  }
  return count;
}

function group(value: unknown, path: string, version: XapiVersion): void {
  const g = object(value, path, [
    'objectType',
    'name',
    'member',
    'mbox',
    'mbox_sha1sum',
    'openid',
    'account',
  ]);
  if (g['objectType'] !== 'Group') fail(`${path}.objectType`, 'must be "Group"');
  if (g['name'] !== undefined) string(g['name'], `${path}.name`);
  const ifis = countIfis(g, path);
  if (ifis > 1) fail(path, 'a Group may have at most one of mbox, mbox_sha1sum, openid, account');
  if (g['member'] !== undefined) {
    array(g['member'], `${path}.member`).forEach((member, i) => {
      const memberPath = `${path}.member[${i}]`;
      if (isObject(member) && member['objectType'] === 'Group')
        fail(memberPath, 'a Group cannot contain a Group');
      agent(member, memberPath, version);
    });
  }
  if (ifis === 0) {
    const members = g['member'];
    if (!Array.isArray(members) || members.length === 0)
      fail(path, 'an anonymous Group must list its members');
  }
}

/** Checks an Agent or Group (the `agent` query parameter, documents, statements). */
export function validateActor(value: unknown, path: string, version: XapiVersion): void {
  actor(value, path, version);
}

function actor(value: unknown, path: string, version: XapiVersion): void {
  if (isObject(value) && value['objectType'] === 'Group') group(value, path, version);
  else agent(value, path, version);
}

function verb(value: unknown, path: string): void {
  const v = object(value, path, ['id', 'display']);
  if (v['id'] === undefined) fail(path, 'needs an id');
  iri(v['id'], `${path}.id`);
  if (v['display'] !== undefined) languageMap(v['display'], `${path}.display`);
}

function interactionComponents(value: unknown, path: string): void {
  const seen = new Set<string>();
  array(value, path).forEach((item, i) => {
    const c = object(item, `${path}[${i}]`, ['id', 'description']);
    const id = string(c['id'], `${path}[${i}].id`, MAX_IRI_LENGTH);
    if (id.trim() === '' || /\s/.test(id)) fail(`${path}[${i}].id`, 'must be a non-empty token');
    if (seen.has(id)) fail(`${path}[${i}].id`, 'repeats an id of this list');
    seen.add(id);
    if (c['description'] !== undefined) languageMap(c['description'], `${path}[${i}].description`);
  });
}

function activity(value: unknown, path: string): void {
  const a = object(value, path, ['objectType', 'id', 'definition']);
  if (a['objectType'] !== undefined && a['objectType'] !== 'Activity')
    fail(`${path}.objectType`, 'must be "Activity"');
  if (a['id'] === undefined) fail(path, 'an Activity needs an id');
  iri(a['id'], `${path}.id`);
  if (a['definition'] === undefined) return;
  const d = object(a['definition'], `${path}.definition`, [
    'name',
    'description',
    'type',
    'moreInfo',
    'extensions',
    'interactionType',
    'correctResponsesPattern',
    'choices',
    'scale',
    'source',
    'target',
    'steps',
  ]);
  const at = `${path}.definition`;
  if (d['name'] !== undefined) languageMap(d['name'], `${at}.name`);
  if (d['description'] !== undefined) languageMap(d['description'], `${at}.description`);
  if (d['type'] !== undefined) iri(d['type'], `${at}.type`);
  if (d['moreInfo'] !== undefined) irl(d['moreInfo'], `${at}.moreInfo`);
  if (d['extensions'] !== undefined) extensions(d['extensions'], `${at}.extensions`);
  const components = ['choices', 'scale', 'source', 'target', 'steps'] as const;
  if (d['interactionType'] === undefined) {
    for (const key of [...components, 'correctResponsesPattern'])
      if (d[key] !== undefined) fail(`${at}.${key}`, 'needs an interactionType');
    return;
  }
  const type = string(d['interactionType'], `${at}.interactionType`);
  if (!INTERACTION_TYPES.has(type)) fail(`${at}.interactionType`, 'is not an interaction type');
  if (d['correctResponsesPattern'] !== undefined)
    array(d['correctResponsesPattern'], `${at}.correctResponsesPattern`).forEach((p, i) =>
      string(p, `${at}.correctResponsesPattern[${i}]`),
    );
  const allowed: Record<string, readonly string[]> = {
    choice: ['choices'],
    sequencing: ['choices'],
    likert: ['scale'],
    matching: ['source', 'target'],
    performance: ['steps'],
  };
  for (const key of components) {
    if (d[key] === undefined) continue;
    if (!(allowed[type] ?? []).includes(key))
      fail(`${at}.${key}`, `is not part of a ${type} interaction`);
    interactionComponents(d[key], `${at}.${key}`);
  }
}

function statementRef(value: unknown, path: string): void {
  const r = object(value, path, ['objectType', 'id']);
  if (r['objectType'] !== 'StatementRef') fail(`${path}.objectType`, 'must be "StatementRef"');
  uuid(r['id'], `${path}.id`);
}

function statementObject(
  value: unknown,
  path: string,
  version: XapiVersion,
  inSubStatement: boolean,
): void {
  if (!isObject(value)) fail(path, 'must be an object');
  const type = value['objectType'];
  switch (type) {
    case undefined:
    case 'Activity':
      return activity(value, path);
    case 'Agent':
      return agent(value, path, version);
    case 'Group':
      return group(value, path, version);
    case 'StatementRef':
      return statementRef(value, path);
    case 'SubStatement':
      if (inSubStatement) fail(path, 'a SubStatement cannot contain a SubStatement');
      return subStatement(value, path, version);
    default:
      fail(`${path}.objectType`, 'must be Activity, Agent, Group, StatementRef or SubStatement');
  }
}

function score(value: unknown, path: string): void {
  const s = object(value, path, ['scaled', 'raw', 'min', 'max']);
  if (s['scaled'] !== undefined) {
    const scaled = number(s['scaled'], `${path}.scaled`);
    if (scaled < -1 || scaled > 1) fail(`${path}.scaled`, 'must be between -1 and 1');
  }
  const raw = s['raw'] === undefined ? undefined : number(s['raw'], `${path}.raw`);
  const min = s['min'] === undefined ? undefined : number(s['min'], `${path}.min`);
  const max = s['max'] === undefined ? undefined : number(s['max'], `${path}.max`);
  if (min !== undefined && max !== undefined && min >= max) fail(path, 'min must be below max');
  if (raw !== undefined && min !== undefined && raw < min) fail(`${path}.raw`, 'is below min');
  if (raw !== undefined && max !== undefined && raw > max) fail(`${path}.raw`, 'is above max');
}

function result(value: unknown, path: string): void {
  const r = object(value, path, [
    'score',
    'success',
    'completion',
    'response',
    'duration',
    'extensions',
  ]);
  if (r['score'] !== undefined) score(r['score'], `${path}.score`);
  if (r['success'] !== undefined) boolean(r['success'], `${path}.success`);
  if (r['completion'] !== undefined) boolean(r['completion'], `${path}.completion`);
  if (r['response'] !== undefined) string(r['response'], `${path}.response`);
  if (r['duration'] !== undefined && !isDuration(r['duration']))
    fail(`${path}.duration`, 'must be an ISO 8601 duration');
  if (r['extensions'] !== undefined) extensions(r['extensions'], `${path}.extensions`);
}

function contextActivities(value: unknown, path: string): void {
  const c = object(value, path, ['parent', 'grouping', 'category', 'other']);
  for (const [key, list] of Object.entries(c)) {
    if (Array.isArray(list))
      array(list, `${path}.${key}`).forEach((a, i) => activity(a, `${path}.${key}[${i}]`));
    else activity(list, `${path}.${key}`);
  }
}

function context(
  value: unknown,
  path: string,
  version: XapiVersion,
  objectIsActivity: boolean,
): void {
  const keys = [
    'registration',
    'instructor',
    'team',
    'contextActivities',
    'revision',
    'platform',
    'language',
    'statement',
    'extensions',
  ];
  if (version === '2.0.0') keys.push('contextAgents', 'contextGroups');
  const c = object(value, path, keys);
  if (c['registration'] !== undefined) uuid(c['registration'], `${path}.registration`);
  if (c['instructor'] !== undefined) actor(c['instructor'], `${path}.instructor`, version);
  if (c['team'] !== undefined) group(c['team'], `${path}.team`, version);
  if (c['contextActivities'] !== undefined)
    contextActivities(c['contextActivities'], `${path}.contextActivities`);
  for (const key of ['revision', 'platform'] as const) {
    if (c[key] === undefined) continue;
    string(c[key], `${path}.${key}`);
    if (!objectIsActivity) fail(`${path}.${key}`, 'is only allowed when the object is an Activity');
  }
  if (c['language'] !== undefined) {
    const language = string(c['language'], `${path}.language`, 100);
    if (!LANGUAGE_TAG.test(language)) fail(`${path}.language`, 'must be an RFC 5646 language tag');
  }
  if (c['statement'] !== undefined) statementRef(c['statement'], `${path}.statement`);
  if (c['extensions'] !== undefined) extensions(c['extensions'], `${path}.extensions`);
  if (c['contextAgents'] !== undefined)
    array(c['contextAgents'], `${path}.contextAgents`).forEach((item, i) => {
      const at = `${path}.contextAgents[${i}]`;
      const ca = object(item, at, ['objectType', 'agent', 'relevantTypes']);
      if (ca['objectType'] !== 'contextAgent') fail(`${at}.objectType`, 'must be "contextAgent"');
      agent(ca['agent'], `${at}.agent`, version);
      relevantTypes(ca['relevantTypes'], `${at}.relevantTypes`);
    });
  if (c['contextGroups'] !== undefined)
    array(c['contextGroups'], `${path}.contextGroups`).forEach((item, i) => {
      const at = `${path}.contextGroups[${i}]`;
      const cg = object(item, at, ['objectType', 'group', 'relevantTypes']);
      if (cg['objectType'] !== 'contextGroup') fail(`${at}.objectType`, 'must be "contextGroup"');
      group(cg['group'], `${at}.group`, version);
      relevantTypes(cg['relevantTypes'], `${at}.relevantTypes`);
    });
}

function relevantTypes(value: unknown, path: string): void {
  if (value === undefined) return;
  const list = array(value, path);
  if (list.length === 0) fail(path, 'must not be empty');
  list.forEach((type, i) => iri(type, `${path}[${i}]`));
}

function attachments(value: unknown, path: string): void {
  array(value, path).forEach((item, i) => {
    const at = `${path}[${i}]`;
    const a = object(item, at, [
      'usageType',
      'display',
      'description',
      'contentType',
      'length',
      'sha2',
      'fileUrl',
    ]);
    for (const key of ['usageType', 'display', 'contentType', 'length', 'sha2'])
      if (a[key] === undefined) fail(at, `needs ${key}`);
    iri(a['usageType'], `${at}.usageType`);
    languageMap(a['display'], `${at}.display`);
    if (a['description'] !== undefined) languageMap(a['description'], `${at}.description`);
    if (!MEDIA_TYPE.test(string(a['contentType'], `${at}.contentType`, 255)))
      fail(`${at}.contentType`, 'must be an Internet Media Type');
    const length = number(a['length'], `${at}.length`);
    if (!Number.isInteger(length) || length < 0)
      fail(`${at}.length`, 'must be a non-negative integer');
    if (typeof a['sha2'] !== 'string' || !SHA2_HEX.test(a['sha2']))
      fail(`${at}.sha2`, 'must be a hex SHA-2 hash');
    if (a['fileUrl'] !== undefined) irl(a['fileUrl'], `${at}.fileUrl`);
    if (a['usageType'] === SIGNATURE_USAGE && a['contentType'] !== 'application/octet-stream')
      fail(`${at}.contentType`, 'a signature must be application/octet-stream');
  });
}

function subStatement(value: JsonObject, path: string, version: XapiVersion): void {
  const s = object(value, path, [
    'objectType',
    'actor',
    'verb',
    'object',
    'result',
    'context',
    'timestamp',
    'attachments',
  ]);
  body(s, path, version, true);
}

function body(s: JsonObject, path: string, version: XapiVersion, inSubStatement: boolean): void {
  for (const key of ['actor', 'verb', 'object'])
    if (s[key] === undefined) fail(path, `needs ${key}`);
  actor(s['actor'], `${path}.actor`, version);
  verb(s['verb'], `${path}.verb`);
  statementObject(s['object'], `${path}.object`, version, inSubStatement);
  if (s['result'] !== undefined) result(s['result'], `${path}.result`);
  const objectType = (s['object'] as JsonObject)['objectType'];
  const objectIsActivity = objectType === undefined || objectType === 'Activity';
  if (s['context'] !== undefined)
    context(s['context'], `${path}.context`, version, objectIsActivity);
  if (s['timestamp'] !== undefined) timestamp(s['timestamp'], `${path}.timestamp`);
  if (s['attachments'] !== undefined) attachments(s['attachments'], `${path}.attachments`);
  if ((s['verb'] as JsonObject)['id'] === VOIDED_VERB && objectType !== 'StatementRef')
    fail(`${path}.object`, 'a voiding statement must point at a StatementRef');
}

/**
 * Checks one statement as a client sent it; throws `XapiInvalid` naming the first property
 * that breaks a MUST of the specification.
 */
export function validateStatement(value: unknown, version: XapiVersion, path = 'statement'): void {
  const s = object(value, path, [
    'id',
    'actor',
    'verb',
    'object',
    'result',
    'context',
    'timestamp',
    'stored',
    'authority',
    'version',
    'attachments',
  ]);
  if (s['id'] !== undefined) uuid(s['id'], `${path}.id`);
  body(s, path, version, false);
  if (s['stored'] !== undefined) timestamp(s['stored'], `${path}.stored`);
  if (s['authority'] !== undefined) authority(s['authority'], `${path}.authority`, version);
  if (s['version'] !== undefined) {
    const v = string(s['version'], `${path}.version`, 20);
    // A 2.0 LRS still takes statements written to 1.0.x; a 1.0.3 request cannot claim 2.0.
    const pattern = version === '2.0.0' ? /^(1\.0(\.\d+)?|2\.0\.\d+)$/ : /^1\.0(\.\d+)?$/;
    if (!pattern.test(v)) fail(`${path}.version`, `is not a ${version.slice(0, 3)} version`);
  }
}

function authority(value: unknown, path: string, version: XapiVersion): void {
  if (isObject(value) && value['objectType'] === 'Group') {
    group(value, path, version);
    const members = value['member'];
    // An OAuth authority: an anonymous group of exactly two agents, the application and the user.
    if (!Array.isArray(members) || members.length !== 2)
      fail(path, 'a Group authority must have exactly two members');
    for (const ifi of ['mbox', 'mbox_sha1sum', 'openid', 'account'])
      if (value[ifi] !== undefined) fail(path, 'a Group authority must be anonymous');
  } else agent(value, path, version);
}
