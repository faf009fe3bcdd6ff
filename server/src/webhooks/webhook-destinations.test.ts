import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { postWebhook } from './post-webhook.js';

const CREATE =
  'mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } } }';

/** A TCP listener on loopback (both families) that only counts the connections it gets. */
async function startCountingListener() {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    connections: () => connections,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('webhook destinations without WEBHOOK_ALLOW_PRIVATE', () => {
  let courier: TestCourier;
  let token: string;
  let listener: Awaited<ReturnType<typeof startCountingListener>>;

  before(async () => {
    courier = await startTestCourier({ WEBHOOK_WORKER: 'off' });
    token = await courier.ownerToken();
    listener = await startCountingListener();
  });
  after(async () => {
    await listener.close();
    await courier.stop();
  });

  it('refuses loopback, private, link-local, unique-local and metadata hosts in every spelling', async () => {
    const p = listener.port;
    const refused: Array<[string, RegExp]> = [
      [`https://127.0.0.1:${p}/hook`, /127\.0\.0\.1 is a loopback address/],
      ['https://127.1/hook', /loopback/],
      ['https://0x7f000001/hook', /loopback/],
      ['https://2130706433/hook', /loopback/],
      [`https://localhost:${p}/hook`, /localhost resolves to 127\.0\.0\.1, a loopback address/],
      ['https://[::1]/hook', /::1 is a loopback address/],
      ['https://[::ffff:127.0.0.1]/hook', /loopback/],
      ['https://[fd12:3456::1]/hook', /unique-local/],
      ['https://[fe80::1]/hook', /link-local/],
      ['https://169.254.169.254/latest/meta-data/', /link-local \(cloud metadata/],
      ['https://10.0.0.1/', /10\.0\.0\.1 is a private address/],
      ['https://192.168.0.10/', /private/],
      ['https://[64:ff9b::7f00:1]/', /loopback/],
      ['http://example.com/hook', /must use https/],
    ];
    for (const [url, reason] of refused) {
      const result = await courier.gql(
        CREATE,
        { i: { url, events: ['registration.updated'] } },
        token,
      );
      assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', url);
      assert.match(result.errors![0]!.message, reason, url);
    }
    const { webhookEndpoints } = await courier.gqlOk('{ webhookEndpoints { id } }', {}, token);
    assert.deepEqual(webhookEndpoints, []);
    assert.equal(listener.connections(), 0);
  });

  it('refuses on the address it connects to an endpoint saved earlier, and connects nowhere', async () => {
    const p = listener.port;
    // As if saved while the name still resolved to a public address (DNS rebinding), or by an
    // instance that allowed private destinations.
    const em = courier.services.orm.em.fork();
    const [{ id: organizationId }] = (await em.execute('SELECT id FROM organizations LIMIT 1')) as [
      { id: string },
    ];
    const urls = [
      `https://localhost:${p}/hook`,
      `https://127.0.0.1:${p}/hook`,
      `https://[::1]:${p}/hook`,
      `https://[::ffff:127.0.0.1]:${p}/hook`,
      `http://localhost:${p}/hook`,
    ];
    for (const url of urls) {
      const [{ id }] = (await em.execute(
        `INSERT INTO webhook_endpoints (id, organization_id, url, events, secret_encrypted, active, created_at)
         VALUES (gen_random_uuid(), ?, ?, '{registration.updated}', ?, true, now()) RETURNING id`,
        [organizationId, url, courier.services.secrets.seal('whsec_test')],
      )) as [{ id: string }];
      await courier.gqlOk('mutation($id: ID!) { sendTestWebhook(id: $id) { id } }', { id }, token);
    }
    assert.equal(await courier.services.webhooks.runOnce(), urls.length);
    await courier.services.webhooks.idle();
    assert.equal(listener.connections(), 0, 'no connection reached the loopback listener');
    const { webhookEndpoints } = await courier.gqlOk(
      '{ webhookEndpoints { url deliveries { edges { node { status attempts lastError latencyMs lastStatusCode } } } } }',
      {},
      token,
    );
    for (const endpoint of webhookEndpoints) {
      const [delivery] = endpoint.deliveries.edges.map((e: any) => e.node);
      assert.equal(delivery.status, 'PENDING', endpoint.url);
      assert.equal(delivery.attempts, 1, endpoint.url);
      assert.equal(delivery.lastStatusCode, null, endpoint.url);
      assert.match(delivery.lastError, /loopback address|must use https/, endpoint.url);
      if (!endpoint.url.startsWith('http:')) assert.equal(delivery.latencyMs, null, endpoint.url);
    }
    // The same destination is reachable when private addresses are allowed: the refusal above
    // is the guard, not an unreachable port.
    await postWebhook(`http://localhost:${p}/hook`, {
      headers: {},
      body: '{}',
      timeoutMs: 2000,
      allowPrivate: true,
    }).catch(() => 0);
    assert.equal(listener.connections(), 1);
  });
});
