import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, type Client } from 'graphql-ws';
import type { Topic } from '../events/topics.js';
import WebSocket from 'ws';
import { commit, importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

/** Resolves once `check` holds, checked at every turn of the event loop; fails after `ms`. */
async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A graphql-ws subscription whose events land in `events`. `ready` resolves once the server
 * listens on `topic` for it (so no event is missed, and no sleep guesses when); `dispose`
 * resolves once it stopped listening. Subscribe one at a time: `ready` counts listeners.
 */
function subscribe(
  courier: TestCourier,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  topic: Topic = 'REGISTRATION_UPDATED',
) {
  const listening = () => courier.services.events.listenerCount(topic);
  const before = listening();
  const client: Client = createClient({
    url: courier.url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const events: any[] = [];
  /** Deferred waits on the event count, settled by `next`. */
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  client.subscribe(
    { query, variables },
    {
      next: (value) => {
        events.push(value);
        for (const waiter of waiters.filter((w) => events.length >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
      error: () => {},
      complete: () => {},
    },
  );
  return {
    events,
    ready: until(() => listening() > before, `the server subscribing to ${topic}`),
    /** Waits until `count` events arrived, failing after `ms`. */
    async waitFor(count: number, ms = 5000) {
      if (events.length >= count) return events;
      let timer: NodeJS.Timeout | undefined;
      try {
        await new Promise<void>((resolve, reject) => {
          waiters.push({ count, resolve });
          timer = setTimeout(
            () => reject(new Error(`only ${events.length} of ${count} events arrived`)),
            ms,
          );
        });
      } finally {
        clearTimeout(timer);
      }
      return events;
    },
    async dispose() {
      const subscribed = listening();
      await client.dispose();
      await until(() => listening() < subscribed, `the server unsubscribing from ${topic}`);
    },
  };
}

const REGISTRATION_UPDATED =
  'subscription($c: ID) { registrationUpdated(courseId: $c) { id status learner { id } } }';

describe('live updates over graphql-ws', () => {
  let courier: TestCourier;
  let token: string;
  let courseA: string;
  let courseB: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    courseA = await importOk(courier, token, await scorm12SinglePackage({ title: 'A' }));
    courseB = await importOk(courier, token, await scorm12SinglePackage({ title: 'B' }));
  });
  after(async () => {
    await courier.stop();
  });

  it('pushes every accepted commit of the organization, filtered by course', async () => {
    const all = subscribe(courier, token, REGISTRATION_UPDATED);
    await all.ready;
    const onlyB = subscribe(courier, token, REGISTRATION_UPDATED, { c: courseB });
    await onlyB.ready;
    const a = await registerAndLaunch(courier, token, courseA, { id: 'live-a' });
    const b = await registerAndLaunch(courier, token, courseB, { id: 'live-b' });
    await commit(courier, a, 1, { 'cmi.core.lesson_status': 'passed' });
    await commit(courier, b, 1, { 'cmi.core.lesson_status': 'failed' });
    const events = await all.waitFor(4);
    assert.deepEqual(
      events.map(
        (e) => `${e.data.registrationUpdated.learner.id}:${e.data.registrationUpdated.status}`,
      ),
      ['live-a:NOT_STARTED', 'live-b:NOT_STARTED', 'live-a:PASSED', 'live-b:FAILED'],
    );
    const bEvents = await onlyB.waitFor(2);
    assert.ok(bEvents.every((e) => e.data.registrationUpdated.learner.id === 'live-b'));
    await all.dispose();
    await onlyB.dispose();
  });

  it('never shows another organization’s commits', async () => {
    await courier.gqlOk(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      { i: { name: 'Other', adminEmail: 'other@org.test', adminPassword: 'other-password-1' } },
      token,
    );
    const other = await courier.gqlOk(
      'mutation { login(email: "other@org.test", password: "other-password-1") { token } }',
    );
    const spy = subscribe(courier, other.login.token, REGISTRATION_UPDATED);
    await spy.ready;
    const mine = subscribe(courier, token, REGISTRATION_UPDATED);
    await mine.ready;
    const l = await registerAndLaunch(courier, token, courseA, { id: 'private' });
    await commit(courier, l, 1, { 'cmi.core.lesson_status': 'incomplete' });
    await mine.waitFor(2);
    assert.equal(spy.events.length, 0);
    await spy.dispose();
    await mine.dispose();
  });

  it('coalesces organization stats to a few updates a second', async () => {
    const stats = subscribe(
      courier,
      token,
      'subscription { organizationStatsUpdated { total completed passed failed } }',
      {},
      'STATS_CHANGED',
    );
    await stats.ready;
    const launches = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        registerAndLaunch(courier, token, courseA, { id: `burst-${i}` }),
      ),
    );
    await Promise.all(
      launches.map((l) => commit(courier, l, 1, { 'cmi.core.lesson_status': 'completed' })),
    );
    const started = Date.now();
    // The last update must show the final figures.
    while (Date.now() - started < 5000) {
      const last = stats.events.at(-1)?.data.organizationStatsUpdated;
      if (last && last.completed >= 20) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const last = stats.events.at(-1).data.organizationStatsUpdated;
    const { organization } = await courier.gqlOk(
      '{ organization { stats { total completed passed failed } } }',
      {},
      token,
    );
    assert.deepEqual(last, organization.stats);
    assert.ok(stats.events.length < 20, `40 changes arrived as ${stats.events.length} updates`);
    await stats.dispose();
  });
});

describe('live updates across two instances', () => {
  for (const transport of ['postgres', 'redis'] as const) {
    it(`reach a subscriber on one instance from a commit on another (${transport})`, async (t) => {
      if (!process.env['DATABASE_URL'])
        return t.skip('needs DATABASE_URL: embedded PostgreSQL serves one instance');
      const env: Record<string, string> =
        transport === 'redis'
          ? { REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379' }
          : {};
      const first = await startTestCourier(env);
      const second = await startTestCourier(env, { shareDatabaseWith: first });
      try {
        const token = await first.ownerToken();
        const course = await importOk(first, token, await scorm12SinglePackage({ title: 'Fleet' }));
        const watcher = subscribe(second, token, REGISTRATION_UPDATED);
        await watcher.ready;
        const l = await registerAndLaunch(first, token, course, { id: `fleet-${transport}` });
        await commit(first, l, 1, { 'cmi.core.lesson_status': 'passed' });
        const events = await watcher.waitFor(2);
        assert.equal(events.at(-1).data.registrationUpdated.status, 'PASSED');
        await watcher.dispose();
      } finally {
        await second.stop();
        await first.stop();
      }
    });
  }
});
