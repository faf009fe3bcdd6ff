import { formatTotalTime, parseSessionTime, type ScormVersion } from './cmi-time.js';
import { CMI } from './vocabulary.js';
import { isResumable, type ScoFacts } from './derive-status.js';
import type { SharedDataMap } from './manifest.js';

export { isResumable };

export interface ScoInitInput {
  version: ScormVersion;
  facts: ScoFacts & {
    /** `adlcp:dataFromLMS`, handed to the content as `cmi.launch_data`. */
    dataFromLms: string | null;
    /** `adlcp:timeLimitAction`: `exit,message`, `continue,no message`… */
    timeLimitAction: string | null;
    /** 1.2 `adlcp:maxtimeallowed` (HHHH:MM:SS) or 2004 attemptAbsoluteDurationLimit (ISO 8601). */
    maxTimeAllowed: string | null;
    /** 2004 `adlcp:map`s, in manifest order: `adl.data.n`. */
    sharedData?: SharedDataMap[];
  };
  /** The shared data stores' values by target id, as the registration's SCOs last wrote them. */
  sharedStores?: Record<string, string>;
  /** Every value the content has set for this item so far. */
  cmi: Record<string, string>;
  learner: { id: string; name: string };
  /** Σ of the item's sessions' session_time, the runtime's total_time. */
  reportedSeconds: number;
  mode?: 'normal' | 'review' | 'browse';
  /** Runs for credit; true when absent. */
  credit?: boolean;
  /**
   * Whether the item is done as derived (`isScoDone` of its summary), so a 1.2 SCO that finished
   * without a status counts as done; the content's own statuses decide when absent.
   */
  done?: boolean;
}

/**
 * What a resumed item gets back of its own values: where it was and what it stored, its
 * statuses, score, progress and objectives, the learner's preferences, and the interactions
 * and comments it recorded, so their `_count` lets the content append rather than overwrite.
 */
const CARRIED: Record<ScormVersion, RegExp> = {
  SCORM_12:
    /^cmi\.(core\.(lesson_location|lesson_status|score\.(raw|min|max))|suspend_data|comments|objectives\.\d+\..+|interactions\.\d+\..+|student_preference\..+)$/,
  SCORM_2004:
    /^cmi\.(location|completion_status|success_status|progress_measure|score\.(scaled|raw|min|max)|suspend_data|objectives\.\d+\..+|interactions\.\d+\..+|comments_from_learner\.\d+\..+|learner_preference\..+)$/,
};

const TIME_LIMIT_ACTIONS = [
  'exit,message',
  'exit,no message',
  'continue,message',
  'continue,no message',
];

const within = (n: number | null, min: number, max: number): n is number =>
  n !== null && n >= min && n <= max;

/**
 * Objective ids by index: the stored ones where they are, then the manifest's that content has
 * not stored yet, appended in manifest order. Indices stay the same from one launch to the next,
 * so what content writes to `cmi.objectives.n` lands on the objective stored there before.
 */
function objectiveIdsByIndex(
  cmi: Record<string, string>,
  manifestIds: string[],
): Map<number, string> {
  const byIndex = new Map<number, string>();
  for (const [key, value] of Object.entries(cmi)) {
    const match = /^cmi\.objectives\.(\d+)\.id$/.exec(key);
    if (match) byIndex.set(Number(match[1]), value);
  }
  const known = new Set(byIndex.values());
  let next = byIndex.size === 0 ? 0 : Math.max(...byIndex.keys()) + 1;
  for (const id of manifestIds) {
    if (!known.has(id)) {
      byIndex.set(next++, id);
      known.add(id);
    }
  }
  return byIndex;
}

/**
 * The flat CMI the player loads into the runtime before an item starts.
 *
 * A suspended item (see `isResumable`) resumes: entry = resume, and its own values come back.
 * Otherwise it starts afresh with none of them, since a normal exit ended the attempt and SCORM
 * 2004 starts a new one: entry = ab-initio for a first launch (and for every new 2004 attempt),
 * '' for a 1.2 relaunch. Either way it gets the learner, the manifest's objectives, thresholds,
 * limits and launch data, the total time so far, the mode and the credit.
 */
