import { graphql } from '../gql';

/** The figures every stats view shows (overview, course detail, live updates). */
export const STATS_FIELDS = graphql(`
  fragment StatsFields on RegistrationStats {
    total
    notStarted
    inProgress
    completed
    passed
    failed
    completionRate
    averageProgress
    knownProgressCount
  }
`);
