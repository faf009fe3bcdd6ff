import type { Reference } from '@apollo/client';
import { useMutation, useSubscription } from '@apollo/client/react';
import { graphql } from '../gql';
import type { WebhooksSectionFragment } from '../gql/graphql';
import { relativeTime } from '../ui/format';
import { Empty, ErrorState } from '../ui/Status';
import { fields } from './form-fields';

export const WEBHOOKS_SECTION = graphql(`
  fragment WebhooksSection on Query {
    webhookEndpoints {
      id
      url
      events
      active
      deliveries(first: 20) {
        edges {
          node {
            id
            eventType
            status
            attempts
            lastError
            lastStatusCode
            latencyMs
            createdAt
          }
        }
      }
    }
  }
`);

const DELIVERY_UPDATED = graphql(`
  subscription WebhookDeliveryUpdated {
    webhookDeliveryUpdated {
      endpointId
      delivery {
        id
        eventType
        status
        attempts
        lastError
        lastStatusCode
        latencyMs
        createdAt
      }
    }
  }
`);

const CREATE_HOOK = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
      }
    }
  }
`);
const TEST_HOOK = graphql(`
  mutation SendTestWebhook($id: ID!) {
    sendTestWebhook(id: $id) {
      id
    }
  }
`);
const DELETE_HOOK = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`);
const REPLAY = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDeliveries(deliveryId: $id)
  }
`);

const EVENTS = [
  'registration.updated',
  'registration.completed',
  'dispatch.launched',
  'dispatch.completed',
];

/** An endpoint's cached `deliveries(first: 20)`, as the subscription edits it. */
interface DeliveryLog {
  edges: ReadonlyArray<{ node: Reference }>;
}

/**
 * Each attempt's outcome lands in the cache: a known delivery's row updates in place (it is
 * normalized by id), and a new one goes to the top of its endpoint's log.
 */
function useDeliveryUpdates(): void {
  useSubscription(DELIVERY_UPDATED, {
    onData: ({ client, data }) => {
      const event = data.data?.webhookDeliveryUpdated;
      if (!event) return;
      client.cache.modify({
        id: client.cache.identify({ __typename: 'WebhookEndpoint', id: event.endpointId }),
        fields: {
          deliveries(existing, { readField, toReference }) {
            const log = existing as DeliveryLog;
            const ref = toReference({ __typename: 'WebhookDelivery', id: event.delivery.id });
            if (!ref || log.edges.some((e) => readField('id', e.node) === event.delivery.id))
              return log;
            const edge = { __typename: 'WebhookDeliveryEdge', cursor: '', node: ref };
            return { ...log, edges: [edge, ...log.edges].slice(0, 20) };
          },
        },
      });
    },
  });
}

/** Webhook endpoints (the signing secret shown once) and each one's live delivery log. */
export function WebhooksSection({
  data,
  onChange,
}: {
  data: WebhooksSectionFragment;
  onChange: () => void;
}) {
  const [createHook, hook] = useMutation(CREATE_HOOK);
  const [testHook] = useMutation(TEST_HOOK);
  const [deleteHook] = useMutation(DELETE_HOOK);
  const [replay] = useMutation(REPLAY);
  useDeliveryUpdates();
  return (
    <>
      <h2>Webhooks</h2>
      <form
        className="inline-form"
        aria-label="New webhook endpoint"
        onSubmit={(e) => {
          const f = fields(e);
          void createHook({
            variables: {
              input: { url: String(f.get('url')), events: EVENTS.filter((ev) => f.get(ev)) },
            },
          }).then(onChange, () => {});
        }}
      >
        <label>
          URL
          <input name="url" type="url" required placeholder="https://example.com/courier" />
        </label>
        {EVENTS.map((ev) => (
          <label key={ev} className="check">
            <input type="checkbox" name={ev} defaultChecked={ev.startsWith('registration')} /> {ev}
          </label>
        ))}
        <button type="submit">Add endpoint</button>
        {hook.error && <ErrorState error={hook.error} />}
      </form>
      {hook.data && (
        <p className="secret" role="alert">
          <strong>Signing secret, shown once:</strong>{' '}
          <code>{hook.data.createWebhookEndpoint.secret}</code>
        </p>
      )}
      {data.webhookEndpoints.map((endpoint) => (
        <div key={endpoint.id} className="endpoint">
          <p>
            <code>{endpoint.url}</code> · {endpoint.events.join(', ')}{' '}
            <button
              type="button"
              onClick={() => void testHook({ variables: { id: endpoint.id } }).then(onChange)}
            >
              Send test event
            </button>{' '}
            <button
              type="button"
              className="danger"
              onClick={() => void deleteHook({ variables: { id: endpoint.id } }).then(onChange)}
            >
              Delete
            </button>
          </p>
          {endpoint.deliveries.edges.length === 0 ? (
            <Empty>No deliveries yet.</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Event</th>
                    <th>Status</th>
                    <th>Attempts</th>
                    <th>Last error</th>
                    <th>Latency</th>
                    <th>Created</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {endpoint.deliveries.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>{node.eventType}</td>
                      <td>
                        <span
                          className={`badge badge-delivery-${node.status.toLowerCase()}`}
                          data-testid="delivery-status"
                        >
                          {node.status.charAt(0) + node.status.slice(1).toLowerCase()}
                        </span>
                      </td>
                      <td>{node.attempts}</td>
                      <td>{node.lastError ?? '—'}</td>
                      <td>{node.latencyMs !== null ? `${node.latencyMs} ms` : '—'}</td>
                      <td>{relativeTime(node.createdAt)}</td>
                      <td>
                        <button
                          type="button"
                          onClick={() => void replay({ variables: { id: node.id } }).then(onChange)}
                        >
                          Replay
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
    </>
  );
}
