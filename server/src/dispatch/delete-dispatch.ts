import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '../errors.js';
import { Dispatch } from './dispatch.entity.js';

/**
 * Deletes a dispatch with its launches and completion receipts (cascades), so its package stops
 * launching for good and its course may be deleted. The learners' registrations stay with the
 * course: their progress is the organization's record, not the dispatch's.
 */
export async function deleteDispatch(
  em: EntityManager,
  input: { organizationId: string; id: string },
): Promise<void> {
  const dispatch = /^[0-9a-f-]{36}$/i.test(input.id)
    ? await em.findOne(Dispatch, { id: input.id, organization: input.organizationId })
    : null;
  if (!dispatch) throw new NotFoundError('Dispatch', input.id.slice(0, 40));
  await em.execute('DELETE FROM dispatches WHERE id = ? AND organization_id = ?', [
    dispatch.id,
    input.organizationId,
  ]);
}
