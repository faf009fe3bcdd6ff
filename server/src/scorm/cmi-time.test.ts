import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatIso8601Duration,
  formatScorm12Time,
  formatTotalTime,
  parseIso8601Duration,
  parseScorm12Time,
  parseSessionTime,
} from './cmi-time.js';

describe('SCORM 1.2 time spans', () => {
  const cases: Array<[string, number | null]> = [
    ['00:00:00', 0],
    ['0000:05:00.00', 300],
    ['01:02:03.5', 3723.5],
    ['00:00:00.05', 0.05],
    ['123:00:00', 123 * 3600],
    ['9999:59:59.99', 9999 * 3600 + 59 * 60 + 59.99],
    ['1:00:00', null],
    ['12345:00:00', null],
    ['00:60:00', null],
    ['00:00:60', null],
    ['00:5:00', null],
    ['00:00:00.123', null],
    ['00:00:00.', null],
    ['-01:00:00', null],
    [' 00:00:01', null],
    ['PT5M', null],
    ['', null],
  ];
  for (const [input, expected] of cases) {
    it(`reads "${input}" as ${expected === null ? 'invalid' : `${expected} s`}`, () =>
      assert.equal(parseScorm12Time(input), expected));
  }
});

describe('SCORM 2004 time intervals', () => {
  const cases: Array<[string, number | null]> = [
    ['PT0S', 0],
    ['PT1H2M3.5S', 3723.5],
    ['P1DT2H', 26 * 3600],
    ['PT90M', 5400],
    ['PT3600S', 3600],
    ['PT0.123S', 0.123],
    ['P1Y', 365 * 86_400],
    ['P1M', 30 * 86_400],
    ['PT1M', 60],
    ['P1Y2M3DT4H5M6.78S', 365 * 86_400 + 60 * 86_400 + 3 * 86_400 + 4 * 3600 + 5 * 60 + 6.78],
    ['P', null],
    ['PT', null],
    ['P1DT', null],
    ['-PT1S', null],
    ['PT1.5M', null],
    ['P1W', null],
    ['PT1,5S', null],
    ['pt1s', null],
    ['PT5', null],
    ['P1H', null],
    ['T1H', null],
    ['PT1S ', null],
    ['00:05:00', null],
    ['', null],
  ];
  for (const [input, expected] of cases) {
    it(`reads "${input}" as ${expected === null ? 'invalid' : `${expected} s`}`, () =>
      assert.equal(parseIso8601Duration(input), expected));
  }
});

describe('total_time formatting', () => {
  const scorm12: Array<[number, string]> = [
    [0, '0000:00:00.00'],
    [3723.5, '0001:02:03.50'],
    [59.999, '0000:01:00.00'],
    [36_000, '0010:00:00.00'],
    [-5, '0000:00:00.00'],
    [Number.NaN, '0000:00:00.00'],
    [1e9, '9999:59:59.99'],
  ];
  for (const [seconds, expected] of scorm12) {
    it(`writes ${seconds} s as 1.2 "${expected}"`, () =>
      assert.equal(formatScorm12Time(seconds), expected));
  }

  const iso: Array<[number, string]> = [
    [0, 'PT0S'],
    [60, 'PT1M'],
    [3600, 'PT1H'],
    [3723.5, 'PT1H2M3.5S'],
    [0.01, 'PT0.01S'],
    [90_000, 'PT25H'],
    [59.999, 'PT1M'],
    [-1, 'PT0S'],
    [Number.POSITIVE_INFINITY, 'PT0S'],
  ];
  for (const [seconds, expected] of iso) {
    it(`writes ${seconds} s as 2004 "${expected}"`, () =>
      assert.equal(formatIso8601Duration(seconds), expected));
  }

  it('writes totals that read back to the same seconds', () => {
    for (const seconds of [0, 0.01, 59.99, 3723.5, 36_000, 123_456.78]) {
      assert.equal(parseScorm12Time(formatScorm12Time(seconds)), seconds);
      assert.equal(parseIso8601Duration(formatIso8601Duration(seconds)), seconds);
    }
  });
});

describe('time by SCORM version', () => {
  const cases: Array<['SCORM_12' | 'SCORM_2004', string, number | null]> = [
    ['SCORM_12', '00:01:00', 60],
    ['SCORM_12', 'PT1M', null],
    ['SCORM_2004', 'PT1M', 60],
    ['SCORM_2004', '00:01:00', null],
  ];
  for (const [version, input, expected] of cases) {
    it(`reads a ${version} session_time "${input}" as ${expected}`, () =>
      assert.equal(parseSessionTime(version, input), expected));
  }

  it('writes total_time in the version’s own format', () => {
    assert.equal(formatTotalTime('SCORM_12', 90), '0000:01:30.00');
    assert.equal(formatTotalTime('SCORM_2004', 90), 'PT1M30S');
  });
});
