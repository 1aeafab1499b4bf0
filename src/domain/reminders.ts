import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { employees } from '../db/schema.js';

/**
 * Whether a person gets deadline nudges (`/bot remind on|off`). The nudge job reads
 * `employees.reminders_opt_out`; this is the only writer.
 */
export async function setReminders(db: Db, employeeId: number, enabled: boolean, now: Date): Promise<void> {
  const updated = await db
    .update(employees)
    .set({ remindersOptOut: !enabled, updatedAt: now })
    .where(eq(employees.id, employeeId))
    .returning({ id: employees.id });
  if (updated.length === 0) throw new Error(`employee ${employeeId} vanished while setting reminders`);
}
