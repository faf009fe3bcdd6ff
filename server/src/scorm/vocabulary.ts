/**
 * The SCORM run-time elements Courier reads and writes, named once per version. Code that
 * branches on 1.2 against 2004 for an element's name looks it up here instead.
 */

/** The two SCORM editions Courier plays: 1.2, and 2004 (any of its editions). */
export type ScormVersion = 'SCORM_12' | 'SCORM_2004';

/** The element names one SCORM version gives the facts Courier tracks. */
export interface CmiElements {
  /** 1.2 `lesson_status` carries completion and verdict at once; 2004 splits them. */
  completionStatus: string;
  successStatus: string;
  /** The score's prefix: `raw`, `min`, `max` (and 2004's `scaled`) follow it. */
  score: string;
  sessionTime: string;
  totalTime: string;
  exit: string;
  entry: string;
  location: string;
  suspendData: string;
  credit: string;
  mode: string;
  learnerId: string;
  learnerName: string;
  /** 2004 only: 1.2 has no progress measure. */
  progressMeasure: string | null;
}

/** Each element Courier tracks, by version. */
export const CMI: Readonly<Record<ScormVersion, Readonly<CmiElements>>> = {
  SCORM_12: {
    completionStatus: 'cmi.core.lesson_status',
    successStatus: 'cmi.core.lesson_status',
    score: 'cmi.core.score.',
    sessionTime: 'cmi.core.session_time',
    totalTime: 'cmi.core.total_time',
    exit: 'cmi.core.exit',
    entry: 'cmi.core.entry',
    location: 'cmi.core.lesson_location',
    suspendData: 'cmi.suspend_data',
    credit: 'cmi.core.credit',
    mode: 'cmi.core.lesson_mode',
    learnerId: 'cmi.core.student_id',
    learnerName: 'cmi.core.student_name',
    progressMeasure: null,
  },
  SCORM_2004: {
    completionStatus: 'cmi.completion_status',
    successStatus: 'cmi.success_status',
    score: 'cmi.score.',
    sessionTime: 'cmi.session_time',
    totalTime: 'cmi.total_time',
    exit: 'cmi.exit',
    entry: 'cmi.entry',
    location: 'cmi.location',
    suspendData: 'cmi.suspend_data',
    credit: 'cmi.credit',
    mode: 'cmi.mode',
    learnerId: 'cmi.learner_id',
    learnerName: 'cmi.learner_name',
    progressMeasure: 'cmi.progress_measure',
  },
};
