import type { Logger } from 'pino';
import type { LoginLimiter } from './auth/login-limiter.js';
import type { PrincipalCheck } from './auth/principal-check.js';
import type { TokenSigner } from './auth/tokens.js';
import type { CourseFactsCache } from './courses/course-facts-cache.js';
import type { Config } from './config.js';
import type { Orm } from './db/orm.js';
import type { AgsScoreWorker } from './lti/ags-score-worker.js';
import type { PlatformKeys } from './lti/platform-keys.js';
import type { ToolKeys } from './lti/tool-keys.js';
import type { LaunchLimiter } from './dispatch/launch-limiter.js';
import type { SqlPool } from './db/sql-pool.js';
import type { EventBus } from './events/event-bus.js';
import type { ContentStorage } from './storage/content-storage.js';
import type { SecretBox } from './webhooks/secret-box.js';
import type { WebhookWorker } from './webhooks/webhook-worker.js';

/** The long-lived parts every request may use; built once by `startCourier`. */
export interface AppServices {
  config: Config;
  orm: Orm;
  /** A plain `pg` pool for the runtime commit's hand-built transaction (see commit-runtime.ts). */
  sql: SqlPool;
  events: EventBus;
  tokens: TokenSigner;
  storage: ContentStorage;
  logger: Logger;
  loginLimiter: LoginLimiter;
  /** Whether a session or API key still stands (revocation, sign-out, disabled users). */
  principals: PrincipalCheck;
  secrets: SecretBox;
  webhooks: WebhookWorker;
  courseFacts: CourseFactsCache;
  launchLimiter: LaunchLimiter;
  /** LTI 1.3: the tool's key pairs, platforms' key sets and the AGS score sender. */
  lti: { toolKeys: ToolKeys; platformKeys: PlatformKeys; scores: AgsScoreWorker };
}