export function buildScoInit(input: ScoInitInput): Record<string, string> {
  const { version, facts, cmi } = input;
  const init: Record<string, string> = {};
  const resume = isResumable(version, cmi, input.done);
  if (resume) {
    for (const [key, value] of Object.entries(cmi)) {
      if (CARRIED[version].test(key)) init[key] = value;
    }
  }
  for (const [index, id] of objectiveIdsByIndex(cmi, facts.objectiveIds)) {
    init[`cmi.objectives.${index}.id`] = id;
  }

  const launchedBefore = Object.keys(cmi).length > 0;
  const entry = resume ? 'resume' : !launchedBefore || version === 'SCORM_2004' ? 'ab-initio' : '';
  const credit = input.credit === false ? 'no-credit' : 'credit';
  const mode = input.mode ?? 'normal';
  const totalTime = formatTotalTime(version, input.reportedSeconds);
  // Manifest values the runtime would refuse to load are left out rather than break the launch.
  const timeLimitAction =
    facts.timeLimitAction && TIME_LIMIT_ACTIONS.includes(facts.timeLimitAction)
      ? facts.timeLimitAction
      : null;
  const maxTimeAllowed =
    facts.maxTimeAllowed && parseSessionTime(version, facts.maxTimeAllowed) !== null
      ? facts.maxTimeAllowed
      : null;

  const names = CMI[version];
  init[names.learnerId] = input.learner.id;
  // 1.2 asks for "Last, First"; the name is passed as the integrator gave it.
  init[names.learnerName] = input.learner.name;
  init[names.entry] = entry;
  init[names.credit] = credit;
  init[names.mode] = mode;
  init[names.totalTime] = totalTime;
  if (version === 'SCORM_12') {
    if (within(facts.masteryScore, 0, 100)) {
      init['cmi.student_data.mastery_score'] = String(facts.masteryScore);
    }
    if (maxTimeAllowed) init['cmi.student_data.max_time_allowed'] = maxTimeAllowed;
    if (timeLimitAction) init['cmi.student_data.time_limit_action'] = timeLimitAction;
  } else {
    if (within(facts.scaledPassingScore, -1, 1)) {
      init['cmi.scaled_passing_score'] = String(facts.scaledPassingScore);
    }
    if (within(facts.completionThreshold, 0, 1)) {
      init['cmi.completion_threshold'] = String(facts.completionThreshold);
    }
    if (maxTimeAllowed) init['cmi.max_time_allowed'] = maxTimeAllowed;
    if (timeLimitAction) init['cmi.time_limit_action'] = timeLimitAction;
  }
  if (facts.dataFromLms !== null) init['cmi.launch_data'] = facts.dataFromLms;
  if (version === 'SCORM_2004') {
    for (const [index, map] of (facts.sharedData ?? []).entries()) {
      init[`adl.data.${index}.id`] = map.targetId;
      const stored = input.sharedStores?.[map.targetId];
      if (map.read && stored !== undefined) init[`adl.data.${index}.store`] = stored;
    }
  }
  return init;
}

/**
 * Shared data stores by target id, from every item's stored `adl.data.n.store` that its map lets
 * it write; where several wrote the same store, the most recently updated item's value wins.
 */
export function sharedStoresOf(
  items: Array<{ maps: SharedDataMap[]; cmi: Record<string, string>; updatedAt: Date }>,
): Record<string, string> {
  const stores: Record<string, string> = {};
  const sorted = [...items].sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime());
  for (const { maps, cmi } of sorted) {
    for (const [index, map] of maps.entries()) {
      const value = cmi[`adl.data.${index}.store`];
      if (map.write && value !== undefined) stores[map.targetId] = value;
    }
  }
  return stores;
}
