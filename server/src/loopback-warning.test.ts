import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { startTestCourier } from '@courier/tests/support/test-courier.js';

/** Starts a server with these settings and returns the warnings it logged while starting. */
async function startupWarnings(env: Record<string, string>): Promise<string[]> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const courier = await startTestCourier(env, { logger: pino({ level: 'warn' }, sink) });
  await courier.stop();
  return lines
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((entry) => entry.level === 40)
    .map((entry) => entry.msg);
}

describe('the start-up warning about loopback links', () => {
  it('warns when PUBLIC_URL points at this machine only', async () => {
    for (const url of ['http://localhost:4000', 'http://127.0.0.1:4000', 'http://[::1]:4000']) {
      const warnings = await startupWarnings({
        PUBLIC_URL: url,
        CONTENT_URL: 'http://content.localhost:4000',
      });
      assert.ok(
        warnings.some((w) =>
          /^PUBLIC_URL is a loopback address: launch links and dispatch/.test(w),
        ),
        `${url}: ${warnings.join(' | ')}`,
      );
    }
  });

  it('stays quiet for an address other machines can reach', async () => {
    const warnings = await startupWarnings({
      PUBLIC_URL: 'https://courier.example.com',
      CONTENT_URL: 'https://content.courier.example.com',
    });
    assert.deepEqual(
      warnings.filter((w) => /loopback/.test(w)),
      [],
    );
  });
});
