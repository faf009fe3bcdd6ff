import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** s3rver's built-in credentials. */
const ACCESS_KEY = 'S3RVER';

export interface TestS3 {
  /** S3_* variables that point Courier at this server's bucket. */
  env: Record<string, string>;
  /** Every key in the bucket, by listing it over the S3 API. */
  keys(): Promise<string[]>;
  /** Makes the store fail (500) every upload whose key matches, as a store in trouble does. */
  failUploads(pattern: RegExp | null): void;
  /** Deletes one object behind Courier's back, as another instance deleting a course does. */
  deleteBehind(key: string): Promise<void>;
  stop(): Promise<void>;
}

/** A real S3-compatible server (s3rver) on a random local port, with one empty bucket. */
export async function startTestS3(bucket = 'courier-content'): Promise<TestS3> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'courier-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  // s3rver deletes a batch's objects all at once, and each then prunes its emptied folders,
  // racing the others (ENOENT, answered as InternalError); real S3 has no folders to prune.
  // One at a time, as its filesystem store can take them.
  const store = (
    server as unknown as {
      store: {
        deleteObject(b: string, k: string): Promise<void>;
        putObject(object: { bucket: string; key: string }): Promise<unknown>;
      };
    }
  ).store;
  let failing: RegExp | null = null;
  const putObject = store.putObject.bind(store);
  store.putObject = async (object) => {
    if (failing?.test(object.key)) throw new Error(`refused ${object.key}`);
    return putObject(object);
  };
  const deleteObject = store.deleteObject.bind(store);
  let deleting: Promise<unknown> = Promise.resolve();
  store.deleteObject = (b, k) => {
    const next = deleting.then(() => deleteObject(b, k));
    deleting = next.catch(() => {});
    return next;
  };
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: ACCESS_KEY,
    },
    async keys() {
      // Unsigned: s3rver lets anonymous requests list, which keeps this independent of the code
      // under test.
      // Version 1, by marker: s3rver's version 2 pages with a DES token Node's OpenSSL lacks.
      const keys: string[] = [];
      let marker: string | null = null;
      do {
        const query: URLSearchParams = new URLSearchParams(marker ? { marker } : {});
        const xml: string = await (await fetch(`${endpoint}/${bucket}?${query}`)).text();
        const page = [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescapeXml(m[1]!));
        keys.push(...page);
        marker = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? (page.at(-1) ?? null) : null;
      } while (marker);
      return keys;
    },
    failUploads(pattern) {
      failing = pattern;
    },
    async deleteBehind(key) {
      await store.deleteObject(bucket, key);
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
