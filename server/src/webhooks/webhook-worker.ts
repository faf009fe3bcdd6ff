import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import type { SecretBox } from './secret-box.js';
import { SIGNATURE_HEADER, signWebhook } from './sign-webhook.js';

/** Retry schedule: exponential from 30 s, capped at 6 h, with jitter; given up after a day. */
export function nextRetryDelayMs(attempts: number, random = Math.random()): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
  return Math.round(base * (0.5 + random / 2));
}
export const GIVE_UP_AFTER_MS = 26 * 3600_000;
const LEASE_SECONDS = 60;
const BATCH = 20;
const TIMEOUT_MS = 10_000;

interface LeasedRow {
  id: string;
  endpoint_id: string;
  ordering_key: string;
  event_type: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  url: string;
  secret_encrypted: string;
}

/**
 * Delivers the outbox. Rows are leased with FOR UPDATE SKIP LOCKED, so several instances never
 * deliver the same row at once; a row waits while an older one for the same registration is
 * pending, so each registration's events arrive in order. A 2xx acknowledges.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private started = false;
  private again = false;

  constructor(
    private readonly orm: Orm,
    private readonly secrets: SecretBox,
    private readonly logger: Logger,
    private readonly pollMs = 1000,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

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
  }

  /** One pass: lease due rows and deliver them. Returns how many were attempted. */
  async runOnce(): Promise<number> {
    const em = this.orm.em.fork();
    const rows: LeasedRow[] = await em.execute(
      `UPDATE webhook_deliveries d SET lease_until = now() + interval '${LEASE_SECONDS} seconds', attempts = d.attempts + 1
        FROM webhook_endpoints e
       WHERE e.id = d.endpoint_id AND d.id IN (
         SELECT c.id FROM webhook_deliveries c
          WHERE c.status = 'PENDING' AND c.next_attempt_at <= now() AND (c.lease_until IS NULL OR c.lease_until < now())
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                             WHERE p.endpoint_id = c.endpoint_id AND p.ordering_key = c.ordering_key
                               AND p.status = 'PENDING' AND p.seq < c.seq)
          ORDER BY c.seq LIMIT ${BATCH}
          FOR UPDATE OF c SKIP LOCKED)
       RETURNING d.id, d.endpoint_id, d.ordering_key, d.event_type, d.payload, d.attempts, d.created_at, e.url, e.secret_encrypted`,
    );
    await Promise.all(rows.map((row) => this.deliver(row)));
    return rows.length;
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
    try {
      const secret = this.secrets.open(row.secret_encrypted);
      const res = await this.fetchFn(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Courier-Webhooks/1',
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          'courier-event-id': String(row.payload['id']),
          'courier-event-type': row.event_type,
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      status = res.status;
      await res.body?.cancel().catch(() => {});
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const latency = Date.now() - started;
    const em = this.orm.em.fork();
    if (!error) {
      await em.execute(
        `UPDATE webhook_deliveries SET status = 'DELIVERED', delivered_at = now(), last_status_code = ?, latency_ms = ?,
                last_error = NULL, lease_until = NULL WHERE id = ?`,
        [status, latency, row.id],
      );
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
  }
}
