import type { ScormVersion } from './cmi-time.js';

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
  /** SCORM 2004 completion threshold (minProgressMeasure), 0 to 1. */
  completionThreshold: number | null;
  /** SCORM 2004 primary objective's minNormalizedMeasure when satisfied by measure, 0 to 1. */
  scaledPassingScore: number | null;
  objectiveIds: string[];
  /** SCORM 2004 4th edition progressWeight; 1 when absent. */
  progressWeight?: number | null;
}

/** One item's stored runtime facts. */
export interface ScoState {
  facts: ScoFacts;
  /** Every value the content has set, merged, latest wins. */
  cmi: Record<string, string>;
  /** The item has received at least one commit. */
  launched: boolean;
  /** The content called LMSFinish/Terminate in its latest session. */
  finished: boolean;
  /** Σ of each session's final session_time. */
  reportedSeconds: number;
  /** Σ of each session's first-to-last commit span, idle-capped. */
  observedSeconds: number;
}

export interface RegistrationFacts {
  version: ScormVersion;
  scos: ScoState[];
  lastActivityAt: Date | null;
  /** The stored summary before this change, for the never-undo rule. */
  previous: { status: RegistrationStatus; completedAt: Date | null } | null;
}

export interface ScoSummary {
  scoId: string;
  completion: Completion;
  success: Success;
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
}

const COMPLETE: ReadonlySet<RegistrationStatus> = new Set(['COMPLETED', 'PASSED', 'FAILED']);
/** Order for the never-undo rule: a complete status only ever moves up this list. */
const RANK: Record<RegistrationStatus, number> = {
  NOT_STARTED: 0,
  IN_PROGRESS: 1,
  COMPLETED: 2,
  FAILED: 3,
  PASSED: 4,
};

