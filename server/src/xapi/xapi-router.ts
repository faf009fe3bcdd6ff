import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AppServices } from '../app-services.js';
import { PayloadTooLargeError } from '../errors.js';
import { readBody } from '../http/respond.js';
import { checkSignature } from './check-signature.js';
import {
  deleteDocuments,
  getDocument,
  listDocumentIds,
  writeDocument,
  XapiPrecondition,
  type DocumentKey,
  type DocumentKind,
} from './documents.js';
import {
  buildMultipart,
  multipartBoundary,
  parseMultipart,
  type MultipartPart,
} from './multipart.js';
import {
  decodeMore,
  encodeMore,
  findStatement,
  loadAttachments,
  parseStatementQuery,
  queryStatements,
  type StatementQuery,
} from './query-statements.js';
import { acceptedLanguages, agentKey, canonicalFormat, idsFormat } from './statement-index.js';
import { storeStatements, XapiConflict, type AttachmentContent } from './store-statements.js';
import {
  isTimestamp,
  isUuid,
  SIGNATURE_USAGE,
  validateActor,
  validateStatement,
  XapiInvalid,
  type JsonObject,
  type XapiVersion,
} from './validate-statement.js';
import { XapiCredentialScope } from './xapi-credential.entity.js';

/** The largest statements body (JSON), and with attachments (multipart). */
export const MAX_STATEMENTS_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_MULTIPART_BODY_BYTES = 32 * 1024 * 1024;
/** The largest State, Activity Profile or Agent Profile document. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
/** The most statements one POST may carry. */
export const MAX_BATCH_STATEMENTS = 1000;
const MAX_ID_LENGTH = 2048;

/** The LRS's `about` answer: the versions the version header may name. */
const ABOUT = { version: ['1.0.3', '2.0.0'], extensions: {} };

class XapiRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Caller {
  organizationId: string;
  authority: JsonObject;
  version: XapiVersion;
}

/** Reads the version header: 1.0.x speaks 1.0.3, 2.0.x speaks 2.0; anything else is refused. */
export function parseVersionHeader(header: string | string[] | undefined): XapiVersion {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '')
    throw new XapiInvalid('X-Experience-API-Version is required (1.0.3 or 2.0.0)');
  const v = value.trim();
  if (/^1\.0(\.[0-3])?$/.test(v)) return '1.0.3';
  if (/^2\.0(\.0)?$/.test(v)) return '2.0.0';
  throw new XapiInvalid(
    `X-Experience-API-Version ${v.slice(0, 20)} is not supported: use 1.0.3 or 2.0.0`,
  );
}

/** xAPI is called by course content from any origin with Basic credentials, never cookies. */
function setXapiCors(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, HEAD, PUT, POST, DELETE, OPTIONS');
  res.setHeader(
    'access-control-allow-headers',
    'authorization, content-type, x-experience-api-version, if-match, if-none-match, accept-language',
  );
  res.setHeader(
    'access-control-expose-headers',
    'etag, last-modified, x-experience-api-version, x-experience-api-consistent-through',
  );
  res.setHeader('access-control-max-age', '600');
}

function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    res.writeHead(status, { 'cache-control': 'no-store', ...headers }).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** When each credential's last use was last written: at most once a minute, not per statement. */
const lastUseWritten = new Map<string, number>();
const LAST_USE_RESOLUTION_MS = 60_000;

async function recordUse(services: AppServices, credentialId: string): Promise<void> {
  const now = Date.now();
  if (now - (lastUseWritten.get(credentialId) ?? 0) < LAST_USE_RESOLUTION_MS) return;
  if (lastUseWritten.size > 10_000) lastUseWritten.clear();
  lastUseWritten.set(credentialId, now);
  await services.sql.query('update xapi_credentials set last_used_at = now() where id = $1', [
    credentialId,
  ]);
}

/** A request as the resources see it: the HTTP one, or what an alternate-syntax POST carries. */
interface XapiRequest {
  method: string;
  headers: IncomingHttpHeaders;
  url: URL;
  /** Whether it came through the alternate request syntax (xAPI 1.0.3 only). */
  alternate: boolean;
  body(limit: number): Promise<Buffer>;
}

/** The form fields of the alternate request syntax that stand for headers (Communication 1.3). */
const FORM_HEADERS = [
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
];

