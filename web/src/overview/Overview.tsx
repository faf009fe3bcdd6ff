import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo } from 'react';
import { graphql } from '../gql';
import { makeCoalescer } from '../ui/coalesce';
import { LoopbackWarning } from '../ui/LoopbackWarning';
import { StatCards } from '../ui/StatCards';
import { ErrorState, Loading } from '../ui/Status';
import { ActivityChart } from './ActivityChart';
import { CourseSummary } from './CourseSummary';
import { FirstRun } from './FirstRun';
import { LiveActivity, RECENT_SHOWN } from './LiveActivity';
import { OrganizationHeading } from './OrganizationHeading';

const OVERVIEW = graphql(`
  query Overview($recent: Int!) {
    me {
      id
      role
    }
    organization {
      id
      name
      stats {
        ...StatsFields
      }
      recentActivity(first: $recent) {
        ...LiveActivityEntry
      }
    }
  }
`);

const TRENDS = graphql(`
  query OverviewTrends($days: Int!) {
    organization {
      id
      dailyActivity(days: $days) {
        ...DailyActivityPoint
      }
    }
    courses {
      ...CourseSummaryRow
    }
  }
`);

const STATS_UPDATED = graphql(`
  subscription OrganizationStatsUpdated {
    organizationStatsUpdated {
      ...StatsFields
    }
  }
`);

/** Days the activity chart covers. */
const DAYS = 30;

/**
 * Charts and per-course figures are read again at most this often while stats move: they are
 * aggregates over many rows, and a glance every few seconds is as live as a chart needs.
 */
const TRENDS_INTERVAL_MS = 3000;

/** The organization at a glance; the figures move live as learners work. */
export function Overview() {
  const { data, error, loading } = useQuery(OVERVIEW, { variables: { recent: RECENT_SHOWN } });
  const trends = useQuery(TRENDS, { variables: { days: DAYS } });
  const refetchTrends = trends.refetch;
  const coalescer = useMemo(
    () => makeCoalescer<true>(() => void refetchTrends(), TRENDS_INTERVAL_MS),
    [refetchTrends],
  );
  useEffect(() => () => coalescer.cancel(), [coalescer]);
  const organizationId = data?.organization.id;
  useSubscription(STATS_UPDATED, {
    skip: !organizationId,
    onData: ({ client, data: event }) => {
      const stats = event.data?.organizationStatsUpdated;
      if (!stats || !organizationId) return;
      // The stats have no id of their own: put them on the organization they belong to.
      client.cache.modify({
        id: client.cache.identify({ __typename: 'Organization', id: organizationId }),
        fields: { stats: () => stats },
      });
      coalescer.push(true);
    },
  });
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
  const organization = data!.organization;
  const courses = trends.data?.courses;
  const role = data!.me?.role;
  return (
    <section>
      <OrganizationHeading
        name={organization.name}
        canRename={role === 'ADMIN' || role === 'OWNER'}
      />
      <LoopbackWarning what="Launch links and dispatch packages" />
      {courses && <FirstRun courseCount={courses.length} learnerCount={organization.stats.total} />}
      <StatCards stats={organization.stats} />
      {trends.error && <ErrorState error={trends.error} />}
      {trends.data && organization.stats.total > 0 && (
        <div className="charts">
          <ActivityChart days={trends.data.organization.dailyActivity} />
        </div>
      )}
      <LiveActivity organizationId={organization.id} entries={organization.recentActivity} />
      {courses && <CourseSummary courses={courses} />}
    </section>
  );
}
