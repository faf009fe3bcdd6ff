import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AwsV4Signer } from 'aws4fetch';
import type { ContentStorage } from './content-storage.js';

export interface S3Settings {
  bucket: string;
  /** e.g. https://s3.eu-west-1.amazonaws.com, or a MinIO / R2 / Ceph address. */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (an IAM role's, SSO's) come with one. */
  sessionToken?: string | null;
  /** Put before every key, e.g. `courier/`; empty for the bucket's root. */
  prefix: string;
  /** `endpoint/bucket/key` rather than `bucket.endpoint/key` (MinIO and most self-hosted stores). */
  pathStyle: boolean;
}

/** The list of a course's files, written last: a course without one does not exist yet. */
interface CourseIndex {
  /** Relative path → size in bytes. */
  files: Record<string, number>;
}

const INDEX_NAME = '.courier-index.json';
const PARALLEL_REQUESTS = 8;
const CACHED_INDEXES = 200;
const INDEX_TTL_MS = 5 * 60_000;
/** Idle time after which a request to the store is given up. */
const REQUEST_TIMEOUT_MS = 60_000;
const MISSING_TTL_MS = 5_000;

/**
 * Course files in an S3-compatible bucket, so several instances serve the same courses. Files go
 * up one by one and the course's index last; until the index exists the course has no files, so
 * a course still appears whole or not at all. The index also answers, without a request, whether
 * a path exists, its size, and its stored name when content asks in another letter case.
 */
export class S3ContentStorage implements ContentStorage {
  private readonly indexes = new Map<
    string,
    { index: Promise<CourseIndex | null>; until: number }
  >();

  constructor(private readonly s3: S3Settings) {}

  async put(courseId: string, dir: string): Promise<void> {
    const files = await listFiles(dir);
    const uploaded: string[] = [];
    try {
      await eachLimited(files, PARALLEL_REQUESTS, async ({ relative, size }) => {
        const key = this.key(courseId, relative);
        await this.expect(
          await this.request('PUT', key, {
            body: createReadStream(path.join(dir, relative)),
            length: size,
            type: 'application/octet-stream',
          }),
          [200],
        );
        uploaded.push(key);
      });
      const index: CourseIndex = {
        files: Object.fromEntries(files.map((f) => [f.relative, f.size])),
      };
      const body = Buffer.from(JSON.stringify(index));
      await this.expect(
        await this.request('PUT', this.key(courseId, INDEX_NAME), {
          body,
          length: body.length,
          type: 'application/json',
        }),
        [200],
      );
    } catch (err) {
      await this.deleteKeys(uploaded).catch(() => {});
      throw err;
    }
    this.indexes.delete(courseId);
    await rm(dir, { recursive: true, force: true });
  }

  async open(courseId: string, relativePath: string, range?: { start: number; end: number }) {
    const index = await this.index(courseId);
    if (!index) return null;
    const name = storedName(index, relativePath);
    if (name === null) return null;
    const size = index.files[name]!;
    const key = this.key(courseId, name);
    // S3 refuses any range of an empty object; the bytes asked for are simply none.
    if (size === 0) return { stream: Readable.from([]), size };
    const bytes = range && { start: range.start, end: Math.min(range.end, size - 1) };
    // Nothing is asked of the bucket until the stream is read: a caller that only wanted the
    // size (and then asks for a range) costs no request.
    const stream = lazyReadable(async () => {
      const res = await this.request('GET', key, {
        headers: bytes ? { range: `bytes=${bytes.start}-${bytes.end}` } : {},
      });
      await this.expect(res, bytes ? [206] : [200], true);
      return res;
    });
    return { stream, size };
  }

