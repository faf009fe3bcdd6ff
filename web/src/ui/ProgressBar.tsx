/** `NN%` for a known progress, `—` when nothing tells it: never a made-up 0%. */
export function progressText(progress: number | null | undefined): string {
  return progress === null || progress === undefined ? '—' : `${Math.round(progress * 100)}%`;
}

/** A progress bar with its text; unknown progress shows an empty, hatched track. */
export function ProgressBar({
  progress,
  label,
}: {
  progress: number | null | undefined;
  label?: string;
}) {
  const known = progress !== null && progress !== undefined;
  const percent = known ? Math.max(0, Math.min(100, progress * 100)) : 0;
  const tone = !known ? 'unknown' : percent >= 100 ? 'done' : percent >= 50 ? 'mid' : 'low';
  return (
    <div className="progress" title={label}>
      <div
        className={`progress-track progress-${tone}`}
        role="progressbar"
        aria-label={label ?? 'Progress'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? Math.round(percent) : undefined}
        aria-valuetext={known ? undefined : 'unknown'}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-text" data-testid="progress-text">
        {progressText(progress)}
      </span>
    </div>
  );
}

/** A registration's progress, its bar titled with where the figure comes from. */
export function RegistrationProgress({
  registration,
}: {
  registration: { progress: number | null; progressSource: string };
}) {
  return (
    <ProgressBar
      progress={registration.progress}
      label={`Progress (${registration.progressSource.toLowerCase()})`}
    />
  );
}
