import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { prependDelivery } from './delivery-log';

const TEST_HOOK = graphql(`
  mutation SendTestWebhook($id: ID!) {
    sendTestWebhook(id: $id) {
      ...WebhookDeliveryRow
    }
  }
`);

/** Queues a test event to an endpoint; the delivery goes to the top of its log at once. */
export function useSendTestWebhook() {
  const [mutate, state] = useMutation(TEST_HOOK);
  const send = (endpointId: string) =>
    mutate({
      variables: { id: endpointId },
      update(cache, { data }) {
        if (data) prependDelivery(cache, endpointId, data.sendTestWebhook.id);
      },
    });
  return [send, state] as const;
}
