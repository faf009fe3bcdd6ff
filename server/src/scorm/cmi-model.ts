import { parseIso8601Duration, parseScorm12Time, type ScormVersion } from './cmi-time.js';

export type { ScormVersion };

/** Checks one value; returns what is wrong with it, or null when it is allowed. */
type Check = (value: string) => string | null;

const any: Check = () => null;

const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    allowed.includes(value)
      ? null
      : `must be one of ${allowed.map((a) => (a === '' ? '""' : a)).join(', ')}`;

const decimal =
  (min?: number, max?: number, blankAllowed = false): Check =>
  (value) => {
    if (blankAllowed && value === '') return null;
    if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(value)) return 'must be a number';
    const n = Number(value);
    if (min !== undefined && n < min) return `must be at least ${min}`;
    if (max !== undefined && n > max) return `must be at most ${max}`;
    return null;
  };

const timespan12: Check = (value) =>
  parseScorm12Time(value) === null ? 'must be a time span HHHH:MM:SS.SS' : null;
const time12: Check = (value) =>
  /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(value) ? null : 'must be a time HH:MM:SS';
const interval: Check = (value) =>
  parseIso8601Duration(value) === null ? 'must be an ISO 8601 duration such as PT1H2M3S' : null;
const timestamp: Check = (value) =>
  /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?)?)?$/.test(
    value,
  )
    ? null
    : 'must be an ISO 8601 timestamp such as 2024-05-01T10:00:00Z';

const RESULT_12 = (value: string) =>
  ['correct', 'wrong', 'unanticipated', 'neutral'].includes(value)
    ? null
    : decimal()(value) && 'must be correct, wrong, unanticipated, neutral or a number';
const RESULT_2004 = (value: string) =>
  ['correct', 'incorrect', 'unanticipated', 'neutral'].includes(value)
    ? null
    : decimal()(value) && 'must be correct, incorrect, unanticipated, neutral or a number';

const N = '\\d+';

/**
 * The elements content may set, per version, with their checks. Read-only elements
 * (learner id, entry, credit, mode, launch_data, total_time, _count, _children…) are absent, so
 * setting them is refused. Lengths are not capped: real packages exceed the spec's smallest
 * permitted maximums, and Courier never truncates what content sends (suspend data above all).
 */
