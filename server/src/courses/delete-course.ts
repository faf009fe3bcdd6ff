import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import type { Course } from './course.entity.js';

/**
 * Deletes a course, its registrations, runtime data and counters (cascades), then its files.
 * Dispatches, once they exist, hold a course: deleting is refused while any does.
 */
export async function deleteCourse(
  { em, services }: { em: EntityManager; services: AppServices },
  course: Course,
): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.getConnection().execute('DELETE FROM courses WHERE id = ?', [course.id]);
  });
  await services.storage.remove(course.id);
  services.events.publish('STATS_CHANGED', { organizationId: course.organization.id, courseId: course.id });
}
