import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Tx } from '../db/client.js';
import { type AuditCursor, type AuditEntryRow, auditEntriesPage } from '../db/queries/audit.js';

/**
 * `npm run audit`: the audit log of a range, oldest first, as a plain-text table or JSON, written
 * page by page as it is read. Memory holds one page whatever the range (the log grows without end),
 * so the table has fixed column widths rather than widths measured over every row.
 */
export const AUDIT_PAGE_SIZE = 5_000;

export interface AuditReportOptions {
  json: boolean;
  pageSize?: number;
}

export async function writeAuditReport(
  db: Tx,
  range: { since: Date; until?: Date | undefined },
  out: Writable,
  options: AuditReportOptions,
): Promise<{ entries: number }> {
  const pageSize = options.pageSize ?? AUDIT_PAGE_SIZE;
  let count = 0;
  let cursor: AuditCursor | null = null;
  for (;;) {
    const page: { entries: AuditEntryRow[]; next: AuditCursor | null } = await auditEntriesPage(
      db,
      range,
      cursor,
      pageSize,
    );
    const lines: string[] = [];
    for (const entry of page.entries) {
      if (count === 0) lines.push(...(options.json ? ['['] : tableHeader()));
      lines.push(
        options.json ? `${count === 0 ? '' : ','}${JSON.stringify(toJson(entry))}` : tableLine(entry),
      );
      count++;
    }
    if (lines.length > 0) await write(out, `${lines.join('\n')}\n`);
    if (!page.next) break;
    cursor = page.next;
  }
  if (options.json) await write(out, count === 0 ? '[]\n' : ']\n');
  else await write(out, count === 0 ? 'no audit entries in that range\n' : `${count} entries\n`);
  return { entries: count };
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

function toJson(entry: AuditEntryRow) {
  return { ...entry, at: entry.at.toISOString() };
}

// at (UTC), actor, via, action, subject; the detail (compact JSON) last. A longer value pushes its
// line's later cells right rather than widening every line.
const WIDTHS = [19, 12, 8, 20, 28];
const HEADER = ['at (UTC)', 'actor', 'via', 'action', 'subject', 'detail'];

function cells(values: string[]): string {
  return values
    .map((value, i) => (i === values.length - 1 ? value : value.padEnd(WIDTHS[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

function tableHeader(): string[] {
  return [cells(HEADER), cells(WIDTHS.map((w) => '-'.repeat(w)).concat(['-'.repeat(6)]))];
}

function tableLine(e: AuditEntryRow): string {
  return cells([
    e.at.toISOString().slice(0, 19).replace('T', ' '),
    e.actor,
    e.via,
    e.action,
    e.subjectEmployeeId === null ? '–' : `#${e.subjectEmployeeId} ${e.subjectName ?? ''}`.trim(),
    e.detail === null ? '' : JSON.stringify(e.detail),
  ]);
}
