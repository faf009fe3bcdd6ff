import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/login-limiter.js';
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
  /**
   * The origin of the player and course files, never the dashboard's, so a package's page can
   * never read or use a dashboard session. Behind one port the server tells them apart by Host.
   */
  contentUrl: string;
  /** JWT_SECRET; null: the one generated into DATA_DIR, which `startCourier` reads or creates. */
  jwtSecret: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  /** Origins allowed to open WebSockets and call the API cross-origin besides PUBLIC_URL's. */
  allowedOrigins: string[];
  uploadLimitBytes: number;
  /** PACKAGE_INFLATED_LIMIT_MB: the most a course's files may take once unzipped. */
  packageInflatedLimitBytes: number;
  /** The cap on one SCO's stored runtime data (RUNTIME_DATA_LIMIT_KB), in stored bytes. */
  runtimeDataLimitBytes: number;
  /** Whether this instance delivers webhooks (every instance may; they never collide). */
  webhookWorker: boolean;
  /** WEBHOOK_ALLOW_PRIVATE: webhooks may go to loopback and private addresses, over http too. */
  webhookAllowPrivate: boolean;
  /** LTI_ALLOW_PRIVATE: LTI platform URLs may be loopback or private addresses, over http too. */
  ltiAllowPrivate: boolean;
  /** LTI_KEY_ROTATION_DAYS: the tool's signing key is replaced after this many days. */
  ltiKeyRotationDays: number;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Dispatch launches (first ones and relaunches) allowed per minute, per key and per address. */
  dispatchLaunchesPerMinute: { perKey: number; perAddress: number };
  logLevel: string;
  /** Where the built dashboard and player live (web/dist). */
  webDistDir: string;
  /** Course files in an S3-compatible bucket (S3_BUCKET set) instead of under DATA_DIR. */
  s3: S3Settings | null;
  /** The player sends what content set and did not commit at least this often (seconds). */
  playerAutocommitSeconds: number;
  /** A commit failing this long tells the learner their progress is not saved (seconds). */
  playerParkSeconds: number;
  /** How long a session's or API key's standing is taken on trust before the database is asked again. */
  principalRecheckMs: number;
  /** Operations one WebSocket may run at once (subscriptions included). */
  wsMaxSubscriptionsPerSocket: number;
  /** Open WebSockets per signed-in user or API key. */
  wsMaxSocketsPerPrincipal: number;
  /** Sign-in attempts allowed per 15 minutes (see LoginLimiter). */
  loginLimits: LoginLimits;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment, and nothing else: no file is read or written here.
 * `startCourier` settles what needs the machine (the port bound, the DATA_DIR secret) before it
 * builds anything on the result, which then never changes.
 */
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
  const contentUrl = resolveContentUrl(publicUrl, nonEmpty(env['CONTENT_URL']));
  const adminEmail = nonEmpty(env['ADMIN_EMAIL']);
  const adminPassword = nonEmpty(env['ADMIN_PASSWORD']);
  if ((adminEmail === null) !== (adminPassword === null)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  }
  const uploadLimitMb = Number(nonEmpty(env['UPLOAD_LIMIT_MB']) ?? '512');
  if (!Number.isFinite(uploadLimitMb) || uploadLimitMb <= 0) {
    throw new ConfigError('UPLOAD_LIMIT_MB must be a positive number');
  }
  const packageInflatedLimitMb = Number(nonEmpty(env['PACKAGE_INFLATED_LIMIT_MB']) ?? '1024');
  if (!Number.isFinite(packageInflatedLimitMb) || packageInflatedLimitMb <= 0) {
    throw new ConfigError('PACKAGE_INFLATED_LIMIT_MB must be a positive number');
  }
  const runtimeDataLimitKb = Number(nonEmpty(env['RUNTIME_DATA_LIMIT_KB']) ?? '2048');
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
    contentUrl,
    jwtSecret: nonEmpty(env['JWT_SECRET']),
    adminEmail: adminEmail?.toLowerCase() ?? null,
    adminPassword,
    allowedOrigins: (env['ALLOWED_ORIGINS'] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    uploadLimitBytes: Math.floor(uploadLimitMb * 1024 * 1024),
    packageInflatedLimitBytes: Math.floor(packageInflatedLimitMb * 1024 * 1024),
    runtimeDataLimitBytes: runtimeDataLimitKb * 1024,
    webhookWorker: env['WEBHOOK_WORKER'] !== 'off',
    webhookAllowPrivate:
      env['WEBHOOK_ALLOW_PRIVATE'] === 'true' || env['WEBHOOK_ALLOW_PRIVATE'] === '1',
    ltiAllowPrivate: env['LTI_ALLOW_PRIVATE'] === 'true' || env['LTI_ALLOW_PRIVATE'] === '1',
    ltiKeyRotationDays: positiveInteger(env, 'LTI_KEY_ROTATION_DAYS', 90),
    trustProxy: env['TRUST_PROXY'] === 'true' || env['TRUST_PROXY'] === '1',
    dispatchLaunchesPerMinute: {
      perKey: positiveInteger(env, 'DISPATCH_LAUNCHES_PER_MINUTE_PER_KEY', 600),
      perAddress: positiveInteger(env, 'DISPATCH_LAUNCHES_PER_MINUTE_PER_ADDRESS', 120),
    },
    logLevel: env['LOG_LEVEL'] ?? 'info',
    webDistDir: path.resolve(
      env['WEB_DIST_DIR'] ?? new URL('../../web/dist', import.meta.url).pathname,
    ),
    s3: loadS3Settings(env),
    playerAutocommitSeconds: positiveSeconds(env, 'PLAYER_AUTOCOMMIT_SECONDS', 10),
    playerParkSeconds: positiveSeconds(env, 'PLAYER_PARK_SECONDS', 60),
    principalRecheckMs: positiveInteger(env, 'PRINCIPAL_RECHECK_MS', 2000),
    wsMaxSubscriptionsPerSocket: positiveInteger(env, 'WS_MAX_SUBSCRIPTIONS_PER_SOCKET', 100),
    wsMaxSocketsPerPrincipal: positiveInteger(env, 'WS_MAX_SOCKETS_PER_PRINCIPAL', 20),
    loginLimits: {
      ...DEFAULT_LOGIN_LIMITS,
      perAddress: positiveInteger(
        env,
        'LOGIN_ATTEMPTS_PER_ADDRESS',
        DEFAULT_LOGIN_LIMITS.perAddress,
      ),
      perAccountAddress: positiveInteger(
        env,
        'LOGIN_ATTEMPTS_PER_ACCOUNT_ADDRESS',
        DEFAULT_LOGIN_LIMITS.perAccountAddress,
      ),
      perAccount: positiveInteger(
        env,
        'LOGIN_ATTEMPTS_PER_ACCOUNT',
        DEFAULT_LOGIN_LIMITS.perAccount,
      ),
    },
  };
}

