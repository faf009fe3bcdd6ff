import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatIso8601Duration,
  formatScorm12Time,
  parseIso8601Duration,
  parseScorm12Time,
  parseSessionTime,
} from './cmi-time.js';

describe('SCORM time formats', () => {
  const scorm12: Array<[string, number | null]> = [
    ['00:00:00', 0],
    ['0000:05:00.00', 300],
    ['01:02:03.5', 3723.5],
    ['9999:59:59.99', 9999 * 3600 + 59 * 60 + 59.99],
    ['1:00:00', null],
    ['00:60:00', null],
    ['00:00:00.123', null],
    ['PT5M', null],
    ['', null],
  ];
  for (const [input, expected] of scorm12) {
    it(`reads 1.2 "${input}" as ${expected}`, () =>
      assert.equal(parseScorm12Time(input), expected));
  }

  const iso: Array<[string, number | null]> = [
    ['PT0S', 0],
    ['PT1H2M3.5S', 3723.5],
    ['P1DT2H', 93600],
    ['PT90M', 5400],
    ['P1Y', 365 * 86400],
    ['P1M', 30 * 86400],
    ['P', null],
    ['PT', null],
    ['-PT1S', null],
    ['00:05:00', null],
    ['PT1.5M', null],
  ];
  for (const [input, expected] of iso) {
    it(`reads 2004 "${input}" as ${expected}`, () =>
      assert.equal(parseIso8601Duration(input), expected));
  }

  it('formats totals that read back to the same seconds', () => {
    for (const seconds of [0, 59.99, 3723.5, 36000, 123456.78]) {
      assert.equal(parseScorm12Time(formatScorm12Time(seconds)), seconds);
      assert.equal(parseIso8601Duration(formatIso8601Duration(seconds)), seconds);
    }
    assert.equal(formatScorm12Time(3723.5), '0001:02:03.50');
    assert.equal(formatIso8601Duration(3723.5), 'PT1H2M3.5S');
  });

  it('picks the format by version', () => {
    assert.equal(parseSessionTime('SCORM_12', '00:01:00'), 60);
    assert.equal(parseSessionTime('SCORM_2004', 'PT1M'), 60);
    assert.equal(parseSessionTime('SCORM_2004', '00:01:00'), null);
  });
});
