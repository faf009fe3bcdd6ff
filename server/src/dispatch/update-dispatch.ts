import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { NotFoundError } from '../errors.js';
import { checkLimits } from './create-dispatch.js';
import { Dispatch } from './dispatch.entity.js';
import type { UpdateDispatchInput } from './dispatch.inputs.js';

/** Revokes, re-enables or changes the limits of a dispatch, and tells its watchers. */
export async function updateDispatch(
  { em, services }: { em: EntityManager; services: AppServices },
  input: { organizationId: string; id: string; changes: UpdateDispatchInput },
): Promise<Dispatch> {
  const { changes } = input;
  checkLimits(changes.maxLaunches, changes.expiresAt);
  const dispatch = await em.findOne(
    Dispatch,
    { id: input.id, organization: input.organizationId },
    { populate: ['course'] },
  );
  if (!dispatch) throw new NotFoundError('Dispatch', input.id);
  if (changes.active != null) dispatch.active = changes.active;
  if (changes.maxLaunches != null) dispatch.maxLaunches = changes.maxLaunches;
  if (changes.clearMaxLaunches) dispatch.maxLaunches = null;
  if (changes.expiresAt != null) dispatch.expiresAt = changes.expiresAt;
  if (changes.clearExpiresAt) dispatch.expiresAt = null;
  await em.flush();
  services.events.publish('DISPATCH_UPDATED', {
    organizationId: input.organizationId,
    dispatchId: dispatch.id,
  });
  return dispatch;
}
