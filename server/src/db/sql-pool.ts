import pg from 'pg';

/**
 * A plain `pg` pool beside MikroORM's, for the one path where every round trip counts: the
 * runtime commit. It parses values the way MikroORM's connection does (timestamps stay strings,
 * so rows map onto entities the same way), and it lets a transaction travel as a few
 * multi-statement messages instead of one message per statement.
 */
export type SqlPool = pg.Pool;
export type SqlClient = pg.PoolClient;

const types = new pg.TypeOverrides();
for (const oid of [1082, 1114, 1184, 1186]) types.setTypeParser(oid, (s: string) => s);

/** Opens the pool; `max` stays small since each connection costs the server a backend. */
export function createSqlPool(url: string, max: number, onError: (err: unknown) => void): SqlPool {
  const pool = new pg.Pool({ connectionString: url, max, types });
  pool.on('error', onError);
  // A checked-out client whose connection drops (a restart, pg_terminate_backend) emits 'error'
  // besides failing its query; unheard, that event would crash the process. The query's own
  // rejection is what the caller handles, and the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * One value as an SQL literal, for statements sent over the simple query protocol (the only one
 * that carries several statements per message, and it takes no parameters). Strings go through
 * the driver's own escaping; numbers must be finite; objects become JSON text.
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    // Parentheses keep a negative number from meeting an operator before it (`- -1`).
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (typeof value === 'string') return pg.escapeLiteral(value);
  return pg.escapeLiteral(JSON.stringify(value));
}

/**
 * A `?`-placeholder statement (the form MikroORM's `execute` takes) with its values inlined as
 * literals. The statements passed here are Courier's own, none with a `?` of its own.
 */
export function inline(sql: string, params: readonly unknown[]): string {
  let i = 0;
  const text = sql.replace(/\?/g, () => {
    if (i >= params.length) throw new Error('More placeholders than values');
    return literal(params[i++]);
  });
  if (i !== params.length) throw new Error('More values than placeholders');
  return text;
}

/**
 * The EntityManager's `execute` shape over a pooled client, so statement builders shared with
 * the ORM paths run unchanged inside a hand-held transaction.
 */
export function clientExecutor(client: SqlClient) {
  return {
    async execute(sql: string, params: unknown[] = [], method: 'all' | 'get' | 'run' = 'all') {
      let n = 0;
      const result = await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
      if (method === 'run') return { affectedRows: result.rowCount ?? 0, rows: result.rows };
      if (method === 'get') return result.rows[0];
      return result.rows;
    },
  };
}

/** Whatever has the EntityManager's `execute`: the ORM itself, or a pooled client's adapter. */
export interface SqlExecutor {
  execute(sql: string, params?: unknown[], method?: 'all' | 'get' | 'run'): Promise<any>;
}
