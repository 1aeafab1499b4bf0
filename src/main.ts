import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { isPostgresWriteAfterClose } from './db/postgres-write-after-close.js';
import { startScheduler } from './jobs/scheduler.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

/** Composition root: config → database → migrations → Slack app → schedules → clean shutdown. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // A stray throw of postgres.js after a connection cut is survivable (the failed query already
  // told its user nothing was saved); any other uncaught error still ends the process.
  process.on('uncaughtException', (error) => {
    if (isPostgresWriteAfterClose(error)) {
      logger.warn({ err: error }, 'postgres.js wrote to a closed connection; ignored');
      return;
    }
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  const database = openDatabase(config.database);
  try {
    await database.migrate();
  } catch (error) {
    logger.fatal({ err: error }, 'could not open or migrate the database');
    await database.close().catch(() => {});
    process.exit(1);
  }
  const server = await startServer(config, { database, logger });
  const scheduler = startScheduler({
    config,
    db: database.db,
    client: server.app.client,
    logger,
    now: () => new Date(),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Requests stop at once (not after the scheduler's running job); both then finish their work.
    await Promise.all([
      scheduler.stop(),
      server.stop().catch((err) => logger.error({ err }, 'error while stopping the Slack app')),
    ]);
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
