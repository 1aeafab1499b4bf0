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

/** Audit rows from `since` (inclusive) to `until` (exclusive), oldest first. */
export async function listAuditEntries(
  db: Tx,
  range: { since: Date; until?: Date | undefined },
): Promise<AuditEntryRow[]> {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actorSlackUserId,
      via: auditLog.via,
      action: auditLog.action,
      subjectEmployeeId: auditLog.subjectEmployeeId,
      subjectName: employees.name,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(employees, eq(employees.id, auditLog.subjectEmployeeId))
    .where(and(gte(auditLog.at, range.since), range.until ? lt(auditLog.at, range.until) : undefined))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
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