function num(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * One item's completion and success as SCORM says. 1.2: a SCO that finishes without a status
 * is completed, and the mastery score turns a scored "completed" into passed or failed. 2004:
 * a completion threshold decides completion from progress_measure, a passing score decides
 * success from score.scaled; otherwise the content's own statuses stand.
 */
export function deriveScoStatus(version: ScormVersion, sco: ScoState): ScoSummary {
  const { cmi, facts } = sco;
  if (facts.scormType === 'asset') {
    const done = sco.launched;
    return {
      scoId: facts.scoId,
      completion: done ? 'completed' : 'not attempted',
      success: 'unknown',
      progress: done ? 1 : 0,
    };
  }
  if (!sco.launched)
    return { scoId: facts.scoId, completion: 'not attempted', success: 'unknown', progress: 0 };
  if (version === 'SCORM_12') {
    let status = cmi['cmi.core.lesson_status'];
    if (sco.finished && (status === undefined || status === 'not attempted')) status = 'completed';
    const raw = num(cmi['cmi.core.score.raw']);
    if (status === 'completed' && facts.masteryScore !== null && raw !== null) {
      status = raw >= facts.masteryScore ? 'passed' : 'failed';
    }
    const completion: Completion =
      status === 'passed' || status === 'failed' || status === 'completed'
        ? 'completed'
        : 'incomplete';
    const success: Success =
      status === 'passed' ? 'passed' : status === 'failed' ? 'failed' : 'unknown';
    return {
      scoId: facts.scoId,
      completion,
      success,
      progress: completion === 'completed' ? 1 : null,
    };
  }
  const measure = num(cmi['cmi.progress_measure']);
  let completion: Completion;
  if (facts.completionThreshold !== null && measure !== null) {
    completion = measure >= facts.completionThreshold ? 'completed' : 'incomplete';
  } else {
    const reported = cmi['cmi.completion_status'];
    completion =
      reported === 'completed' || reported === 'incomplete' || reported === 'not attempted'
        ? reported
        : 'unknown';
    if (completion === 'not attempted') completion = 'incomplete';
  }
  const scaled = num(cmi['cmi.score.scaled']);
  let success: Success;
  if (facts.scaledPassingScore !== null && scaled !== null) {
    success = scaled >= facts.scaledPassingScore ? 'passed' : 'failed';
  } else {
    const reported = cmi['cmi.success_status'];
    success = reported === 'passed' || reported === 'failed' ? reported : 'unknown';
  }
  const progress = completion === 'completed' ? 1 : measure;
  return { scoId: facts.scoId, completion, success, progress };
}

function statusOfSco(summary: ScoSummary, launched: boolean): RegistrationStatus {
  if (summary.success === 'passed') return 'PASSED';
  if (summary.success === 'failed') return 'FAILED';
  if (summary.completion === 'completed') return 'COMPLETED';
  return launched ? 'IN_PROGRESS' : 'NOT_STARTED';
}

/** Share of the SCO's objectives that are complete, or null when it has none. */
function objectivesProgress(version: ScormVersion, cmi: Record<string, string>): number | null {
  const indices = new Set<string>();
  for (const key of Object.keys(cmi)) {
    const match = /^cmi\.objectives\.(\d+)\./.exec(key);
    if (match) indices.add(match[1]!);
  }
  if (indices.size === 0) return null;
  let done = 0;
  for (const i of indices) {
    if (version === 'SCORM_12') {
      const status = cmi[`cmi.objectives.${i}.status`];
      if (status === 'completed' || status === 'passed') done++;
    } else if (
      cmi[`cmi.objectives.${i}.completion_status`] === 'completed' ||
      cmi[`cmi.objectives.${i}.success_status`] === 'passed'
    ) {
      done++;
    }
  }
  return done / indices.size;
}

function scoreOf(version: ScormVersion, cmi: Record<string, string>) {
  const prefix = version === 'SCORM_12' ? 'cmi.core.score.' : 'cmi.score.';
  const raw = num(cmi[`${prefix}raw`]);
  const min = num(cmi[`${prefix}min`]);
  const max = num(cmi[`${prefix}max`]);
  let scaled = version === 'SCORM_2004' ? num(cmi['cmi.score.scaled']) : null;
  if (scaled === null && raw !== null) {
    // 1.2 has no scaled score: scale raw within min..max (0..100 when the content gives none).
    const lo = min ?? 0;
    const hi = max ?? 100;
    if (hi > lo) scaled = Math.min(1, Math.max(0, (raw - lo) / (hi - lo)));
  }
  if (scaled === null && raw === null && min === null && max === null) return null;
  return { scaled, raw, min, max };
}

/**
 * The registration's honest summary from every item's raw facts, as design.md's rules say:
 * status, progress with where it comes from (never invented), resume point, time, score, and
 * the first completion time. A completion, once recorded, is never undone.
 */
export function deriveRegistrationStatus(input: RegistrationFacts, now: Date): RegistrationSummary {
  const { version, scos } = input;
  const summaries = scos.map((sco) => deriveScoStatus(version, sco));
  const counted = scos
    .map((sco, i) => ({ sco, summary: summaries[i]! }))
    .filter(({ sco }) => sco.facts.scormType === 'sco');
  const considered =
    counted.length > 0 ? counted : scos.map((sco, i) => ({ sco, summary: summaries[i]! }));
  const anyLaunched = scos.some((s) => s.launched);

  let status: RegistrationStatus;
  if (considered.length === 1) {
    status = statusOfSco(considered[0]!.summary, anyLaunched);
  } else if (
    considered.every(
      ({ summary }) => summary.completion === 'completed' || summary.success !== 'unknown',
    )
  ) {
    const failed = considered.some(({ summary }) => summary.success === 'failed');
    const passed = considered.some(({ summary }) => summary.success === 'passed');
    status = failed ? 'FAILED' : passed ? 'PASSED' : 'COMPLETED';
  } else {
    status = anyLaunched ? 'IN_PROGRESS' : 'NOT_STARTED';
  }

  const previous = input.previous;
  if (previous && COMPLETE.has(previous.status) && RANK[previous.status] > RANK[status])
    status = previous.status;
  const complete = COMPLETE.has(status);

  let progress: number | null = null;
  let progressSource: ProgressSource = 'UNKNOWN';
  if (complete) {
    progress = 1;
    progressSource = 'STATUS';
  } else if (status === 'NOT_STARTED') {
    progress = 0;
    progressSource = 'STATUS';
  } else {
    const weights = considered.map(({ sco }) => sco.facts.progressWeight ?? 1);
    const known = considered.every(({ summary }) => summary.progress !== null);
    const reportedAny = considered.some(
      ({ sco, summary }) =>
        sco.launched &&
        summary.completion !== 'completed' &&
        num(sco.cmi['cmi.progress_measure']) !== null,
    );
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    if (known && reportedAny && totalWeight > 0) {
      progress =
        considered.reduce((sum, { summary }, i) => sum + summary.progress! * weights[i]!, 0) /
        totalWeight;
      progressSource = 'REPORTED';
    } else if (considered.length === 1) {
      const objectives = objectivesProgress(version, considered[0]!.sco.cmi);
      if (objectives !== null) {
        progress = objectives;
        progressSource = 'OBJECTIVES';
      }
    } else {
      progress =
        considered.filter(({ summary }) => summary.completion === 'completed').length /
        considered.length;
      progressSource = 'SCOS';
    }
  }

  const exitKey = version === 'SCORM_12' ? 'cmi.core.exit' : 'cmi.exit';
  const locationKey = version === 'SCORM_12' ? 'cmi.core.lesson_location' : 'cmi.location';
  const resumable = complete
    ? undefined
    : scos.find(
        (sco, i) =>
          sco.launched &&
          summaries[i]!.completion !== 'completed' &&
          (sco.cmi[exitKey] === 'suspend' ||
            !!sco.cmi[locationKey] ||
            !!sco.cmi['cmi.suspend_data']),
      );

  let score: RegistrationSummary['score'] = null;
  if (considered.length === 1) {
    score = scoreOf(version, considered[0]!.sco.cmi);
  } else {
    const scaled = considered
      .map(({ sco }) => scoreOf(version, sco.cmi)?.scaled ?? null)
      .filter((s): s is number => s !== null);
    if (scaled.length > 0)
      score = {
        scaled: scaled.reduce((a, b) => a + b, 0) / scaled.length,
        raw: null,
        min: null,
        max: null,
      };
  }

  return {
    status,
    progress,
    progressSource,
    canResume: resumable !== undefined,
    resumePoint: resumable ? resumable.cmi[locationKey] || null : null,
    timeSpentSeconds: Math.round(scos.reduce((sum, s) => sum + s.reportedSeconds, 0)),
    observedSeconds: Math.round(scos.reduce((sum, s) => sum + s.observedSeconds, 0)),
    score,
    completedAt: previous?.completedAt ?? (complete ? now : null),
    scos: summaries,
  };
}
