import type { CommitAck, RuntimeCommit } from './commit-queue.js';
import type { ScoRuntime } from './sco-runtime.js';

/**
 * Tells a dispatch launcher (our parent frame, web/src/dispatch-launcher) what the learner
 * achieved, in the terms its host LMS takes: the launcher writes it into the host's CMI.
 */
export function relayToLauncher(
  relayTo: string,
  runtime: ScoRuntime,
  commit: RuntimeCommit,
  ack: CommitAck,
  courseFinished: boolean,
): void {
  const version = runtime.version;
  const is12 = version === 'SCORM_12';
  const rt = runtime;
  const lesson = is12 ? rt.get('cmi.core.lesson_status') : '';
  const num = (v: string) => (v === '' ? null : Number(v));
  window.parent.postMessage(
    {
      type: 'courier:runtime',
      version,
      scoId: commit.scoId,
      event: commit.finished ? 'finish' : 'commit',
      courseFinished,
      status: {
        completion: is12
          ? /completed|passed|failed/.test(lesson)
            ? 'completed'
            : 'incomplete'
          : rt.get('cmi.completion_status'),
        success: is12
          ? lesson === 'passed' || lesson === 'failed'
            ? lesson
            : 'unknown'
          : rt.get('cmi.success_status'),
        score: is12
          ? {
              raw: num(rt.get('cmi.core.score.raw')),
              min: num(rt.get('cmi.core.score.min')),
              max: num(rt.get('cmi.core.score.max')),
              scaled: null,
            }
          : {
              raw: num(rt.get('cmi.score.raw')),
              min: num(rt.get('cmi.score.min')),
              max: num(rt.get('cmi.score.max')),
              scaled: num(rt.get('cmi.score.scaled')),
            },
        location: rt.get(is12 ? 'cmi.core.lesson_location' : 'cmi.location'),
        sessionTime: rt.sessionSeconds(),
        progress: is12 ? null : num(rt.get('cmi.progress_measure')),
      },
      registration: ack.registration,
    },
    relayTo,
  );
}
