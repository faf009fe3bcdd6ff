import 'reflect-metadata';
import { loadConfig } from './config.js';
import { startEmbeddedPostgres } from './db/embedded-postgres.js';
import { createOrm } from './db/orm.js';
import { repairStats } from './registrations/repair-stats.js';
import path from 'node:path';

/**
 * `npm run stats:repair [-- --dry-run]`: recomputes the stats counters from the registrations
 * and prints any drift found. Run it with the same DATABASE_URL / DATA_DIR as the server.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres(path.join(config.dataDir, 'pg'));
  const orm = await createOrm({ url: config.databaseUrl ?? embedded!.url });
  try {
    const dryRun = process.argv.includes('--dry-run');
    const drift = await repairStats(orm.em.fork(), { dryRun });
    if (drift.length === 0) console.log('stats counters match the registrations: no drift');
    else {
      console.table(drift);
      console.log(
        dryRun
          ? `${drift.length} drifted figures (dry run: nothing changed)`
          : `repaired ${drift.length} drifted figures`,
      );
    }
  } finally {
    await orm.close();
    await embedded?.stop();
  }
}

await main();