/**
 * The request, unwrapped from xAPI 1.0.3's alternate syntax when `?method=` is given: a POST of
 * an application/x-www-form-urlencoded form whose fields are the headers, the query parameters
 * and the `content`, for browsers that could not send other methods or headers cross-origin.
 */
async function toXapiRequest(req: IncomingMessage, url: URL): Promise<XapiRequest> {
  const method = (req.method ?? 'GET').toUpperCase();
  const alternate = url.searchParams.get('method');
  if (alternate === null)
    return {
      method,
      headers: req.headers,
      url,
      alternate: false,
      body: (limit) => readBody(req, limit),
    };
  if (method !== 'POST') throw new XapiInvalid('The alternate request syntax is a POST');
  if ([...url.searchParams.keys()].some((k) => k !== 'method'))
    throw new XapiInvalid('With the alternate request syntax, parameters go in the form');
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
    throw new XapiInvalid(
      'The alternate request syntax needs an application/x-www-form-urlencoded form',
    );
  const target = alternate.toUpperCase();
  if (!['GET', 'HEAD', 'PUT', 'POST', 'DELETE'].includes(target))
    throw new XapiInvalid(`method=${alternate.slice(0, 20)} is not an xAPI method`);
  const form = new URLSearchParams(
    (await readBody(req, MAX_STATEMENTS_BODY_BYTES)).toString('utf8'),
  );
  const headers: IncomingHttpHeaders = { ...req.headers };
  delete headers['content-type'];
  delete headers['content-length'];
  const query = new URLSearchParams();
  let content: string | null = null;
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (FORM_HEADERS.includes(lower)) headers[lower] = value;
    else if (name === 'content') content = value;
    else query.append(name, value);
  }
  if (content !== null) headers['content-type'] ??= 'application/json';
  const inner = new URL(url.pathname, url);
  inner.search = query.toString();
  const body = Buffer.from(content ?? '', 'utf8');
  return {
    method: target,
    headers,
    url: inner,
    alternate: true,
    body: async (limit) => {
      if (body.length > limit) throw new PayloadTooLargeError(limit);
      return body;
    },
  };
}

/** Checks Basic credentials against the organization's LRS credentials. */
async function authenticate(
  services: AppServices,
  req: XapiRequest,
  write: boolean,
  version: XapiVersion,
): Promise<Caller> {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,512})\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) throw new XapiRefusal(401, 'Send HTTP Basic credentials made for the LRS');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon < 0 ? '' : decoded.slice(0, colon);
  const secret = colon < 0 ? '' : decoded.slice(colon + 1);
  const result = await services.sql.query<{
    id: string;
    organization_id: string;
    name: string;
    secret_hash: string;
    scope: XapiCredentialScope;
  }>(
    'select id, organization_id, name, secret_hash, scope from xapi_credentials where key = $1 and revoked_at is null',
    [key.slice(0, 64)],
  );
  const row = result.rows[0];
  const hash = createHash('sha256').update(secret).digest();
  if (!row || !timingSafeEqual(hash, Buffer.from(row.secret_hash, 'hex')))
    throw new XapiRefusal(401, 'These LRS credentials are unknown or revoked');
  const allowed =
    row.scope === XapiCredentialScope.READ_WRITE ||
    (write ? row.scope === XapiCredentialScope.WRITE : row.scope === XapiCredentialScope.READ);
  if (!allowed)
    throw new XapiRefusal(
      403,
      `These credentials may only ${row.scope === 'READ' ? 'read' : 'write'}`,
    );
  await recordUse(services, row.id);
  return {
    organizationId: row.organization_id,
    version,
    authority: {
      objectType: 'Agent',
      name: row.name,
      account: { homePage: services.config.publicUrl, name: key },
    },
  };
}

