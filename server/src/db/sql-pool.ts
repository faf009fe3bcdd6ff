import pg from 'pg';

/**
 * A plain `pg` pool beside MikroORM's, for the one path where every round trip counts: the
 * runtime commit. It parses values the way MikroORM's connection does (timestamps stay strings,
 * so rows map onto entities the same way), and it lets a transaction travel as a few
 * multi-statement messages (built with `sql`, see sql.ts) instead of one message per statement.
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
 * The EntityManager's `execute` shape over a pooled client, so statement builders shared with
 * the ORM paths run unchanged inside a hand-held transaction.
 */
export function clientExecutor(client: SqlClient) {
  return {
    async execute(sql: string, params: unknown[] = [], method: 'all' | 'get' | 'run' = 'all') {
      // Statements built with `sql` (see sql.ts) arrive complete, without parameters, and are
      // sent as they are; only the ORM-shaped callers' `?` placeholders are numbered.
      let n = 0;
      const result =
        params.length === 0
          ? await client.query(sql)
          : await client.query(
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
