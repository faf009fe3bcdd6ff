/**
 * How a SCO's runtime data (flat CMI element → value) is stored, measured and projected. Pure:
 * the commit path, the ORM type of `sco_states.cmi`, the exports and the migrations share it.
 */

/**
 * The escape mark. PostgreSQL's jsonb (and text) cannot hold U+0000, and a lone surrogate has no
 * UTF-8 form at all, yet content may set either. Stored values write those code units, and the
 * mark itself, as the mark plus four hex digits, so every stored string is valid and decodes to
 * exactly what the content set. A private-use character keeps ordinary text untouched.
 */
export const ESCAPE_MARK = '\uE000';

const ESCAPED = /\uE000([0-9A-F]{4})/g;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function needsEscape(value: string): boolean {
  return value.includes('\0') || value.includes(ESCAPE_MARK) || LONE_SURROGATE.test(value);
}

/** A value as stored: every character the database cannot hold escaped, reversibly. */
export function encodeCmiText(value: string): string {
  if (!needsEscape(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += value[i]! + value[i + 1]!;
      i++;
    } else if (unit === 0 || unit === 0xe000 || (unit >= 0xd800 && unit <= 0xdfff)) {
      out += ESCAPE_MARK + unit.toString(16).toUpperCase().padStart(4, '0');
    } else {
      out += value[i]!;
    }
  }
  return out;
}

/** A stored value as the content set it. */
export function decodeCmiText(stored: string): string {
  return stored.includes(ESCAPE_MARK)
    ? stored.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : stored;
}

/** Every element name and value encoded for storage. */
export function encodeCmi(cmi: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [element, value] of Object.entries(cmi))
    out[encodeCmiText(element)] = encodeCmiText(value);
  return out;
}

/** Stored CMI back as the content set it. */
export function decodeCmi(stored: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [element, value] of Object.entries(stored))
    out[decodeCmiText(element)] = decodeCmiText(value);
  return out;
}

/**
 * The elements status derivation reads (statuses, scores, progress, location, exit, objectives'
 * standings), as a POSIX regular expression that PostgreSQL and JavaScript read alike, so the
 * migration that fills `sco_states.facts` and the commit agree on it.
 */
export const FACT_ELEMENTS =
  '^(cmi\\.core\\.(lesson_status|lesson_location|exit|credit|score\\.(raw|min|max))' +
  '|cmi\\.(completion_status|success_status|progress_measure|location|exit|credit|suspend_data|score\\.(scaled|raw|min|max))' +
  '|cmi\\.objectives\\.[0-9]+\\.(id|status|completion_status|success_status|progress_measure|score\\.(scaled|raw|min|max)))$';

const FACT_PATTERN = new RegExp(FACT_ELEMENTS);

/**
 * Elements derivation only tests for presence: suspend data can be 64,000 characters, so the
 * projection keeps a mark, not the text. Objective ids are kept whole: the SCORM 2004 rollup
 * matches them to the manifest's objectives and their global maps.
 */
export const PRESENCE_ELEMENTS = '^cmi\\.suspend_data$';

const PRESENCE_PATTERN = new RegExp(PRESENCE_ELEMENTS);

/**
 * The part of (encoded) values that status derivation needs, so a commit reads and writes a
 * few hundred bytes per SCO however much suspend data or how many interactions are stored.
 */
export function projectFacts(values: Record<string, string>): Record<string, string> {
  const facts: Record<string, string> = {};
  for (const [element, value] of Object.entries(values)) {
    if (!FACT_PATTERN.test(element)) continue;
    facts[element] = PRESENCE_PATTERN.test(element) ? (value === '' ? '' : '1') : value;
  }
  return facts;
}

/**
 * The size PostgreSQL gives (`pg_column_size`) a jsonb object of these string pairs: a 4-byte
 * length, a 4-byte container header, a 4-byte entry per key and per value, and the UTF-8 bytes.
 * The runtime data cap is counted in this measure, on the encoded values.
 */
export function storedSizeOf(cmi: Record<string, string>): number {
  let size = 8;
  for (const [element, value] of Object.entries(cmi))
    size += 8 + Buffer.byteLength(element) + Buffer.byteLength(value);
  return size;
}

/**
 * The SCORM 2004 4th edition data model filled to its smallest permitted maxima (RTE 4.2), as
 * element → value length in UTF-8 bytes. Every collection is at its SPM count (250 comments
 * from the learner, 250 interactions, 100 objectives), comments at 4,000 characters, location
 * at 1,000, and suspend data at 64,000 characters of any BMP text (3 bytes each). SPMs are per
 * element: every identifier at its own 4,000 at once would ask ~17 MB per SCO, so identifiers,
 * descriptions, patterns and responses are counted at the 250 characters of a short identifier.
 */
export function minimumRuntimeData(): Array<[element: string, bytes: number]> {
  const model: Array<[string, number]> = [
    ['cmi.location', 1000],
    ['cmi.suspend_data', 64000 * 3],
    ['cmi.exit', 'time-out'.length],
    ['cmi.completion_status', 'not attempted'.length],
    ['cmi.success_status', 'unknown'.length],
    ['cmi.progress_measure', 7],
    ['cmi.session_time', 'PT9999H59M59.99S'.length],
    ['cmi.learner_preference.audio_level', 7],
    ['cmi.learner_preference.language', 250],
    ['cmi.learner_preference.delivery_speed', 7],
    ['cmi.learner_preference.audio_captioning', 2],
    ...['scaled', 'raw', 'min', 'max'].map((k): [string, number] => [`cmi.score.${k}`, 10]),
  ];
  const timestamp = '2026-12-31T23:59:59.99+01:00'.length;
  for (let n = 0; n < 250; n++) {
    const at = `cmi.comments_from_learner.${n}`;
    model.push([`${at}.comment`, 4000], [`${at}.location`, 250], [`${at}.timestamp`, timestamp]);
  }
  for (let n = 0; n < 250; n++) {
    const at = `cmi.interactions.${n}`;
    model.push(
      [`${at}.id`, 250],
      [`${at}.type`, 'long-fill-in'.length],
      [`${at}.objectives.0.id`, 250],
      [`${at}.timestamp`, timestamp],
      [`${at}.correct_responses.0.pattern`, 250],
      [`${at}.weighting`, 10],
      [`${at}.learner_response`, 250],
      [`${at}.result`, 'incorrect'.length],
      [`${at}.latency`, 'PT9999H59M59.99S'.length],
      [`${at}.description`, 250],
    );
  }
  for (let n = 0; n < 100; n++) {
    const at = `cmi.objectives.${n}`;
    model.push(
      [`${at}.id`, 250],
      ...['scaled', 'raw', 'min', 'max'].map((k): [string, number] => [`${at}.score.${k}`, 10]),
      [`${at}.success_status`, 'unknown'.length],
      [`${at}.completion_status`, 'not attempted'.length],
      [`${at}.progress_measure`, 7],
      [`${at}.description`, 250],
    );
  }
  return model;
}

/** The smallest cap that still holds `minimumRuntimeData()`, in the measure of `storedSizeOf`. */
export const MINIMUM_RUNTIME_DATA_BYTES = minimumRuntimeData().reduce(
  (size, [element, bytes]) => size + 8 + Buffer.byteLength(element) + bytes,
  8,
);
