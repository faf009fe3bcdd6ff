import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import type { EventBus } from '../events/event-bus.js';
import type { SecretBox } from './secret-box.js';
import { postWebhook } from './post-webhook.js';
import { NonPublicAddressError } from './public-address.js';
import { SIGNATURE_HEADER, signWebhook } from './sign-webhook.js';

/** Retry schedule: exponential from 30 s, capped at 6 h, with jitter; given up after a day. */
export function nextRetryDelayMs(attempts: number, random = Math.random()): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
  return Math.round(base * (0.5 + random / 2));
}
export const GIVE_UP_AFTER_MS = 26 * 3600_000;
const LEASE_SECONDS = 60;
const BATCH = 20;
/** Deliveries one endpoint may have in flight from this instance: a slow one holds only its own. */
const PER_ENDPOINT = 4;
/** Rows looked at per pass before the per-endpoint share is applied. */
const CANDIDATES = 200;
const TIMEOUT_MS = 10_000;

interface LeasedRow {
  id: string;
  endpoint_id: string;
  organization_id: string;
  ordering_key: string;
  event_type: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  url: string;
  secret_encrypted: string;
}

export interface WebhookWorkerOptions {
  pollMs?: number;
  /** WEBHOOK_ALLOW_PRIVATE: deliver to loopback and private addresses, and over plain http. */
  allowPrivate?: boolean;
  /** Where each attempt's outcome is announced, so delivery logs update live. */
  events?: EventBus;
}

