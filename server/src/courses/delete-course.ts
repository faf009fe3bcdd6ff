import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { Dispatch } from '../dispatch/dispatch.entity.js';
import { BadUserInputError } from '../errors.js';
import type { Course } from './course.entity.js';

/**
 * Deletes a course with its registrations, runtime data and counters (cascades), then its files.
 * Refused while the course has dispatches: other LMSs still launch it.
 */
export async function deleteCourse(
  { em, services }: { em: EntityManager; services: AppServices },
  course: Course,
): Promise<void> {
  const dispatches = await em.count(Dispatch, { course: course.id });
  if (dispatches > 0) {
    throw new BadUserInputError(
      `The course has ${dispatches} dispatch${dispatches === 1 ? '' : 'es'}; other LMSs still launch it. Delete those first.`,
    );
  }
  await em.execute('DELETE FROM courses WHERE id = ?', [course.id]);
  await services.storage.remove(course.id);
  services.events.publish('STATS_CHANGED', {
    organizationId: course.organization.id,
    courseId: course.id,
  });
}
