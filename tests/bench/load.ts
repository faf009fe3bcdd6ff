import http from 'node:http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { percentile, round } from './measure.js';

/**
 * The load generator, in its own process so it never steals the server's event loop.
 *   ingest: `concurrency` simulated players send commits back to back for `seconds`.
 *   live:   `subscribers` graphql-ws dashboards; commits at `rate`/s; commit → receipt latency.
 * Prints one JSON line of results.
 */
interface Launch {
  registrationId: string;
  token: string;
  attemptId: string;
  /** Index of the organization (and so of its dashboards' admin token). */
  org: number;
}

const [mode] = process.argv.slice(2);
/** The run's configuration arrives on stdin (its launches are too many for argv). */
const configJson = await new Promise<string>((resolve, reject) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
  process.stdin.on('error', reject);
});
const config = JSON.parse(configJson || '{}') as {
  url: string;
  launches: Launch[];
  seconds: number;
  concurrency?: number;
  baseline?: boolean;
  subscribers?: number;
  rate?: number;
  /** One admin token per organization; dashboards are spread over them round-robin. */
  adminTokens?: string[];
  /** live: seconds of the same load first, reported apart from the measured `seconds`. */
  warmupSeconds?: number;
};

/**
 * Players' requests go over node:http with kept-alive connections: on this one machine the load
 * generator shares the cores with the server, and `fetch` costs it several times the CPU.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const COMMIT = `mutation($i: CommitRuntimeInput!) { commitRuntime(input: $i) { accepted } }`;

async function sendCommit(launch: Launch, seq: number): Promise<boolean> {
  const location = `page-${seq}`;
  if (config.baseline) {
    const res = await post(
      `${config.url}/commit`,
      JSON.stringify({ registrationId: launch.registrationId, location }),
    );
    return res.status >= 200 && res.status < 300;
  }
  const res = await post(
    `${config.url}/graphql`,
    JSON.stringify({
      query: COMMIT,
      variables: {
        i: {
          attemptId: launch.attemptId,
          seq,
          cmi: {
            'cmi.core.lesson_location': location,
            'cmi.core.session_time': `0000:00:${String(seq % 60).padStart(2, '0')}.00`,
          },
        },
      },
    }),
    { 'content-type': 'application/json', authorization: `Bearer ${launch.token}` },
  );
  const body = JSON.parse(res.text) as { data?: { commitRuntime?: { accepted: boolean } } };
  return body.data?.commitRuntime?.accepted === true;
}

/** This process's CPU time so far, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function ingest(): Promise<void> {
  const concurrency = config.concurrency ?? 64;
  const deadline = Date.now() + config.seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const seqs = new Map<string, number>();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const launch = config.launches[i % config.launches.length]!;
      while (Date.now() < deadline) {
        const seq =
          (seqs.get(launch.attemptId) ?? 1000 * (1 + Math.floor(i / config.launches.length))) + 1;
        seqs.set(launch.attemptId, seq);
        const start = performance.now();
        const ok = await sendCommit(launch, seq).catch(() => false);
        latencies.push(performance.now() - start);
        if (!ok) errors++;
      }
    }),
  );
  console.log(
    JSON.stringify({
      commits: latencies.length,
      perSecond: round(latencies.length / config.seconds),
      p50: round(percentile(latencies, 50), 2),
      p99: round(percentile(latencies, 99), 2),
      errors,
      loadCpuMsPerCommit: round(cpuMs() / latencies.length, 3),
    }),
  );
}

async function live(): Promise<void> {
  const subscribers = config.subscribers ?? 1000;
  const rate = config.rate ?? 200;
  const sent = new Map<string, number>();
  /** Commit → receipt, for commits sent after the warm-up; `warmupLatencies` for those before. */
  const latencies: number[] = [];
  const warmupLatencies: number[] = [];
  const measuredKeys = new Set<string>();
  const received = new Map<string, number>();
  const tokens = config.adminTokens ?? [];
  const dashboardsPerOrg = tokens.map(
    (_, org) =>
      Math.floor(subscribers / tokens.length) + (org < subscribers % tokens.length ? 1 : 0),
  );
  const clients = Array.from({ length: subscribers }, (_, i) =>
    createClient({
      url: config.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { authorization: `Bearer ${tokens[i % tokens.length]}` },
    }),
  );
  let acknowledged = 0;
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve) => {
          client.on('connected', () => {
            acknowledged++;
            resolve();
          });
          client.subscribe(
            { query: 'subscription { registrationUpdated { id resumePoint } }' },
            {
              next: (value: any) => {
                const key = `${value.data?.registrationUpdated?.id}|${value.data?.registrationUpdated?.resumePoint}`;
                const at = sent.get(key);
                if (at !== undefined) {
                  (measuredKeys.has(key) ? latencies : warmupLatencies).push(
                    performance.now() - at,
                  );
                  received.set(key, (received.get(key) ?? 0) + 1);
                }
              },
              error: () => {},
              complete: () => {},
            },
          );
        }),
    ),
  );
  await new Promise((r) => setTimeout(r, 500));
  /**
   * The first commits of a fresh process pair run cold (V8 compiles the commit and fan-out paths
   * as they get hot, on both sides); they are sent at the same rate but reported apart, so the
   * measured figure is the service's steady state.
   */
  const warmup = Math.round(rate * (config.warmupSeconds ?? 0));
  const total = warmup + Math.round(rate * config.seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const inflight: Promise<unknown>[] = [];
  /**
   * Each launch sends as the player's commit queue does: one commit in flight at a time, the
   * next after the previous is answered. Commits still fire on the schedule (open loop); one due
   * while its launch is busy waits behind it instead of overtaking it, as it would in a browser.
   */
  const busy = new Map<string, Promise<unknown>>();
  /** Each measured commit's own latency, request to answer. */
  const commitLatencies: number[] = [];
  let expected = 0;
  /** Commits that failed or were not accepted: they publish nothing, so no event is owed. */
  let refused = 0;
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const launch = config.launches[i % config.launches.length]!;
    const seq = 100_000 + i;
    const owed = dashboardsPerOrg[launch.org] ?? 0;
    const key = `${launch.registrationId}|page-${seq}`;
    if (i >= warmup) measuredKeys.add(key);
    const measured = i >= warmup;
    const send = async () => {
      const at = performance.now();
      sent.set(key, at);
      const accepted = await sendCommit(launch, seq).catch(() => false);
      if (measured) commitLatencies.push(performance.now() - at);
      if (accepted) expected += owed;
      else refused++;
    };
    const next = (busy.get(launch.registrationId) ?? Promise.resolve()).then(send);
    busy.set(launch.registrationId, next);
    inflight.push(next);
  }
  await Promise.all(inflight);
  // Let the last events arrive.
  const drainDeadline = performance.now() + 5000;
  while (
    performance.now() < drainDeadline &&
    [...received.values()].reduce((a, b) => a + b, 0) < expected
  ) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const delivered = [...received.values()].reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({
      subscribers: acknowledged,
      organizations: tokens.length,
      commits: total - warmup,
      warmupCommits: warmup,
      warmupP50: round(percentile(warmupLatencies, 50), 2),
      warmupP99: round(percentile(warmupLatencies, 99), 2),
      expected,
      delivered,
      lost: expected - delivered,
      refusedCommits: refused,
      p50: round(percentile(latencies, 50), 2),
      p99: round(percentile(latencies, 99), 2),
      commitP50: round(percentile(commitLatencies, 50), 2),
      commitP99: round(percentile(commitLatencies, 99), 2),
      loadCpuMs: round(cpuMs()),
    }),
  );
  await Promise.all(clients.map((c) => c.dispose()));
}

await (mode === 'live' ? live() : ingest());
process.exit(0);
