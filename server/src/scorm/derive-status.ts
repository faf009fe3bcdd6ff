import type { ScormVersion } from './cmi-time.js';
import { CMI } from './vocabulary.js';
import type { SequencingDefinition } from './sequencing/definition.js';
import { rollupRegistration, statusOfRoot } from './sequencing/registration-rollup.js';
import type { GlobalObjectives, RollupResult } from './sequencing/rollup.js';

export type RegistrationStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'PASSED' | 'FAILED';
export type ProgressSource = 'REPORTED' | 'SCOS' | 'OBJECTIVES' | 'STATUS' | 'UNKNOWN';
export type Completion = 'completed' | 'incomplete' | 'not attempted' | 'unknown';
export type Success = 'passed' | 'failed' | 'unknown';

/** What the manifest says of one launchable item. */
export interface ScoFacts {
  scoId: string;
  scormType: 'sco' | 'asset';
  /** SCORM 1.2 `adlcp:masteryscore`, 0 to 100. */
  masteryScore: number | null;
  /** SCORM 2004 completion threshold (`adlcp:completionThreshold`), 0 to 1. */
  completionThreshold: number | null;
  /** SCORM 2004 primary objective's `imsss:minNormalizedMeasure` (satisfied by measure), 0 to 1. */
  scaledPassingScore: number | null;
  objectiveIds: string[];
  /** SCORM 2004 4th edition `progressWeight`: the item's weight in reported progress; 1 if absent. */
  progressWeight?: number | null;
}

/** One item's stored runtime facts. */
export interface ScoSnapshot {
  facts: ScoFacts;
  /** Every value the content has set, merged, latest wins. */
  cmi: Record<string, string>;
  /** The item has received at least one commit. */
  launched: boolean;
  /** The content called LMSFinish/Terminate in its latest session. */
  finished: boolean;
  /**
   * SN activity attempt count: sessions that began a new attempt (not resuming a suspended
   * one); absent for state stored before sessions said so, taken as 1 once launched.
   */
  attemptCount?: number;
  /** Σ of each session's final session_time. */
  reportedSeconds: number;
  /** Σ of each session's first-to-last commit span, idle-capped. */
  observedSeconds: number;
  /**
   * The item runs for credit (`cmi.core.credit` = credit); true when absent. In no-credit mode
   * SCORM 1.2's mastery score does not turn a completion into a verdict.
   */
  credit?: boolean;
}

export interface RegistrationFacts {
  version: ScormVersion;
  scos: ScoSnapshot[];
  lastActivityAt: Date | null;
  /** The stored summary before this change, for the never-undo rule. */
  previous: { status: RegistrationStatus; completedAt: Date | null } | null;
  /**
   * SCORM 2004: the course's activity tree and sequencing definition. With it, status and score
   * are the root activity's rolled-up state; without it (courses imported before it was kept),
   * the item-by-item rule below decides.
   */
  sequencing?: SequencingDefinition | null;
  /**
   * The learner's global objectives as their other registrations wrote them, where the course's
   * `objectivesGlobalToSystem` shares them; read through the activities' objective maps.
   */
  globalObjectives?: GlobalObjectives;
}

/** One item's derived standing. */
export interface ScoSummary {
  scoId: string;
  completion: Completion;
  success: Success;
  /** 0 to 1 when known: 1 once completed, 0 before launch, else the content's progress_measure. */
  progress: number | null;
}

export interface RegistrationSummary {
  status: RegistrationStatus;
  progress: number | null;
  progressSource: ProgressSource;
  canResume: boolean;
  resumePoint: string | null;
  timeSpentSeconds: number;
  observedSeconds: number;
  score: {
    scaled: number | null;
    raw: number | null;
    min: number | null;
    max: number | null;
  } | null;
  completedAt: Date | null;
  scos: ScoSummary[];
  /** SCORM 2004 with a sequencing definition: every activity's rolled-up state and the globals. */
  rollup: RollupResult | null;
}

