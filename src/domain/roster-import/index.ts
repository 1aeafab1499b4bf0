import type { Db } from '../../db/client.js';
import { listRoster, lockRosterForImport } from '../../db/queries/employees.js';
import { type AppliedCounts, applyPlan } from './apply.js';
import { planRosterImport, type RowNote } from './plan.js';
import { type RosterInput, readRosterFile } from './read.js';

/**
 * The HR roster import (`npm run roster:import -- file.csv`, format in docs/roster.md).
 *
 * 1. Reading (read.ts): the whole file is read and checked first; a structural problem (not CSV,
 *    not UTF-8, a required column missing) throws RosterFileError and nothing is written.
 * 2. Planning (plan.ts): each row is validated on its own; a bad row is rejected with its line and
 *    reason, and the other rows are still applied.
 * 3. Rows are matched to the roster by email (any case), else by HR employee_id; unmatched rows
 *    become new employees (with or without Slack). Managers are resolved once every row is known.
 * 4. Applying (apply.ts): everything is written in one transaction. Rows that already match change
 *    nothing, so running the same file twice is harmless. HR-imported rows are marked
 *    org_source = 'hr': from then on the HR file owns their name, email, title, department,
 *    manager and employment dates.
 */

export { planRosterImport, type RosterImportPlan, type RowNote } from './plan.js';
export { type RosterFile, RosterFileError, type RosterInput, readRosterFile } from './read.js';

export interface RosterImportReport extends AppliedCounts {
  /** Data rows in the file (blank lines not counted). */
  rows: number;
  rejected: number;
  rejections: RowNote[];
  warnings: RowNote[];
  dryRun: boolean;
}

export interface RosterImportOptions {
  /** Check and count everything, then roll back. */
  dryRun?: boolean;
}

export async function importRoster(
  db: Db,
  input: RosterInput,
  now: Date,
  options: RosterImportOptions = {},
): Promise<RosterImportReport> {
  const file = await readRosterFile(input);
  const dryRun = options.dryRun ?? false;
  let report: RosterImportReport | undefined;
  try {
    await db.transaction(async (tx) => {
      await lockRosterForImport(tx);
      const plan = planRosterImport(file, await listRoster(tx), isoDate(now));
      const applied = await applyPlan(tx, plan, now);
      report = {
        rows: file.rows.length,
        ...applied,
        rejected: plan.rejections.length,
        rejections: plan.rejections,
        warnings: plan.warnings,
        dryRun,
      };
      if (dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!report) throw new Error('roster import finished without a report');
  return report;
}

class DryRunRollback extends Error {}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
