import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../db/sql-pool.js';
import type { WebhookEventType } from './webhook.entity.js';

interface WebhookEvent {
  organizationId: string;
  type: WebhookEventType;
  orderingKey: string;
  data: Record<string, unknown>;
}

/**
 * The statement that writes an event to the outbox for every active endpoint of the
 * organization that wants it: it inserts nothing when nobody listens.
 */
export function webhookEventStatement(
  event: WebhookEvent,
  now = new Date(),
): { sql: string; params: unknown[] } {
  const payload = {
    id: randomUUID(),
    type: event.type,
    createdAt: now.toISOString(),
    data: event.data,
  };
  return {
    sql: `INSERT INTO webhook_deliveries (id, endpoint_id, organization_id, event_type, ordering_key, payload, status, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), e.id, e.organization_id, ?, ?, ?::jsonb, 'PENDING', 0, ?, ?
       FROM webhook_endpoints e
      WHERE e.organization_id = ? AND e.active AND ? = ANY(e.events)`,
    params: [
      event.type,
      event.orderingKey,
      JSON.stringify(payload),
      now,
      now,
      event.organizationId,
      event.type,
    ],
  };
}

/**
 * Writes an event to the outbox in the caller's transaction (see `webhookEventStatement`).
 * Returns how many deliveries were queued.
 */
export async function enqueueWebhookEvent(
  tx: SqlExecutor,
  event: WebhookEvent,
  now = new Date(),
): Promise<number> {
  const { sql, params } = webhookEventStatement(event, now);
  const result = await tx.execute(sql, params, 'run');
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
