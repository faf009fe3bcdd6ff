import type { SqlExecutor } from '../db/sql-pool.js';
import type { Registration } from '../registrations/registration.entity.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.js';
import { registrationWebhookData } from '../webhooks/webhook-payloads.js';

/**
 * Marks the dispatch launch behind a registration complete and counts it on the dispatch, once:
 * only the UPDATE that sets `completed_at` counts, and only then is `dispatch.completed` queued.
 */
export async function recordDispatchCompletion(
  tx: SqlExecutor,
  registration: Registration,
  at: Date,
): Promise<void> {
  const rows: Array<{ id: string; dispatch_id: string }> = await tx.execute(
    'UPDATE dispatch_launches SET completed_at = ? WHERE registration_id = ? AND completed_at IS NULL RETURNING id, dispatch_id',
    [at, registration.id],
  );
  const launch = rows[0];
  if (!launch) return;
  await tx.execute('UPDATE dispatches SET completion_count = completion_count + 1 WHERE id = ?', [
    launch.dispatch_id,
  ]);
  await enqueueWebhookEvent(
    tx,
    {
      organizationId: registration.organization.id,
      type: 'dispatch.completed',
      orderingKey: launch.dispatch_id,
      data: {
        dispatchId: launch.dispatch_id,
        dispatchLaunchId: launch.id,
        ...registrationWebhookData(registration, registration.course.id),
      },
    },
    at,
  );
}
