/** `1h 2m`, `3m 4s`, `5s`. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", or the date. */
export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  if (seconds < 30 * 86400) return `${Math.round(seconds / 86400)} days ago`;
  return new Date(iso).toLocaleDateString();
}

/** A score as people read it: the scaled score as a percentage, else the raw score. */
export function formatScore(
  score: { scaled?: number | null; raw?: number | null } | null | undefined,
): string {
  if (!score) return '—';
  if (score.scaled !== null && score.scaled !== undefined)
    return `${Math.round(score.scaled * 100)}%`;
  if (score.raw !== null && score.raw !== undefined) return String(score.raw);
  return '—';
}
