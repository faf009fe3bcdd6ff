import type { Reference } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { signOut } from '../apollo/session';
import { graphql } from '../gql';
import { CopyButton } from '../ui/CopyButton';
import { relativeTime } from '../ui/format';
import { Empty, ErrorState, Loading } from '../ui/Status';
import { LrsCredentials } from './LrsCredentials';

const SETTINGS = graphql(`
  query Settings {
    me {
      id
      role
    }
    apiKeys {
      id
      name
      createdAt
      lastUsedAt
      revokedAt
    }
    users {
      id
      email
      role
    }
    invitations {
      id
      email
      role
      expiresAt
    }
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

const ORGANIZATIONS = graphql(`
  query Organizations {
    organizations {
      id
      name
      stats {
        total
      }
    }
  }
`);

const CREATE_KEY = graphql(`
  mutation CreateApiKey($name: String!) {
    createApiKey(name: $name) {
      id
      name
      token
    }
  }
`);
const REVOKE_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);
const INVITE = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      url
      invitation {
        id
        email
        expiresAt
      }
    }
  }
`);
const REVOKE_INVITATION = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      revokedAt
    }
  }
`);
const SIGN_OUT_EVERYWHERE = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`);

const CREATE_ORG = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
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

function fields(event: FormEvent<HTMLFormElement>): FormData {
  event.preventDefault();
  return new FormData(event.currentTarget);
}

