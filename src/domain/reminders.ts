import type { Db } from '../db/client.js';
import { setRemindersOptOut } from '../db/queries/employees.js';

/**
 * Whether a person gets deadline nudges (`/bot remind on|off`). The nudge job reads
 * `employees.reminders_opt_out`; this is the only writer.
 */
export async function setReminders(db: Db, employeeId: number, enabled: boolean, now: Date): Promise<void> {
  if (!(await setRemindersOptOut(db, employeeId, !enabled, now))) {
    throw new Error(`employee ${employeeId} vanished while setting reminders`);
  }
}
