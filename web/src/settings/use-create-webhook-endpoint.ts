import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import type { CreateWebhookEndpointInput } from '../gql/graphql';

const CREATE_HOOK = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        ...WebhookEndpointRow
      }
    }
  }
`);

/** Adds an endpoint (its signing secret is in the answer, shown once) at the end of the list. */
export function useCreateWebhookEndpoint() {
  const [mutate, state] = useMutation(CREATE_HOOK, {
    update(cache, { data }) {
      const endpoint = data?.createWebhookEndpoint.endpoint;
      const id = endpoint && cache.identify({ __typename: 'WebhookEndpoint', id: endpoint.id });
      if (!id) return;
      cache.modify({
        fields: {
          webhookEndpoints: (existing: readonly Reference[] = [], { toReference }) =>
            existing.some((e) => e.__ref === id) ? existing : [...existing, toReference(id)!],
        },
      });
    },
  });
  const create = (input: CreateWebhookEndpointInput) => mutate({ variables: { input } });
  return [create, state] as const;
}
