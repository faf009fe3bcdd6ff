import { parseIso8601Duration, parseScorm12Time, type ScormVersion } from './cmi-time.js';

export type { ScormVersion };

/** Checks one value; returns what is wrong with it ("must be …"), or null when it is allowed. */
type Check = (value: string) => string | null;

/** What content may set per SCORM: one vocabulary or type check per writable element. */
type Rules = Array<[pattern: string, check: Check]>;

/** 1.2 cmi.core.lesson_status and cmi.objectives.n.status (CMIVocabulary Status). */
export const LESSON_STATUSES = [
  'passed',
  'completed',
  'failed',
  'incomplete',
  'browsed',
  'not attempted',
] as const;
/** 2004 cmi.completion_status and cmi.objectives.n.completion_status. */
export const COMPLETION_STATUSES = ['completed', 'incomplete', 'not attempted', 'unknown'] as const;
/** 2004 cmi.success_status and cmi.objectives.n.success_status. */
export const SUCCESS_STATUSES = ['passed', 'failed', 'unknown'] as const;

const INTERACTION_TYPES_12 = [
  'true-false',
  'choice',
  'fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
];
const INTERACTION_TYPES_2004 = [
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
];
const NAV_REQUESTS = [
  'continue',
  'previous',
  'choice',
  'jump',
  'exit',
  'exitAll',
  'abandon',
  'abandonAll',
  'suspendAll',
  '_none_',
];

const anything: Check = () => null;

const nonEmpty: Check = (value) => (value === '' ? 'must not be empty' : null);

const quoteAll = (allowed: readonly string[]) =>
  allowed.map((a) => (a === '' ? '"" (blank)' : a)).join(', ');

const oneOf =
  (allowed: readonly string[]): Check =>
  (value) =>
    allowed.includes(value) ? null : `must be one of ${quoteAll(allowed)}`;

const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^-?\d+$/;

/** "a number from 0 to 100, or blank" and the like, said once so every refusal reads alike. */
function describeNumber(kind: string, min?: number, max?: number, blank = false): string {
  const range =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : '';
  return `must be ${kind}${range}${blank ? ', or blank' : ''}`;
}

const numeric =
  (pattern: RegExp, kind: string, min?: number, max?: number, blank = false): Check =>
  (value) => {
    if (blank && value === '') return null;
    const n = Number(value);
    const fits =
      pattern.test(value) && (min === undefined || n >= min) && (max === undefined || n <= max);
    return fits ? null : describeNumber(kind, min, max, blank);
  };

/** CMIDecimal / real(10,7), optionally bounded and optionally blank. */
const decimal = (min?: number, max?: number, blank = false) =>
  numeric(DECIMAL, 'a number', min, max, blank);
/** CMISInteger, bounded. */
const integer = (min: number, max: number) => numeric(INTEGER, 'a whole number', min, max);

const timespan12: Check = (value) =>
  parseScorm12Time(value) === null
    ? 'must be a time span HH[HH]:MM:SS[.SS] (hours 2 to 4 digits), such as 00:05:30'
    : null;

const timeOfDay12: Check = (value) =>
  /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(value)
    ? null
    : 'must be a time of day HH:MM:SS[.SS], such as 14:05:00';

const interval: Check = (value) =>
  parseIso8601Duration(value) === null
    ? 'must be an ISO 8601 duration P[nY][nM][nD][T[nH][nM][n.nS]], such as PT1H2M3.5S'
    : null;

/**
 * 2004 time(second,10,0): `YYYY[-MM[-DD[Thh[:mm[:ss[.s]]][TZD]]]]`. Any four-digit year (the
 * RTE's 1970–2038 is a storage floor) and a zone after any time part, as content writes them.
 */
const TIMESTAMP =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,6})?)?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)?)?)?)?$/;
const timestamp: Check = (value) =>
  TIMESTAMP.test(value) ? null : 'must be an ISO 8601 timestamp such as 2024-05-01T10:00:00Z';

const result =
  (vocabulary: string[]): Check =>
  (value) =>
    vocabulary.includes(value) || DECIMAL.test(value)
      ? null
      : `must be one of ${quoteAll(vocabulary)}, or a number`;

/** 2004 language_type: an RFC 3066 tag such as en or en-US, or blank. */
const language: Check = (value) =>
  /^$|^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(value)
    ? null
    : 'must be a language code such as en or en-US, or blank';

const navRequest: Check = (value) =>
  NAV_REQUESTS.includes(value) || /^\{target=[^\s}]+\}(choice|jump)$/.test(value)
    ? null
    : `must be one of ${quoteAll(NAV_REQUESTS)}, or {target=ID}choice / {target=ID}jump`;

/** A collection index, written canonically (no leading zeros) so stored keys stay unique. */
const N = '(?:0|[1-9]\\d*)';

