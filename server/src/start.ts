import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createApp } from './app.js';
import type { AppServices } from './app-services.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { PrincipalCheck } from './auth/principal-check.js';
import { TokenSigner } from './auth/tokens.js';
import { readOrCreateSecret, type Config, type RunningConfig } from './config.js';
import { backfillSequencing } from './courses/backfill-sequencing.js';
import { CourseFactsCache } from './courses/course-facts-cache.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres.js';
import { createOrm } from './db/orm.js';
import { LaunchLimiter } from './dispatch/launch-limiter.js';
import { createSqlPool } from './db/sql-pool.js';
import { drainConnections } from './http/drain.js';
import { EventBus } from './events/event-bus.js';
import { PgTransport } from './events/pg-transport.js';
import { RedisTransport } from './events/redis-transport.js';
import { AgsScoreWorker } from './lti/ags-score-worker.js';
import { PlatformKeys } from './lti/platform-keys.js';
import { ToolKeys } from './lti/tool-keys.js';
import { ensureOwner } from './organizations/ensure-owner.js';
import { LocalContentStorage } from './storage/content-storage.js';
import { S3ContentStorage } from './storage/s3-content-storage.js';
import { SecretBox } from './webhooks/secret-box.js';
import { WebhookWorker } from './webhooks/webhook-worker.js';

/** How long requests in flight may take to finish once shutdown has begun. */
const DRAIN_GRACE_MS = 5_000;

export interface Courier {
  /** The dashboard's origin as reached on this machine. */
  url: string;
  /** The origin serving the player and course files (CONTENT_URL). */
  contentUrl: string;
  /** The configuration it serves with, settled at start and never changed. */
  config: RunningConfig;
  services: AppServices;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** For tests: an in-memory embedded database instead of one under DATA_DIR. */
  embeddedInMemory?: boolean;
  /**
   * For benchmarks and query-count tests: sees every SQL statement the ORM sends, and every
   * message the commit pool sends (`pool`: one round trip each).
   */
  onQuery?: (sql: string, source: 'orm' | 'pool') => void;
}

/**
 * Starts everything: database (embedded when DATABASE_URL is unset), migrations, events, the
 * first owner, HTTP and WebSockets. `stop` drains and closes in reverse order. The one place
 * that listens (main.ts and the test servers call it).
 *
 * The port is bound first, so the configuration is final before anything is built on it:
 * PORT=0 (any free port) gives URLs carrying the port actually bound, and the DATA_DIR secret is
 * read or created here rather than by loadConfig. Until the app is ready, requests get 503.
 */
export async function startCourier(loaded: Config, options: StartOptions = {}): Promise<Courier> {
  await mkdir(loaded.dataDir, { recursive: true });
  const jwtSecret = loaded.jwtSecret ?? (await readOrCreateSecret(loaded.dataDir));
  const server = createServer(answerStarting);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(loaded.port, loaded.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : loaded.port;
  const config: RunningConfig = Object.freeze({
    ...loaded,
    jwtSecret,
    publicUrl:
      new URL(loaded.publicUrl).port === '0' ? `http://localhost:${port}` : loaded.publicUrl,
    contentUrl: withBoundPort(loaded.contentUrl, port),
  });
  try {
    return await serve(server, `http://localhost:${port}`, config, options);
  } catch (err) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    throw err;
  }
}

/** Answers while the app is being built on a port already bound. */
function answerStarting(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
  res.end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'Courier is starting' } }));
}

