import { useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { graphql } from '../gql';
import type { LiveActivityUpdatedSubscription } from '../gql/graphql';
import { formatDuration, relativeTime } from '../ui/format';
import { RegistrationProgress } from '../ui/ProgressBar';
import { Link } from '../ui/router';
import { StatusBadge } from '../ui/StatusBadge';
import { ErrorState } from '../ui/Status';

const ACTIVITY = graphql(`
  subscription LiveActivityUpdated {
    registrationUpdated {
      id
      status
      progress
      progressSource
      timeSpentSeconds
      lastActivityAt
      learner {
        id
        name
      }
      course {
        id
        title
      }
    }
  }
`);

type Entry = LiveActivityUpdatedSubscription['registrationUpdated'];

/** How many learners the feed keeps, latest first. */
const SHOWN = 12;

/**
 * Learners as their commits arrive, latest first, one row each: the organization's activity
 * while this page is open (the subscription replays nothing from before it).
 */
export function LiveActivity() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [, setTick] = useState(0);
  const { error } = useSubscription(ACTIVITY, {
    onData: ({ data }) => {
      const entry = data.data?.registrationUpdated;
      if (!entry) return;
      setEntries((list) => [entry, ...list.filter((e) => e.id !== entry.id)].slice(0, SHOWN));
    },
  });
  // "just now" becomes "1 min ago" without a commit to redraw it.
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="live-activity">
      <h3>Live activity</h3>
      {error && <ErrorState error={error} />}
      {entries.length === 0 ? (
        <p className="state state-empty">
          Learners appear here as their courses save progress, while this page is open.
        </p>
      ) : (
        <div className="table-wrap">
          <table data-testid="live-activity">
            <thead>
              <tr>
                <th>Learner</th>
                <th>Course</th>
                <th>Status</th>
                <th>Progress</th>
                <th>Time spent</th>
                <th>Last activity</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <Link href={`/registrations/${entry.id}`}>
                      {entry.learner.name ?? entry.learner.id}
                    </Link>
                  </td>
                  <td>{entry.course.title}</td>
                  <td>
                    <StatusBadge status={entry.status} />
                  </td>
                  <td>
                    <RegistrationProgress registration={entry} />
                  </td>
                  <td>{formatDuration(entry.timeSpentSeconds)}</td>
                  <td title={entry.lastActivityAt ?? ''}>{relativeTime(entry.lastActivityAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
