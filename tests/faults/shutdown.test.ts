import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** One GET on a kept-alive socket; resolves with the status, or 0 when the server is gone. */
function get(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

describe('shutdown', () => {
  it('exits 0 within 10 s of SIGTERM under keep-alive load', async (t) => {
    const adminUrl = process.env['DATABASE_URL'];
    if (!adminUrl)
      return t.skip('needs DATABASE_URL: the server runs as its own process on a test database');
    const name = `courier_shutdown_${randomBytes(4).toString('hex')}`;
    await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    const dbUrl = new URL(adminUrl);
    dbUrl.pathname = `/${name}`;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-shutdown-'));
    t.after(async () => {
      await rm(dataDir, { recursive: true, force: true });
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    });

    const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: dbUrl.toString(),
        DATA_DIR: dataDir,
        JWT_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      server.on('exit', (code) => resolve({ code, at: Date.now() })),
    );
    t.after(() => void server.kill('SIGKILL'));
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
      });
      void exited.then(() => reject(new Error(`server exited before it was ready: ${out}`)));
    });

    // Clients that keep their sockets busy: each sends its next request as the last one ends.
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    let served = 0;
    let stopping = false;
    const clients = Array.from({ length: 16 }, async () => {
      while (!stopping) {
        const status = await get(agent, `${base}/healthz`);
        if (status === 200) served++;
        else if (status === 0) return;
      }
    });
    t.after(() => agent.destroy());
    const deadline = Date.now() + 15_000;
    while (served < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(served >= 200, `load is running (${served} requests served)`);

    const signalled = Date.now();
    server.kill('SIGTERM');
    const { code, at } = await exited;
    stopping = true;
    await Promise.all(clients);
    assert.equal(code, 0);
    assert.ok(at - signalled < 10_000, `exited ${at - signalled} ms after SIGTERM`);
  });
});
