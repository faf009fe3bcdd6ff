import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { BenchContext } from './context.js';
import { benchIngest } from './ingest.js';
import { benchLive } from './live.js';
import { benchDir, loadAverage, startProcess } from './processes.js';
import { progress, Report } from './report.js';
import { login, OWNER } from './seed.js';
import { benchStats } from './stats.js';

/**
 * `npm run bench`: every figure beside its baseline from the same run, against a real
 * PostgreSQL (BENCH_DATABASE_URL or DATABASE_URL, default the local server). Prints a table and
 * writes .bench/results.json. The server and the load generator run as separate processes.
 * Sections: ingest.ts, live.ts, stats.ts; BENCH_ONLY=ingest,live,stats picks some.
 */
/** The repository root, from tests/dist/tests/bench/ where this runs compiled. */
const root = path.resolve(benchDir, '../../../..');
const adminUrl =
  process.env['BENCH_DATABASE_URL'] ??
  process.env['DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const only = new Set(
  (process.env['BENCH_ONLY'] ?? 'ingest,live,stats')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
/** The server to measure; BENCH_SERVER_SCRIPT points at another build (a before/after run). */
const serverScript = process.env['BENCH_SERVER_SCRIPT'] ?? path.join(root, 'server/dist/main.js');
/** Extra node flags for the server process, e.g. BENCH_SERVER_NODE_ARGS=--cpu-prof. */
const serverNodeArgs = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);

async function main(): Promise<void> {
  const report = new Report();
  const dbName = `courier_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-bench-'));
  const jwtSecret = randomBytes(32).toString('hex');
  const children: ChildProcess[] = [];
  report.results['loadAverageAtStart'] = await loadAverage();
  try {
    const server = await startProcess(
      serverScript,
      {
        PORT: '0',
        HOST: '127.0.0.1',
        // The bench speaks to 127.0.0.1, which would otherwise be the content origin (where a
        // session is refused); content is never loaded here, so it gets a host of its own.
        CONTENT_URL: 'http://content.bench.invalid',
        DATABASE_URL: dbUrl,
        DATA_DIR: dataDir,
        ADMIN_EMAIL: OWNER.email,
        ADMIN_PASSWORD: OWNER.password,
        JWT_SECRET: jwtSecret,
        LOG_LEVEL: 'warn',
      },
      serverNodeArgs,
    );
    children.push(server.child);
    const ctx: BenchContext = {
      server,
      ownerToken: await login(server.url, OWNER.email, OWNER.password),
      jwtSecret,
      dbUrl,
      dbName,
      dataDir,
      seconds: Number(process.env['BENCH_SECONDS'] ?? 15),
      report,
      children,
    };
    if (only.has('ingest')) await benchIngest(ctx);
    if (only.has('live')) await benchLive(ctx);
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    if (only.has('stats')) await benchStats(ctx);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await cleanup.end();
    await rm(dataDir, { recursive: true, force: true });
  }
  report.results['loadAverageAtEnd'] = await loadAverage();
  progress(
    `machine load average (1 min): ${String(report.results['loadAverageAtStart'])} at start, ${String(report.results['loadAverageAtEnd'])} at end (2 cores)`,
  );
  await report.write(root);
}

await main();
process.exit(0);
