import pg from 'pg';
import type { BenchContext } from './context.js';
import { round } from './measure.js';
import { cpuMs, postgresCpuMs, rssMb, runLoad } from './processes.js';
import { progress } from './report.js';
import { seedLaunches, seedOrganization } from './seed.js';

/**
 * The live load runs this long before its measured seconds, reported on a row of their own:
 * one autocommit interval, so every learner has committed once (the steady state of learners
 * who commit every 30 s: their launch token checked, their course known) and V8 has compiled
 * the hot paths of a fresh server and load generator. BENCH_LIVE_WARMUP_SECONDS changes it.
 */
const LIVE_WARMUP_SECONDS = Number(process.env['BENCH_LIVE_WARMUP_SECONDS'] ?? 30);

/**
 * The headline: 10,000 learners (10,000 distinct registrations over 50 organizations), each
 * committing every 30 s (~333 commits/s, open loop), while 1,000 dashboards (20 per
 * organization) hold subscriptions. BENCH_LEARNERS and BENCH_ORGS scale it down.
 */
export async function benchLive(ctx: BenchContext): Promise<void> {
  const { server, report } = ctx;
  const orgCount = Number(process.env['BENCH_ORGS'] ?? 50);
  const learners = Number(process.env['BENCH_LEARNERS'] ?? 10_000);
  const rate = Math.round(learners / 30);
  const perOrg = Math.ceil(learners / orgCount);
  const measuredSeconds = Number(process.env['BENCH_LIVE_SECONDS'] ?? 10);
  progress(`live: seeding ${orgCount} organizations, ${learners} learners`);
  const seedStarted = performance.now();
  const orgs = [];
  for (let org = 0; org < orgCount; org++) {
    orgs.push(
      await seedOrganization(server.url, ctx.ownerToken, `Live ${org}`, `admin${org}@bench.test`),
    );
  }
  const db = new pg.Client({ connectionString: ctx.dbUrl });
  await db.connect();
  const livePlayers = await seedLaunches(db, ctx.jwtSecret, orgs, perOrg, 'live').finally(() =>
    db.end(),
  );
  progress(
    `live: seeded in ${round((performance.now() - seedStarted) / 1000)} s; 1,000 dashboards, ${livePlayers.length} learners, ${rate} commits/s`,
  );
  let peakRss = await rssMb(server.child.pid!);
  const sampler = setInterval(
    () =>
      void rssMb(server.child.pid!)
        .then((mb) => (peakRss = Math.max(peakRss, mb)))
        .catch(() => {}),
    200,
  );
  const cpuBefore = await cpuMs(server.child.pid!);
  const pgBefore = await postgresCpuMs(ctx.dbName);
  const live = await runLoad('live', {
    url: server.url,
    launches: livePlayers,
    seconds: measuredSeconds,
    warmupSeconds: LIVE_WARMUP_SECONDS,
    subscribers: 1000,
    rate,
    adminTokens: orgs.map((o) => o.token),
  }).finally(() => clearInterval(sampler));
  const serverCpuMs = (await cpuMs(server.child.pid!)) - cpuBefore;
  const postgresMs = (await postgresCpuMs(ctx.dbName)) - pgBefore;
  report.results['live'] = { ...live, serverPeakRssMb: round(peakRss), serverCpuMs, postgresMs };
  progress(
    `live: CPU ms over ${LIVE_WARMUP_SECONDS + measuredSeconds} s: server ${serverCpuMs}, PostgreSQL ${postgresMs}, load generator ${live['loadCpuMs']}`,
  );
  report.record(
    `live: commits of ${livePlayers.length} learners at ${rate}/s (open loop), p50 / p99 ms`,
    `${live['commitP50']} / ${live['commitP99']}`,
    '—',
    'p99 ≤ 50 ms',
    live['commitP99'] <= 50,
  );
  report.record(
    `live: commit → dashboard, ${live['subscribers']} dashboards / ${orgCount} orgs, p50 / p99 ms`,
    `${live['p50']} / ${live['p99']}`,
    '—',
    'p99 ≤ 100 ms',
    live['p99'] <= 100,
  );
  report.record(
    'live: events lost (of those owed for accepted commits; commits refused)',
    `${live['lost']} of ${live['expected']} (${live['refusedCommits']} refused)`,
    '—',
    '0',
    live['lost'] === 0,
  );
  report.record(
    `live: the first ${LIVE_WARMUP_SECONDS} s of that load (warm-up, not in the figure above), p50 / p99 ms`,
    `${live['warmupP50']} / ${live['warmupP99']}`,
    '—',
    '—',
    true,
  );
  report.record(
    'live: server RSS peak MB',
    String(round(peakRss)),
    '—',
    '≤ 300 MB',
    peakRss <= 300,
  );
}
