import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isDuration,
  isTimestamp,
  isUuid,
  validateStatement,
  XapiInvalid,
} from './validate-statement.js';

describe('xAPI data types', () => {
  const timestamps: Array<[string, boolean]> = [
    ['2026-12-03T10:00:00Z', true],
    ['2026-12-03T10:00:00.123456+01:00', true],
    ['2026-12-03T10:00:00', true],
    ['2026-12-03T10:00:00+0100', true],
    ['2026-12-03T10:00:00-00:00', false],
    ['2026-02-30T10:00:00Z', false],
    ['2026-12-03 10:00:00Z', false],
    ['2026-12-03T24:00:00Z', false],
    ['yesterday', false],
  ];
  for (const [value, ok] of timestamps)
    it(`${ok ? 'accepts' : 'refuses'} the timestamp ${value}`, () =>
      assert.equal(isTimestamp(value), ok));

  const durations: Array<[string, boolean]> = [
    ['PT1H2M3.5S', true],
    ['P1DT12H36M0.1237S', true],
    ['P3W', true],
    ['P1Y2M', true],
    ['P', false],
    ['PT', false],
    ['PT1.5H2M', false],
    ['1H', false],
    ['PT-1S', false],
  ];
  for (const [value, ok] of durations)
    it(`${ok ? 'accepts' : 'refuses'} the duration ${value}`, () =>
      assert.equal(isDuration(value), ok));

  it('knows a UUID from lookalikes', () => {
    assert.equal(isUuid('3b7a4a02-3c2b-4f1e-9d1a-0a1b2c3d4e5f'), true);
    assert.equal(isUuid('3b7a4a02-3c2b-4f1e-7d1a-0a1b2c3d4e5f'), false);
    assert.equal(isUuid('3b7a4a023c2b4f1e9d1a0a1b2c3d4e5f'), false);
  });

  it('names the property that breaks a rule', () => {
    assert.throws(
      () =>
        validateStatement(
          {
            actor: { mbox: 'mailto:a@b.c' },
            verb: { id: 'http://x.com/v' },
            object: { id: 'http://x.com/a' },
            result: { score: { scaled: 2 } },
          },
          '1.0.3',
        ),
      (err: unknown) =>
        err instanceof XapiInvalid && /statement\.result\.score\.scaled/.test(err.message),
    );
  });
});
