import type { RegistrationState } from '../registrations/registration-columns.js';

/** The registration as webhooks carry it: the derived summary, never raw CMI. */
export function registrationWebhookData(r: RegistrationState): Record<string, unknown> {
  return {
    registrationId: r.id,
    courseId: r.courseId,
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