/**
 * The elements content may set, per version, with their checks.
 *
 * Lengths are never capped. The RTE's smallest permitted maximums (SPMs: 4,096 characters of 1.2
 * suspend data, 255 of a location…) are floors an LMS must support, not ceilings it must
 * enforce; real packages exceed them, and Courier never truncates or refuses what content sends
 * for its size. Vocabularies, numbers, ranges and time formats are checked exactly, because the
 * status derivation reads them.
 *
 * Interaction responses (`learner_response`, `student_response`, `correct_responses.n.pattern`)
 * are free text: their format depends on the interaction's type, which content may have set in
 * an earlier commit than the one being checked. 1.2 identifiers are free text as well, as the
 * runtime in the player (scorm-again) accepts them; 2004 identifiers must not be empty.
 */
const WRITABLE: Record<ScormVersion, Rules> = {
  SCORM_12: [
    ['cmi.core.lesson_location', anything],
    ['cmi.core.lesson_status', oneOf(LESSON_STATUSES)],
    ['cmi.core.exit', oneOf(['time-out', 'suspend', 'logout', ''])],
    ['cmi.core.session_time', timespan12],
    ['cmi.core.score.(?:raw|min|max)', decimal(0, 100, true)],
    ['cmi.suspend_data', anything],
    ['cmi.comments', anything],
    ['cmi.student_preference.audio', integer(-1, 100)],
    ['cmi.student_preference.language', anything],
    ['cmi.student_preference.speed', integer(-100, 100)],
    ['cmi.student_preference.text', integer(-1, 1)],
    [`cmi.objectives.${N}.id`, anything],
    [`cmi.objectives.${N}.score.(?:raw|min|max)`, decimal(0, 100, true)],
    [`cmi.objectives.${N}.status`, oneOf(LESSON_STATUSES)],
    [`cmi.interactions.${N}.id`, anything],
    [`cmi.interactions.${N}.objectives.${N}.id`, anything],
    [`cmi.interactions.${N}.time`, timeOfDay12],
    [`cmi.interactions.${N}.type`, oneOf(INTERACTION_TYPES_12)],
    [`cmi.interactions.${N}.correct_responses.${N}.pattern`, anything],
    [`cmi.interactions.${N}.weighting`, decimal()],
    [`cmi.interactions.${N}.student_response`, anything],
    [`cmi.interactions.${N}.result`, result(['correct', 'wrong', 'unanticipated', 'neutral'])],
    [`cmi.interactions.${N}.latency`, timespan12],
  ],
  SCORM_2004: [
    [`cmi.comments_from_learner.${N}.comment`, anything],
    [`cmi.comments_from_learner.${N}.location`, anything],
    [`cmi.comments_from_learner.${N}.timestamp`, timestamp],
    ['cmi.completion_status', oneOf(COMPLETION_STATUSES)],
    ['cmi.exit', oneOf(['time-out', 'suspend', 'logout', 'normal', ''])],
    [`cmi.interactions.${N}.id`, nonEmpty],
    [`cmi.interactions.${N}.type`, oneOf(INTERACTION_TYPES_2004)],
    [`cmi.interactions.${N}.objectives.${N}.id`, nonEmpty],
    [`cmi.interactions.${N}.timestamp`, timestamp],
    [`cmi.interactions.${N}.correct_responses.${N}.pattern`, anything],
    [`cmi.interactions.${N}.weighting`, decimal()],
    [`cmi.interactions.${N}.learner_response`, anything],
    [`cmi.interactions.${N}.result`, result(['correct', 'incorrect', 'unanticipated', 'neutral'])],
    [`cmi.interactions.${N}.latency`, interval],
    [`cmi.interactions.${N}.description`, anything],
    ['cmi.learner_preference.audio_level', decimal(0)],
    ['cmi.learner_preference.language', language],
    ['cmi.learner_preference.delivery_speed', decimal(0)],
    ['cmi.learner_preference.audio_captioning', integer(-1, 1)],
    ['cmi.location', anything],
    [`cmi.objectives.${N}.id`, nonEmpty],
    [`cmi.objectives.${N}.score.scaled`, decimal(-1, 1)],
    [`cmi.objectives.${N}.score.(?:raw|min|max)`, decimal()],
    [`cmi.objectives.${N}.success_status`, oneOf(SUCCESS_STATUSES)],
    [`cmi.objectives.${N}.completion_status`, oneOf(COMPLETION_STATUSES)],
    [`cmi.objectives.${N}.progress_measure`, decimal(0, 1)],
    [`cmi.objectives.${N}.description`, anything],
    ['cmi.progress_measure', decimal(0, 1)],
    ['cmi.score.scaled', decimal(-1, 1)],
    ['cmi.score.(?:raw|min|max)', decimal()],
    ['cmi.session_time', interval],
    ['cmi.success_status', oneOf(SUCCESS_STATUSES)],
    ['cmi.suspend_data', anything],
    ['adl.nav.request', navRequest],
    [`adl.data.${N}.store`, anything],
  ],
};

