import {
  DefaultLogger,
  MikroORM,
  type LoggerOptions,
  type Options,
  PostgreSqlDriver,
} from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.js';
import { XAPI_SQL_TABLES } from '../xapi/xapi-tables.js';
import { migrations } from './migrations/index.js';

export type Orm = MikroORM;

export interface OrmOptions {
  url: string;
  poolMax?: number;
  /** Called with every SQL statement sent (benchmarks count statements per request). */
  onQuery?: (sql: string) => void;
}

/** MikroORM options shared by the server, the migration runner and the tests. */
export function ormOptions({ url, poolMax = 10, onQuery }: OrmOptions): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    // The LRS's statement and document tables are written in SQL by the xapi module, not entities.
    schemaGenerator: { skipTables: [...XAPI_SQL_TABLES] },
    migrations: {
      migrationsList: migrations,
      transactional: true,
      allOrNothing: true,
      disableForeignKeys: false,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: poolMax },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ...(onQuery
      ? {
          debug: ['query'] as const,
          loggerFactory: (options: LoggerOptions) => {
            const logger = new DefaultLogger(options);
            logger.log = (namespace, message) => {
              if (namespace === 'query') onQuery(message);
            };
            return logger;
          },
        }
      : {}),
  };
}

/** Connects and brings the schema up to date: the same migrations on embedded and real Postgres. */
export async function createOrm(options: OrmOptions): Promise<Orm> {
  const orm = await MikroORM.init(ormOptions(options));
  await orm.getMigrator().up();
  return orm;
}
