import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import type { EventBus } from '../events/event-bus.js';
import { GIVE_UP_AFTER_MS, nextRetryDelayMs } from '../webhooks/webhook-worker.js';
import { AGS_SCORE_SCOPE, SCORE_CONTENT_TYPE } from './lti-vocabulary.js';
import { requestPlatform } from './platform-http.js';
import type { ToolKeys } from './tool-keys.js';

const LEASE_SECONDS = 60;
const BATCH = 20;

interface LeasedScore {
  id: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  lineitem_url: string;
  platform_id: string;
  client_id: string;
  token_url: string;
  organization_id: string;
  dispatch_id: string;
}

/**
 * Sends queued AGS scores to the platforms' line items: an access token by the client
 * credentials grant with a JWT assertion signed by the tool's key (kept until it expires), then
 * a POST of the score. Rows are leased with FOR UPDATE SKIP LOCKED, one per launch at a time,
 * so instances never send the same score twice at once; failures retry with the webhooks'
 * backoff (30 s doubling to 6 h, jittered) and give up after a day.
 */
export class AgsScoreWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private started = false;
  private again = false;
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly orm: Orm,
    private readonly keys: ToolKeys,
    private readonly logger: Logger,
    private readonly options: { allowPrivate: boolean; events?: EventBus; pollMs?: number },
  ) {}

  start(): void {
    this.started = true;
    this.schedule(0);
  }

  /** Runs a pass soon: called after a transaction queued scores. */
  poke(): void {
    if (!this.started) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: lease the due scores and send them. Returns how many were leased. */
  async runOnce(): Promise<number> {
    const em = this.orm.em.fork() as EntityManager;
    const rows: LeasedScore[] = await em.execute(
      `UPDATE lti_score_deliveries d SET lease_until = now() + interval '${LEASE_SECONDS} seconds', attempts = d.attempts + 1
         FROM lti_launch_contexts c JOIN lti_platforms p ON p.id = c.platform_id
        WHERE c.dispatch_launch_id = d.dispatch_launch_id AND d.id IN (
          SELECT s.id FROM lti_score_deliveries s
           WHERE s.status = 'PENDING' AND s.next_attempt_at <= now() AND (s.lease_until IS NULL OR s.lease_until < now())
             AND NOT EXISTS (SELECT 1 FROM lti_score_deliveries o WHERE o.dispatch_launch_id = s.dispatch_launch_id
                              AND o.id <> s.id AND o.lease_until > now() AND o.status = 'PENDING')
           ORDER BY s.next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.payload, d.attempts, d.created_at, c.lineitem_url, p.id AS platform_id, p.client_id,
                 p.token_url, p.organization_id, p.dispatch_id`,
    );
    await Promise.all(
      rows.map((row) =>
        this.deliver(em.fork() as EntityManager, row).catch((err: unknown) =>
          this.logger.warn({ err }, 'LTI score delivery could not be recorded'),
        ),
      ),
    );
    return rows.length;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.loop().finally(() => {
        this.running = null;
        this.schedule(this.again ? 0 : (this.options.pollMs ?? 1000));
        this.again = false;
      });
    }, ms);
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.runOnce()) === BATCH);
    } catch (err) {
      this.logger.warn({ err }, 'LTI score pass failed');
    }
  }

  private async deliver(em: EntityManager, row: LeasedScore): Promise<void> {
    let status: number | null = null;
    let error: string | null = null;
    try {
      const token = await this.accessToken(em, row);
      const response = await requestPlatform(scoresUrl(row.lineitem_url), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': SCORE_CONTENT_TYPE,
          'user-agent': 'Courier-LTI/1',
        },
        body: JSON.stringify(row.payload),
        allowPrivate: this.options.allowPrivate,
      });
      status = response.status;
      if (status === 401) this.tokens.delete(row.platform_id);
      if (status < 200 || status >= 300) error = `score endpoint answered HTTP ${status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (!error) {
      await em.execute(
        `UPDATE lti_score_deliveries SET status = 'DELIVERED', delivered_at = now(), last_status_code = ?,
                last_error = NULL, lease_until = NULL WHERE id = ?`,
        [status, row.id],
      );
    } else {
      const expired = Date.now() - new Date(row.created_at).getTime() > GIVE_UP_AFTER_MS;
      await em.execute(
        `UPDATE lti_score_deliveries SET status = ?, last_error = ?, last_status_code = ?, lease_until = NULL,
                next_attempt_at = ? WHERE id = ?`,
        [
          expired ? 'FAILED' : 'PENDING',
          error.slice(0, 500),
          status,
          new Date(Date.now() + nextRetryDelayMs(row.attempts)),
          row.id,
        ],
      );
    }
    this.options.events?.publish('DISPATCH_UPDATED', {
      organizationId: row.organization_id,
      dispatchId: row.dispatch_id,
    });
  }

  /** An AGS access token for the platform: client credentials with a signed JWT assertion. */
  private async accessToken(em: EntityManager, row: LeasedScore): Promise<string> {
    const cached = this.tokens.get(row.platform_id);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    const assertion = await this.keys.sign(
      em,
      { iss: row.client_id, sub: row.client_id, aud: row.token_url },
      300,
    );
    const response = await requestPlatform(row.token_url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: AGS_SCORE_SCOPE,
      }).toString(),
      allowPrivate: this.options.allowPrivate,
    });
    if (response.status !== 200) throw new Error(`token endpoint answered HTTP ${response.status}`);
    const body = JSON.parse(response.body) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token.length > 4096)
      throw new Error('token endpoint gave no usable access_token');
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    // Renewed a minute early, so a token never expires on its way.
    this.tokens.set(row.platform_id, {
      token: body.access_token,
      expiresAt: Date.now() + Math.max(0, lifetime - 60) * 1000,
    });
    if (this.tokens.size > 1000) this.tokens.delete(this.tokens.keys().next().value!);
    return body.access_token;
  }
}

/** The line item's scores endpoint: `/scores` after its path, before any query. */
export function scoresUrl(lineitem: string): string {
  const url = new URL(lineitem);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
  return url.toString();
}
