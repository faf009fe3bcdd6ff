import { useSubscription } from '@apollo/client/react';
import { graphql } from '../gql';
import type { WebhooksSectionFragment } from '../gql/graphql';
import { relativeTime } from '../ui/format';
import { Empty, ErrorState } from '../ui/Status';
import { prependDelivery } from './delivery-log';
import { fields } from './form-fields';
import { useCreateWebhookEndpoint } from './use-create-webhook-endpoint';
import { useDeleteWebhookEndpoint } from './use-delete-webhook-endpoint';
import { useReplayWebhookDelivery } from './use-replay-webhook-delivery';
import { useSendTestWebhook } from './use-send-test-webhook';

export const WEBHOOK_DELIVERY_ROW = graphql(`
  fragment WebhookDeliveryRow on WebhookDelivery {
    id
    eventType
    status
    attempts
    lastError
    lastStatusCode
    latencyMs
    createdAt
  }
`);

export const WEBHOOK_ENDPOINT_ROW = graphql(`
  fragment WebhookEndpointRow on WebhookEndpoint {
    id
    url
    events
    active
    deliveries(first: 20) {
      edges {
        node {
          ...WebhookDeliveryRow
        }
      }
    }
  }
`);

export const WEBHOOKS_SECTION = graphql(`
  fragment WebhooksSection on Query {
    webhookEndpoints {
      ...WebhookEndpointRow
    }
  }
`);

const DELIVERY_UPDATED = graphql(`
  subscription WebhookDeliveryUpdated {
    webhookDeliveryUpdated {
      endpointId
      delivery {
        ...WebhookDeliveryRow
      }
    }
  }
`);

const EVENTS = [
  'registration.updated',
  'registration.completed',
  'dispatch.launched',
  'dispatch.completed',
];

/**
 * Each attempt's outcome lands in the cache: a known delivery's row updates in place (it is
 * normalized by id), and a new one goes to the top of its endpoint's log.
 */
function useDeliveryUpdates(): void {
  useSubscription(DELIVERY_UPDATED, {
    onData: ({ client, data }) => {
      const event = data.data?.webhookDeliveryUpdated;
      if (!event) return;
      prependDelivery(client.cache, event.endpointId, event.delivery.id);
    },
  });
}

/** Webhook endpoints (the signing secret shown once) and each one's live delivery log. */
export function WebhooksSection({ data }: { data: WebhooksSectionFragment }) {
  const [createHook, hook] = useCreateWebhookEndpoint();
  const [testHook] = useSendTestWebhook();
  const [deleteHook] = useDeleteWebhookEndpoint();
  const [replay] = useReplayWebhookDelivery();
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
            url: String(f.get('url')),
            events: EVENTS.filter((ev) => f.get(ev)),
          }).catch(() => {});
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
            <button type="button" onClick={() => void testHook(endpoint.id).catch(() => {})}>
              Send test event
            </button>{' '}
            <button
              type="button"
              className="danger"
              onClick={() => void deleteHook(endpoint.id).catch(() => {})}
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
                        <button type="button" onClick={() => void replay(node.id).catch(() => {})}>
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
