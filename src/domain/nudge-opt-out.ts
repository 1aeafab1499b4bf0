import type { Db } from '../db/client.js';
import { updateNudgeOptOut } from '../db/queries/employees.js';

/**
 * Whether a person gets deadline nudges (`/bot remind off|on`: the command word stays as
 * documented). The nudge job reads `employees.reminders_opt_out` (`nudgeOptOut` in
 * the schema); this is the only writer. Not to be
 * confused with review reminders (src/jobs/review-reminders.ts), which go to reviewers.
 */
export async function setNudgeOptOut(db: Db, employeeId: number, optOut: boolean, now: Date): Promise<void> {
  if (!(await updateNudgeOptOut(db, employeeId, optOut, now))) {
    throw new Error(`employee ${employeeId} vanished while setting the nudge opt-out`);
  }
}