/**
 * Delivers the outbox. Rows are leased with FOR UPDATE SKIP LOCKED, so several instances never
 * deliver the same row at once; a row waits while an older one for the same registration is
 * pending, so each registration's events arrive in order. A 2xx acknowledges. Deliveries run
 * on their own, at most PER_ENDPOINT per endpoint, so a pass never waits for a slow endpoint
 * and one tenant's hanging endpoints never hold another's deliveries. Inactive endpoints get
 * nothing, whatever was queued for them.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private started = false;
  private again = false;
  private readonly pollMs: number;
  private readonly allowPrivate: boolean;
  private readonly events: EventBus | null;
  /** In-flight deliveries per endpoint id. */
  private readonly busy = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly orm: Orm,
    private readonly secrets: SecretBox,
    private readonly logger: Logger,
    options: WebhookWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.allowPrivate = options.allowPrivate ?? false;
    this.events = options.events ?? null;
  }

  start(): void {
    this.started = true;
    this.schedule(0);
  }

  /** Runs a pass soon: called after a transaction queued deliveries. */
  poke(): void {
    if (!this.started) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.idle();
  }

  /** Resolves when no delivery started by this worker is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * One pass: lease due rows of active endpoints, each endpoint up to its free share, and start
   * delivering them. Returns how many were leased; the deliveries finish on their own.
   */
  async runOnce(): Promise<number> {
    const em = this.orm.em.fork();
    const busy = JSON.stringify([...this.busy].map(([endpoint_id, n]) => ({ endpoint_id, n })));
    const rows: LeasedRow[] = await em.execute(
      `WITH candidates AS (
         SELECT c.id, c.endpoint_id, c.seq FROM webhook_deliveries c
           JOIN webhook_endpoints ce ON ce.id = c.endpoint_id AND ce.active
          WHERE c.status = 'PENDING' AND c.next_attempt_at <= now() AND (c.lease_until IS NULL OR c.lease_until < now())
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                             WHERE p.endpoint_id = c.endpoint_id AND p.ordering_key = c.ordering_key
                               AND p.status = 'PENDING' AND p.seq < c.seq)
          ORDER BY c.seq LIMIT ${CANDIDATES}
          FOR UPDATE OF c SKIP LOCKED),
       ranked AS (
         SELECT k.id, k.seq, row_number() OVER (PARTITION BY k.endpoint_id ORDER BY k.seq) + coalesce(b.n, 0) AS slot
           FROM candidates k LEFT JOIN jsonb_to_recordset(?::jsonb) AS b(endpoint_id uuid, n int) ON b.endpoint_id = k.endpoint_id)
       UPDATE webhook_deliveries d SET lease_until = now() + interval '${LEASE_SECONDS} seconds', attempts = d.attempts + 1
         FROM webhook_endpoints e
        WHERE e.id = d.endpoint_id AND d.id IN (SELECT id FROM ranked WHERE slot <= ${PER_ENDPOINT} ORDER BY seq LIMIT ${BATCH})
       RETURNING d.id, d.endpoint_id, d.organization_id, d.ordering_key, d.event_type, d.payload, d.attempts, d.created_at, e.url, e.secret_encrypted`,
      [busy],
    );
    for (const row of rows) this.track(row);
    return rows.length;
  }

  private track(row: LeasedRow): void {
    this.busy.set(row.endpoint_id, (this.busy.get(row.endpoint_id) ?? 0) + 1);
    const delivery = this.deliver(row)
      .catch((err: unknown) => this.logger.warn({ err }, 'webhook delivery could not be recorded'))
      .finally(() => {
        const left = (this.busy.get(row.endpoint_id) ?? 1) - 1;
        if (left > 0) this.busy.set(row.endpoint_id, left);
        else this.busy.delete(row.endpoint_id);
        this.inFlight.delete(delivery);
        // The endpoint has room again, and the next event of this registration may be due.
        this.poke();
      });
    this.inFlight.add(delivery);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.loop().finally(() => {
        this.running = null;
        this.schedule(this.again ? 0 : this.pollMs);
        this.again = false;
      });
    }, ms);
  }

  private async loop(): Promise<void> {
    try {
      // Keep going while full batches come back; the next due retry waits for the poll.
      while (!this.stopped && (await this.runOnce()) === BATCH);
    } catch (err) {
      this.logger.warn({ err }, 'webhook worker pass failed');
    }
  }

  private async deliver(row: LeasedRow): Promise<void> {
    const body = JSON.stringify(row.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const secret = this.secrets.open(row.secret_encrypted);
      status = await postWebhook(row.url, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Courier-Webhooks/1',
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          'courier-event-id': String(row.payload['id']),
          'courier-event-type': row.event_type,
        },
        body,
        timeoutMs: TIMEOUT_MS,
        allowPrivate: this.allowPrivate,
      });
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      refused = err instanceof NonPublicAddressError;
    }
    // A refused destination was never contacted: no timing to record, none to learn from.
    const latency = refused ? null : Date.now() - started;
    const em = this.orm.em.fork();
    if (!error) {
      await em.execute(
        `UPDATE webhook_deliveries SET status = 'DELIVERED', delivered_at = now(), last_status_code = ?, latency_ms = ?,
                last_error = NULL, lease_until = NULL WHERE id = ?`,
        [status, latency, row.id],
      );
      this.announce(row);
      return;
    }
    const expired = Date.now() - new Date(row.created_at).getTime() > GIVE_UP_AFTER_MS;
    await em.execute(
      `UPDATE webhook_deliveries SET status = ?, last_error = ?, last_status_code = ?, latency_ms = ?, lease_until = NULL,
              next_attempt_at = ? WHERE id = ?`,
      [
        expired ? 'FAILED' : 'PENDING',
        error.slice(0, 500),
        status,
        latency,
        new Date(Date.now() + nextRetryDelayMs(row.attempts)),
        row.id,
      ],
    );
    this.announce(row);
  }

  /** Tells subscribers an attempt's outcome is stored; they load the delivery themselves. */
  private announce(row: LeasedRow): void {
    this.events?.publish('WEBHOOK_DELIVERY_UPDATED', {
      organizationId: row.organization_id,
      endpointId: row.endpoint_id,
      deliveryId: row.id,
    });
  }
}
