import { ConfigError, loadDatabaseConfig } from '../config.js';
import { openDatabase } from './client.js';

/** `npm run db:migrate`: applies migrations/ to DATABASE_URL, or to the embedded database under DATA_DIR. */
try {
  const { database: target } = loadDatabaseConfig(process.env);
  const database = openDatabase(target);
  try {
    await database.migrate();
    console.log(
      `Migrations applied (${target.kind === 'postgres' ? 'DATABASE_URL' : `embedded database in ${target.dataDir}`}).`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