/** Serves /xapi/…: the Statements, State, Activity Profile, Agent Profile, Activities, Agents and About resources. */
export async function handleXapi(
  services: AppServices,
  incoming: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  setXapiCors(res);
  if (incoming.method === 'OPTIONS') return void res.writeHead(204).end();
  const resource = url.pathname.replace(/^\/xapi/, '').replace(/\/+$/, '') || '/';
  // Every answer names a version: the request's, or (refusing a missing or unknown one) the newest.
  res.setHeader('x-experience-api-version', '2.0.0');
  if (resource === '/statements')
    res.setHeader('x-experience-api-consistent-through', new Date().toISOString());
  try {
    const req = await toXapiRequest(incoming, url);
    const method = req.method;
    if (resource === '/about') {
      if (method !== 'GET' && method !== 'HEAD') throw new XapiRefusal(405, 'about is GET only');
      return send(res, 200, ABOUT, { 'x-experience-api-version': '2.0.0' });
    }
    const version = parseVersionHeader(req.headers['x-experience-api-version']);
    res.setHeader('x-experience-api-version', version);
    if (req.alternate && version !== '1.0.3')
      throw new XapiInvalid('xAPI 2.0 has no alternate request syntax');
    const write = method === 'PUT' || method === 'POST' || method === 'DELETE';
    if (!write && method !== 'GET' && method !== 'HEAD')
      throw new XapiRefusal(405, `${method} is not an xAPI method`);
    const caller = await authenticate(services, req, write, version);
    switch (resource) {
      case '/statements':
        return await statementsResource(services, req, res, req.url, method, caller);
      case '/activities/state':
        return await documentResource(services, req, res, req.url, method, caller, 'state');
      case '/activities/profile':
        return await documentResource(
          services,
          req,
          res,
          req.url,
          method,
          caller,
          'activity_profile',
        );
      case '/agents/profile':
        return await documentResource(services, req, res, req.url, method, caller, 'agent_profile');
      case '/activities':
        return await activitiesResource(services, res, req.url, method, caller);
      case '/agents':
        return agentsResource(res, req.url, method, caller);
      default:
        throw new XapiRefusal(404, `No xAPI resource at ${url.pathname.slice(0, 100)}`);
    }
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    const status =
      err instanceof XapiInvalid
        ? 400
        : err instanceof XapiConflict
          ? 409
          : err instanceof XapiPrecondition
            ? err.status
            : err instanceof XapiRefusal
              ? err.status
              : err instanceof PayloadTooLargeError
                ? 413
                : null;
    if (status === null) throw err;
    const headers: Record<string, string> =
      status === 401 ? { 'www-authenticate': 'Basic realm="Courier LRS"' } : {};
    send(
      res,
      status,
      { error: { code: codeOf(status), message: (err as Error).message } },
      headers,
    );
    if (!incoming.complete) incoming.resume();
  }
}

function codeOf(status: number): string {
  return (
    {
      400: 'BAD_USER_INPUT',
      401: 'UNAUTHENTICATED',
      403: 'FORBIDDEN',
      404: 'NOT_FOUND',
      409: 'CONFLICT',
      412: 'PRECONDITION_FAILED',
      413: 'PAYLOAD_TOO_LARGE',
    }[status] ?? 'BAD_USER_INPUT'
  );
}

function parseJson(body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new XapiInvalid(`${what} is not valid JSON`);
  }
}

