import { formatTotalTime, type ScormVersion } from './cmi-time.js';
import type { ScoFacts } from './derive-status.js';

export interface ScoInitInput {
  version: ScormVersion;
  facts: ScoFacts & {
    dataFromLms: string | null;
    timeLimitAction: string | null;
    maxTimeAllowed: string | null;
  };
  /** Every value the content has set for this item so far. */
  cmi: Record<string, string>;
  learner: { id: string; name: string };
  reportedSeconds: number;
  mode?: 'normal' | 'review' | 'browse';
  credit?: boolean;
}

/** Whether the learner left this item so that the next launch resumes it. */
export function isResumable(version: ScormVersion, cmi: Record<string, string>): boolean {
  const exit = cmi[version === 'SCORM_12' ? 'cmi.core.exit' : 'cmi.exit'];
  if (exit === 'suspend') return true;
  if (exit !== undefined && exit !== '') return false;
  const status =
    version === 'SCORM_12' ? cmi['cmi.core.lesson_status'] : cmi['cmi.completion_status'];
  const done = status === 'completed' || status === 'passed' || status === 'failed';
  const hasState =
    !!cmi[version === 'SCORM_12' ? 'cmi.core.lesson_location' : 'cmi.location'] ||
    !!cmi['cmi.suspend_data'];
  return hasState && !done;
}

/** Element names of what an item carries from one session to the next when it resumes. */
const CARRIED: Record<ScormVersion, RegExp> = {
  SCORM_12:
    /^cmi\.(core\.(lesson_location|lesson_status|score\.(raw|min|max))|suspend_data|objectives\.\d+\.(id|status|score\.(raw|min|max))|student_preference\..+)$/,
  SCORM_2004:
    /^cmi\.(location|completion_status|success_status|progress_measure|score\.(scaled|raw|min|max)|suspend_data|objectives\.\d+\.(id|success_status|completion_status|progress_measure|description|score\.(scaled|raw|min|max))|learner_preference\..+)$/,
};

/**
 * The flat CMI the player loads into the runtime before an item starts: who the learner is,
 * how it was left (entry = resume with location and suspend data when suspended), the
 * manifest's objectives, thresholds and launch data, and the total time so far.
 */
export function buildScoInit(input: ScoInitInput): Record<string, string> {
  const { version, facts, cmi } = input;
  const init: Record<string, string> = {};
  const launchedBefore = Object.keys(cmi).length > 0;
  const resume = isResumable(version, cmi);
  if (resume) {
    for (const [key, value] of Object.entries(cmi))
      if (CARRIED[version].test(key)) init[key] = value;
  }
  // Objectives keep their indices: stored ones first, then the manifest's that are missing.
  const storedIds = new Map<string, number>();
  for (const [key, value] of Object.entries(init)) {
    const match = /^cmi\.objectives\.(\d+)\.id$/.exec(key);
    if (match) storedIds.set(value, Number(match[1]));
  }
  let next = storedIds.size === 0 ? 0 : Math.max(...storedIds.values()) + 1;
  for (const id of facts.objectiveIds) {
    if (!storedIds.has(id)) init[`cmi.objectives.${next++}.id`] = id;
  }
  const entry = resume ? 'resume' : launchedBefore ? '' : 'ab-initio';
  if (version === 'SCORM_12') {
    init['cmi.core.student_id'] = input.learner.id;
    init['cmi.core.student_name'] = input.learner.name;
    init['cmi.core.entry'] = entry;
    init['cmi.core.credit'] = input.credit === false ? 'no-credit' : 'credit';
    init['cmi.core.lesson_mode'] = input.mode ?? 'normal';
    init['cmi.core.total_time'] = formatTotalTime(version, input.reportedSeconds);
    if (facts.masteryScore !== null)
      init['cmi.student_data.mastery_score'] = String(facts.masteryScore);
    if (facts.maxTimeAllowed) init['cmi.student_data.max_time_allowed'] = facts.maxTimeAllowed;
    if (facts.timeLimitAction) init['cmi.student_data.time_limit_action'] = facts.timeLimitAction;
  } else {
    init['cmi.learner_id'] = input.learner.id;
    init['cmi.learner_name'] = input.learner.name;
    init['cmi.entry'] = entry;
    init['cmi.credit'] = input.credit === false ? 'no-credit' : 'credit';
    init['cmi.mode'] = input.mode ?? 'normal';
    init['cmi.total_time'] = formatTotalTime(version, input.reportedSeconds);
    if (facts.scaledPassingScore !== null)
      init['cmi.scaled_passing_score'] = String(facts.scaledPassingScore);
    if (facts.completionThreshold !== null)
      init['cmi.completion_threshold'] = String(facts.completionThreshold);
    if (facts.maxTimeAllowed) init['cmi.max_time_allowed'] = facts.maxTimeAllowed;
    if (facts.timeLimitAction) init['cmi.time_limit_action'] = facts.timeLimitAction;
  }
  if (facts.dataFromLms) init['cmi.launch_data'] = facts.dataFromLms;
  return init;
}
