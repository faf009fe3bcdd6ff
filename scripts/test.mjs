#!/usr/bin/env node
// The whole suite: build, web component tests (Vitest), then every server and end-to-end test
// file with Node's test runner (its summary closes the output). With DATABASE_URL set, each test
// file gets a fresh database on that server; without, an in-memory embedded PostgreSQL.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.slice(2);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return findTests(full);
    return name.endsWith('.test.js') ? [full] : [];
  });
}

// The server's tests build with tsconfig.test.json, which builds the server and tests/ first.
run('npx', ['tsc', '-b', 'server/tsconfig.test.json']);
if (!process.env.SKIP_WEB_BUILD) run('npm', ['run', 'build', '-w', 'web']);
if (only.length === 0) run('npx', ['vitest', 'run'], { cwd: path.join(root, 'web') });

const files = [
  ...findTests(path.join(root, 'server/dist')),
  ...findTests(path.join(root, 'tests/dist')),
].filter((file) => only.length === 0 || only.some((pattern) => file.includes(pattern)));
run('node', ['--test', '--test-concurrency=2', '--test-timeout=180000', ...files], {
  env: {
    ...process.env,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' '),
  },
});
