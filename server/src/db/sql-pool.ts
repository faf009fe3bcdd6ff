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

/**
 * Opens the pool; `max` stays small since each connection costs the server a backend.
 * `onQuery` sees every message sent (one round trip each), for tests that pin round trips.
 */
export function createSqlPool(
  url: string,
  max: number,
  onError: (err: unknown) => void,
  onQuery?: (text: string) => void,
): SqlPool {
  const Client = onQuery ? countingClient(onQuery) : pg.Client;
  const pool = new pg.Pool({ connectionString: url, max, types, Client });
  pool.on('error', onError);
  // A checked-out client whose connection drops (a restart, pg_terminate_backend) emits 'error'
  // besides failing its query; unheard, that event would crash the process. The query's own
  // rejection is what the caller handles, and the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** A `pg` client class that tells `onQuery` of each query it sends. */
function countingClient(onQuery: (text: string) => void): typeof pg.Client {
  return class CountingClient extends pg.Client {
    override query(...args: unknown[]): any {
      const first = args[0];
      onQuery(typeof first === 'string' ? first : String((first as { text?: unknown })?.text));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
  } as typeof pg.Client;
}

/** Whatever has the EntityManager's `execute`: the ORM itself, or a pooled client's adapter. */
export interface SqlExecutor {
  execute(sql: string, params?: unknown[], method?: 'all' | 'get' | 'run'): Promise<any>;
}