/** The statements and attachment parts of a PUT or POST, checked (hashes, signatures). */
async function readStatements(
  req: XapiRequest,
  version: XapiVersion,
): Promise<{
  statements: JsonObject[];
  single: boolean;
  attachments: Map<string, AttachmentContent>;
}> {
  const contentType = String(req.headers['content-type'] ?? '');
  const boundary = multipartBoundary(contentType);
  let json: Buffer;
  let parts: MultipartPart[] = [];
  if (boundary !== null) {
    const body = await req.body(MAX_MULTIPART_BODY_BYTES);
    const all = parseMultipart(body, boundary);
    const first = all[0];
    if (!first || !/^application\/json/i.test(first.headers['content-type'] ?? ''))
      throw new XapiInvalid(
        'The first part of a multipart body must be application/json statements',
      );
    json = first.body;
    parts = all.slice(1);
  } else if (/^application\/json\s*(;|$)/i.test(contentType)) {
    json = await req.body(MAX_STATEMENTS_BODY_BYTES);
  } else {
    throw new XapiInvalid('Send statements as application/json or multipart/mixed');
  }
  const parsed = parseJson(json, 'The statements body');
  const single = !Array.isArray(parsed);
  const list = single ? [parsed] : (parsed as unknown[]);
  if (list.length === 0) throw new XapiInvalid('The batch holds no statement');
  if (list.length > MAX_BATCH_STATEMENTS)
    throw new XapiInvalid(`A batch may hold at most ${MAX_BATCH_STATEMENTS} statements`);
  list.forEach((s, i) => validateStatement(s, version, single ? 'statement' : `statements[${i}]`));
  const statements = list as JsonObject[];

  const received = new Map<string, MultipartPart>();
  for (const part of parts) {
    const hash = part.headers['x-experience-api-hash'];
    if (!hash) throw new XapiInvalid('Every attachment part needs an X-Experience-API-Hash header');
    if (part.headers['content-transfer-encoding']?.toLowerCase() !== 'binary')
      throw new XapiInvalid('Every attachment part needs Content-Transfer-Encoding: binary');
    const algorithm = { 64: 'sha256', 96: 'sha384', 128: 'sha512' }[hash.length];
    if (!algorithm || createHash(algorithm).update(part.body).digest('hex') !== hash.toLowerCase())
      throw new XapiInvalid('An attachment part does not match its X-Experience-API-Hash');
    received.set(hash.toLowerCase(), part);
  }
  const declared = new Map<
    string,
    { contentType: string; usageType: string; statement: JsonObject }
  >();
  for (const s of statements) {
    const lists: unknown[] = [s['attachments']];
    const object = s['object'] as JsonObject;
    if (object['objectType'] === 'SubStatement') lists.push(object['attachments']);
    for (const list of lists) {
      if (!Array.isArray(list)) continue;
      for (const a of list as JsonObject[]) {
        const sha2 = String(a['sha2']).toLowerCase();
        if (a['fileUrl'] === undefined && !received.has(sha2))
          throw new XapiInvalid(
            `Attachment ${sha2.slice(0, 16)}… has neither a fileUrl nor a part`,
          );
        declared.set(sha2, {
          contentType: String(a['contentType']),
          usageType: String(a['usageType']),
          statement: s,
        });
      }
    }
  }
  for (const hash of received.keys())
    if (!declared.has(hash))
      throw new XapiInvalid('A multipart part matches no attachment of the statements');
  const attachments = new Map<string, AttachmentContent>();
  for (const [hash, part] of received) {
    const d = declared.get(hash)!;
    if (d.usageType === SIGNATURE_USAGE)
      await checkSignature(d.statement, part.body.toString('utf8'));
    attachments.set(hash, { contentType: d.contentType, content: part.body });
  }
  return { statements, single, attachments };
}

async function statementsResource(
  services: AppServices,
  req: XapiRequest,
  res: ServerResponse,
  url: URL,
  method: string,
  caller: Caller,
): Promise<void> {
  const params = url.searchParams;
  if (method === 'PUT') {
    const id = params.get('statementId');
    if (!isUuid(id)) throw new XapiInvalid('PUT needs a statementId query parameter (a UUID)');
    for (const name of params.keys())
      if (name !== 'statementId')
        throw new XapiInvalid(`Unknown query parameter: ${name.slice(0, 60)}`);
    const { statements, single, attachments } = await readStatements(req, caller.version);
    if (!single) throw new XapiInvalid('PUT takes one statement');
    const statement = statements[0]!;
    if (statement['id'] !== undefined && String(statement['id']).toLowerCase() !== id.toLowerCase())
      throw new XapiInvalid('The statement id differs from statementId');
    await storeStatements(services.sql, {
      organizationId: caller.organizationId,
      statements: [{ ...statement, id: id.toLowerCase() }],
      authority: caller.authority,
      version: caller.version,
      attachments,
    });
    return send(res, 204, undefined, consistentThrough());
  }
  if (method === 'POST') {
    if ([...params.keys()].length > 0)
      throw new XapiInvalid('POST /statements takes no query parameters');
    const { statements, attachments } = await readStatements(req, caller.version);
    const ids = await storeStatements(services.sql, {
      organizationId: caller.organizationId,
      statements,
      authority: caller.authority,
      version: caller.version,
      attachments,
    });
    return send(res, 200, ids, consistentThrough());
  }
  if (method === 'DELETE') throw new XapiRefusal(405, 'Statements are immutable: void one instead');
  const languages = acceptedLanguages(req.headers['accept-language']);
  const statementId = params.get('statementId');
  const voidedId = params.get('voidedStatementId');
  if (statementId !== null || voidedId !== null) {
    if (statementId !== null && voidedId !== null)
      throw new XapiInvalid('Send statementId or voidedStatementId, not both');
    for (const name of params.keys())
      if (!['statementId', 'voidedStatementId', 'format', 'attachments'].includes(name))
        throw new XapiInvalid(`${name.slice(0, 60)} cannot be combined with a statement id`);
    const id = statementId ?? voidedId;
    if (!isUuid(id)) throw new XapiInvalid('The statement id must be a UUID');
    const q = parseStatementQuery(
      new URLSearchParams([...params].filter(([k]) => k === 'format' || k === 'attachments')),
      caller.version,
    );
    const found = await findStatement(services.sql, caller.organizationId, id, voidedId !== null);
    if (!found) throw new XapiRefusal(404, `No statement ${id}`);
    return present(services, req, res, caller, q, [formatted(found, q, languages)], null, true, [
      found,
    ]);
  }
  const more = params.get('more');
  let q: StatementQuery;
  if (more !== null) {
    if ([...params.keys()].length > 1)
      throw new XapiInvalid('more carries the whole query by itself');
    q = decodeMore(more);
  } else q = parseStatementQuery(params, caller.version);
  const rows = await queryStatements(services.sql, caller.organizationId, q);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > q.limit && last
      ? `/xapi/statements?more=${encodeMore(q, { stored: String(last['stored']), id: String(last['id']) })}`
      : '';
  return present(
    services,
    req,
    res,
    caller,
    q,
    page.map((s) => formatted(s, q, languages)),
    next,
    false,
    page,
  );
}

