import type { Tx } from '../../db/client.js';
import { recordOrgState, SINCE_EVER } from '../../db/queries/employee-history.js';
import {
  type EmployeePatch,
  type EmployeeRow,
  insertHrEmployees,
  type NewHrEmployee,
  setManagers,
  updateEmployee,
} from '../../db/queries/employees.js';
import type { PersonKey, PlannedPerson, RosterImportPlan } from './plan.js';

/**
 * Applying a plan inside the import's transaction: new people inserted (then their managers set),
 * matched people brought in line with the file, and everyone's org history recorded.
 */

export interface AppliedCounts {
  /** Rows that matched someone already on the roster (whether or not anything changed). */
  matched: number;
  created: number;
  /** Matched rows whose roster entry changed. */
  updated: number;
}

export async function applyPlan(tx: Tx, plan: RosterImportPlan, now: Date): Promise<AppliedCounts> {
  const ids = await createNewPeople(tx, plan.people, now);
  const idOf = (key: PersonKey): number => {
    const id = key.startsWith('#') ? Number(key.slice(1)) : ids.get(key);
    if (id === undefined) throw new Error(`no employee id for ${key}`);
    return id;
  };
  const managerOf = (person: PlannedPerson) => (person.manager ? idOf(person.manager) : null);
  const fresh = plan.people.filter((person) => !person.existing);
  await setManagers(
    tx,
    fresh.flatMap((person) =>
      person.manager ? [{ id: idOf(person.key), managerId: idOf(person.manager) }] : [],
    ),
  );
  // New people are independent of each other: let postgres.js pipeline their history writes.
  for (let start = 0; start < fresh.length; start += HISTORY_BATCH) {
    await Promise.all(
      fresh
        .slice(start, start + HISTORY_BATCH)
        .map((person) => startHistory(tx, idOf(person.key), person.fields, managerOf(person))),
    );
  }
  let updated = 0;
  for (const person of plan.people) {
    if (person.existing && (await bringInLine(tx, person.existing, person.fields, managerOf(person), now))) {
      updated++;
    }
  }
  return { matched: plan.people.length - fresh.length, created: fresh.length, updated };
}

const HISTORY_BATCH = 100;

/** Inserts everyone new (without managers) and returns their ids. */
async function createNewPeople(tx: Tx, people: PlannedPerson[], now: Date): Promise<Map<PersonKey, number>> {
  const ids = new Map<PersonKey, number>();
  const fresh = people.filter((p) => !p.existing);
  const inserted = await insertHrEmployees(
    tx,
    fresh.map((p) => p.fields),
    now,
  );
  // Every new person has a unique email or employee_id (validation and duplicate checks saw to it).
  const identity = (e: { email: string | null; hrEmployeeId: string | null }) =>
    e.email ? `email:${e.email.toLowerCase()}` : `id:${e.hrEmployeeId}`;
  const insertedIds = new Map(inserted.map((row) => [identity(row), row.id] as const));
  for (const person of fresh) {
    const id = insertedIds.get(identity(person.fields));
    if (id === undefined) throw new Error(`the new employee of line ${person.row.line} was not inserted`);
    ids.set(person.key, id);
  }
  return ids;
}

/** Updates an existing person to match the file; true when anything changed. */
async function bringInLine(
  tx: Tx,
  existing: EmployeeRow,
  fields: NewHrEmployee,
  managerId: number | null,
  now: Date,
): Promise<boolean> {
  const target: EmployeePatch = { ...fields, managerId, orgSource: 'hr' };
  const patch: EmployeePatch = {};
  for (const key of Object.keys(target) as Array<keyof EmployeePatch>) {
    if (target[key] !== existing[key]) Object.assign(patch, { [key]: target[key] });
  }
  if (Object.keys(patch).length === 0) return false;
  await updateEmployee(tx, existing.id, patch, now);
  await recordImportedOrgState(tx, existing, fields, managerId, now);
  return true;
}

/**
 * History for a changed person. Someone known only from Slack had no department or manager we
 * knew of: HR's first answer stands for their past too, as a person's first known state does
 * (see recordOrgState). After that, a change of team happens now, and leaving on its date.
 */
async function recordImportedOrgState(
  tx: Tx,
  existing: EmployeeRow,
  fields: NewHrEmployee,
  managerId: number | null,
  now: Date,
): Promise<void> {
  const org = { department: fields.department, managerId };
  const wasActive = existing.activeUntil === null;
  const active = fields.activeUntil === null;
  const teamChanged = existing.department !== org.department || existing.managerId !== org.managerId;
  const firstHrAnswer =
    existing.orgSource === 'slack' && existing.department === null && existing.managerId === null;
  if (teamChanged && firstHrAnswer) {
    await recordOrgState(tx, existing.id, { ...org, active: wasActive }, SINCE_EVER);
  } else if (teamChanged && wasActive === active) {
    await recordOrgState(tx, existing.id, { ...org, active }, now);
  }
  if (wasActive !== active) {
    const at = fields.activeUntil === null ? now : startOfDay(fields.activeUntil);
    await recordOrgState(tx, existing.id, { ...org, active }, at);
  }
}

/** A new person's history: their department from the start (see recordOrgState), inactive from leaving. */
async function startHistory(
  tx: Tx,
  id: number,
  fields: NewHrEmployee,
  managerId: number | null,
): Promise<void> {
  const org = { department: fields.department, managerId };
  await recordOrgState(tx, id, { ...org, active: true }, startOfDay(fields.activeFrom));
  if (fields.activeUntil !== null) {
    await recordOrgState(tx, id, { ...org, active: false }, startOfDay(fields.activeUntil));
  }
}

function startOfDay(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00Z`);
}
