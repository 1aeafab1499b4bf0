import { parseArgs } from 'node:util';
import { ConfigError, loadDatabaseConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { type AuditEntryRow, listAuditEntries } from '../db/queries/audit.js';
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
    const entries = await listAuditEntries(database.db, { since, until });
    console.log(values.json ? JSON.stringify(entries.map(toJson), null, 2) : formatAuditTable(entries));
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

function toJson(entry: AuditEntryRow) {
  return { ...entry, at: entry.at.toISOString() };
}

/** A plain-text table, one line per row; the detail as compact JSON at the end. */
export function formatAuditTable(entries: AuditEntryRow[]): string {
  if (entries.length === 0) return 'no audit entries in that range';
  const header = ['at (UTC)', 'actor', 'via', 'action', 'subject', 'detail'];
  const rows = entries.map((e) => [
    e.at.toISOString().slice(0, 19).replace('T', ' '),
    e.actor,
    e.via,
    e.action,
    e.subjectEmployeeId === null ? '–' : `#${e.subjectEmployeeId} ${e.subjectName ?? ''}`.trim(),
    e.detail === null ? '' : JSON.stringify(e.detail),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `${entries.length} entries`,
  ].join('\n');
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `audit failed: ${errorSummary(error)}`);
  process.exitCode = 1;
}