/** Elements the LMS sets and content may only read: named so a refusal says so. */
const READ_ONLY: Record<ScormVersion, string[]> = {
  SCORM_12: [
    'cmi.core.(?:student_id|student_name|credit|entry|total_time|lesson_mode)',
    'cmi.launch_data',
    'cmi.comments_from_lms',
    'cmi.student_data.(?:mastery_score|max_time_allowed|time_limit_action)',
  ],
  SCORM_2004: [
    'cmi.(?:completion_threshold|credit|entry|launch_data|learner_id|learner_name)',
    'cmi.(?:max_time_allowed|mode|scaled_passing_score|time_limit_action|total_time)',
    `cmi.comments_from_lms.${N}.(?:comment|location|timestamp)`,
    'adl.nav.request_valid.(?:continue|previous)',
    'adl.nav.request_valid.(?:choice|jump).[\\s\\S]+',
    `adl.data.${N}.id`,
  ],
};

/** Keywords (`_version`, `_count`, `_children`) anywhere in either model are read-only. */
const KEYWORD = /(^cmi\._version$)|\._(count|children)$/;

/** Dots in the rule tables are literal: they separate the model's names. */
const anchor = (pattern: string) => new RegExp(`^${pattern.replace(/\./g, '\\.')}$`);

const COMPILED_WRITABLE: Record<ScormVersion, Array<[RegExp, Check]>> = {
  SCORM_12: WRITABLE.SCORM_12.map(([pattern, check]) => [anchor(pattern), check]),
  SCORM_2004: WRITABLE.SCORM_2004.map(([pattern, check]) => [anchor(pattern), check]),
};
const COMPILED_READ_ONLY: Record<ScormVersion, RegExp[]> = {
  SCORM_12: READ_ONLY.SCORM_12.map(anchor),
  SCORM_2004: READ_ONLY.SCORM_2004.map(anchor),
};

const LABEL: Record<ScormVersion, string> = { SCORM_12: 'SCORM 1.2', SCORM_2004: 'SCORM 2004' };
const OTHER: Record<ScormVersion, ScormVersion> = {
  SCORM_12: 'SCORM_2004',
  SCORM_2004: 'SCORM_12',
};

const isElementOf = (version: ScormVersion, element: string) =>
  KEYWORD.test(element) ||
  COMPILED_WRITABLE[version].some(([pattern]) => pattern.test(element)) ||
  COMPILED_READ_ONLY[version].some((pattern) => pattern.test(element));

/** One refused value: the element and a sentence naming it and what is allowed. */
export interface CmiProblem {
  element: string;
  message: string;
}

export type CmiCheck =
  | { ok: true; values: Record<string, string> }
  | {
      ok: false;
      /** The first refused element, and its message. */
      element: string;
      message: string;
      /** Every refused element, in the order sent. */
      problems: CmiProblem[];
      /** The values that passed, for a caller that chooses to keep them. */
      accepted: Record<string, string>;
    };

/** A value as the runtime API would carry it: text, with numbers written out in full. */
function asText(raw: string | number | boolean): string {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || !/e/i.test(String(raw))) {
    return String(raw);
  }
  // 1e-7 and 1e21 are numbers JavaScript prints in exponent form, which CMIDecimal does not allow.
  return raw.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  return typeof raw === 'object' ? 'an object' : String(typeof raw);
}

/** What is wrong with setting `element` to `value` in `version`, or null when it is allowed. */
function checkElement(version: ScormVersion, element: string, value: string): string | null {
  const rule = COMPILED_WRITABLE[version].find(([pattern]) => pattern.test(element));
  if (rule) {
    const problem = rule[1](value);
    if (!problem) return null;
    const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    return `${element} ${problem} (got "${shown}")`;
  }
  if (KEYWORD.test(element) || COMPILED_READ_ONLY[version].some((p) => p.test(element))) {
    return `${element} is read-only in ${LABEL[version]}: the LMS sets it, content cannot`;
  }
  const other = OTHER[version];
  const hint = isElementOf(other, element) ? ` (it is a ${LABEL[other]} element)` : '';
  return `${element} is not an element of the ${LABEL[version]} data model${hint}`;
}

/**
 * Checks values content set through the runtime API against the version's data model: the
 * element must exist and be writable by content, the value must be of its type and vocabulary.
 * Numbers and booleans are taken as their text, as the runtime API passes everything as strings;
 * any other value is refused.
 */
export function validateCmi(version: ScormVersion, cmi: Record<string, unknown>): CmiCheck {
  if (typeof cmi !== 'object' || cmi === null || Array.isArray(cmi)) {
    const message = 'cmi must be an object of element → value';
    return {
      ok: false,
      element: 'cmi',
      message,
      problems: [{ element: 'cmi', message }],
      accepted: {},
    };
  }
  const accepted: Record<string, string> = {};
  const problems: CmiProblem[] = [];
  for (const [element, raw] of Object.entries(cmi)) {
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      problems.push({ element, message: `${element} must be a string (got ${describe(raw)})` });
      continue;
    }
    const value = asText(raw);
    const message = checkElement(version, element, value);
    if (message) problems.push({ element, message });
    else accepted[element] = value;
  }
  const [first] = problems;
  if (!first) return { ok: true, values: accepted };
  return { ok: false, element: first.element, message: first.message, problems, accepted };
}
