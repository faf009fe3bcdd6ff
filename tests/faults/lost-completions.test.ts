import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { importOk, registerAndLaunch } from '../support/api.js';
import { scorm12SinglePackage } from '../support/scorm-packages.js';
import { startTestCourier } from '../support/test-courier.js';
import {
  AuthError,
  CommitQueue,
  RejectedError,
  TransientError,
  type CommitAck,
  type KeyValueStore,
  type RuntimeCommit,
} from '../../web/src/player/commit-queue.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The player's own send, over Node's fetch: the same error kinds drive the same retries. */
function sender(url: string) {
  return async (commit: RuntimeCommit, token: string): Promise<CommitAck> => {
    let res: Response;
    try {
      res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query:
            'mutation($i: CommitRuntimeInput!) { commitRuntime(input: $i) { accepted registration { status progress score { scaled raw min max } } } }',
          variables: { i: commit },
        }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (err) {
      throw new TransientError(String(err));
    }
    if (res.status >= 500) throw new TransientError(`HTTP ${res.status}`);
    const body = (await res.json().catch(() => null)) as {
      data?: { commitRuntime: CommitAck };
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    } | null;
    if (!body) throw new TransientError('no JSON');
    const code = body.errors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED') throw new AuthError(body.errors![0]!.message);
    if (code === 'BAD_USER_INPUT') throw new RejectedError(body.errors![0]!.message);
    if (body.errors) throw new TransientError(body.errors[0]!.message);
    return body.data!.commitRuntime;
  };
}

function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('no completion is lost', () => {
  it('survives the server being killed with SIGKILL and the database connections dropping mid-run', async (t) => {
    const adminUrl = process.env['DATABASE_URL'];
    if (!adminUrl)
      return t.skip(
        'needs DATABASE_URL: the server process is killed and restarted on the same database',
      );
    // Seed with an in-process instance, then serve from a separate process that can be killed.
    const seed = await startTestCourier();
    const dbUrl = seed.config.databaseUrl!;
    const owner = await seed.ownerToken();
    const courseId = await importOk(
      seed,
      owner,
      await scorm12SinglePackage({ title: 'Fault tolerant', masteryScore: 50 }),
    );
    const PLAYERS = 8;
    const STEPS = 25;
    const launches = [];
    for (let i = 0; i < PLAYERS; i++)
      launches.push(await registerAndLaunch(seed, owner, courseId, { id: `fault-${i}` }));
    await seed.stopKeepingDatabase();

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-fault-'));
    let server: ChildProcess | null = null;
    const startServer = async () => {
      server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: dbUrl,
          DATA_DIR: dataDir,
          JWT_SECRET: seed.config.jwtSecret,
          LOG_LEVEL: 'fatal',
        },
        stdio: 'ignore',
      });
      // Generous: a restart on a loaded CI machine can take many seconds.
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (
          await fetch(`${url}/healthz`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('server did not come back');
    };
    await startServer();

    const acked = new Map<string, RuntimeCommit>();
    const queues = launches.map(
      (launch) =>
        new CommitQueue(launch.attemptId, launch.token, {
          store: memoryStore(),
          send: sender(url),
          renew: async () => null,
          sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 300))),
          onAck: (commit) => acked.set(`${commit.attemptId}:${commit.seq}`, commit),
        }),
    );
    // Each player works through its lesson: location and growing session time, then passes and finishes.
    const playing = queues.map(async (queue, p) => {
      for (let step = 1; step <= STEPS; step++) {
        const last = step === STEPS;
        queue.enqueue({
          scoId: 'item_1',
          sessionId: queue.attemptId,
          cmi: {
            'cmi.core.lesson_location': `p${p}-step-${step}`,
            'cmi.core.session_time': `0000:${String(step).padStart(2, '0')}:00.00`,
            ...(last ? { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '77' } : {}),
          },
          ...(last ? { finished: true } : {}),
        });
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 40));
      }
      await queue.flush();
    });

    const faults = (async () => {
      for (let kill = 0; kill < 3; kill++) {
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 300));
        server!.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 200));
        await startServer();
      }
      // The database drops every connection of the server mid-run; its pool must recover.
      await new Promise((r) => setTimeout(r, 200));
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [new URL(dbUrl).pathname.slice(1)],
      );
      await admin.end();
    })();
    await Promise.all([...playing, faults]);
    await Promise.all(queues.map((q) => q.flush()));

    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      assert.equal(acked.size, PLAYERS * STEPS, 'every commit was acknowledged');
      const { rows } = await db.query(
        'SELECT learner_id, status, resume_point, time_spent_seconds, score_raw, completed_at FROM registrations ORDER BY learner_id',
      );
      assert.equal(rows.length, PLAYERS);
      for (const row of rows) {
        assert.equal(row.status, 'PASSED', `${row.learner_id} lost its completion`);
        assert.equal(
          row.time_spent_seconds,
          STEPS * 60,
          `${row.learner_id}: the session counts once, at its final time`,
        );
        assert.equal(Number(row.score_raw), 77);
        assert.ok(row.completed_at);
      }
      const { rows: stats } = await db.query(
        'SELECT sum(total)::int total, sum(passed)::int passed FROM registration_stats',
      );
      assert.deepEqual(stats[0], { total: PLAYERS, passed: PLAYERS }, 'counted once each');
      const { rows: attempts } = await db.query('SELECT last_seq FROM attempts');
      assert.ok(attempts.every((a) => a.last_seq === STEPS));
    } finally {
      await db.end();
      server!.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
