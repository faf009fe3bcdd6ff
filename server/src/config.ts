import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MINIMUM_RUNTIME_DATA_BYTES } from './scorm/runtime-data.js';
import type { S3Settings } from './storage/s3-content-storage.js';

/** Everything Courier reads from its environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  publicUrl: string;
  jwtSecret: string;
  adminEmail: string | null;
  adminPassword: string | null;
  /** Origins allowed to open WebSockets and call the API cross-origin besides PUBLIC_URL's. */
  allowedOrigins: string[];
  uploadLimitBytes: number;
  /** The cap on one SCO's stored runtime data (RUNTIME_DATA_LIMIT_KB), in stored bytes. */
  runtimeDataLimitBytes: number;
  /** Whether this instance delivers webhooks (every instance may; they never collide). */
  webhookWorker: boolean;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  logLevel: string;
  /** Where the built dashboard and player live (web/dist). */
  webDistDir: string;
  /** Course files in an S3-compatible bucket (S3_BUCKET set) instead of under DATA_DIR. */
  s3: S3Settings | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; generates and keeps JWT_SECRET under DATA_DIR when unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(env['PORT'] ?? '4000');
  const dataDir = path.resolve(env['DATA_DIR'] ?? './data');
  const databaseUrl = nonEmpty(env['DATABASE_URL']);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  }
  const redisUrl = nonEmpty(env['REDIS_URL']);
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL must be a redis:// URL');
  }
  const publicUrl = (nonEmpty(env['PUBLIC_URL']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a URL: ${publicUrl}`);
  }
  const adminEmail = nonEmpty(env['ADMIN_EMAIL']);
  const adminPassword = nonEmpty(env['ADMIN_PASSWORD']);
  if ((adminEmail === null) !== (adminPassword === null)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  }
  const uploadLimitMb = Number(env['UPLOAD_LIMIT_MB'] ?? '512');
  if (!Number.isFinite(uploadLimitMb) || uploadLimitMb <= 0) {
    throw new ConfigError('UPLOAD_LIMIT_MB must be a positive number');
  }
  const runtimeDataLimitKb = Number(env['RUNTIME_DATA_LIMIT_KB'] ?? '2048');
  const floorKb = Math.ceil(MINIMUM_RUNTIME_DATA_BYTES / 1024);
  if (!Number.isInteger(runtimeDataLimitKb) || runtimeDataLimitKb < floorKb) {
    throw new ConfigError(
      `RUNTIME_DATA_LIMIT_KB must be a whole number of at least ${floorKb}: SCORM's smallest permitted maxima need that much per SCO`,
    );
  }
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    dataDir,
    databaseUrl,
    redisUrl,
    publicUrl,
    jwtSecret: nonEmpty(env['JWT_SECRET']) ?? readOrCreateSecret(dataDir),
    adminEmail: adminEmail?.toLowerCase() ?? null,
    adminPassword,
    allowedOrigins: (env['ALLOWED_ORIGINS'] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    uploadLimitBytes: Math.floor(uploadLimitMb * 1024 * 1024),
    runtimeDataLimitBytes: runtimeDataLimitKb * 1024,
    webhookWorker: env['WEBHOOK_WORKER'] !== 'off',
    trustProxy: env['TRUST_PROXY'] === 'true' || env['TRUST_PROXY'] === '1',
    logLevel: env['LOG_LEVEL'] ?? 'info',
    webDistDir: path.resolve(
      env['WEB_DIST_DIR'] ?? new URL('../../web/dist', import.meta.url).pathname,
    ),
    s3: loadS3Settings(env),
  };
}

/** S3_* settings, with the AWS_* names as fallbacks for the region and credentials. */
function loadS3Settings(env: NodeJS.ProcessEnv): S3Settings | null {
  const bucket = nonEmpty(env['S3_BUCKET']);
  if (!bucket) return null;
  const region = nonEmpty(env['S3_REGION']) ?? nonEmpty(env['AWS_REGION']) ?? 'us-east-1';
  const endpoint = (nonEmpty(env['S3_ENDPOINT']) ?? `https://s3.${region}.amazonaws.com`).replace(
    /\/+$/,
    '',
  );
  try {
    if (!/^https?:$/.test(new URL(endpoint).protocol)) throw new Error();
  } catch {
    throw new ConfigError(`S3_ENDPOINT is not an http(s) URL: ${endpoint}`);
  }
  const accessKeyId = nonEmpty(env['S3_ACCESS_KEY_ID']) ?? nonEmpty(env['AWS_ACCESS_KEY_ID']);
  const secretAccessKey =
    nonEmpty(env['S3_SECRET_ACCESS_KEY']) ?? nonEmpty(env['AWS_SECRET_ACCESS_KEY']);
  if (!accessKeyId || !secretAccessKey) {
    throw new ConfigError('S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  if (new URL(endpoint).pathname !== '/') {
    throw new ConfigError(`S3_ENDPOINT must be a bare origin, without a path: ${endpoint}`);
  }
  const sessionToken = nonEmpty(env['S3_SESSION_TOKEN']) ?? nonEmpty(env['AWS_SESSION_TOKEN']);
  const prefix = (nonEmpty(env['S3_PREFIX']) ?? '').replace(/^\/+/, '');
  const pathStyle = env['S3_FORCE_PATH_STYLE']
    ? env['S3_FORCE_PATH_STYLE'] === 'true' || env['S3_FORCE_PATH_STYLE'] === '1'
    : nonEmpty(env['S3_ENDPOINT']) !== null;
  return {
    bucket,
    endpoint,
    region,
    accessKeyId,
    secretAccessKey,
    sessionToken,
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
    pathStyle,
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number, got ${value}`);
  }
  return port;
}

function nonEmpty(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}

/** One secret per data directory, so restarts keep sessions valid without configuration. */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