const COMPLETE: ReadonlySet<RegistrationStatus> = new Set(['COMPLETED', 'PASSED', 'FAILED']);

/**
 * The never-undo order: once a registration is complete its status only moves up this list, so
 * COMPLETED may gain a verdict, FAILED may become PASSED, and PASSED stays.
 */
const RANK: Record<RegistrationStatus, number> = {
  NOT_STARTED: 0,
  IN_PROGRESS: 1,
  COMPLETED: 2,
  FAILED: 3,
  PASSED: 4,
};

/** Whether a status is a completion (COMPLETED, PASSED or FAILED). */
export function isCompleteStatus(status: RegistrationStatus): boolean {
  return COMPLETE.has(status);
}

/**
 * The never-undo rule, the only copy of it: the status a registration takes when its stored
 * status is `previous` and the newest facts say `next`. Complete statuses never fall back (they
 * only move up RANK, so PASSED stays), and a registration once launched is never unlaunched.
 * Every writer (commit, external completion report) settles its status here.
 */
export function settleStatus(
  previous: RegistrationStatus | null,
  next: RegistrationStatus,
): RegistrationStatus {
  if (previous === null || RANK[previous] <= RANK[next]) return next;
  return COMPLETE.has(previous) || next === 'NOT_STARTED' ? previous : next;
}

