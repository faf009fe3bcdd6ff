import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import type { CreateDispatchInput } from '../gql/graphql';

const CREATE_DISPATCH = graphql(`
  mutation CreateDispatch($input: CreateDispatchInput!) {
    createDispatch(input: $input) {
      key
      secret
      dispatch {
        ...DispatchSummary
      }
    }
  }
`);

/**
 * Creates a dispatch (its secret is in the answer, shown once). The answer carries the whole
 * summary, so the new dispatch goes to the top of the cached list (newest first, as the server
 * orders it) with no refetch.
 */
export function useCreateDispatch() {
  const [mutate, state] = useMutation(CREATE_DISPATCH, {
    update(cache, { data }) {
      const dispatch = data?.createDispatch.dispatch;
      const id = dispatch && cache.identify({ __typename: 'Dispatch', id: dispatch.id });
      if (!id) return;
      cache.modify({
        fields: {
          dispatches: (existing: readonly Reference[] = [], { toReference }) =>
            existing.some((d) => d.__ref === id) ? existing : [toReference(id)!, ...existing],
        },
      });
    },
  });
  const create = (input: CreateDispatchInput) => mutate({ variables: { input } });
  return [create, state] as const;
}