const LOOPBACK_SWAP: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };

/**
 * CONTENT_URL, or on a developer's machine PUBLIC_URL with `localhost` and `127.0.0.1` swapped:
 * two names for one address are two origins to a browser, so the split needs no set-up there.
 */
function resolveContentUrl(publicUrl: string, configured: string | null): string {
  const dashboard = new URL(publicUrl);
  if (configured === null) {
    const swapped = LOOPBACK_SWAP[dashboard.hostname];
    if (!swapped) {
      throw new ConfigError(
        `CONTENT_URL is unset and PUBLIC_URL's host ${dashboard.hostname} is not localhost: ` +
          'give course content a host name of its own (e.g. CONTENT_URL=https://content.example.com) ' +
          'so a course can never read or use a dashboard session',
      );
    }
    dashboard.hostname = swapped;
    return dashboard.origin;
  }
  const contentUrl = configured.replace(/\/+$/, '');
  let content: URL;
  try {
    content = new URL(contentUrl);
  } catch {
    throw new ConfigError(`CONTENT_URL is not a URL: ${contentUrl}`);
  }
  if (!/^https?:$/.test(content.protocol)) {
    throw new ConfigError(`CONTENT_URL must be an http(s) URL: ${contentUrl}`);
  }
  if (content.origin === dashboard.origin) {
    throw new ConfigError(
      `CONTENT_URL must be another origin than PUBLIC_URL (${dashboard.origin}): ` +
        'course content on the dashboard origin could read and use a dashboard session',
    );
  }
  if (content.pathname !== '/' || content.search || content.hash) {
    throw new ConfigError(`CONTENT_URL must be a bare origin, without a path: ${contentUrl}`);
  }
  return content.origin;
}

function positiveSeconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(nonEmpty(env[name]) ?? fallback);
  if (!Number.isFinite(value) || value <= 0 || value > 3600)
    throw new ConfigError(`${name} must be a number of seconds from above 0 to 3600`);
  return value;
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

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive whole number, got ${raw.slice(0, 40)}`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}

/** The configuration a running Courier serves with: its URLs carry the port bound, its secret is set. */
export type RunningConfig = Readonly<Config & { jwtSecret: string }>;

/** One secret per data directory, so restarts keep sessions valid without configuration. */
export async function readOrCreateSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
