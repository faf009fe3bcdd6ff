import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';

const REVOKE_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

/** Revokes an API key. The answer carries its id and revokedAt: the normalized row updates. */
export function useRevokeApiKey() {
  const [mutate, state] = useMutation(REVOKE_KEY);
  const revoke = (id: string) => mutate({ variables: { id } });
  return [revoke, state] as const;
}
