import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import type { InviteUserInput } from '../gql/graphql';

const INVITE = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      url
      invitation {
        id
        email
        role
        expiresAt
      }
    }
  }
`);

/** Invites a user (the link is in the answer, shown once); the invitation joins the pending list. */
export function useInviteUser() {
  const [mutate, state] = useMutation(INVITE, {
    update(cache, { data }) {
      const invitation = data?.inviteUser.invitation;
      const id = invitation && cache.identify({ __typename: 'Invitation', id: invitation.id });
      if (!id) return;
      cache.modify({
        fields: {
          invitations: (existing: readonly Reference[] = [], { toReference }) =>
            existing.some((i) => i.__ref === id) ? existing : [toReference(id)!, ...existing],
        },
      });
    },
  });
  const invite = (input: InviteUserInput) => mutate({ variables: { input } });
  return [invite, state] as const;
}
