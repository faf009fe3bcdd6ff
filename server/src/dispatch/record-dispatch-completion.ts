import { randomUUID } from 'node:crypto';
import { sql, type Sql } from '../db/sql.js';
import type { RegistrationState } from '../registrations/registration-columns.js';
import { registrationWebhookData } from '../webhooks/webhook-payloads.js';

/**
 * The statement that marks the dispatch launch behind a registration complete and counts it on
 * the dispatch, once: only the UPDATE that sets `completed_at` counts, and only then is
 * `dispatch.completed` queued (for every endpoint that wants it). One statement, so it rides in
 * the batch of the change that completed the registration.
 */
export function dispatchCompletionStatement(registration: RegistrationState, at: Date): Sql {
  const type = 'dispatch.completed';
  const payload = { id: randomUUID(), type, createdAt: at.toISOString() };
  return sql`WITH done AS (
       UPDATE dispatch_launches SET completed_at = ${at}
        WHERE registration_id = ${registration.id} AND completed_at IS NULL
        RETURNING id, dispatch_id
     ), counted AS (
       UPDATE dispatches d SET completion_count = d.completion_count + 1
         FROM done WHERE d.id = done.dispatch_id RETURNING d.id
     )
     INSERT INTO webhook_deliveries (id, endpoint_id, organization_id, event_type, ordering_key, payload, status, attempts, next_attempt_at, created_at)
     SELECT gen_random_uuid(), e.id, e.organization_id, ${type}, done.dispatch_id::text,
            ${sql.json(payload)} || jsonb_build_object('data', ${sql.json(registrationWebhookData(registration))}
              || jsonb_build_object('dispatchId', done.dispatch_id::text, 'dispatchLaunchId', done.id::text)),
            'PENDING', 0, ${at}, ${at}
       FROM done JOIN webhook_endpoints e
         ON e.organization_id = ${registration.organizationId} AND e.active AND ${type} = ANY(e.events)`;
}
