import type { Registration } from '../registrations/registration.entity.js';

/** What a registration webhook tells: the entity, or the commit path's plain row view. */
export type RegistrationWebhookFacts = Pick<
  Registration,
  | 'id'
  | 'learnerId'
  | 'learnerName'
  | 'learnerEmail'
  | 'scope'
  | 'status'
  | 'progress'
  | 'progressSource'
  | 'scoreScaled'
  | 'scoreRaw'
  | 'scoreMin'
  | 'scoreMax'
  | 'timeSpentSeconds'
  | 'canResume'
  | 'lastActivityAt'
  | 'completedAt'
>;

/** The registration as webhooks carry it: the derived summary, never raw CMI. */
export function registrationWebhookData(
  r: RegistrationWebhookFacts,
  courseId: string,
): Record<string, unknown> {
  return {
    registrationId: r.id,
    courseId,
    learner: { id: r.learnerId, name: r.learnerName, email: r.learnerEmail },
    dispatchId: r.scope || null,
    status: r.status,
    progress: r.progress,
    progressSource: r.progressSource,
    score: { scaled: r.scoreScaled, raw: r.scoreRaw, min: r.scoreMin, max: r.scoreMax },
    timeSpentSeconds: r.timeSpentSeconds,
    canResume: r.canResume,
    lastActivityAt: r.lastActivityAt?.toISOString() ?? null,
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}
