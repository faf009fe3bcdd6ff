import type { Reference } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { graphql } from '../gql';
import type { LiveActivityEntryFragment } from '../gql/graphql';
import { formatDuration, relativeTime } from '../ui/format';
import { RegistrationProgress } from '../ui/ProgressBar';
import { Link } from '../ui/router';
import { StatusBadge } from '../ui/StatusBadge';
import { ErrorState } from '../ui/Status';

graphql(`
  fragment LiveActivityEntry on Registration {
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
`);

const ACTIVITY = graphql(`
  subscription LiveActivityUpdated {
    registrationUpdated {
      ...LiveActivityEntry
    }
  }
`);

/** How many learners the feed keeps, latest first (the overview asks for as many from history). */
export const RECENT_SHOWN = 12;

/**
 * The organization's learners by their last activity, latest first, one row each: the history
 * the overview loaded, then each commit as it arrives. An event is written into the cached
 * `recentActivity` list of the organization, so the feed, and any other view of it, moves
 * without a refetch.
 */
export function LiveActivity({
  organizationId,
  entries,
}: {
  organizationId: string;
  entries: LiveActivityEntryFragment[];
}) {
  const [, setTick] = useState(0);
  const { error } = useSubscription(ACTIVITY, {
    onData: ({ client, data }) => {
      const entry = data.data?.registrationUpdated;
      // A new registration that nobody launched yet has no activity to show.
      if (!entry?.lastActivityAt) return;
      client.cache.modify({
        id: client.cache.identify({ __typename: 'Organization', id: organizationId }),
        fields: {
          recentActivity(existing: readonly Reference[] = [], { readField, toReference }) {
            const ref = toReference({ __typename: 'Registration', id: entry.id });
            if (!ref) return existing;
            const rest = existing.filter((r) => readField('id', r) !== entry.id);
            return [ref, ...rest].slice(0, RECENT_SHOWN);
          },
        },
      });
    },
  });
  // "just now" becomes "1 min ago" without a commit to redraw it.
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="live-activity">
      <h3>Recent activity</h3>
      {error && <ErrorState error={error} />}
      {entries.length === 0 ? (
        <p className="state state-empty">
          No learner has worked on a course yet. They appear here, live, as their courses save
          progress.
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
