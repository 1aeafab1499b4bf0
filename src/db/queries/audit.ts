import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { auditLog, employees } from '../schema.js';

export interface AuditEntryRow {
  id: number;
  at: Date;
  actor: string;
  via: string;
  action: string;
  subjectEmployeeId: number | null;
  /** The subject's name on the roster today ("Former employee #id" once forgotten). */
  subjectName: string | null;
  detail: unknown;
}

/** Where a page of the audit log ended: the last row's time (exact, as Postgres text) and id. */
export interface AuditCursor {
  at: string;
  id: number;
}

/**
 * One page of audit rows in [since, until), oldest first, after `cursor` (keyset pagination on
 * (at, id): each page is an index range scan, and memory holds one page, whatever the log's size).
 */
export async function auditEntriesPage(
  db: Tx,
  range: { since: Date; until?: Date | undefined },
  cursor: AuditCursor | null,
  limit: number,
): Promise<{ entries: AuditEntryRow[]; next: AuditCursor | null }> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      atText: sql<string>`${auditLog.at}::text`,
      actor: auditLog.actorSlackUserId,
      via: auditLog.via,
      action: auditLog.action,
      subjectEmployeeId: auditLog.subjectEmployeeId,
      subjectName: employees.name,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(employees, eq(employees.id, auditLog.subjectEmployeeId))
    .where(
      and(
        gte(auditLog.at, range.since),
        range.until ? lt(auditLog.at, range.until) : undefined,
        cursor
          ? sql`(${auditLog.at}, ${auditLog.id}) > (${cursor.at}::timestamptz, ${cursor.id})`
          : undefined,
      ),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .limit(limit);
  const last = rows.at(-1);
  return {
    entries: rows.map(({ atText: _, ...entry }) => entry),
    next: last && rows.length === limit ? { at: last.atText, id: last.id } : null,
  };
}

/**
 * Whether a delivery's audit rows are written already (`detail.delivery` = its id): a retried
 * delivery audits once. Looked up through one of its subjects (audit_log_subject_idx).
 */
export async function deliveryAudited(
  db: Tx,
  input: { action: string; deliveryId: number; subjectEmployeeId: number },
): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subjectEmployeeId, input.subjectEmployeeId),
        eq(auditLog.action, input.action),
        sql`${auditLog.detail}->>'delivery' = ${String(input.deliveryId)}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Where an audited look or change came from (the column's one list of values). */
export type AuditVia = (typeof auditLog.via.enumValues)[number];

/** One audit row to append. */
export interface NewAuditEntry {
  actorSlackUserId: string;
  action: string;
  via: AuditVia;
  subjectEmployeeId: number | null;
  detail: unknown;
  at: Date;
}

/** Appends rows to the audit log in one statement (the database refuses updates and deletes). */
export async function insertAuditEntries(db: Tx, entries: readonly NewAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values([...entries]);
}
