import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

async function until<T>(check: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

describe('Postgres LISTEN transport', () => {
  let courier: TestCourier | null = null;
  let admin: pg.Client;
  let database: string;

  before(async () => {
    if (!process.env['DATABASE_URL']) return;
    courier = await startTestCourier();
    database = new URL(courier.config.databaseUrl!).pathname.slice(1);
    admin = new pg.Client({ connectionString: process.env['DATABASE_URL'] });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await courier?.stop();
  });

  const listeners = async (): Promise<number[]> =>
    (
      await admin.query(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = $1 AND query = 'LISTEN courier_events' AND state = 'idle'`,
        [database],
      )
    ).rows.map((r: { pid: number }) => r.pid);

  it('keeps one listener through repeated terminations and delivers each event once', async (t) => {
    if (!courier)
      return t.skip('needs DATABASE_URL: the embedded database keeps events in-process');
    const organizationId = '00000000-0000-4000-8000-000000000001';
    const subscribers = [0, 1].map(() =>
      courier!.services.events.subscribe('DISPATCH_UPDATED', () => true, organizationId),
    );
    const terminated = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const [pid] = await until(async () => {
        const pids = (await listeners()).filter((p) => !terminated.has(p));
        return pids.length > 0 && pids;
      });
      terminated.add(pid!);
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    }
    await until(async () => (await listeners()).some((p) => !terminated.has(p)));
    assert.equal((await listeners()).length, 1, 'one LISTEN connection, none leaked');

    // As another instance would publish: a different origin, NOTIFY in the same database.
    const publisher = new pg.Client({ connectionString: courier.config.databaseUrl! });
    await publisher.connect();
    t.after(() => publisher.end());
    const notify = (dispatchId: string) =>
      publisher.query('SELECT pg_notify($1, $2)', [
        'courier_events',
        JSON.stringify({
          o: 'another-instance',
          e: [{ topic: 'DISPATCH_UPDATED', payload: { organizationId, dispatchId } }],
        }),
      ]);
    await notify('event');
    await notify('marker');
    for (const subscriber of subscribers) {
      const seen: string[] = [];
      while (!seen.includes('marker')) {
        const { value } = await subscriber.next();
        seen.push(value!.dispatchId);
      }
      assert.deepEqual(seen, ['event', 'marker']);
      await subscriber.return!();
    }
    assert.equal((await listeners()).length, 1);
  });
});
