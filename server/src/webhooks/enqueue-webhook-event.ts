import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../db/sql-pool.js';
import { sql, toSimpleQuery, type Sql } from '../db/sql.js';
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
export function webhookEventStatement(event: WebhookEvent, now = new Date()): Sql {
  const payload = {
    id: randomUUID(),
    type: event.type,
    createdAt: now.toISOString(),
    data: event.data,
  };
  return sql`INSERT INTO webhook_deliveries (id, endpoint_id, organization_id, event_type, ordering_key, payload, status, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), e.id, e.organization_id, ${event.type}, ${event.orderingKey}, ${sql.json(payload)}, 'PENDING', 0, ${now}, ${now}
       FROM webhook_endpoints e
      WHERE e.organization_id = ${event.organizationId} AND e.active AND ${event.type} = ANY(e.events)`;
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
  const result = await tx.execute(toSimpleQuery(webhookEventStatement(event, now)), [], 'run');
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
