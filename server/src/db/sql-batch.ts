import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlClient } from './sql-pool.js';
import { sql, toSimpleQuery, type Sql } from './sql.js';

/** What one statement of a batch answered: its rows (typed by the query) and the rows it touched. */
export interface Result<T> {
  rows: T[];
  rowCount: number;
}

/** A statement whose rows have the shape `T`; only a type marker around the SQL. */
export interface Query<T> {
  readonly sql: Sql;
  /** Never set: carries `T` for `Results`. */
  readonly row?: T;
}

/** Names a statement's row shape, so its result is read by name rather than by position. */
export function query<T extends object = Record<string, unknown>>(statement: Sql): Query<T> {
  return { sql: statement };
}

/** Statements of one round trip, by name; an undefined entry is left out of the message. */
export type Batch = Record<string, Query<object> | undefined>;

/** The batch's results under the names its statements were given. */
export type Results<B extends Batch> = { [K in keyof B]: ResultOf<B[K]> };

/** A statement's result; nothing for a statement left out. */
type ResultOf<Q> = Q extends Query<infer T> ? Result<T> : undefined;

/**
 * A transaction that statements are sent through in batches. On the commit pool's client a batch
 * is one message (one round trip: the simple protocol carries several statements); the first
 * batch opens the transaction and the one marked `last` commits it. Under MikroORM's
 * `em.transactional` each statement is its own query and the ORM owns BEGIN and COMMIT.
 */
export interface SqlTransaction {
  /**
   * Sends a batch; `last` ends the transaction with it (COMMIT appended, unless `bare`: the
   * batch ends it by its own statements, a ROLLBACK).
   */
  run<B extends Batch>(batch: B, options?: { last?: boolean; bare?: boolean }): Promise<Results<B>>;
  /** Round trips this transaction has made so far. */
  readonly roundTrips: number;
}

interface Raw {
  rows: object[];
  rowCount: number | null;
}

function named<B extends Batch>(batch: B, raw: Raw[]): Results<B> {
  const out: Record<string, Result<object> | undefined> = {};
  let i = 0;
  for (const [name, q] of Object.entries(batch)) {
    if (!q) {
      out[name] = undefined;
      continue;
    }
    const r = raw[i++]!;
    out[name] = { rows: r.rows, rowCount: r.rowCount ?? 0 };
  }
  return out as Results<B>;
}

/**
 * A transaction on a pooled client of the commit pool: BEGIN travels with the first batch and
 * COMMIT with the last, so a change of two batches costs two round trips. The caller rolls back
 * (and releases the client) when it ends otherwise; `open` says whether it must.
 */
export function clientTransaction(client: SqlClient): SqlTransaction & { readonly open: boolean } {
  let state: 'idle' | 'open' | 'done' = 'idle';
  let roundTrips = 0;
  return {
    get open() {
      return state === 'open';
    },
    get roundTrips() {
      return roundTrips;
    },
    async run(batch, options) {
      const statements = Object.values(batch).filter((q): q is Query<object> => q !== undefined);
      const parts: Sql[] = statements.map((q) => q.sql);
      const begin = state === 'idle';
      if (begin) parts.unshift(sql`BEGIN`);
      if (state === 'done') throw new Error('This transaction has ended');
      if (options?.last && !options.bare) parts.push(sql`COMMIT`);
      // Open until the batch that ends it has succeeded: a failed COMMIT batch leaves the
      // transaction aborted, and the caller must still roll it back.
      state = 'open';
      roundTrips += 1;
      const answer = (await client.query(toSimpleQuery(sql.join(parts, ';\n')))) as Raw | Raw[];
      if (options?.last) state = 'done';
      const all = Array.isArray(answer) ? answer : [answer];
      return named(batch, all.slice(begin ? 1 : 0, (begin ? 1 : 0) + statements.length));
    },
  };
}

/** A transaction inside MikroORM's `em.transactional`: one query per statement. */
export function entityManagerTransaction(em: EntityManager): SqlTransaction {
  let roundTrips = 0;
  return {
    get roundTrips() {
      return roundTrips;
    },
    async run(batch) {
      const raw: Raw[] = [];
      for (const q of Object.values(batch)) {
        if (!q) continue;
        roundTrips += 1;
        const r = (await em.execute(toSimpleQuery(q.sql), [], 'run')) as {
          rows: object[];
          affectedRows: number;
        };
        raw.push({ rows: r.rows, rowCount: r.affectedRows });
      }
      return named(batch, raw);
    },
  };
}
