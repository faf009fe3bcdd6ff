import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config.js';

const base = { DATA_DIR: '/tmp/courier-config-test', JWT_SECRET: 'x'.repeat(32) };

describe('S3_* settings', () => {
  it('keep files on disk when S3_BUCKET is unset', () => {
    assert.equal(loadConfig(base).s3, null);
  });

  it("address AWS's regional endpoint by bucket name, with the AWS_* fallbacks", () => {
    const { s3 } = loadConfig({
      ...base,
      S3_BUCKET: 'courses',
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'AKIA',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'session',
      S3_PREFIX: '/courier',
    });
    assert.deepEqual(s3, {
      bucket: 'courses',
      endpoint: 'https://s3.eu-west-3.amazonaws.com',
      region: 'eu-west-3',
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      sessionToken: 'session',
      prefix: 'courier/',
      pathStyle: false,
    });
  });

  it('use path-style addresses for another endpoint unless told otherwise', () => {
    const env = {
      ...base,
      S3_BUCKET: 'courses',
      S3_ENDPOINT: 'http://minio:9000/',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
    };
    assert.equal(loadConfig(env).s3?.endpoint, 'http://minio:9000');
    assert.equal(loadConfig(env).s3?.pathStyle, true);
    assert.equal(loadConfig({ ...env, S3_FORCE_PATH_STYLE: 'false' }).s3?.pathStyle, false);
  });

  it('refuse a bucket without credentials, or an endpoint that is not a URL', () => {
    assert.throws(() => loadConfig({ ...base, S3_BUCKET: 'courses' }), ConfigError);
    assert.throws(
      () =>
        loadConfig({
          ...base,
          S3_BUCKET: 'courses',
          S3_ENDPOINT: 'minio:9000',
          S3_ACCESS_KEY_ID: 'k',
          S3_SECRET_ACCESS_KEY: 's',
        }),
      /S3_ENDPOINT/,
    );
    assert.throws(
      () =>
        loadConfig({
          ...base,
          S3_BUCKET: 'courses',
          S3_ENDPOINT: 'https://minio.example/some/path',
          S3_ACCESS_KEY_ID: 'k',
          S3_SECRET_ACCESS_KEY: 's',
        }),
      /without a path/,
    );
  });
});