async function serve(
  server: Server,
  url: string,
  config: RunningConfig,
  options: StartOptions,
): Promise<Courier> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  let embedded: EmbeddedPostgres | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(
      options.embeddedInMemory ? null : path.join(config.dataDir, 'pg'),
    );
    databaseUrl = embedded.url;
    logger.info('using the embedded PostgreSQL under DATA_DIR');
  }
  if (config.s3) logger.info({ bucket: config.s3.bucket }, 'course files in an S3 bucket');
  const onQuery = options.onQuery;
  const orm = await createOrm({
    url: databaseUrl,
    onQuery: onQuery && ((text) => onQuery(text, 'orm')),
  });
  // The embedded server runs one transaction at a time, so more connections would only queue.
  const sql = createSqlPool(
    databaseUrl,
    embedded ? 4 : 10,
    (err) => logger.warn({ err }, 'idle database connection failed'),
    onQuery && ((text) => onQuery(text, 'pool')),
  );
  const onEventError = (err: unknown) => logger.warn({ err }, 'event transport error');
  // Redis when configured; else NOTIFY on a real server. Embedded PGlite does not carry NOTIFY
  // across connections, and it serves one instance anyway, so events stay in-process there.
  const transport = config.redisUrl
    ? new RedisTransport(config.redisUrl, onEventError)
    : config.databaseUrl
      ? new PgTransport(config.databaseUrl, onEventError)
      : null;
  const events = new EventBus(transport, onEventError);
  await events.start();
  const secrets = new SecretBox(config.jwtSecret);
  const webhooks = new WebhookWorker(orm, secrets, logger, {
    allowPrivate: config.webhookAllowPrivate,
    events,
  });
  const toolKeys = new ToolKeys(secrets, config.ltiKeyRotationDays);
  const ltiScores = new AgsScoreWorker(orm, toolKeys, logger, {
    allowPrivate: config.ltiAllowPrivate,
    events,
  });
  const services: AppServices = {
    config,
    orm,
    sql,
    events,
    tokens: new TokenSigner(config.jwtSecret),
    storage: config.s3
      ? new S3ContentStorage(config.s3)
      : new LocalContentStorage(path.join(config.dataDir, 'content')),
    logger,
    loginLimiter: new LoginLimiter(config.loginLimits),
    principals: new PrincipalCheck(orm, config.principalRecheckMs),
    secrets,
    webhooks,
    courseFacts: new CourseFactsCache(),
    launchLimiter: new LaunchLimiter(
      config.dispatchLaunchesPerMinute.perKey,
      config.dispatchLaunchesPerMinute.perAddress,
    ),
    lti: {
      toolKeys,
      platformKeys: new PlatformKeys(config.ltiAllowPrivate),
      scores: ltiScores,
    },
  };
  if (config.adminEmail && config.adminPassword) {
    const owner = await ensureOwner(orm.em.fork(), {
      email: config.adminEmail,
      password: config.adminPassword,
    });
    if (owner) logger.info({ email: owner.email }, 'created the first organization and its owner');
  }
  // Before serving, so no commit here judges a re-readable course by the item-by-item rule.
  await backfillSequencing(services).catch((err) =>
    logger.warn({ err }, 're-reading the sequencing of earlier courses failed'),
  );
  // A new course version uploaded on any instance: forget this instance's cached course facts.
  const courseUpdates = events.subscribe('COURSE_UPDATED');
  void (async () => {
    for await (const { courseId } of courseUpdates) services.courseFacts.forgetCourse(courseId);
  })();
  warnOfLoopbackLinks(config, logger);
  const app = await createApp(services, server);
  server.off('request', answerStarting);
  if (config.webhookWorker) {
    webhooks.start();
    ltiScores.start();
  }
  return {
    url,
    contentUrl: config.contentUrl,
    config,
    services,
    async stop() {
      // Requests in flight get up to DRAIN_GRACE_MS; the rest of shutdown fits in the 10 s a
      // process manager typically allows before SIGKILL.
      const stopDraining = drainConnections(app.server, DRAIN_GRACE_MS);
      await app.close();
      stopDraining();
      await courseUpdates.return?.();
      await webhooks.stop();
      await ltiScores.stop();
      await events.close();
      await sql.end();
      await orm.close();
      await embedded?.stop();
    },
  };
}

/** An origin configured with port 0 (any free port) carries the port actually bound. */
function withBoundPort(origin: string, port: number): string {
  const url = new URL(origin);
  if (url.port !== '0') return origin;
  url.port = String(port);
  return url.origin;
}

/**
 * Launch links and dispatch packages carry PUBLIC_URL and CONTENT_URL: on a loopback
 * address they work on this machine only, and a dispatch zip shipped to another LMS is dead.
 */
function warnOfLoopbackLinks(config: Config, logger: { warn(obj: object, msg: string): void }) {
  const urls = { PUBLIC_URL: config.publicUrl, CONTENT_URL: config.contentUrl };
  for (const [name, url] of Object.entries(urls)) {
    if (!url) continue;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (
      host === 'localhost' ||
      host.endsWith('.localhost') ||
      /^127\./.test(host) ||
      host === '::1'
    )
      logger.warn(
        { [name]: url },
        `${name} is a loopback address: launch links and dispatch packages will not open from other machines; set ${name} to an address they can reach`,
      );
  }
}
