import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { startCourier } from './start.js';

/** The process: reads config, starts (startCourier listens), and drains on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel });
  const courier = await startCourier(config, { logger });
  // The ready line is part of the contract: print it even when LOG_LEVEL hides info.
  const ready = `listening on ${courier.url.replace('localhost', config.host === '0.0.0.0' ? 'localhost' : config.host)}`;
  if (logger.isLevelEnabled('info')) logger.info(ready);
  else console.log(ready);
  logger.info(
    { contentUrl: courier.contentUrl },
    'the player and course files on their own origin',
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Draining gives requests 5 s (see start.ts); this is the last resort should closing hang.
    const force = setTimeout(() => process.exit(1), 9_500);
    force.unref();
    courier.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

await main();
