/**
 * The two SCORM generations Courier runs. Defined here, the leaf module every other SCORM module
 * imports, so manifest.ts and cmi-model.ts re-export one type rather than declare two.
 */
import type { ScormVersion } from './vocabulary.js';

export type { ScormVersion };

const SCORM12_TIMESPAN = /^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$/;

/**
 * SCORM 2004 timeinterval: `P[nY][nM][nD][T[nH][nM][n[.n]S]]`. Only seconds may carry a fraction;
 * weeks, signs and comma decimals are not in the RTE's format. The RTE asks for hundredths at
 * least, so more fractional digits are kept rather than refused.
 */
const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const DAY = 86_400;
/** The most a SCORM 1.2 CMITimespan can say: four digits of hours. */
const SCORM12_MAX_SECONDS = 9999 * 3600 + 59 * 60 + 59.99;

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (hours 2 to 4 digits, ≤ 2 decimals) → seconds, or null. */
export function parseScorm12Time(value: string): number | null {
  const match = SCORM12_TIMESPAN.exec(value);
  if (!match) return null;
  const [, h, m, s, fraction] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(fraction ?? 0);
}

/**
 * SCORM 2004 timeinterval (an ISO 8601 duration such as `PT1H2M3.5S` or `P1DT2H`) → seconds, or
 * null. A year counts 365 days and a month 30 days: a session time is elapsed time with no
 * calendar to anchor it, so fixed lengths are the only reading that gives one number.
 */
export function parseIso8601Duration(value: string): number | null {
  const match = ISO_DURATION.exec(value);
  // `P` alone and a `T` with no time part after it match the pattern but say nothing.
  if (!match || value.endsWith('T')) return null;
  const [, y, mo, d, h, mi, s] = match;
  if ([y, mo, d, h, mi, s].every((part) => part === undefined)) return null;
  const n = (part: string | undefined) => Number(part ?? 0);
  return n(y) * 365 * DAY + n(mo) * 30 * DAY + n(d) * DAY + n(h) * 3600 + n(mi) * 60 + n(s);
}

/** Whole hundredths of a second, never negative; NaN and infinities read as 0. */
function toCentiseconds(seconds: number): number {
  return Number.isFinite(seconds) ? Math.round(Math.max(0, seconds) * 100) : 0;
}

/**
 * Seconds → `HHHH:MM:SS.SS` (SCORM 1.2 `cmi.core.total_time`). Capped at 9999:59:59.99, the
 * largest value the format allows, so the runtime never receives a total it would refuse.
 */
export function formatScorm12Time(seconds: number): string {
  const centis = Math.min(toCentiseconds(seconds), Math.round(SCORM12_MAX_SECONDS * 100));
  const h = Math.floor(centis / 360_000);
  const m = Math.floor((centis % 360_000) / 6000);
  const s = Math.floor((centis % 6000) / 100);
  const c = centis % 100;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(h, 4)}:${pad(m, 2)}:${pad(s, 2)}.${pad(c, 2)}`;
}

/** Seconds → the shortest `PT[nH][nM][nS]` (SCORM 2004 `cmi.total_time`), hundredths at most. */
export function formatIso8601Duration(seconds: number): string {
  const centis = toCentiseconds(seconds);
  const h = Math.floor(centis / 360_000);
  const m = Math.floor((centis % 360_000) / 6000);
  const s = (centis % 6000) / 100;
  const parts = `${h > 0 ? `${h}H` : ''}${m > 0 ? `${m}M` : ''}${s > 0 ? `${s}S` : ''}`;
  return `PT${parts || '0S'}`;
}

/** A session_time in the version's own format → seconds, or null when malformed. */
export function parseSessionTime(version: ScormVersion, value: string): number | null {
  return version === 'SCORM_12' ? parseScorm12Time(value) : parseIso8601Duration(value);
}

/** Seconds → the version's own total_time format. */
export function formatTotalTime(version: ScormVersion, seconds: number): string {
  return version === 'SCORM_12' ? formatScorm12Time(seconds) : formatIso8601Duration(seconds);
}