/** API keys, users, webhooks and (for the owner) organizations. */
export function SettingsPage() {
  const { data, error, loading, refetch } = useQuery(SETTINGS);
  const [createKey, key] = useMutation(CREATE_KEY);
  const [revokeKey] = useMutation(REVOKE_KEY);
  const [invite, invited] = useMutation(INVITE);
  const [revokeInvitation] = useMutation(REVOKE_INVITATION);
  const [signOutEverywhere, signedOut] = useMutation(SIGN_OUT_EVERYWHERE);
  const [createHook, hook] = useMutation(CREATE_HOOK);
  const [testHook] = useMutation(TEST_HOOK);
  const [deleteHook] = useMutation(DELETE_HOOK);
  const [replay] = useMutation(REPLAY);
  // Each attempt's outcome lands in the cache: a known delivery's row updates in place (it is
  // normalized by id), and a new one goes to the top of its endpoint's log.
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
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
  const done = () => void refetch();
  return (
    <section className="settings">
      <h2>Settings</h2>
      <h2>API keys</h2>
      <form
        className="inline-form"
        aria-label="New API key"
        onSubmit={(e) => {
          const form = e.currentTarget;
          void createKey({ variables: { name: String(fields(e).get('name')) } }).then(
            () => (form.reset(), done()),
            () => {},
          );
        }}
      >
        <label>
          Name
          <input name="name" required placeholder="HR sync" />
        </label>
        <button type="submit">Create API key</button>
        {key.error && <ErrorState error={key.error} />}
      </form>
      {key.data && (
        <p className="secret" role="alert">
          <strong>Copy this token now; it will not be shown again:</strong>{' '}
          <code data-testid="api-key-token">{key.data.createApiKey.token}</code>{' '}
          <CopyButton text={key.data.createApiKey.token} label="Copy token" />
        </p>
      )}
      {data!.apiKeys.length === 0 ? (
        <Empty>No API keys.</Empty>
      ) : (
        <ul className="list">
          {data!.apiKeys.map((k) => (
            <li key={k.id}>
              {k.name} · created {relativeTime(k.createdAt)} · last used{' '}
              {relativeTime(k.lastUsedAt)}{' '}
              {k.revokedAt ? (
                <em>revoked</em>
              ) : (
                <button
                  type="button"
                  onClick={() => void revokeKey({ variables: { id: k.id } }).then(done)}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      <LrsCredentials />

      <h2>Users</h2>
      <ul className="list">
        {data!.users.map((u) => (
          <li key={u.id}>
            {u.email} · {u.role.toLowerCase()}
          </li>
        ))}
      </ul>
      {data!.invitations.length > 0 && (
        <>
          <h3>Pending invitations</h3>
          <ul className="list" aria-label="Pending invitations">
            {data!.invitations.map((i) => (
              <li key={i.id}>
                {i.email} · {i.role.toLowerCase()} · expires{' '}
                {new Date(i.expiresAt).toLocaleDateString()}{' '}
                <button
                  type="button"
                  onClick={() => void revokeInvitation({ variables: { id: i.id } }).then(done)}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form
        className="inline-form"
        aria-label="Invite user"
        onSubmit={(e) => {
          const form = e.currentTarget;
          const f = fields(e);
          void invite({
            variables: {
              input: {
                email: String(f.get('email')),
                role: f.get('role') === 'ADMIN' ? 'ADMIN' : 'VIEWER',
              },
            },
          }).then(
            () => (form.reset(), done()),
            () => {},
          );
        }}
      >
        <label>
          Email
          <input name="email" type="email" required />
        </label>
        <label>
          Role
          <select name="role">
            <option value="VIEWER">Viewer</option>
            <option value="ADMIN">Admin</option>
          </select>
        </label>
        <button type="submit">Invite</button>
        {invited.error && <ErrorState error={invited.error} />}
      </form>
      {invited.data && (
        <p className="secret" role="alert">
          <strong>
            Send this link to {invited.data.inviteUser.invitation.email} yourself; it is shown once,
            works once and expires on{' '}
            {new Date(invited.data.inviteUser.invitation.expiresAt).toLocaleDateString()}:
          </strong>{' '}
          <code data-testid="invitation-link">{invited.data.inviteUser.url}</code>{' '}
          <CopyButton text={invited.data.inviteUser.url} label="Copy link" />
        </p>
      )}
      <p>
        {/* Ends this session too, on every device and open tab within seconds. */}
        <button type="button" onClick={() => void signOutEverywhere().then(signOut, () => {})}>
          Sign out everywhere
        </button>
        {signedOut.error && <ErrorState error={signedOut.error} />}
      </p>

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
          }).then(done, () => {});
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
      {data!.webhookEndpoints.map((endpoint) => (
        <div key={endpoint.id} className="endpoint">
          <p>
            <code>{endpoint.url}</code> · {endpoint.events.join(', ')}{' '}
            <button
              type="button"
              onClick={() => void testHook({ variables: { id: endpoint.id } }).then(done)}
            >
              Send test event
            </button>{' '}
            <button
              type="button"
              className="danger"
              onClick={() => void deleteHook({ variables: { id: endpoint.id } }).then(done)}
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
                          onClick={() => void replay({ variables: { id: node.id } }).then(done)}
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
      {data!.me?.role === 'OWNER' && <Organizations />}
    </section>
  );
}

function Organizations() {
  const { data, refetch } = useQuery(ORGANIZATIONS);
  const [create, created] = useMutation(CREATE_ORG);
  return (
    <>
      <h2>Organizations</h2>
      <ul className="list">
        {data?.organizations.map((o) => (
          <li key={o.id}>
            {o.name} · {o.stats.total} learners
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        aria-label="New organization"
        onSubmit={(e) => {
          const f = fields(e);
          void create({
            variables: {
              input: {
                name: String(f.get('name')),
                adminEmail: String(f.get('adminEmail')),
                adminPassword: String(f.get('adminPassword')),
              },
            },
          }).then(
            () => void refetch(),
            () => {},
          );
        }}
      >
        <label>
          Name
          <input name="name" required />
        </label>
        <label>
          Admin email
          <input name="adminEmail" type="email" required />
        </label>
        <label>
          Admin password
          <input name="adminPassword" type="password" required minLength={10} />
        </label>
        <button type="submit">Create organization</button>
        {created.error && <ErrorState error={created.error} />}
      </form>
    </>
  );
}
