import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The bench's own folder (compiled: tests/dist/tests/bench/), where load.js and friends live. */
export const benchDir = path.dirname(new URL(import.meta.url).pathname);

/** Starts a Node script and resolves once it prints the URL it listens on. */
export function startProcess(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer = (buffer + chunk.toString()).slice(-8000);
      const match = /listening on (http:\/\/[^\s"]+)/.exec(buffer);
      if (match) resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1') });
    });
    child.on('exit', (code, signal) => {
      // A child that dies mid-run says so (with its last log lines), instead of failing a later
      // read of its /proc entry.
      if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGKILL')
        process.stderr.write(`[bench] ${script} exited: ${code ?? signal}\n${buffer}\n`);
      reject(new Error(`${script} exited with ${code}`));
    });
  });
}

/** Runs the load generator (load.ts) in its own process and returns its one line of results. */
export function runLoad(
  mode: 'ingest' | 'live',
  config: Record<string, unknown>,
): Promise<Record<string, any>> {
  const child = spawn(process.execPath, [path.join(benchDir, 'load.js'), mode], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // On stdin: 10,000 launches are past what argv can carry (E2BIG).
  child.stdin.end(JSON.stringify(config));
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!))
        : reject(new Error(`load ${mode} failed`)),
    ),
  );
}

/** CPU time a process has used so far, user + system, in ms (from /proc, 100 ticks a second). */
export async function cpuMs(pid: number): Promise<number> {
  return ticksMs(await readFile(`/proc/${pid}/stat`, 'utf8'));
}

/**
 * CPU time so far of the PostgreSQL backends serving `database`, in ms: the database's share of
 * the run. Only the bench's own backends count (their title names the database), since the
 * machine's other PostgreSQL work would swamp the figure, and its backends that exit take their
 * time with them (a sum over all of them once went negative).
 */
export async function postgresCpuMs(database: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (!stat.includes('(postgres)')) continue;
    const title = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (title.split(/[\s\0]+/).includes(database)) total += ticksMs(stat);
  }
  return total;
}

function ticksMs(stat: string): number {
  const fields = stat.split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A process's resident set size now, in MB. */
export function rssMb(pid: number): Promise<number> {
  return readFile(`/proc/${pid}/status`, 'utf8').then(
    (s) => Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024,
  );
}

/** The machine's load average over the last minute: the bench shares it, so every run says so. */
export async function loadAverage(): Promise<number> {
  return Number((await readFile('/proc/loadavg', 'utf8')).split(' ')[0]);
}
