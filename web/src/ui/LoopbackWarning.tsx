import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const DEPLOYMENT = graphql(`
  query Deployment {
    deployment {
      publicUrl
      publicUrlIsLoopback
    }
  }
`);

/**
 * Warns, where links or packages are handed out, that they point at this machine only: with
 * PUBLIC_URL unset they say `localhost`, which no learner elsewhere and no other LMS can reach.
 */
export function LoopbackWarning({ what }: { what: string }) {
  const { data } = useQuery(DEPLOYMENT);
  if (!data?.deployment.publicUrlIsLoopback) return null;
  return (
    <p className="warning" role="note" data-testid="loopback-warning">
      <strong>
        {what} point at {data.deployment.publicUrl}
      </strong>
      , an address only this machine reaches: nobody elsewhere can open them. Set{' '}
      <code>PUBLIC_URL</code> to the address people use to reach Courier and restart it.
    </p>
  );
}
