import type { ApolloCache, Reference } from '@apollo/client';

/** An endpoint's cached `deliveries(first: 20)`. */
interface DeliveryLog {
  edges: ReadonlyArray<{ node: Reference }>;
}

/** How many deliveries an endpoint's log shows (the fragment's `first`). */
const SHOWN = 20;

/**
 * Puts a delivery already in the cache at the top of its endpoint's log, unless it is there:
 * a known delivery's row updates in place, as it is normalized by id.
 */
export function prependDelivery(cache: ApolloCache, endpointId: string, deliveryId: string): void {
  cache.modify({
    id: cache.identify({ __typename: 'WebhookEndpoint', id: endpointId }),
    fields: {
      deliveries(existing, { readField, toReference }) {
        const log = existing as DeliveryLog;
        const ref = toReference({ __typename: 'WebhookDelivery', id: deliveryId });
        if (!ref || log.edges.some((e) => readField('id', e.node) === deliveryId)) return log;
        const edge = { __typename: 'WebhookDeliveryEdge', cursor: '', node: ref };
        return { ...log, edges: [edge, ...log.edges].slice(0, SHOWN) };
      },
    },
  });
}