function formatted(statement: JsonObject, q: StatementQuery, languages: string[]): JsonObject {
  if (q.format === 'ids') return idsFormat(statement);
  if (q.format === 'canonical') return canonicalFormat(statement, languages);
  return statement;
}

function consistentThrough(): Record<string, string> {
  return { 'x-experience-api-consistent-through': new Date().toISOString() };
}

async function present(
  services: AppServices,
  req: XapiRequest,
  res: ServerResponse,
  caller: Caller,
  q: StatementQuery,
  statements: JsonObject[],
  more: string | null,
  single: boolean,
  raw: JsonObject[],
): Promise<void> {
  const headers = consistentThrough();
  const newest = raw
    .map((s) => String(s['stored']))
    .sort()
    .pop();
  if (newest) headers['last-modified'] = new Date(newest).toUTCString();
  const result = single ? statements[0] : { statements, more: more ?? '' };
  if (!q.attachments) {
    if (req.method === 'HEAD') return send(res, 200, undefined, headers);
    return send(res, 200, result, headers);
  }
  const stored = await loadAttachments(services.sql, caller.organizationId, raw);
  const boundary = `xapi-${randomBytes(12).toString('hex')}`;
  const body = buildMultipart(boundary, [
    { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(result)) },
    ...stored.map((a) => ({
      headers: {
        'Content-Type': a.contentType,
        'Content-Transfer-Encoding': 'binary',
        'X-Experience-API-Hash': a.sha2,
      },
      body: a.content,
    })),
  ]);
  res.writeHead(200, {
    'content-type': `multipart/mixed; boundary=${boundary}`,
    'content-length': String(body.length),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function agentParam(params: URLSearchParams, version: XapiVersion, required: boolean): string {
  const text = params.get('agent');
  if (text === null) {
    if (required) throw new XapiInvalid('agent is required');
    return '';
  }
  if (text.length > 4096) throw new XapiInvalid('agent is too long');
  const agent = parseJson(Buffer.from(text), 'agent');
  validateActor(agent, 'agent', version);
  const key = agentKey(agent);
  if (key === null) throw new XapiInvalid('agent must be identified');
  return key;
}

function activityParam(params: URLSearchParams): string {
  const id = params.get('activityId');
  if (id === null) throw new XapiInvalid('activityId is required');
  if (id.length > MAX_ID_LENGTH || !/^[a-z][a-z0-9+.-]*:\S*$/i.test(id))
    throw new XapiInvalid('activityId must be an IRI');
  return id;
}

async function documentResource(
  services: AppServices,
  req: XapiRequest,
  res: ServerResponse,
  url: URL,
  method: string,
  caller: Caller,
  kind: DocumentKind,
): Promise<void> {
  const params = url.searchParams;
  const idName = kind === 'state' ? 'stateId' : 'profileId';
  const allowed =
    kind === 'state'
      ? ['activityId', 'agent', 'registration', 'stateId', 'since']
      : kind === 'activity_profile'
        ? ['activityId', 'profileId', 'since']
        : ['agent', 'profileId', 'since'];
  for (const name of params.keys())
    if (!allowed.includes(name))
      throw new XapiInvalid(`Unknown query parameter: ${name.slice(0, 60)}`);
  const registration = params.get('registration');
  if (registration !== null && !isUuid(registration))
    throw new XapiInvalid('registration must be a UUID');
  const key: DocumentKey = {
    organizationId: caller.organizationId,
    kind,
    activityId: kind === 'agent_profile' ? '' : activityParam(params),
    agentKey: kind === 'activity_profile' ? '' : agentParam(params, caller.version, true),
    registration: registration?.toLowerCase() ?? '',
  };
  const documentId = params.get(idName);
  if (documentId !== null && (documentId.length === 0 || documentId.length > MAX_ID_LENGTH))
    throw new XapiInvalid(`${idName} must be 1 to ${MAX_ID_LENGTH} characters`);
  const since = params.get('since');
  if (since !== null && (documentId !== null || method !== 'GET'))
    throw new XapiInvalid(`since only lists documents (GET without ${idName})`);
  if (since !== null && !isTimestamp(since)) throw new XapiInvalid('since must be a timestamp');
  const preconditions = {
    ifMatch: req.headers['if-match'] ?? null,
    ifNoneMatch: req.headers['if-none-match'] ?? null,
    // Profiles are written by PUT only under a precondition; a state only needs one to replace
    // an existing document, and only from 2.0.
    required:
      method !== 'PUT'
        ? ('none' as const)
        : kind !== 'state'
          ? ('always' as const)
          : caller.version === '2.0.0'
            ? ('existing' as const)
            : ('none' as const),
  };
  if (method === 'GET' || method === 'HEAD') {
    if (documentId === null) return send(res, 200, await listDocumentIds(services.sql, key, since));
    const doc = await getDocument(services.sql, key, documentId);
    if (!doc) throw new XapiRefusal(404, `No document ${documentId.slice(0, 100)}`);
    res.writeHead(200, {
      'content-type': doc.contentType,
      'content-length': String(doc.content.length),
      etag: doc.etag,
      'last-modified': new Date(doc.updated).toUTCString(),
      'cache-control': 'no-store',
    });
    res.end(method === 'HEAD' ? undefined : doc.content);
    return;
  }
  if (method === 'DELETE') {
    if (documentId === null && kind !== 'state') throw new XapiInvalid(`DELETE needs ${idName}`);
    await deleteDocuments(services.sql, key, documentId, preconditions);
    return send(res, 204);
  }
  if (documentId === null) throw new XapiInvalid(`${method} needs ${idName}`);
  const content = await req.body(MAX_DOCUMENT_BYTES);
  const contentType = String(req.headers['content-type'] ?? 'application/octet-stream').slice(
    0,
    255,
  );
  if (/^application\/json\s*(;|$)/i.test(contentType)) parseJson(content, 'The document');
  await writeDocument(
    services.sql,
    key,
    documentId,
    { contentType, content },
    method === 'POST' ? 'post' : 'put',
    preconditions,
  );
  return send(res, 204);
}

async function activitiesResource(
  services: AppServices,
  res: ServerResponse,
  url: URL,
  method: string,
  caller: Caller,
): Promise<void> {
  if (method !== 'GET' && method !== 'HEAD') throw new XapiRefusal(405, 'Activities are read only');
  for (const name of url.searchParams.keys())
    if (name !== 'activityId')
      throw new XapiInvalid(`Unknown query parameter: ${name.slice(0, 60)}`);
  const id = activityParam(url.searchParams);
  const result = await services.sql.query<{ definition: JsonObject }>(
    'select definition from xapi_activities where organization_id = $1 and id = $2',
    [caller.organizationId, id],
  );
  const definition = result.rows[0]?.definition;
  return send(res, 200, { objectType: 'Activity', id, ...(definition ? { definition } : {}) });
}

function agentsResource(res: ServerResponse, url: URL, method: string, caller: Caller): void {
  if (method !== 'GET' && method !== 'HEAD') throw new XapiRefusal(405, 'Agents are read only');
  for (const name of url.searchParams.keys())
    if (name !== 'agent') throw new XapiInvalid(`Unknown query parameter: ${name.slice(0, 60)}`);
  agentParam(url.searchParams, caller.version, true);
  const agent = JSON.parse(url.searchParams.get('agent')!) as JsonObject;
  const person: JsonObject = { objectType: 'Person' };
  for (const key of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account'])
    if (agent[key] !== undefined) person[key] = [agent[key]!];
  return send(res, 200, person);
}
