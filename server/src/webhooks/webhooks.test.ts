import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { commit, importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './sign-webhook.js';
import { nextRetryDelayMs } from './webhook-worker.js';

interface Received {
  type: string;
  data: Record<string, any>;
  signatureValid: boolean;
}

/** A receiving server on loopback that refuses its first `failFirst` requests with a 503. */
async function startReceiver(secretOf: () => string, failFirst = 0) {
  const received: Received[] = [];
  let requests = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests++;
    if (requests <= failFirst) {
      res.writeHead(503).end();
      return;
    }
    const event = JSON.parse(body) as { type: string; data: Record<string, any> };
    received.push({
      ...event,
      signatureValid: verifyWebhookSignature(
        secretOf(),
        String(req.headers[SIGNATURE_HEADER]),
        body,
      ),
    });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    requests: () => requests,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function until<T>(check: () => T | Promise<T> | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

const CREATE =
  'mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id } } }';

describe('webhooks', () => {
  let courier: TestCourier;
  let token: string;
  let course: string;
  before(async () => {
    courier = await startTestCourier({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    token = await courier.ownerToken();
    course = await importOk(courier, token, await scorm12SinglePackage({ title: 'Hooked' }));
  });
  after(async () => {
    await courier.stop();
  });

  it('retries with growing, jittered delays for over a day', () => {
    assert.ok(nextRetryDelayMs(1, 0) >= 15_000 && nextRetryDelayMs(1, 1) <= 30_000);
    assert.ok(nextRetryDelayMs(5, 1) > nextRetryDelayMs(2, 1));
    assert.equal(nextRetryDelayMs(40, 1), 6 * 3600_000);
  });

  it('delivers every event of a registration in order, signed, after the first deliveries fail', async () => {
    let secret = '';
    const receiver = await startReceiver(() => secret, 2);
    try {
      const created = await courier.gqlOk(
        CREATE,
        { i: { url: receiver.url, events: ['registration.updated', 'registration.completed'] } },
        token,
      );
      secret = created.createWebhookEndpoint.secret;
      const launch = await registerAndLaunch(courier, token, course, { id: 'hooked-1' });
      await commit(courier, launch, 1, { 'cmi.core.lesson_location': 'one' });
      await commit(courier, launch, 2, { 'cmi.core.lesson_location': 'two' });
      await commit(courier, launch, 3, { 'cmi.core.lesson_status': 'passed' });
      // Failed attempts wait 15-30 s before their retry: make retries due now, as time would.
      await until(async () => {
        await courier.services.orm.em
          .fork()
          .execute(
            "UPDATE webhook_deliveries SET next_attempt_at = now() WHERE status = 'PENDING'",
          );
        courier.services.webhooks.poke();
        await new Promise((r) => setTimeout(r, 100));
        return receiver.received.length >= 4;
      });
      assert.deepEqual(
        receiver.received.map((e) => `${e.type}:${e.data['status']}`),
        [
          'registration.updated:IN_PROGRESS',
          'registration.updated:IN_PROGRESS',
          'registration.updated:PASSED',
          'registration.completed:PASSED',
        ],
      );
      assert.ok(receiver.received.every((e) => e.signatureValid));
      const { webhookEndpoints } = await courier.gqlOk(
        '{ webhookEndpoints { deliveries { edges { node { status attempts lastError } } } } }',
        {},
        token,
      );
      const nodes = webhookEndpoints[0].deliveries.edges.map((e: any) => e.node);
      assert.ok(nodes.every((n: any) => n.status === 'DELIVERED'));
      assert.ok(
        nodes.some((n: any) => n.attempts > 1),
        'the log shows the retried delivery',
      );
    } finally {
      await receiver.close();
      await courier.services.orm.em.fork().execute('DELETE FROM webhook_endpoints');
    }
  });

  it('delivers nothing to an endpoint deactivated after its events were queued', async () => {
    const active = await startReceiver(() => '');
    const inactive = await startReceiver(() => '');
    try {
      const ids: string[] = [];
      for (const receiver of [inactive, active]) {
        const created = await courier.gqlOk(
          CREATE,
          { i: { url: receiver.url, events: ['registration.updated'] } },
          token,
        );
        ids.push(created.createWebhookEndpoint.endpoint.id);
      }
      const [inactiveId, activeId] = ids as [string, string];
      // Queue first, then deactivate: what was already in the outbox must not go out either.
      await courier.services.orm.em.fork().execute(
        `INSERT INTO webhook_deliveries (id, endpoint_id, organization_id, event_type, ordering_key, payload, status, attempts, next_attempt_at, created_at)
           SELECT gen_random_uuid(), e.id, e.organization_id, 'ping', 'queued-' || e.id, '{"type":"ping","data":{}}', 'PENDING', 0, now() + interval '1 hour', now()
             FROM webhook_endpoints e WHERE e.id = ?`,
        [inactiveId],
      );
      await courier.gqlOk(
        'mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { active: false }) { active } }',
        { id: inactiveId },
        token,
      );
      await courier.services.orm.em
        .fork()
        .execute('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE endpoint_id = ?', [
          inactiveId,
        ]);
      await courier.gqlOk(
        'mutation($id: ID!) { sendTestWebhook(id: $id) { id } }',
        { id: inactiveId },
        token,
      );
      await courier.gqlOk(
        'mutation($id: ID!) { sendTestWebhook(id: $id) { id } }',
        { id: activeId },
        token,
      );
      // The inactive endpoint's rows are older, so any pass that took the active one's would
      // have taken them too.
      await until(() => active.received.length >= 1);
      await courier.services.webhooks.idle();
      assert.equal(inactive.requests(), 0);
      const [{ attempts }] = (await courier.services.orm.em
        .fork()
        .execute('SELECT max(attempts) AS attempts FROM webhook_deliveries WHERE endpoint_id = ?', [
          inactiveId,
        ])) as [{ attempts: number }];
      assert.equal(attempts, 0);
    } finally {
      await active.close();
      await inactive.close();
      await courier.services.orm.em.fork().execute('DELETE FROM webhook_endpoints');
    }
  });

  it("delivers one tenant's events while another tenant's endpoints hang", async () => {
    let hung = 0;
    let released = 0;
    const hanging: Server = createServer((req) => {
      hung++;
      req.socket.on('close', () => released++);
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const hangingUrl = `http://127.0.0.1:${(hanging.address() as { port: number }).port}/hook`;
    const fast = await startReceiver(() => '');
    try {
      for (let i = 0; i < 6; i++) {
        const { createWebhookEndpoint } = await courier.gqlOk(
          CREATE,
          { i: { url: `${hangingUrl}?n=${i}`, events: ['registration.updated'] } },
          token,
        );
        for (let j = 0; j < 5; j++)
          await courier.gqlOk(
            'mutation($id: ID!) { sendTestWebhook(id: $id) { id } }',
            { id: createWebhookEndpoint.endpoint.id },
            token,
          );
      }
      await until(() => hung >= 6);
      const other = `tenant-b-${Date.now()}@courier.test`;
      await courier.gqlOk(
        'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
        { i: { name: 'Tenant B', adminEmail: other, adminPassword: 'tenant-b-password-1' } },
        token,
      );
      const { login } = await courier.gqlOk(
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: other, p: 'tenant-b-password-1' },
      );
      const { createWebhookEndpoint } = await courier.gqlOk(
        CREATE,
        { i: { url: fast.url, events: ['registration.updated'] } },
        login.token,
      );
      await courier.gqlOk(
        'mutation($id: ID!) { sendTestWebhook(id: $id) { id } }',
        { id: createWebhookEndpoint.endpoint.id },
        login.token,
      );
      await until(() => fast.received.length >= 1);
      assert.equal(released, 0, "tenant B's delivery did not wait for tenant A's to time out");
    } finally {
      hanging.closeAllConnections();
      await new Promise((r) => hanging.close(r));
      await fast.close();
      await courier.services.orm.em.fork().execute('DELETE FROM webhook_endpoints');
      await courier.services.webhooks.idle();
    }
  });

  it('delivers after a restart what was committed before the process went away', async (t) => {
    if (!process.env['DATABASE_URL'])
      return t.skip(
        'needs DATABASE_URL: an in-memory embedded database does not outlive its process',
      );
    let secret = '';
    const receiver = await startReceiver(() => secret);
    const first = await startTestCourier({ WEBHOOK_WORKER: 'off', WEBHOOK_ALLOW_PRIVATE: 'true' });
    let second: TestCourier | null = null;
    try {
      const owner = await first.ownerToken();
      const c = await importOk(first, owner, await scorm12SinglePackage({ title: 'Restart' }));
      secret = (
        await first.gqlOk(
          CREATE,
          { i: { url: receiver.url, events: ['registration.completed'] } },
          owner,
        )
      ).createWebhookEndpoint.secret;
      const launch = await registerAndLaunch(first, owner, c, { id: 'restart-1' });
      await commit(first, launch, 1, { 'cmi.core.lesson_status': 'completed' });
      await first.stopKeepingDatabase();
      assert.equal(receiver.received.length, 0);
      second = await startTestCourier(
        { WEBHOOK_ALLOW_PRIVATE: 'true' },
        { shareDatabaseWith: first, takeOverDatabase: true },
      );
      await until(() => receiver.received.length >= 1);
      assert.equal(receiver.received[0]!.type, 'registration.completed');
      assert.ok(receiver.received[0]!.signatureValid);
    } finally {
      await second?.stop();
      await receiver.close();
    }
  });

  it('streams a CSV export of the registrations with the current filters', async () => {
    const res = await fetch(`${courier.url}/api/exports/registrations.csv?status=PASSED`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    assert.match(lines[0]!, /^registration_id,course,learner_id/);
    assert.ok(lines.length >= 2);
    assert.ok(lines.slice(1).every((l) => l.includes(',PASSED,')));
  });
});
