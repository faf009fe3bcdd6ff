import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';

const REPLAY = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDeliveries(deliveryId: $id)
  }
`);

/**
 * Sends a delivery again. The server puts it back to PENDING, as the row shows at once; its
 * attempts then arrive through the delivery subscription.
 */
export function useReplayWebhookDelivery() {
  const [mutate, state] = useMutation(REPLAY);
  const replay = (id: string) =>
    mutate({
      variables: { id },
      update(cache, { data }) {
        if (!data?.replayWebhookDeliveries) return;
        cache.modify({
          id: cache.identify({ __typename: 'WebhookDelivery', id }),
          fields: { status: () => 'PENDING' },
        });
      },
    });
  return [replay, state] as const;
}
