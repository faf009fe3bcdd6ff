/** The two SCORM generations Courier runs. */
export type ScormVersion = 'SCORM_12' | 'SCORM_2004';

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (hours 2 to 4 digits, up to 2 decimals) → seconds, or null. */
export function parseScorm12Time(value: string): number | null {
  const match = /^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$/.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) + Number(match[4] ?? 0);
}

/**
 * SCORM 2004 timeinterval (ISO 8601 duration, `P[nY][nM][nD][T[nH][nM][n[.n]S]]`) → seconds, or
 * null. Years count 365 days and months 30 days: SCORM durations are elapsed time, not calendar.
 */
export function parseIso8601Duration(value: string): number | null {
  const match =
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      value.trim(),
    );
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) return null;
  const [, y, mo, d, h, mi, s] = match;
  if ([y, mo, d, h, mi, s].every((part) => part === undefined)) return null;
  const n = (part: string | undefined) => Number(part ?? 0);
  return n(y) * 365 * 86400 + n(mo) * 30 * 86400 + n(d) * 86400 + n(h) * 3600 + n(mi) * 60 + n(s);
}

/** Seconds → `HHHH:MM:SS.SS` (SCORM 1.2 `cmi.core.total_time`). */
export function formatScorm12Time(seconds: number): string {
  const centis = Math.round(Math.max(0, seconds) * 100);
  const h = Math.floor(centis / 360000);
  const m = Math.floor((centis % 360000) / 6000);
  const s = Math.floor((centis % 6000) / 100);
  const c = centis % 100;
  return `${String(h).padStart(4, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(c).padStart(2, '0')}`;
}

/** Seconds → `PT#H#M#S` (SCORM 2004 `cmi.total_time`), hundredths at most. */
export function formatIso8601Duration(seconds: number): string {
  const centis = Math.round(Math.max(0, seconds) * 100);
  const h = Math.floor(centis / 360000);
  const m = Math.floor((centis % 360000) / 6000);
  const s = (centis % 6000) / 100;
  return `PT${h}H${m}M${s}S`;
}

/** A session_time in the version's own format → seconds, or null when malformed. */
export function parseSessionTime(version: ScormVersion, value: string): number | null {
  return version === 'SCORM_12' ? parseScorm12Time(value) : parseIso8601Duration(value);
}

/** Seconds → the version's own time format. */
export function formatTotalTime(version: ScormVersion, seconds: number): string {
  return version === 'SCORM_12' ? formatScorm12Time(seconds) : formatIso8601Duration(seconds);
}
