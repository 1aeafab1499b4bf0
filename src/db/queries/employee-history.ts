import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { employeeHistory } from '../schema.js';

/** The organisational facts whose history metrics need: where someone sat, under whom, employed or not. */
export interface OrgState {
  department: string | null;
  managerId: number | null;
  active: boolean;
}

/**
 * Records `state` as true from `at` on. Closes the open history row when something changed, so a
 * past period's department figures never move when someone changes team today. A change dated at
 * or before the open row's start (a back-dated HR import) corrects that row in place.
 * The first row of a person starts at SINCE_EVER: what we first learn of them is all we know of
 * their past. Call inside the transaction that changes the employee row.
 */
export async function recordOrgState(tx: Tx, employeeId: number, state: OrgState, at: Date): Promise<void> {
  const [open] = await tx
    .select()
    .from(employeeHistory)
    .where(and(eq(employeeHistory.employeeId, employeeId), isNull(employeeHistory.validTo)))
    .orderBy(desc(employeeHistory.validFrom))
    .for('update')
    .limit(1);
  if (
    open &&
    open.department === state.department &&
    open.managerId === state.managerId &&
    open.active === state.active
  ) {
    return;
  }
  if (open && at <= open.validFrom) {
    await tx.update(employeeHistory).set(state).where(eq(employeeHistory.id, open.id));
    return;
  }
  if (open) await tx.update(employeeHistory).set({ validTo: at }).where(eq(employeeHistory.id, open.id));
  // A person's first known state stands for all time before it too, so every period finds a row.
  const validFrom = open ? at : (await hasHistory(tx, employeeId)) ? at : SINCE_EVER;
  await tx.insert(employeeHistory).values({ employeeId, validFrom, ...state });
}

export const SINCE_EVER = new Date('1970-01-01T00:00:00Z');

async function hasHistory(tx: Tx, employeeId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: employeeHistory.id })
    .from(employeeHistory)
    .where(eq(employeeHistory.employeeId, employeeId))
    .limit(1);
  return row !== undefined;
}

/** Every history row of one employee, oldest first (for tests and the person view). */
export async function orgHistory(db: Tx, employeeId: number) {
  return db
    .select()
    .from(employeeHistory)
    .where(eq(employeeHistory.employeeId, employeeId))
    .orderBy(employeeHistory.validFrom, sql`${employeeHistory.validTo} nulls last`);
}
