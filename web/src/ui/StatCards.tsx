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
  knownProgressCount: number;
}

/** The statuses in the order a learner moves through them, with the names the badges use. */
const SEGMENTS = [
  ['not-started', 'Not started', 'notStarted'],
  ['in-progress', 'In progress', 'inProgress'],
  ['completed', 'Completed', 'completed'],
  ['passed', 'Passed', 'passed'],
  ['failed', 'Failed', 'failed'],
] as const;

/** "of 12 with known progress": what an average of progress is the mean of. */
export function averageBasis(stats: Pick<StatsFigures, 'total' | 'knownProgressCount'>): string {
  if (stats.total === 0) return 'no learners yet';
  if (stats.knownProgressCount === 0) return `none of ${stats.total} report progress`;
  return `of ${stats.knownProgressCount} with known progress`;
}

/** The figures as cards, and a bar breaking the total down by status, with its legend. */
export function StatCards({ stats }: { stats: StatsFigures }) {
  const cards: Array<[string, string, string, string?]> = [
    ['total', 'Learners', String(stats.total)],
    ['not-started', 'Not started', String(stats.notStarted)],
    ['in-progress', 'In progress', String(stats.inProgress)],
    ['completed', 'Completed', String(stats.completed)],
    ['passed', 'Passed', String(stats.passed)],
    ['failed', 'Failed', String(stats.failed)],
    [
      'completion-rate',
      'Completion rate',
      `${Math.round(stats.completionRate * 100)}%`,
      `of all ${stats.total}`,
    ],
    [
      'average-progress',
      'Average progress',
      progressText(stats.averageProgress),
      averageBasis(stats),
    ],
  ];
  return (
    <section aria-label="Statistics">
      <div className="cards">
        {cards.map(([key, label, value, basis]) => (
          <div className={`card card-${key}`} key={key} data-testid={`stat-${key}`}>
            <div className="card-value">{value}</div>
            <div className="card-label">{label}</div>
            {basis && (
              <div className="card-basis" data-testid={`stat-${key}-basis`}>
                {basis}
              </div>
            )}
          </div>
        ))}
      </div>
      <div className="breakdown" role="img" aria-label="Registrations by status">
        {stats.total > 0 &&
          SEGMENTS.filter(([, , field]) => stats[field] > 0).map(([key, text, field]) => (
            <div
              key={key}
              className={`segment segment-${key}`}
              style={{ flexGrow: stats[field] }}
              title={`${text}: ${stats[field]}`}
            />
          ))}
      </div>
      <ul className="legend" aria-label="Legend" data-testid="status-legend">
        {SEGMENTS.map(([key, text, field]) => (
          <li key={key}>
            <span className={`swatch segment-${key}`} aria-hidden="true" /> {text}{' '}
            <strong>{stats[field]}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
