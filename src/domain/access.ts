import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';

/** Who may use the HR command: one access check for every HR surface. */
export interface HrAccessPolicy {
  hrUserIds: readonly string[];
}

export function isHrUser(policy: HrAccessPolicy, slackUserId: string): boolean {
  return policy.hrUserIds.includes(slackUserId);
}

export type AuditVia = 'command' | 'home' | 'cli' | 'schedule';

/** Appends one row to the audit log (the app never updates or deletes it). */
export async function audit(
  db: Db,
  entry: {
    actor: string;
    action: string;
    via: AuditVia;
    subjectEmployeeId?: number | null;
    detail?: unknown;
  },
  now: Date,
): Promise<void> {
  await db.insert(auditLog).values({
    actorSlackUserId: entry.actor,
    action: entry.action,
    via: entry.via,
    subjectEmployeeId: entry.subjectEmployeeId ?? null,
    detail: entry.detail ?? null,
    at: now,
  });
}
