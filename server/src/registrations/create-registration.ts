import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { Course } from '../courses/course.entity.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import { adjustStats } from './registration-stats.js';

export interface LearnerFacts {
  id: string;
  name?: string | null;
  email?: string | null;
}

/**
 * The registration of a learner in a course, created once: asking again returns the same one
 * (with name and email refreshed), even when two requests race.
 */
export async function createRegistration(
  { em, services }: { em: EntityManager; services: AppServices },
  input: { organizationId: string; courseId: string; learner: LearnerFacts; scope?: string },
): Promise<Registration> {
  const learner = checkLearner(input.learner);
  const course = await em.findOne(Course, { id: input.courseId, organization: input.organizationId });
  if (!course) throw new NotFoundError('Course', input.courseId);
  const scope = input.scope ?? '';
  const created = await em.transactional(async (tx) => {
    const id = randomUUID();
    const inserted: Array<{ id: string }> = await tx.getConnection().execute(
      `INSERT INTO registrations (id, organization_id, course_id, scope, learner_id, learner_name, learner_email, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, now())
       ON CONFLICT (course_id, scope, learner_id) DO UPDATE
         SET learner_name = coalesce(excluded.learner_name, registrations.learner_name),
             learner_email = coalesce(excluded.learner_email, registrations.learner_email)
       RETURNING id, (xmax = 0) AS inserted`,
      [id, input.organizationId, course.id, scope, learner.id, learner.name, learner.email],
    );
    const row = inserted[0] as { id: string; inserted: boolean };
    if (row.inserted) {
      await adjustStats(
        tx,
        { organizationId: input.organizationId, courseId: course.id, registrationId: row.id },
        null,
        { status: RegistrationStatus.NOT_STARTED, progress: null },
      );
    }
    return row;
  });
  const registration = await em.findOneOrFail(Registration, created.id, { populate: ['course'], refresh: true });
  if ((created as { inserted?: boolean }).inserted) {
    services.events.publish('REGISTRATION_UPDATED', {
      organizationId: input.organizationId,
      courseId: course.id,
      registrationId: registration.id,
    });
    services.events.publish('STATS_CHANGED', { organizationId: input.organizationId, courseId: course.id });
  }
  return registration;
}

/** Learner ids are the integrator's: any non-empty string up to 255 characters. */
function checkLearner(learner: LearnerFacts): Required<LearnerFacts> {
  const id = learner.id.trim();
  if (!id || id.length > 255) throw new BadUserInputError('learner.id must have 1 to 255 characters', { field: 'learner.id' });
  const name = learner.name?.trim() || null;
  if (name && name.length > 255) throw new BadUserInputError('learner.name can have at most 255 characters');
  const email = learner.email?.trim() || null;
  if (email && (email.length > 320 || !email.includes('@'))) {
    throw new BadUserInputError(`learner.email is not an email address: ${email}`, { field: 'learner.email' });
  }
  return { id, name, email };
}
