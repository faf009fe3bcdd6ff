import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { Course } from '../courses/course.entity.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { entityManagerTransaction, query } from '../db/sql-batch.js';
import { sql } from '../db/sql.js';
import {
  applyRegistrationChange,
  publishRegistrationChange,
  type RegistrationChange,
} from './apply-registration-change.js';
import { Registration } from './registration.entity.js';

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
  input: { organizationId: string; courseId: string; learner: LearnerFacts },
): Promise<Registration> {
  const course = await em.findOne(Course, {
    id: input.courseId,
    organization: input.organizationId,
  });
  if (!course) throw new NotFoundError('Course', input.courseId);
  const { id, change } = await em.transactional((tx) =>
    upsertRegistration(tx, {
      organizationId: input.organizationId,
      courseId: course.id,
      scope: '',
      learner: input.learner,
    }),
  );
  if (change) publishRegistrationChange(services, change);
  return em.findOneOrFail(Registration, id, { populate: ['course'], refresh: true });
}

/**
 * Inserts the registration (or refreshes the learner's name and email) inside the caller's
 * transaction, counting a new one in the stats. `scope` separates dispatch learners, whose ids
 * are the host LMS's, from direct ones. The change (to publish after commit) is null when the
 * registration already existed.
 */
export async function upsertRegistration(
  tx: EntityManager,
  input: { organizationId: string; courseId: string; scope: string; learner: LearnerFacts },
): Promise<{ id: string; change: RegistrationChange | null }> {
  const learner = checkLearner(input.learner);
  const now = new Date();
  let id = '';
  const change = await applyRegistrationChange(entityManagerTransaction(tx), {
    where: { courseId: input.courseId, scope: input.scope, learnerId: learner.id },
    before: {
      upsert: query<{ id: string; inserted: boolean }>(
        sql`INSERT INTO registrations (id, organization_id, course_id, scope, learner_id, learner_name, learner_email, created_at, progress, progress_source)
         VALUES (${randomUUID()}, ${input.organizationId}, ${input.courseId}, ${input.scope},
                 ${learner.id}, ${learner.name}, ${learner.email}, ${now}, 0, 'STATUS')
         ON CONFLICT (course_id, scope, learner_id) DO UPDATE
           SET learner_name = coalesce(excluded.learner_name, registrations.learner_name),
               learner_email = coalesce(excluded.learner_email, registrations.learner_email)
         RETURNING id, (xmax = 0) AS inserted`,
      ),
    },
    missing: () => new NotFoundError('Course', input.courseId),
    now,
    decide(locked, { upsert }) {
      id = locked.id;
      // Only a new row changes what anyone counts; a refreshed name is no event.
      return upsert.rows[0]?.inserted ? { summary: {}, created: true, webhooks: false } : null;
    },
  });
  return { id, change };
}

/** Learner ids are the integrator's: any non-empty string up to 255 characters. */
export function checkLearner(learner: LearnerFacts): {
  id: string;
  name: string | null;
  email: string | null;
} {
  const id = learner.id.trim();
  if (!id || id.length > 255)
    throw new BadUserInputError('learner.id must have 1 to 255 characters', {
      field: 'learner.id',
    });
  const name = learner.name?.trim() || null;
  if (name && name.length > 255)
    throw new BadUserInputError('learner.name can have at most 255 characters');
  const email = learner.email?.trim() || null;
  if (email && (email.length > 320 || !email.includes('@'))) {
    throw new BadUserInputError(`learner.email is not an email address: ${email}`, {
      field: 'learner.email',
    });
  }
  return { id, name, email };
}