  async remove(courseId: string): Promise<void> {
    this.indexes.delete(courseId);
    // The index first, so a half-removed course is already gone for readers; then every key
    // under the course, not only the index's: a failed upload may have left some.
    const index = this.key(courseId, INDEX_NAME);
    await this.deleteKeys([index]);
    // ListObjects (version 1, paged by marker): every S3-compatible store answers it.
    const prefix = this.key(courseId, '');
    let marker: string | null = null;
    do {
      const query = new URLSearchParams({ prefix });
      if (marker) query.set('marker', marker);
      const res = await this.request('GET', '', { query });
      const xml = await this.expectText(res, [200]);
      const keys = [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => decodeXml(m[1]!));
      await this.deleteKeys(keys.filter((key) => key !== index));
      marker = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? (keys.at(-1) ?? null) : null;
    } while (marker);
  }

  /**
   * The course's index, remembered for a while: other instances may delete the course (or, for
   * an id asked before its import finished, put it), so no answer is kept for long.
   */
  private index(courseId: string): Promise<CourseIndex | null> {
    const now = Date.now();
    const known = this.indexes.get(courseId);
    if (known && known.until > now) return known.index;
    const index = this.readIndex(courseId);
    if (this.indexes.size >= CACHED_INDEXES) this.indexes.delete(this.indexes.keys().next().value!);
    const entry = { index, until: now + INDEX_TTL_MS };
    this.indexes.set(courseId, entry);
    index.then(
      (found) => {
        if (!found) entry.until = Math.min(entry.until, now + MISSING_TTL_MS);
      },
      () => this.indexes.get(courseId) === entry && this.indexes.delete(courseId),
    );
    return index;
  }

  private async readIndex(courseId: string): Promise<CourseIndex | null> {
    const res = await this.request('GET', this.key(courseId, INDEX_NAME));
    if (res.statusCode === 404) {
      res.resume();
      return null;
    }
    return JSON.parse(await this.expectText(res, [200])) as CourseIndex;
  }

