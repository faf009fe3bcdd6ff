import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';
import { MINIMUM_RUNTIME_DATA_BYTES } from './scorm/runtime-data.js';

/** A config from these variables only. */
function configWith(env: Record<string, string>) {
  return loadConfig({ JWT_SECRET: 'x'.repeat(32), DATA_DIR: '/tmp/courier-config-test', ...env });
}

describe('CONTENT_URL', () => {
  it('defaults to PUBLIC_URL with localhost and 127.0.0.1 swapped', () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{}, 'http://localhost:4000', 'http://127.0.0.1:4000'],
      [{ PORT: '8080' }, 'http://localhost:8080', 'http://127.0.0.1:8080'],
      [{ PUBLIC_URL: 'http://127.0.0.1:5000/' }, 'http://127.0.0.1:5000', 'http://localhost:5000'],
      [{ PUBLIC_URL: 'https://localhost' }, 'https://localhost', 'https://127.0.0.1'],
    ];
    for (const [env, publicUrl, contentUrl] of cases) {
      const config = configWith(env);
      assert.equal(config.publicUrl, publicUrl, JSON.stringify(env));
      assert.equal(config.contentUrl, contentUrl, JSON.stringify(env));
    }
  });

  it('takes a host name of its own', () => {
    const config = configWith({
      PUBLIC_URL: 'https://courier.example.com',
      CONTENT_URL: 'https://content.courier.example.com/',
    });
    assert.equal(config.contentUrl, 'https://content.courier.example.com');
  });

  it('refuses to start without one when PUBLIC_URL is a real host name', () => {
    assert.throws(
      () => configWith({ PUBLIC_URL: 'https://courier.example.com' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        /give course content a host name of its own/.test(err.message),
    );
  });

  it('refuses the dashboard origin, a path or a non-http URL', () => {
    const refusals: Array<[Record<string, string>, RegExp]> = [
      [{ CONTENT_URL: 'http://localhost:4000' }, /another origin than PUBLIC_URL/],
      [
        { PUBLIC_URL: 'https://a.example.com', CONTENT_URL: 'https://a.example.com/content' },
        /another origin than PUBLIC_URL/,
      ],
      [{ CONTENT_URL: 'http://127.0.0.1:4000/courier' }, /bare origin/],
      [{ CONTENT_URL: 'ftp://content.example.com' }, /http\(s\) URL/],
      [{ CONTENT_URL: 'not a url' }, /not a URL/],
    ];
    for (const [env, message] of refusals) {
      assert.throws(
        () => configWith(env),
        (err: unknown) => err instanceof ConfigError && message.test(err.message),
        JSON.stringify(env),
      );
    }
  });
});

describe('RUNTIME_DATA_LIMIT_KB', () => {
  it('holds the SCORM smallest permitted maxima under the default cap', () => {
    assert.ok(MINIMUM_RUNTIME_DATA_BYTES > 64000 * 3 + 250 * 4000);
    assert.ok(MINIMUM_RUNTIME_DATA_BYTES <= 2048 * 1024);
    assert.equal(
      loadConfig({ DATA_DIR: '/tmp', JWT_SECRET: 's' }).runtimeDataLimitBytes,
      2048 * 1024,
    );
  });

  it('takes an empty value as unset, as docker-compose passes an unset variable', () => {
    const config = loadConfig({
      DATA_DIR: '/tmp',
      JWT_SECRET: 's',
      RUNTIME_DATA_LIMIT_KB: '',
      UPLOAD_LIMIT_MB: '',
      PLAYER_AUTOCOMMIT_SECONDS: '',
      WS_MAX_SOCKETS_PER_PRINCIPAL: '',
    });
    assert.equal(config.runtimeDataLimitBytes, 2048 * 1024);
    assert.equal(config.uploadLimitBytes, 512 * 1024 * 1024);
    assert.equal(config.playerAutocommitSeconds, 10);
    assert.equal(config.wsMaxSocketsPerPrincipal, 20);
  });

  it('refuses a configured cap below the SCORM floor at start', () => {
    const floorKb = Math.ceil(MINIMUM_RUNTIME_DATA_BYTES / 1024);
    const env = { DATA_DIR: '/tmp', JWT_SECRET: 's' };
    assert.equal(
      loadConfig({ ...env, RUNTIME_DATA_LIMIT_KB: String(floorKb) }).runtimeDataLimitBytes,
      floorKb * 1024,
    );
    assert.throws(
      () => loadConfig({ ...env, RUNTIME_DATA_LIMIT_KB: String(floorKb - 1) }),
      (err) => err instanceof ConfigError && /RUNTIME_DATA_LIMIT_KB/.test(err.message),
    );
    assert.throws(() => loadConfig({ ...env, RUNTIME_DATA_LIMIT_KB: 'lots' }), ConfigError);
  });
});

describe('loadConfig', () => {
  it('reads the environment and touches no file: without JWT_SECRET the secret is left to start', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-config-'));
    try {
      const config = loadConfig({ DATA_DIR: dataDir });
      assert.equal(config.jwtSecret, null);
      assert.deepEqual(await readdir(dataDir), []);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
