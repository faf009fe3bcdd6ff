import path from 'node:path';
import type { BenchContext } from './context.js';
import { round } from './measure.js';
import { benchDir, cpuMs, postgresCpuMs, runLoad, startProcess } from './processes.js';
import { progress } from './report.js';
import { importCourse, launches, type Launch } from './seed.js';

/**
 * Commit ingest: 64 closed-loop players committing back to back, against Courier and then
 * against the raw baseline (plain `http` + `pg`, the row's UPDATE and a NOTIFY), with CPU per
 * commit of the server, PostgreSQL and the load generator.
 */
export async function benchIngest(ctx: BenchContext): Promise<void> {
  const { server, report } = ctx;
  progress(`server up at ${server.url}; seeding 64 players`);
  const course = await importCourse(server.url, ctx.ownerToken, 'Bench course');
  const players = await launches(server.url, ctx.ownerToken, course, 64, 0, 'ingest');

  progress('commit ingest: Courier');
  const courier = await measuredLoad(ctx, server.child.pid!, server.url, players, false);
  progress('commit ingest: raw baseline');
  const baselineServer = await startProcess(path.join(benchDir, 'baseline-server.js'), {
    DATABASE_URL: ctx.dbUrl,
  });
  ctx.children.push(baselineServer.child);
  const baseline = await measuredLoad(
    ctx,
    baselineServer.child.pid!,
    baselineServer.url,
    players,
    true,
  );
  baselineServer.child.kill();

  const ratio = courier['perSecond'] / baseline['perSecond'];
  report.results['ingest'] = { courier, baseline, ratio: round(ratio, 2) };
  report.record(
    'commit ingest, commits/s (64 players)',
    `${courier['perSecond']} (${round(ratio, 2)}×)`,
    String(baseline['perSecond']),
    '≥ 0.6× baseline',
    ratio >= 0.6,
  );
  report.record(
    'commit ingest p50 / p99 ms',
    `${courier['p50']} / ${courier['p99']}`,
    `${baseline['p50']} / ${baseline['p99']}`,
    'p99 ≤ 50 ms',
    courier['p99'] <= 50,
  );
  report.record(
    'commit ingest: CPU ms per commit, server / PostgreSQL / load generator',
    `${courier['serverCpuMsPerCommit']} / ${courier['postgresCpuMsPerCommit']} / ${courier['loadCpuMsPerCommit']}`,
    `${baseline['serverCpuMsPerCommit']} / ${baseline['postgresCpuMsPerCommit']} / ${baseline['loadCpuMsPerCommit']}`,
    '—',
    true,
  );
}

/** One ingest load against one server, with the CPU each side spent per commit. */
async function measuredLoad(
  ctx: BenchContext,
  pid: number,
  url: string,
  players: Launch[],
  baseline: boolean,
): Promise<Record<string, any>> {
  const cpuBefore = await cpuMs(pid);
  const pgBefore = await postgresCpuMs(ctx.dbName);
  const result = await runLoad('ingest', {
    url,
    launches: players,
    seconds: ctx.seconds,
    concurrency: 64,
    baseline,
  });
  // Throughput moves with whatever else the machine runs; CPU per commit much less so.
  result['serverCpuMsPerCommit'] = round(((await cpuMs(pid)) - cpuBefore) / result['commits'], 3);
  result['postgresCpuMsPerCommit'] = round(
    ((await postgresCpuMs(ctx.dbName)) - pgBefore) / result['commits'],
    3,
  );
  return result;
}