  /** Deletes keys a thousand to a request (S3's DeleteObjects), failing if any was not. */
  private async deleteKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const body = Buffer.from(
        `<Delete><Quiet>true</Quiet>${keys
          .slice(i, i + 1000)
          .map((key) => `<Object><Key>${encodeXml(key)}</Key></Object>`)
          .join('')}</Delete>`,
      );
      const res = await this.request('POST', '', {
        body,
        length: body.length,
        type: 'application/xml',
        headers: { 'content-md5': createHash('md5').update(body).digest('base64') },
        query: new URLSearchParams({ delete: '' }),
      });
      const xml = await this.expectText(res, [200]);
      const failed = /<Error>[\s\S]*?<Code>([^<]*)<\/Code>/.exec(xml);
      if (failed) throw new Error(`S3 storage answered ${failed[1]} to a delete`);
    }
  }

  private key(courseId: string, relative: string): string {
    if (!/^[0-9a-f-]{36}$/.test(courseId)) throw new Error(`not a course id: ${courseId}`);
    return `${this.s3.prefix}${courseId}/${relative}`;
  }

  private url(key: string, query?: URLSearchParams): URL {
    const endpoint = new URL(this.s3.endpoint);
    const encodedKey = key.split('/').map(encodeRfc3986).join('/');
    const url = this.s3.pathStyle
      ? new URL(`${endpoint.origin}/${encodeURIComponent(this.s3.bucket)}/${encodedKey}`)
      : new URL(`${endpoint.protocol}//${this.s3.bucket}.${endpoint.host}/${encodedKey}`);
    if (query) url.search = query.toString();
    return url;
  }

  /** One signed request; the answer's body is left for the caller to read. */
  private async request(
    method: 'GET' | 'PUT' | 'POST',
    key: string,
    options: {
      body?: Readable | Buffer;
      length?: number;
      type?: string;
      headers?: Record<string, string>;
      query?: URLSearchParams;
    } = {},
  ): Promise<http.IncomingMessage> {
    const url = this.url(key, options.query);
    const signed = await new AwsV4Signer({
      method,
      url: url.toString(),
      headers: {
        ...options.headers,
        ...(options.type ? { 'content-type': options.type } : {}),
        // Bodies stream from disk, so their hash is not known up front.
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      },
      accessKeyId: this.s3.accessKeyId,
      secretAccessKey: this.s3.secretAccessKey,
      ...(this.s3.sessionToken ? { sessionToken: this.s3.sessionToken } : {}),
      region: this.s3.region,
      service: 's3',
    }).sign();
    const headers: Record<string, string | number> = Object.fromEntries(signed.headers);
    if (options.length !== undefined) headers['content-length'] = options.length;
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(signed.url, { method, headers }, resolve);
      const { body } = options;
      req.on('error', (err) => {
        if (body instanceof Readable) body.destroy();
        reject(err);
      });
      // A store that stops answering fails the request rather than holding it forever.
      req.setTimeout(REQUEST_TIMEOUT_MS, () =>
        req.destroy(new Error(`S3 storage did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`)),
      );
      if (body instanceof Readable) {
        body.on('error', (err) => req.destroy(err));
        body.pipe(req);
      } else req.end(body);
    });
  }

  /**
   * Fails with S3's error code unless the answer has one of `statuses`. A body the caller will
   * not read (`keepBody` false) is drained so the socket goes back to the pool.
   */
  private async expect(
    res: http.IncomingMessage,
    statuses: number[],
    keepBody = false,
  ): Promise<void> {
    if (statuses.includes(res.statusCode ?? 0)) {
      if (!keepBody) res.resume();
      return;
    }
    const text = await readText(res).catch(() => '');
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP ${res.statusCode}`;
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    throw new Error(`S3 storage answered ${code}${message ? `: ${decodeXml(message)}` : ''}`);
  }

  private async expectText(res: http.IncomingMessage, statuses: number[]): Promise<string> {
    await this.expect(res, statuses, true);
    return readText(res);
  }
}

/** The stored name for a requested path: itself, or the one file equal to it ignoring case. */
function storedName(index: CourseIndex, relative: string): string | null {
  const wanted = relative.split(path.sep).join('/');
  if (Object.hasOwn(index.files, wanted)) return wanted;
  const lower = wanted.toLowerCase();
  return Object.keys(index.files).find((name) => name.toLowerCase() === lower) ?? null;
}

async function listFiles(
  dir: string,
  base = dir,
): Promise<Array<{ relative: string; size: number }>> {
  const out: Array<{ relative: string; size: number }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)));
    else if (entry.isFile()) {
      const relative = path.relative(base, full).split(path.sep).join('/');
      out.push({ relative, size: (await stat(full)).size });
    }
  }
  return out;
}

/**
 * Runs `fn` over `items`, at most `limit` at a time. After a failure no new item starts, and the
 * first failure rejects only once those already running have settled, so a caller cleaning up
 * sees everything that was done.
 */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { error: unknown } | null = null;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (!failure && next < items.length) {
        try {
          await fn(items[next++]!);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw (failure as { error: unknown }).error;
}

/** A stream that calls `open` only when first read, and ends or fails with what it returns. */
function lazyReadable(open: () => Promise<Readable>): Readable {
  let source: Readable | null = null;
  let started = false;
  const out = new Readable({
    read() {
      if (source) {
        source.resume();
        return;
      }
      if (started) return;
      started = true;
      open().then(
        (s) => {
          source = s;
          if (out.destroyed) return void s.destroy();
          s.on('data', (chunk: Buffer) => {
            if (!out.push(chunk)) s.pause();
          });
          s.on('end', () => out.push(null));
          s.on('error', (err) => out.destroy(err));
        },
        (err: Error) => out.destroy(err),
      );
    },
    destroy(err, callback) {
      source?.destroy();
      callback(err);
    },
  });
  return out;
}

async function readText(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Percent-encodes one key segment as SigV4 wants it (RFC 3986: `!'()*` too). */
function encodeRfc3986(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function encodeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
