import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Db, Tx } from '../db/client.js';
import { rosterBatchEnd } from '../db/queries/employees.js';
import { type MetricsWindow, type PersonRecord, personRecords } from '../db/queries/metrics.js';
import type { ReviewPeriod } from './review-periods.js';

/**
 * The performance-review export: one row per employee who counts in the period, with exactly these
 * columns (docs/export.md defines each). `/bot me` shows an employee their row through `exportRow`.
 */
export const EXPORT_COLUMNS = [
  'employee_id',
  'slack_user_id',
  'name',
  'email',
  'department',
  'manager_email',
  'period',
  'bots_submitted',
  'bots_approved',
  'first_submitted_at',
  'best_score',
  'colleague_uses',
  'distinct_colleague_users',
  'est_hours_saved_per_week',
  'requirement_met',
  // Appended (issue 11): uses the person's bots reported about themselves; never part of the above.
  'reported_uses',
  // Appended (issue 14): never reorder the columns above.
  'entered_by_email',
  // Appended (issue 15): never reorder the columns above.
  'sessions_attended',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string>;

/** One person's record as the export writes it (before CSV quoting); the only formatter of it. */
export function exportRow(record: PersonRecord, period: ReviewPeriod): ExportRow {
  return {
    employee_id: record.employeeId ?? '',
    slack_user_id: record.slackUserId ?? '',
    name: record.name,
    email: record.email ?? '',
    department: record.department ?? '',
    manager_email: record.managerEmail ?? '',
    period: period.name,
    bots_submitted: String(record.botsSubmitted),
    bots_approved: String(record.botsApproved),
    first_submitted_at: record.firstSubmittedAt ? isoSeconds(record.firstSubmittedAt) : '',
    best_score: record.bestScore === null ? '' : String(record.bestScore),
    colleague_uses: String(record.colleagueUses),
    distinct_colleague_users: String(record.distinctColleagueUsers),
    est_hours_saved_per_week: String(record.estHoursSavedPerWeek),
    requirement_met: record.requirementMet ? 'true' : 'false',
    reported_uses: String(record.reportedUses),
    entered_by_email: record.enteredBy
      .map((p) => p.email ?? '')
      .filter((email) => email !== '')
      .join(';'),
    sessions_attended: String(record.sessionsAttended),
  };
}

/** `2026-07-10T12:00:00Z`: UTC, to the second. */
function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage return, which
 * some spreadsheets strip before looking) gets a leading apostrophe: shown as text, never evaluated.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Rows per query: big enough to amortise the metric CTEs, small enough to keep memory flat. */
export const EXPORT_BATCH_SIZE = 10_000;

/**
 * Every member's record for the window, in roster-id order, one batch of ids at a time (keyset
 * pagination: `id > last` — no cursor, so it works the same on postgres.js and PGlite).
 */
export async function* exportRecords(
  db: Tx,
  window: MetricsWindow,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<PersonRecord[]> {
  let afterId = 0;
  for (;;) {
    const throughId = await rosterBatchEnd(db, afterId, batchSize);
    if (throughId === null) return;
    const records = await personRecords(db, window, { kind: 'employee-range', afterId, throughId });
    if (records.length > 0) yield records;
    afterId = throughId;
  }
}

export interface ExportSummary {
  rows: number;
}

/**
 * Streams the export as CSV into `sink`: RFC 4180 (CRLF, quotes doubled, quoted only when needed),
 * UTF-8 with a byte-order mark so spreadsheets read Chinese names, formula cells neutralised. The
 * batches are read in one read-only repeatable-read transaction, so the file is one consistent
 * snapshot; memory holds one batch at a time.
 */
export async function writeExport(
  db: Db,
  period: ReviewPeriod,
  window: MetricsWindow,
  sink: Writable,
  batchSize = EXPORT_BATCH_SIZE,
): Promise<ExportSummary> {
  let rows = 0;
  await db.transaction(
    async (tx) => {
      async function* cells() {
        for await (const batch of exportRecords(tx, window, batchSize)) {
          for (const record of batch) {
            rows++;
            const row = exportRow(record, period);
            yield EXPORT_COLUMNS.map((column) => neutraliseCell(row[column]));
          }
        }
      }
      await pipeline(
        Readable.from(cells()),
        stringify({ bom: true, header: true, columns: [...EXPORT_COLUMNS], record_delimiter: 'windows' }),
        sink,
      );
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return { rows };
}

/**
 * `adoption-2026-Q3-2026-11-15.csv`: the period and the day it was made, safe as a file name; `stem`
 * is the first word in the reader's language (`AI应用情况-2026-Q3-2026-11-15.csv`).
 */
export function exportFileName(period: ReviewPeriod, today: string, stem = 'adoption'): string {
  const safe = (text: string) => text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
  return `${safe(stem) || 'adoption'}-${safe(period.name) || 'period'}-${today}.csv`;
}
