import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';
import { MINIMUM_RUNTIME_DATA_BYTES } from './scorm/runtime-data.js';

describe('RUNTIME_DATA_LIMIT_KB', () => {
  it('holds the SCORM smallest permitted maxima under the default cap', () => {
    assert.ok(MINIMUM_RUNTIME_DATA_BYTES > 64000 * 3 + 250 * 4000);
    assert.ok(MINIMUM_RUNTIME_DATA_BYTES <= 2048 * 1024);
    assert.equal(
      loadConfig({ DATA_DIR: '/tmp', JWT_SECRET: 's' }).runtimeDataLimitBytes,
      2048 * 1024,
    );
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
