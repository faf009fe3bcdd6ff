import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { sql, toParameterized, toSimpleQuery } from './sql.js';

const HOSTILE = [
  `'; DROP TABLE registrations; --`,
  `?`,
  `'?'`,
  `$1`,
  `\\' OR 1=1 --`,
  `E'\\x00'`,
  `"quoted"`,
  `🎓 ü`,
];

describe('the SQL builder', () => {
  it('fills slots only, and leaves the text as written', () => {
    const q = sql`SELECT cmi ? 'a' AS has, '?' AS mark, ${'x'} AS v WHERE ${1} = ${-1}`;
    assert.equal(toSimpleQuery(q), `SELECT cmi ? 'a' AS has, '?' AS mark, 'x' AS v WHERE 1 = (-1)`);
    assert.deepEqual(toParameterized(q), {
      text: `SELECT cmi ? 'a' AS has, '?' AS mark, $1 AS v WHERE $2 = $3`,
      values: ['x', 1, -1],
    });
  });

  it('renders each type by its kind, and nests fragments', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const inner = sql`${true} AND ${null}`;
    const q = sql`${sql.identifier('status')} = ${sql.json({ a: "it's" })} AND ${at} AND ${inner} AND ${5n}`;
    assert.equal(
      toSimpleQuery(q),
      `"status" = '{"a":"it''s"}'::jsonb AND '2026-01-02T03:04:05.000Z'::timestamptz AND TRUE AND NULL AND 5`,
    );
    const p = toParameterized(q);
    assert.equal(p.text, `"status" = $1::jsonb AND $2 AND $3 AND $4 AND $5`);
    assert.deepEqual(p.values, ['{"a":"it\'s"}', at, true, null, 5n]);
    assert.equal(toSimpleQuery(sql.join([sql`a = ${1}`, sql`b = ${'x'}`], ', ')), `a = 1, b = 'x'`);
    assert.equal(toSimpleQuery(sql.join([], ', ')), '');
  });

  it('refuses values it cannot render safely', () => {
    for (const bad of [
      undefined,
      Buffer.from('x'),
      { a: 1 },
      [1],
      NaN,
      Infinity,
      () => 1,
      Symbol('s'),
    ]) {
      assert.throws(() => toSimpleQuery(sql`SELECT ${bad}`), TypeError, String(bad));
      assert.throws(() => toParameterized(sql`SELECT ${bad}`), TypeError, String(bad));
    }
    assert.throws(() => toSimpleQuery(sql`SELECT ${'a\u0000b'}`), TypeError);
    assert.throws(() => toSimpleQuery(sql`SELECT ${new Date(NaN)}`), TypeError);
    assert.throws(() => sql.identifier('status; DROP'), TypeError);
    assert.throws(() => sql.identifier('"x"'), TypeError);
  });

  describe('against PostgreSQL', () => {
    let courier: TestCourier;
    before(async () => {
      courier = await startTestCourier();
    });
    after(async () => {
      await courier.stop();
    });

    it('hands back hostile strings exactly, by both protocols', async () => {
      for (const value of HOSTILE) {
        const q = sql`SELECT ${value}::text AS v, ${sql.json({ value })} ->> 'value' AS j, ${-2}::int AS n`;
        const simple = await courier.services.sql.query(toSimpleQuery(q));
        assert.deepEqual(simple.rows[0], { v: value, j: value, n: -2 });
        const { text, values } = toParameterized(q);
        const extended = await courier.services.sql.query(text, values);
        assert.deepEqual(extended.rows[0], { v: value, j: value, n: -2 });
      }
    });
  });
});
