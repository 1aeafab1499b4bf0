import { open } from 'node:fs/promises';
import { ConfigError, loadDatabaseConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { importRoster, RosterFileError, type RosterImportReport } from '../domain/roster-import/index.js';
import { errorSummary } from '../logger.js';

/**
 * `npm run roster:import -- [--dry-run] file.csv`: loads the HR roster into DATABASE_URL, or into
 * the embedded database under DATA_DIR. Format and rules: docs/roster.md.
 *
 * Exit codes: 0 every row applied; 2 the valid rows were applied but some were rejected (listed);
 * 1 nothing was changed (unreadable or malformed file, bad configuration, database error).
 */
const USAGE = 'usage: npm run roster:import -- [--dry-run] file.csv';

async function main(args: string[]): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const files = args.filter((arg) => arg !== '--dry-run');
  if (files.length !== 1 || files[0]?.startsWith('-')) {
    console.error(USAGE);
    return 1;
  }
  const path = files[0] as string;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path);
  } catch (error) {
    console.error(
      `roster import failed: cannot read ${path} (${(error as Error).message}). Nothing was changed.`,
    );
    return 1;
  }
  const { database: target } = loadDatabaseConfig(process.env);
  const database = openDatabase(target);
  try {
    await database.migrate();
    const report = await importRoster(database.db, handle.createReadStream(), new Date(), { dryRun });
    console.log(formatReport(report));
    return report.rejected > 0 ? 2 : 0;
  } catch (error) {
    if (!(error instanceof RosterFileError)) throw error;
    console.error(`roster import failed: ${error.message}. Nothing was changed.`);
    return 1;
  } finally {
    await handle.close().catch(() => {});
    await database.close();
  }
}

function formatReport(report: RosterImportReport): string {
  const { rows, matched, created, updated, rejected } = report;
  return [
    `rows: ${rows}, matched: ${matched}, created: ${created}, updated: ${updated}, rejected: ${rejected}`,
    ...report.rejections.map((r) => `line ${r.line}: ${r.message}`),
    ...report.warnings.map((w) => `warning: line ${w.line}: ${w.message}`),
    ...(report.dryRun ? ['dry run: nothing was saved'] : []),
  ].join('\n');
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `roster import failed; nothing was changed: ${errorSummary(error)}`,
  );
  process.exitCode = 1;
}
