import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { startCourier } from '../start.js';
import { createOrm } from './orm.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

describe('the embedded PostgreSQL', () => {
  it('keeps its data across a restart', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-embedded-'));
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_EMAIL: 'first@courier.test',
      ADMIN_PASSWORD: 'first-password-1',
    };
    const logger = pino({ level: 'silent' });
    const login = async (url: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation { login(email: "first@courier.test", password: "first-password-1") { token } }',
        }),
      });
      return (await res.json()) as { data?: { login: { token: string } } };
    };
    try {
      const loaded = loadConfig(env);
      const asLoaded = structuredClone(loaded);
      const first = await startCourier(loaded, { logger });
      // Read once, never changed: the running config is a new one, settled before the app.
      assert.deepEqual(loaded, asLoaded);
      assert.equal(loaded.jwtSecret, null, 'loadConfig leaves the DATA_DIR secret to start');
      assert.ok(Object.isFrozen(first.config));
      assert.match(first.config.jwtSecret, /^[\w-]{32,}$/);
      const token = (await login(first.url)).data!.login.token;
      await fetch(`${first.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation { createApiKey(name: "survives") { id } }' }),
      });
      await first.stop();

      // Same DATA_DIR, no ADMIN_*: the owner, the key and the JWT secret are all still there.
      const second = await startCourier(
        loadConfig({ ...env, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }),
        { logger },
      );
      const res = await fetch(`${second.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ apiKeys { name } }' }),
      });
      assert.deepEqual(await res.json(), { data: { apiKeys: [{ name: 'survives' }] } });
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('runs concurrent transactions without losing an update', async () => {
    const pg = await startEmbeddedPostgres(null);
    const orm = await createOrm({ url: pg.url });
    try {
      const em = orm.em.fork();
      await em.execute('CREATE TABLE counter (id int primary key, n int not null)');
      await em.execute('INSERT INTO counter VALUES (1, 0)');
      await Promise.all(
        Array.from({ length: 40 }, () =>
          orm.em.fork().transactional(async (tx) => {
            const [row] = await tx.execute('SELECT n FROM counter WHERE id = 1 FOR UPDATE');
            await tx.execute('UPDATE counter SET n = ? WHERE id = 1', [Number(row!.n) + 1]);
          }),
        ),
      );
      const [row] = await em.execute('SELECT n FROM counter WHERE id = 1');
      assert.equal(Number(row!.n), 40);
    } finally {
      await orm.close();
      await pg.stop();
    }
  });
});
