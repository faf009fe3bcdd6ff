import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { LAUNCH_TTL_SECONDS } from '../auth/tokens.js';
import { Attempt } from './attempt.entity.js';
import type { Registration } from './registration.entity.js';
import { Launch } from './registration.inputs.js';

/** A new attempt (player session) for a registration, with the token the player commits with. */
export async function launchRegistration(
  { em, services }: { em: EntityManager; services: AppServices },
  registration: Registration,
  options: { dispatchLaunchId?: string | null } = {},
): Promise<Launch> {
  const attempt = em.create(Attempt, {
    registration,
    dispatchLaunchId: options.dispatchLaunchId ?? null,
  });
  await em.flush();
  // What the first commit needs of the course, read now so the learner's first save doesn't wait.
  await services.courseFacts
    .get(() => em, {
      registrationId: registration.id,
      organizationId: registration.organization.id,
      courseId: registration.course.id,
    })
    .catch(() => null);
  const { token, expiresAt } = await services.tokens.sign(
    {
      typ: 'launch',
      registrationId: registration.id,
      attemptId: attempt.id,
      organizationId: registration.organization.id,
      courseId: registration.course.id,
    },
    LAUNCH_TTL_SECONDS,
  );
  return Object.assign(new Launch(), {
    url: `${services.config.contentUrl}/player/#token=${token}`,
    token,
    expiresAt,
    attemptId: attempt.id,
    dispatchLaunchId: options.dispatchLaunchId ?? null,
  });
}