/** A CMI number, or null when absent, empty or not a number. */
export function num(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Whether an item is done for the course: completed, or given a verdict. SCORM 2004 reads
 * success before completion, so a passed (or failed) item is done even while its content still
 * says incomplete; in 1.2 a verdict is itself a completion.
 */
export function isScoDone(summary: ScoSummary): boolean {
  return summary.completion === 'completed' || summary.success !== 'unknown';
}

/** What the content itself says of being done, for callers without the manifest's facts. */
function reportedDone(version: ScormVersion, cmi: Record<string, string>): boolean {
  const { completionStatus, successStatus } = CMI[version];
  const success = cmi[successStatus];
  return cmi[completionStatus] === 'completed' || success === 'passed' || success === 'failed';
}

/**
 * Whether the learner left this item so that the next launch resumes it: the content exited with
 * suspend, or, having said nothing of how it exited, it stored a location or suspend data and is
 * not done. An explicit other exit (normal, logout, time-out) ended the attempt, so a location
 * left behind does not bring it back. `done` is the item's derived standing where the caller has
 * it; otherwise the content's own statuses decide.
 */
export function isResumable(
  version: ScormVersion,
  cmi: Record<string, string>,
  done: boolean = reportedDone(version, cmi),
): boolean {
  const exit = cmi[CMI[version].exit];
  if (exit === 'suspend') return true;
  if (exit !== undefined && exit !== '') return false;
  return !done && (!!cmi[CMI[version].location] || !!cmi[CMI[version].suspendData]);
}

function deriveScorm12(sco: ScoSnapshot): Pick<ScoSummary, 'completion' | 'success'> {
  const { cmi, facts } = sco;
  let status = cmi[CMI.SCORM_12.completionStatus];
  // RTE 1.2: a SCO that finishes without setting a status is taken as completed.
  if (sco.finished && (status === undefined || status === '' || status === 'not attempted')) {
    status = 'completed';
  }
  // RTE 1.2: in credit mode the mastery score turns a scored completion into the verdict.
  const raw = num(cmi[`${CMI.SCORM_12.score}raw`]);
  if (
    status === 'completed' &&
    sco.credit !== false &&
    facts.masteryScore !== null &&
    raw !== null
  ) {
    status = raw >= facts.masteryScore ? 'passed' : 'failed';
  }
  switch (status) {
    case 'passed':
    case 'failed':
      return { completion: 'completed', success: status };
    case 'completed':
      return { completion: 'completed', success: 'unknown' };
    case 'not attempted':
      return { completion: 'not attempted', success: 'unknown' };
    default:
      // incomplete, browsed, or nothing said yet by a launched SCO.
      return { completion: 'incomplete', success: 'unknown' };
  }
}

function deriveScorm2004(sco: ScoSnapshot): Pick<ScoSummary, 'completion' | 'success'> {
  const { cmi, facts } = sco;
  // RTE 4.2.4.1: with a threshold, a reported progress_measure decides over completion_status.
  const measure = num(cmi['cmi.progress_measure']);
  let completion: Completion;
  if (facts.completionThreshold !== null && measure !== null) {
    completion = measure >= facts.completionThreshold ? 'completed' : 'incomplete';
  } else {
    const reported = cmi[CMI.SCORM_2004.completionStatus];
    completion =
      reported === 'completed' || reported === 'incomplete' || reported === 'not attempted'
        ? reported
        : 'unknown';
  }
  // RTE 4.2.22.1: with a passing score, a reported score.scaled decides over success_status.
  const scaled = num(cmi[`${CMI.SCORM_2004.score}scaled`]);
  let success: Success;
  if (facts.scaledPassingScore !== null && scaled !== null) {
    success = scaled >= facts.scaledPassingScore ? 'passed' : 'failed';
  } else {
    const reported = cmi[CMI.SCORM_2004.successStatus];
    success = reported === 'passed' || reported === 'failed' ? reported : 'unknown';
  }
  return { completion, success };
}

/**
 * One item's completion, success and progress as SCORM says. An asset is complete once
 * launched. SCORM 1.2: a SCO that finishes without a status is completed, and the mastery score
 * turns a scored completion into passed or failed. SCORM 2004: a completion threshold decides
 * completion from progress_measure and a passing score decides success from score.scaled where
 * the content reports them; otherwise the content's own statuses stand.
 */
export function deriveScoStatus(version: ScormVersion, sco: ScoSnapshot): ScoSummary {
  const scoId = sco.facts.scoId;
  if (!sco.launched) return { scoId, completion: 'not attempted', success: 'unknown', progress: 0 };
  if (sco.facts.scormType === 'asset') {
    return { scoId, completion: 'completed', success: 'unknown', progress: 1 };
  }
  const { completion, success } =
    version === 'SCORM_12' ? deriveScorm12(sco) : deriveScorm2004(sco);
  const progressMeasure = CMI[version].progressMeasure;
  const measure = progressMeasure ? num(sco.cmi[progressMeasure]) : null;
  return { scoId, completion, success, progress: completion === 'completed' ? 1 : measure };
}

/** The indices n present under `prefix.n.…` (cmi.objectives, cmi.interactions…), ascending. */
export function indicesUnder(cmi: Record<string, string>, prefix: string): number[] {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`);
  const found = new Set<number>();
  for (const key of Object.keys(cmi)) {
    const match = pattern.exec(key);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** One reported objective's standing, as progress counts it and the learner's page shows it. */
export interface ObjectiveStanding {
  index: number;
  completion: Completion;
  success: Success;
}

const COMPLETIONS: ReadonlySet<string> = new Set(['completed', 'incomplete', 'not attempted']);

/**
 * The objectives the content reported (cmi.objectives.n). SCORM 1.2 keeps both in one status:
 * passed is complete and passed; failed is a verdict without the objective's completion (mastery
 * not met), browsed an incomplete.
 */
export function objectiveStandings(
  version: ScormVersion,
  cmi: Record<string, string>,
): ObjectiveStanding[] {
  return indicesUnder(cmi, 'cmi.objectives').map((index) => {
    const at = `cmi.objectives.${index}`;
    if (version === 'SCORM_12') {
      const status = cmi[`${at}.status`] ?? '';
      const completion: Completion =
        status === 'passed' || status === 'completed'
          ? 'completed'
          : status === 'failed' || status === 'browsed' || status === 'incomplete'
            ? 'incomplete'
            : status === 'not attempted'
              ? 'not attempted'
              : 'unknown';
      const success: Success = status === 'passed' || status === 'failed' ? status : 'unknown';
      return { index, completion, success };
    }
    const completion = cmi[`${at}.completion_status`] ?? '';
    const success = cmi[`${at}.success_status`] ?? '';
    return {
      index,
      completion: COMPLETIONS.has(completion) ? (completion as Completion) : 'unknown',
      success: success === 'passed' || success === 'failed' ? success : 'unknown',
    };
  });
}

/** Share of the objectives the content reported that are complete; null when it reported none. */
function objectivesProgress(version: ScormVersion, cmi: Record<string, string>): number | null {
  const standings = objectiveStandings(version, cmi);
  if (standings.length === 0) return null;
  const done = standings.filter((o) => o.completion === 'completed' || o.success === 'passed');
  return done.length / standings.length;
}

/**
 * Where the progress of a course in progress comes from, most precise first:
 * REPORTED, the content's own progress_measure (for several items, their weighted mean, which
 * needs every item's progress known: 1 once complete, 0 before launch, else its measure);
 * OBJECTIVES, the share of the single SCO's reported objectives that are complete;
 * SCOS, the share of items done (several items only). A single SCO with none of these has no
 * known progress: null and UNKNOWN, never an invented number. STATUS (0 not started, 1 complete)
 * covers the ends, where the status itself is exact.
 */
function deriveProgress(
  version: ScormVersion,
  items: Array<{ sco: ScoSnapshot; summary: ScoSummary }>,
): { progress: number | null; progressSource: ProgressSource } {
  const reported = items.some(
    ({ sco, summary }) =>
      !isScoDone(summary) && sco.launched && num(sco.cmi['cmi.progress_measure']) !== null,
  );
  if (reported && items.every(({ summary }) => summary.progress !== null)) {
    const weights = items.map(({ sco }) => Math.max(0, sco.facts.progressWeight ?? 1));
    const total = weights.reduce((a, b) => a + b, 0);
    if (total > 0) {
      const sum = items.reduce((acc, { summary }, i) => acc + summary.progress! * weights[i]!, 0);
      return { progress: sum / total, progressSource: 'REPORTED' };
    }
  }
  if (items.length === 1) {
    const objectives = objectivesProgress(version, items[0]!.sco.cmi);
    return objectives === null
      ? { progress: null, progressSource: 'UNKNOWN' }
      : { progress: objectives, progressSource: 'OBJECTIVES' };
  }
  const done = items.filter(({ summary }) => isScoDone(summary)).length;
  return { progress: done / items.length, progressSource: 'SCOS' };
}

type Score = NonNullable<RegistrationSummary['score']>;

/**
 * One item's score as reported. SCORM 1.2 has no scaled score: it is computed as
 * (raw − min) / (max − min) only when the content gave both bounds and raw lies within them,
 * never from an assumed 0..100. Null when the content reported neither raw nor scaled.
 */
export function reportedScore(version: ScormVersion, cmi: Record<string, string>): Score | null {
  return scoreAt(version, cmi, CMI[version].score);
}

/** The score under `prefix` (`cmi.score.`, `cmi.objectives.3.score.`…), by reportedScore's rules. */
export function scoreAt(
  version: ScormVersion,
  cmi: Record<string, string>,
  prefix: string,
): Score | null {
  const raw = num(cmi[`${prefix}raw`]);
  const min = num(cmi[`${prefix}min`]);
  const max = num(cmi[`${prefix}max`]);
  let scaled = version === 'SCORM_2004' ? num(cmi[`${prefix}scaled`]) : null;
  if (version === 'SCORM_12' && raw !== null && min !== null && max !== null && max > min) {
    if (raw >= min && raw <= max) scaled = (raw - min) / (max - min);
  }
  if (raw === null && scaled === null) return null;
  return { scaled, raw, min, max };
}

/**
 * The registration's honest summary from every item's raw facts, as design.md's rules say:
 * status, progress with where it comes from (never invented), resume point, time, score, and the
 * first completion time. A completion, once recorded, is never undone.
 */
export function deriveRegistrationStatus(input: RegistrationFacts, now: Date): RegistrationSummary {
  const { version, scos } = input;
  const summaries = scos.map((sco) => deriveScoStatus(version, sco));
  const items = scos.map((sco, i) => ({ sco, summary: summaries[i]! }));
  const anyLaunched = scos.some((sco) => sco.launched);

  // design.md: a multi-SCO course is complete when every SCO is. Assets (a PDF, a glossary)
  // report nothing and must not hold a course open, so they count only in a course of assets.
  const scoItems = items.filter(({ sco }) => sco.facts.scormType === 'sco');
  const counted = scoItems.length > 0 ? scoItems : items;
  // SCORM 2004: the package's rollup rules (or the SN defaults) judge the course, from the
  // stored state of every item, so no reporter can make the status disagree with the rules.
  const rolled =
    version === 'SCORM_2004' && input.sequencing
      ? rollupRegistration(input.sequencing, items, input.globalObjectives)
      : null;
  const rollup = rolled?.root ?? null;
  let status: RegistrationStatus;
  if (!anyLaunched) status = 'NOT_STARTED';
  else if (rollup) status = statusOfRoot(rollup);
  else if (counted.length > 0 && counted.every(({ summary }) => isScoDone(summary))) {
    if (counted.some(({ summary }) => summary.success === 'failed')) status = 'FAILED';
    else if (counted.some(({ summary }) => summary.success === 'passed')) status = 'PASSED';
    else status = 'COMPLETED';
  } else status = 'IN_PROGRESS';

  const previous = input.previous;
  status = settleStatus(previous?.status ?? null, status);
  const complete = COMPLETE.has(status);

  const { progress, progressSource } = complete
    ? { progress: 1, progressSource: 'STATUS' as const }
    : status === 'NOT_STARTED'
      ? { progress: 0, progressSource: 'STATUS' as const }
      : deriveProgress(version, counted);

  const resumable = items.filter(
    ({ sco, summary }) => sco.launched && isResumable(version, sco.cmi, isScoDone(summary)),
  );
  const resumeAt = resumable.find(({ summary }) => !isScoDone(summary));
  const canResume = !complete && resumable.length > 0;

  // Assets report nothing, so the score is the SCOs': whole where one SCO reports a score (a
  // course's lone quiz or post-test, as golf's sequencing examples have), the mean scaled for many.
  const scores = items
    .filter(({ sco }) => sco.facts.scormType === 'sco')
    .map(({ sco }) => reportedScore(version, sco.cmi))
    .filter((s): s is Score => s !== null);
  let score: RegistrationSummary['score'] = null;
  const rolledUp = rollup?.primary.measure ?? null;
  if (rolledUp !== null) {
    // The root's measure is the course's score; a lone scoring SCO's raw score goes with it
    // only where the two agree (the measure rolled up from that SCO alone).
    const lone = scores.length === 1 && scores[0]!.scaled === rolledUp ? scores[0]! : null;
    score = lone ?? { scaled: rolledUp, raw: null, min: null, max: null };
  } else if (scores.length === 1) {
    score = scores[0]!;
  } else {
    const scaled = scores.map((s) => s.scaled).filter((s): s is number => s !== null);
    if (scaled.length > 0) {
      const mean = scaled.reduce((a, b) => a + b, 0) / scaled.length;
      score = { scaled: mean, raw: null, min: null, max: null };
    }
  }

  return {
    status,
    progress,
    progressSource,
    canResume,
    resumePoint: canResume && resumeAt ? resumeAt.sco.cmi[CMI[version].location] || null : null,
    timeSpentSeconds: Math.round(scos.reduce((sum, s) => sum + s.reportedSeconds, 0)),
    observedSeconds: Math.round(scos.reduce((sum, s) => sum + s.observedSeconds, 0)),
    score,
    completedAt: previous?.completedAt ?? (complete ? now : null),
    scos: summaries,
    rollup: rolled,
  };
}
