import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { Dispatch } from '../dispatch/dispatch.entity.js';
import { BadUserInputError } from '../errors.js';
import type { Course } from './course.entity.js';

/**
 * Deletes a course with its registrations, versions, runtime data and counters (cascades), then
 * the files of every version.
 * Refused while the course has dispatches: other LMSs still launch it.
 */
export async function deleteCourse(
  { em, services }: { em: EntityManager; services: AppServices },
  course: Course,
): Promise<void> {
  const dispatches = await em.count(Dispatch, { course: course.id });
  if (dispatches > 0) {
    throw new BadUserInputError(
      `The course has ${dispatches} dispatch${dispatches === 1 ? '' : 'es'}; other LMSs still launch it. Delete those first (deleteDispatch).`,
    );
  }
  const versions: Array<{ content_id: string }> = await em.execute(
    'SELECT content_id FROM course_versions WHERE course_id = ?',
    [course.id],
  );
  await em.execute('DELETE FROM courses WHERE id = ?', [course.id]);
  // Every version's files: older versions keep theirs while the course lives.
  const contentIds = new Set([course.id, course.contentId, ...versions.map((v) => v.content_id)]);
  for (const contentId of contentIds) await services.storage.remove(contentId);
  services.events.publish('STATS_CHANGED', {
    organizationId: course.organization.id,
    courseId: course.id,
  });
}
