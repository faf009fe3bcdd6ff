import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Marks the dispatch launch behind a registration complete and counts it on the dispatch, once:
 * only the UPDATE that sets `completed_at` counts.
 */
export async function recordDispatchCompletion(tx: EntityManager, registrationId: string, at: Date): Promise<void> {
  const rows: Array<{ dispatch_id: string }> = await tx
    .execute(
      'UPDATE dispatch_launches SET completed_at = ? WHERE registration_id = ? AND completed_at IS NULL RETURNING dispatch_id',
      [at, registrationId],
    );
  const dispatchId = rows[0]?.dispatch_id ?? null;
  if (dispatchId) {
    await tx.execute('UPDATE dispatches SET completion_count = completion_count + 1 WHERE id = ?', [dispatchId]);
  }
}
