import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');

/** `.dockerignore` as Docker reads it: globs with `**`, later `!` lines re-admitting. */
async function readDockerignore(): Promise<(file: string) => boolean> {
  const rules = (await readFile(path.join(repo, '.dockerignore'), 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const admit = line.startsWith('!');
      const glob = path.posix.normalize(line.slice(admit ? 1 : 0).replace(/^\//, ''));
      const source = glob
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) =>
          part === '**/' || part === '**'
            ? '(?:.*/)?'
            : part === '*'
              ? '[^/]*'
              : part === '?'
                ? '[^/]'
                : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      // A pattern that names a directory excludes everything under it.
      return { admit, pattern: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (file) => {
    let ignored = false;
    for (const rule of rules) if (rule.pattern.test(file)) ignored = !rule.admit;
    return ignored;
  };
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, rel)));
    else files.push(rel);
  }
  return files;
}

describe('the Docker build context', () => {
  let context: string | undefined;
  after(async () => {
    if (context) await rm(context, { recursive: true, force: true });
  });

  it('builds the server after a local build, as the Dockerfile does', async () => {
    // The state `npm start` leaves behind: compiled output and tsc's incremental build info.
    assert.ok(existsSync(path.join(repo, 'server/tsconfig.tsbuildinfo')), 'a local build ran');
    const ignored = await readDockerignore();
    const admitted = (await listFiles(repo)).filter(
      (file) => !file.startsWith('node_modules/') && !file.startsWith('.git') && !ignored(file),
    );
    assert.ok(admitted.includes('server/src/main.ts'));
    assert.deepEqual(
      admitted.filter((file) => file.endsWith('.tsbuildinfo') || file.includes('/dist/')),
      [],
    );

    context = await mkdtemp(path.join(os.tmpdir(), 'courier-docker-'));
    for (const file of admitted) await cp(path.join(repo, file), path.join(context, file));
    // Stands in for the image's `npm ci`: the same locked packages, already installed here.
    await symlink(path.join(repo, 'node_modules'), path.join(context, 'node_modules'), 'dir');

    const dockerfile = await readFile(path.join(context, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /COPY \. \.\nRUN npm run build/);
    // The server half of `npm run build` (the web half is Vite, which empties its outDir).
    await run('npm', ['run', 'build', '-w', 'server'], { cwd: context });
    assert.ok(existsSync(path.join(context, 'server/dist/main.js')), 'the image has its server');
    // Tests and their support (test servers, fixtures) build only for test runs.
    assert.deepEqual(
      (await listFiles(path.join(context, 'server/dist'))).filter(
        (file) => /\.test\.(js|d\.ts)$/.test(file) || /(^|\/)(testing|support)\//.test(file),
      ),
      [],
    );
  });

  it('passes every variable of the README table to the app in docker-compose.yml', async () => {
    const readme = await readFile(path.join(repo, 'README.md'), 'utf8');
    const compose = await readFile(path.join(repo, 'docker-compose.yml'), 'utf8');
    const table = readme.slice(readme.indexOf('| `PORT`'));
    const variables = [
      ...table.slice(0, table.indexOf('\n\n')).matchAll(/^\| (`[A-Z0-9_]+`(?:, `[A-Z0-9_]+`)*)/gm),
    ].flatMap((m) => [...m[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((v) => v[1]!));
    assert.ok(variables.includes('S3_SESSION_TOKEN'), variables.join());
    const app = compose.slice(compose.indexOf('  courier:'));
    const missing = variables.filter((v) => !new RegExp(`^ {6}${v}:`, 'm').test(app));
    assert.deepEqual(missing, []);
    assert.match(app, /^ {4}restart: (unless-stopped|on-failure|always)/m);
  });
});
