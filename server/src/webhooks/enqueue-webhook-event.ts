import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WebhookEventType } from './webhook.entity.js';

/**
 * Writes an event to the outbox for every active endpoint of the organization that wants it,
 * in the caller's transaction: one statement, which inserts nothing when nobody listens.
 * Returns how many deliveries were queued.
 */
export async function enqueueWebhookEvent(
  tx: EntityManager,
  event: {
    organizationId: string;
    type: WebhookEventType;
    orderingKey: string;
    data: Record<string, unknown>;
  },
  now = new Date(),
): Promise<number> {
  const payload = {
    id: randomUUID(),
    type: event.type,
    createdAt: now.toISOString(),
    data: event.data,
  };
  const result = await tx.execute(
    `INSERT INTO webhook_deliveries (id, endpoint_id, organization_id, event_type, ordering_key, payload, status, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), e.id, e.organization_id, ?, ?, ?::jsonb, 'PENDING', 0, ?, ?
       FROM webhook_endpoints e
      WHERE e.organization_id = ? AND e.active AND ? = ANY(e.events)`,
    [
      event.type,
      event.orderingKey,
      JSON.stringify(payload),
      now,
      now,
      event.organizationId,
      event.type,
    ],
    'run',
  );
  return (result as { affectedRows?: number }).affectedRows ?? 0;
}
