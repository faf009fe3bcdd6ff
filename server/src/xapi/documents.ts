import { createHash } from 'node:crypto';
import type { SqlPool } from '../db/sql-pool.js';
import { XapiInvalid, type JsonObject } from './validate-statement.js';

/** Which document resource: State, Activity Profile or Agent Profile. */
export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/** What names one document (empty strings where the resource has no such key). */
export interface DocumentKey {
  organizationId: string;
  kind: DocumentKind;
  activityId: string;
  agentKey: string;
  registration: string;
}

/** A precondition the client set did not hold (412), or a write without one (409). */
export class XapiPrecondition extends Error {
  constructor(
    readonly status: 409 | 412,
    message: string,
  ) {
    super(message);
    this.name = 'XapiPrecondition';
  }
}

export interface StoredDocument {
  contentType: string;
  content: Buffer;
  etag: string;
  updated: string;
}

/** The ETag of a document's bytes: a quoted SHA-1, as the conformance material expects. */
export function etagOf(content: Buffer): string {
  return `"${createHash('sha1').update(content).digest('hex')}"`;
}

/** The If-Match / If-None-Match headers of a write. */
export interface Preconditions {
  ifMatch: string | null;
  ifNoneMatch: string | null;
  /**
   * When a write without either header is refused: `existing` over an existing document (409),
   * `always` also when creating one (400); `none` never.
   */
  required: 'none' | 'existing' | 'always';
}

function check(existing: StoredDocument | null, p: Preconditions): void {
  if (p.ifMatch !== null) {
    const tags = p.ifMatch.split(',').map((t) => t.trim());
    if (!existing || !(tags.includes('*') || tags.includes(existing.etag)))
      throw new XapiPrecondition(412, 'If-Match does not match the current document');
  }
  if (p.ifNoneMatch !== null) {
    const tags = p.ifNoneMatch.split(',').map((t) => t.trim());
    if (existing && (tags.includes('*') || tags.includes(existing.etag)))
      throw new XapiPrecondition(412, 'If-None-Match: the document exists');
  }
  if (p.required !== 'none' && p.ifMatch === null && p.ifNoneMatch === null) {
    if (existing)
      throw new XapiPrecondition(
        409,
        'The document exists: send If-Match with its ETag (or If-None-Match: *) to change it',
      );
    if (p.required === 'always')
      throw new XapiInvalid(
        'Send If-None-Match: * to create this document (or If-Match to replace one)',
      );
  }
}

const KEY_WHERE =
  'organization_id = $1 and kind = $2 and activity_id = $3 and agent_key = $4 and registration = $5';

function keyValues(key: DocumentKey): unknown[] {
  return [key.organizationId, key.kind, key.activityId, key.agentKey, key.registration];
}

/** One document, or null. */
export async function getDocument(
  pool: SqlPool,
  key: DocumentKey,
  documentId: string,
): Promise<StoredDocument | null> {
  const result = await pool.query<{
    content_type: string;
    content: Buffer;
    etag: string;
    updated: string;
  }>(
    `select content_type, content, etag, updated from xapi_documents where ${KEY_WHERE} and document_id = $6`,
    [...keyValues(key), documentId],
  );
  const row = result.rows[0];
  return row
    ? {
        contentType: row.content_type,
        content: row.content,
        etag: row.etag,
        updated: new Date(row.updated).toISOString(),
      }
    : null;
}

/** The ids of the documents under a key, optionally only those updated after `since`. */
export async function listDocumentIds(
  pool: SqlPool,
  key: DocumentKey,
  since: string | null,
): Promise<string[]> {
  const result = await pool.query<{ document_id: string }>(
    `select document_id from xapi_documents where ${KEY_WHERE}
     and ($6::timestamptz is null or updated > $6::timestamptz) order by document_id limit 10000`,
    [...keyValues(key), since],
  );
  return result.rows.map((r) => r.document_id);
}

function parseJsonObject(content: Buffer, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(content.toString('utf8'));
  } catch {
    throw new XapiInvalid(`${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new XapiInvalid(`${what} is not a JSON object`);
  return value as JsonObject;
}

function isJsonType(contentType: string): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType);
}

/**
 * Writes a document under its preconditions. PUT replaces; POST merges a JSON object into an
 * existing JSON object (top-level keys, the new value winning), and refuses to merge anything
 * else. Row-locked, so concurrent writers are judged one after the other.
 */
export async function writeDocument(
  pool: SqlPool,
  key: DocumentKey,
  documentId: string,
  body: { contentType: string; content: Buffer },
  mode: 'put' | 'post',
  preconditions: Preconditions,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const found = await client.query<{
      content_type: string;
      content: Buffer;
      etag: string;
      updated: string;
    }>(
      `select content_type, content, etag, updated from xapi_documents where ${KEY_WHERE} and document_id = $6 for update`,
      [...keyValues(key), documentId],
    );
    const row = found.rows[0];
    const existing = row
      ? {
          contentType: row.content_type,
          content: row.content,
          etag: row.etag,
          updated: row.updated,
        }
      : null;
    check(existing, preconditions);
    let { contentType, content } = body;
    if (mode === 'post' && existing) {
      if (!isJsonType(existing.contentType) || !isJsonType(contentType))
        throw new XapiInvalid(
          'POST merges JSON objects only: the stored or sent document is not JSON',
        );
      const merged = {
        ...parseJsonObject(existing.content, 'The stored document'),
        ...parseJsonObject(content, 'The document'),
      };
      content = Buffer.from(JSON.stringify(merged));
      contentType = 'application/json';
    } else if (mode === 'post' && isJsonType(contentType)) {
      parseJsonObject(content, 'The document');
    }
    await client.query(
      `insert into xapi_documents (organization_id, kind, activity_id, agent_key, registration, document_id,
         content_type, content, etag, updated)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       on conflict (organization_id, kind, activity_id, agent_key, registration, document_id)
       do update set content_type = excluded.content_type, content = excluded.content,
         etag = excluded.etag, updated = excluded.updated`,
      [...keyValues(key), documentId, contentType.slice(0, 255), content, etagOf(content)],
    );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Deletes one document (under its preconditions), or every state document under the key. */
export async function deleteDocuments(
  pool: SqlPool,
  key: DocumentKey,
  documentId: string | null,
  preconditions: Preconditions,
): Promise<void> {
  if (documentId === null) {
    await pool.query(
      `delete from xapi_documents where ${KEY_WHERE.replace('and registration = $5', '')} and ($5 = '' or registration = $5)`,
      keyValues(key),
    );
    return;
  }
  const existing = await getDocument(pool, key, documentId);
  check(existing, { ...preconditions, required: 'none' });
  await pool.query(`delete from xapi_documents where ${KEY_WHERE} and document_id = $6`, [
    ...keyValues(key),
    documentId,
  ]);
}
