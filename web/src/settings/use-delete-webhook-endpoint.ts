import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';

const DELETE_HOOK = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`);

/** Deletes an endpoint; it leaves the cache, and with it every list that held it. */
export function useDeleteWebhookEndpoint() {
  const [mutate, state] = useMutation(DELETE_HOOK);
  const remove = (id: string) =>
    mutate({
      variables: { id },
      update(cache, { data }) {
        if (!data?.deleteWebhookEndpoint) return;
        cache.evict({ id: cache.identify({ __typename: 'WebhookEndpoint', id }) });
        cache.gc();
      },
    });
  return [remove, state] as const;
}
