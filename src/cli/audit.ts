import { parseArgs } from 'node:util';
import { ConfigError, loadDatabaseConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { writeAuditReport } from '../domain/audit-report.js';
import { errorSummary } from '../logger.js';

/**
 * `npm run audit -- --since 2026-11-01 [--until 2026-12-01] [--json]`: prints the audit log (who
 * looked at or exported whose data, when, and from where), oldest first. Days are UTC; --until is
 * exclusive. Exit codes: 0 printed (possibly nothing), 1 bad arguments or configuration.
 */
const USAGE = 'usage: npm run audit -- --since YYYY-MM-DD [--until YYYY-MM-DD] [--json]';

async function main(argv: string[]): Promise<number> {
  let values: { since?: string; until?: string; json?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: { since: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const since = day(values.since);
  const until = values.until === undefined ? undefined : day(values.until);
  if (!since || until === null) {
    console.error(USAGE);
    return 1;
  }
  const database = openDatabase(loadDatabaseConfig(process.env).database);
  try {
    await database.migrate();
    // Streamed page by page: the log of a long range does not have to fit in memory.
    await writeAuditReport(database.db, { since, until }, process.stdout, { json: values.json === true });
    return 0;
  } finally {
    await database.close();
  }
}

function day(value: string | undefined): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `audit failed: ${errorSummary(error)}`);
  process.exitCode = 1;
}
