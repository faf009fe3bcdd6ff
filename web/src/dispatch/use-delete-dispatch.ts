import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';

const DELETE_DISPATCH = graphql(`
  mutation DeleteDispatch($id: ID!) {
    deleteDispatch(id: $id)
  }
`);

/** Deletes a dispatch; it leaves the cache, and with it the list and any page that showed it. */
export function useDeleteDispatch() {
  const [mutate, state] = useMutation(DELETE_DISPATCH);
  const remove = (id: string) =>
    mutate({
      variables: { id },
      update(cache, { data }) {
        if (!data?.deleteDispatch) return;
        cache.evict({ id: cache.identify({ __typename: 'Dispatch', id }) });
        cache.gc();
      },
    });
  return [remove, state] as const;
}
