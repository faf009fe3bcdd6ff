import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';

const REVOKE_INVITATION = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      revokedAt
    }
  }
`);

/** Revokes an invitation; it leaves the cached pending list (which holds unrevoked ones only). */
export function useRevokeInvitation() {
  const [mutate, state] = useMutation(REVOKE_INVITATION, {
    update(cache, { data }) {
      const revoked = data?.revokeInvitation;
      const id = revoked && cache.identify({ __typename: 'Invitation', id: revoked.id });
      if (!id) return;
      cache.modify({
        fields: {
          invitations: (existing: readonly Reference[] = []) =>
            existing.filter((i) => i.__ref !== id),
        },
      });
    },
  });
  const revoke = (id: string) => mutate({ variables: { id } });
  return [revoke, state] as const;
}
