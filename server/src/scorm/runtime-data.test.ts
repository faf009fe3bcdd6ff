import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCmiText, encodeCmiText, projectFacts, storedSizeOf } from './runtime-data.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('runtime data encoding', () => {
  const cases: Array<[name: string, value: string]> = [
    ['plain', 'page-3'],
    ['empty', ''],
    ['U+0000', 'a\u0000b\u0000'],
    ['lone high surrogate', 'x\uD83D'],
    ['lone low surrogate', '\uDE00y'],
    ['reversed pair', '\uDE00\uD83D'],
    ['emoji', '🎓👩🏽‍🏫'],
    ['the escape mark', '\uE000'],
    ['what an escape looks like', '\uE0000000'],
    ['mark before a pair', '\uE000\uD83D\uDE00'],
  ];
  for (const [name, value] of cases) {
    it(`round-trips ${name}`, () => {
      const stored = encodeCmiText(value);
      assert.equal(decodeCmiText(stored), value);
      assert.equal(stored.includes('\u0000'), false);
      assert.equal(LONE_SURROGATE.test(stored), false);
    });
  }

  it('leaves ordinary text as it is', () => {
    assert.equal(encodeCmiText('Größe 🎓 <b>'), 'Größe 🎓 <b>');
  });
});

describe('runtime data size and facts', () => {
  it('measures as PostgreSQL measures a jsonb object of strings', () => {
    // pg_column_size('{"a":"b"}'::jsonb) = 18, '{"a":"b","cc":"dd"}' = 30, '{}' = 8.
    assert.equal(storedSizeOf({}), 8);
    assert.equal(storedSizeOf({ a: 'b' }), 18);
    assert.equal(storedSizeOf({ a: 'b', cc: 'dd' }), 30);
  });

  it('keeps only what derivation reads, long values as a presence mark', () => {
    assert.deepEqual(
      projectFacts({
        'cmi.core.lesson_status': 'incomplete',
        'cmi.suspend_data': 'x'.repeat(1000),
        'cmi.interactions.0.id': 'q1',
        'cmi.objectives.3.id': 'obj-3',
        'cmi.objectives.3.status': 'passed',
        'cmi.location': 'p',
      }),
      {
        'cmi.core.lesson_status': 'incomplete',
        'cmi.suspend_data': '1',
        'cmi.objectives.3.id': 'obj-3',
        'cmi.objectives.3.status': 'passed',
        'cmi.location': 'p',
      },
    );
    assert.deepEqual(projectFacts({ 'cmi.suspend_data': '' }), { 'cmi.suspend_data': '' });
  });
});
