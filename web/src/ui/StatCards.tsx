import { progressText } from './ProgressBar';

export interface StatsFigures {
  total: number;
  notStarted: number;
  inProgress: number;
  completed: number;
  passed: number;
  failed: number;
  completionRate: number;
  averageProgress: number | null;
}

/** The organization's figures as cards, and a bar breaking the total down by status. */
export function StatCards({ stats }: { stats: StatsFigures }) {
  const cards: Array<[string, string, string]> = [
    ['total', 'Learners', String(stats.total)],
    ['not-started', 'Not started', String(stats.notStarted)],
    ['in-progress', 'In progress', String(stats.inProgress)],
    ['completed', 'Completed', String(stats.completed)],
    ['passed', 'Passed', String(stats.passed)],
    ['failed', 'Failed', String(stats.failed)],
    ['completion-rate', 'Completion rate', `${Math.round(stats.completionRate * 100)}%`],
    ['average-progress', 'Average progress', progressText(stats.averageProgress)],
  ];
  const segments: Array<[string, number]> = [
    ['not-started', stats.notStarted],
    ['in-progress', stats.inProgress],
    ['completed', stats.completed],
    ['passed', stats.passed],
    ['failed', stats.failed],
  ];
  return (
    <section aria-label="Statistics">
      <div className="cards">
        {cards.map(([key, label, value]) => (
          <div className={`card card-${key}`} key={key} data-testid={`stat-${key}`}>
            <div className="card-value">{value}</div>
            <div className="card-label">{label}</div>
          </div>
        ))}
      </div>
      <div className="breakdown" role="img" aria-label="Registrations by status">
        {stats.total > 0 &&
          segments
            .filter(([, n]) => n > 0)
            .map(([key, n]) => (
              <div
                key={key}
                className={`segment segment-${key}`}
                style={{ flexGrow: n }}
                title={`${key}: ${n}`}
              />
            ))}
      </div>
    </section>
  );
}
