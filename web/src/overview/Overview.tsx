import { useQuery, useSubscription } from '@apollo/client/react';
import { graphql } from '../gql';
import { StatCards } from '../ui/StatCards';
import { ErrorState, Loading } from '../ui/Status';
import { LiveActivity } from './LiveActivity';

const ORGANIZATION_STATS = graphql(`
  query OrganizationStats {
    organization {
      id
      name
      stats {
        ...StatsFields
      }
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

/** The organization at a glance; the figures move live as learners work. */
export function Overview() {
  const { data, error, loading } = useQuery(ORGANIZATION_STATS);
  const live = useSubscription(STATS_UPDATED);
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
  const stats = live.data?.organizationStatsUpdated ?? data!.organization.stats;
  return (
    <section>
      <h2>{data!.organization.name}</h2>
      <StatCards stats={stats} />
      <LiveActivity />
    </section>
  );
}