const WRITABLE: Record<ScormVersion, Array<[string, Check]>> = {
  SCORM_12: [
    ['cmi.core.lesson_location', any],
    [
      'cmi.core.lesson_status',
      oneOf('passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'),
    ],
    ['cmi.core.exit', oneOf('time-out', 'suspend', 'logout', '')],
    ['cmi.core.session_time', timespan12],
    ['cmi.core.score.raw', decimal(undefined, undefined, true)],
    ['cmi.core.score.min', decimal(undefined, undefined, true)],
    ['cmi.core.score.max', decimal(undefined, undefined, true)],
    ['cmi.suspend_data', any],
    ['cmi.comments', any],
    ['cmi.student_preference.audio', decimal(-1, 100)],
    ['cmi.student_preference.language', any],
    ['cmi.student_preference.speed', decimal(-100, 100)],
    ['cmi.student_preference.text', oneOf('-1', '0', '1')],
    [`cmi.objectives.${N}.id`, any],
    [`cmi.objectives.${N}.score.(raw|min|max)`, decimal(undefined, undefined, true)],
    [
      `cmi.objectives.${N}.status`,
      oneOf('passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'),
    ],
    [`cmi.interactions.${N}.id`, any],
    [`cmi.interactions.${N}.objectives.${N}.id`, any],
    [`cmi.interactions.${N}.time`, time12],
    [
      `cmi.interactions.${N}.type`,
      oneOf(
        'true-false',
        'choice',
        'fill-in',
        'matching',
        'performance',
        'sequencing',
        'likert',
        'numeric',
      ),
    ],
    [`cmi.interactions.${N}.correct_responses.${N}.pattern`, any],
    [`cmi.interactions.${N}.weighting`, decimal()],
    [`cmi.interactions.${N}.student_response`, any],
    [`cmi.interactions.${N}.result`, RESULT_12],
    [`cmi.interactions.${N}.latency`, timespan12],
  ],
  SCORM_2004: [
    [`cmi.comments_from_learner.${N}.(comment|location)`, any],
    [`cmi.comments_from_learner.${N}.timestamp`, timestamp],
    ['cmi.completion_status', oneOf('completed', 'incomplete', 'not attempted', 'unknown')],
    ['cmi.exit', oneOf('time-out', 'suspend', 'logout', 'normal', '')],
    [`cmi.interactions.${N}.id`, any],
    [
      `cmi.interactions.${N}.type`,
      oneOf(
        'true-false',
        'choice',
        'fill-in',
        'long-fill-in',
        'matching',
        'performance',
        'sequencing',
        'likert',
        'numeric',
        'other',
      ),
    ],
    [`cmi.interactions.${N}.objectives.${N}.id`, any],
    [`cmi.interactions.${N}.timestamp`, timestamp],
    [`cmi.interactions.${N}.correct_responses.${N}.pattern`, any],
    [`cmi.interactions.${N}.weighting`, decimal()],
    [`cmi.interactions.${N}.learner_response`, any],
    [`cmi.interactions.${N}.result`, RESULT_2004],
    [`cmi.interactions.${N}.latency`, interval],
    [`cmi.interactions.${N}.description`, any],
    ['cmi.learner_preference.audio_level', decimal(0)],
    ['cmi.learner_preference.language', any],
    ['cmi.learner_preference.delivery_speed', decimal(0)],
    ['cmi.learner_preference.audio_captioning', oneOf('-1', '0', '1')],
    ['cmi.location', any],
    [`cmi.objectives.${N}.id`, any],
    [`cmi.objectives.${N}.score.scaled`, decimal(-1, 1)],
    [`cmi.objectives.${N}.score.(raw|min|max)`, decimal()],
    [`cmi.objectives.${N}.success_status`, oneOf('passed', 'failed', 'unknown')],
    [
      `cmi.objectives.${N}.completion_status`,
      oneOf('completed', 'incomplete', 'not attempted', 'unknown'),
    ],
    [`cmi.objectives.${N}.progress_measure`, decimal(0, 1)],
    [`cmi.objectives.${N}.description`, any],
    ['cmi.progress_measure', decimal(0, 1)],
    ['cmi.score.scaled', decimal(-1, 1)],
    ['cmi.score.(raw|min|max)', decimal()],
    ['cmi.session_time', interval],
    ['cmi.success_status', oneOf('passed', 'failed', 'unknown')],
    ['cmi.suspend_data', any],
    ['adl.nav.request', any],
  ],
};

const compile = (rules: Array<[string, Check]>): Array<[RegExp, Check]> =>
  rules.map(([pattern, check]) => [new RegExp(`^${pattern.replace(/\./g, '\\.')}$`), check]);

const COMPILED: Record<ScormVersion, Array<[RegExp, Check]>> = {
  SCORM_12: compile(WRITABLE.SCORM_12),
  SCORM_2004: compile(WRITABLE.SCORM_2004),
};

export type CmiCheck =
  { ok: true; values: Record<string, string> } | { ok: false; element: string; message: string };

/**
 * Checks values content set through the runtime API against the version's data model: the
 * element must exist and be writable, the value must be of its type and vocabulary. Numbers and
 * booleans are taken as their text, as the runtime API passes everything as strings.
 */
export function validateCmi(version: ScormVersion, cmi: Record<string, unknown>): CmiCheck {
  if (typeof cmi !== 'object' || cmi === null || Array.isArray(cmi)) {
    return { ok: false, element: 'cmi', message: 'cmi must be an object of element → value' };
  }
  const values: Record<string, string> = {};
  for (const [element, raw] of Object.entries(cmi)) {
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      return {
        ok: false,
        element,
        message: `${element} must be a string (got ${raw === null ? 'null' : typeof raw})`,
      };
    }
    const value = String(raw);
    const rule = COMPILED[version].find(([pattern]) => pattern.test(element));
    if (!rule) {
      return {
        ok: false,
        element,
        message: `${element} is not an element content can set in ${version === 'SCORM_12' ? 'SCORM 1.2' : 'SCORM 2004'}`,
      };
    }
    const problem = rule[1](value);
    if (problem)
      return { ok: false, element, message: `${element} ${problem} (got "${value.slice(0, 80)}")` };
    values[element] = value;
  }
  return { ok: true, values };
}
