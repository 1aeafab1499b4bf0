import type { EmployeeRow, NewHrEmployee } from '../../db/queries/employees.js';
import type { RosterFile, RosterFileRow } from './read.js';

/**
 * Planning the import (pure; tested without a database): each row validated on its own, duplicates
 * rejected, rows matched to the roster by email (any case) else by employee_id, the roster columns
 * each row sets, and managers resolved once every row is known.
 */

export const ACTIVE_STATUSES = ['active'] as const;
export const INACTIVE_STATUSES = ['left', 'inactive', 'terminated', 'resigned', 'retired'] as const;

export interface RowNote {
  line: number;
  message: string;
}

export interface ValidRow {
  line: number;
  hrEmployeeId: string | null;
  email: string | null;
  name: string;
  department: string | null;
  managerEmail: string | null;
  title: string | null;
  hireDate: string | null;
  active: boolean;
  leftDate: string | null;
}

/** A person the import will create (existing: null) or bring in line with the file. */
export interface PlannedPerson {
  key: PersonKey;
  row: ValidRow;
  existing: EmployeeRow | null;
  fields: NewHrEmployee;
  manager: PersonKey | null;
}

/** `#<id>` for someone on the roster, `L<line>` for a person this import creates. */
export type PersonKey = `#${number}` | `L${number}`;

export interface RosterImportPlan {
  people: PlannedPerson[];
  rejections: RowNote[];
  warnings: RowNote[];
}

export function planRosterImport(
  file: RosterFile,
  roster: EmployeeRow[],
  importDate: string,
): RosterImportPlan {
  const rejections: RowNote[] = [];
  const reject = (line: number, message: string) => rejections.push({ line, message });

  const valid: ValidRow[] = [];
  for (const row of file.rows) {
    const result = validateRow(row);
    if ('problems' in result) reject(row.line, result.problems.join('; '));
    else valid.push(result);
  }
  const unique = withoutDuplicates(valid, reject);
  const matched = matchToRoster(unique, roster, reject);
  const people = matched.flatMap(({ row, existing }) => {
    const fields = targetFields(row, existing, importDate);
    const problem = dateRangeProblem(row, existing, fields);
    if (problem) {
      reject(row.line, problem);
      return [];
    }
    const key: PersonKey = existing ? `#${existing.id}` : `L${row.line}`;
    return [{ key, row, existing, fields, manager: null }];
  });
  const kept = new Set(people.map((person) => person.row.line));
  const rejectedEmails = new Map(
    file.rows.flatMap((row) =>
      row.values.email && !kept.has(row.line) ? [[row.values.email.toLowerCase(), row.line] as const] : [],
    ),
  );
  const { accepted, warnings } = resolveManagers(people, roster, rejectedEmails, reject);
  rejections.sort((a, b) => a.line - b.line);
  return { people: accepted, rejections, warnings };
}

const EMAIL = /^[^\s@,;<>()"]+@[^\s@,;<>()"]+\.[^\s@,;<>()".]+$/;

export function validateRow(row: RosterFileRow): ValidRow | { problems: string[] } {
  const v = row.values;
  // Fields out of place make every other check meaningless.
  if (row.fieldCountProblem) return { problems: [row.fieldCountProblem] };
  const problems: string[] = [];
  if (!v.email && !v.employee_id) problems.push('needs an email or an employee_id');
  if (v.email && !EMAIL.test(v.email)) problems.push(`email ${quote(v.email)} is not a valid email address`);
  if (!v.name) problems.push('name is empty');
  for (const column of ['hire_date', 'left_date'] as const) {
    if (v[column] && !isIsoDate(v[column])) {
      problems.push(`${column} ${quote(v[column])} is not a date written YYYY-MM-DD`);
    }
  }
  const status = v.status.toLowerCase();
  const active = (ACTIVE_STATUSES as readonly string[]).includes(status);
  const inactive = (INACTIVE_STATUSES as readonly string[]).includes(status);
  if (!active && !inactive) {
    problems.push(
      `${v.status ? `status ${quote(v.status)} is not known` : 'status is empty'}; ` +
        `use active, or ${INACTIVE_STATUSES.join(' / ')}`,
    );
  }
  if (active && v.left_date) problems.push('left_date is set but status is active');
  if (problems.length > 0) return { problems };
  return {
    line: row.line,
    hrEmployeeId: v.employee_id || null,
    email: v.email || null,
    name: v.name,
    department: v.department || null,
    managerEmail: v.manager_email || null,
    title: v.title || null,
    hireDate: v.hire_date || null,
    active,
    leftDate: v.left_date || null,
  };
}

/** Rows sharing an email or an employee_id are all rejected: the file does not say which is right. */
function withoutDuplicates(rows: ValidRow[], reject: (line: number, message: string) => void): ValidRow[] {
  const linesBy = (key: (row: ValidRow) => string | null) => {
    const lines = new Map<string, number[]>();
    for (const row of rows) {
      const value = key(row);
      if (value !== null) lines.set(value, [...(lines.get(value) ?? []), row.line]);
    }
    return lines;
  };
  const emailLines = linesBy((row) => row.email?.toLowerCase() ?? null);
  const idLines = linesBy((row) => row.hrEmployeeId);
  return rows.filter((row) => {
    const problems: string[] = [];
    const sameEmail = row.email ? (emailLines.get(row.email.toLowerCase()) ?? []) : [];
    const sameId = row.hrEmployeeId ? (idLines.get(row.hrEmployeeId) ?? []) : [];
    if (sameEmail.length > 1)
      problems.push(`email ${row.email} is on several lines (${sameEmail.join(', ')})`);
    if (sameId.length > 1) {
      problems.push(`employee_id ${row.hrEmployeeId} is on several lines (${sameId.join(', ')})`);
    }
    if (problems.length > 0) reject(row.line, problems.join('; '));
    return problems.length === 0;
  });
}

interface MatchedRow {
  row: ValidRow;
  existing: EmployeeRow | null;
}

/** By email (any case), else by employee_id. A row whose email and id point at two people is rejected. */
function matchToRoster(
  rows: ValidRow[],
  roster: EmployeeRow[],
  reject: (line: number, message: string) => void,
): MatchedRow[] {
  const byEmail = new Map(roster.flatMap((e) => (e.email ? [[e.email.toLowerCase(), e] as const] : [])));
  const byHrId = new Map(roster.flatMap((e) => (e.hrEmployeeId ? [[e.hrEmployeeId, e] as const] : [])));
  const matched: MatchedRow[] = [];
  for (const row of rows) {
    const viaEmail = row.email ? byEmail.get(row.email.toLowerCase()) : undefined;
    const viaId = row.hrEmployeeId ? byHrId.get(row.hrEmployeeId) : undefined;
    if (viaEmail && viaId && viaEmail.id !== viaId.id) {
      reject(
        row.line,
        `email ${row.email} belongs to ${describe(viaEmail)} but employee_id ${row.hrEmployeeId} ` +
          `belongs to ${describe(viaId)} on the roster`,
      );
      continue;
    }
    matched.push({ row, existing: viaEmail ?? viaId ?? null });
  }
  // Two rows (one matched by email, one by employee_id) may still reach the same person.
  const linesByPerson = new Map<number, number[]>();
  for (const { row, existing } of matched) {
    if (existing) linesByPerson.set(existing.id, [...(linesByPerson.get(existing.id) ?? []), row.line]);
  }
  return matched.filter(({ row, existing }) => {
    const lines = existing ? (linesByPerson.get(existing.id) ?? []) : [];
    if (lines.length <= 1) return true;
    reject(
      row.line,
      `lines ${lines.join(', ')} all match ${describe(existing as EmployeeRow)} on the roster`,
    );
    return false;
  });
}

/**
 * The roster columns the row sets. An empty email or employee_id keeps the roster's (they identify
 * people), and so does an email that differs only in letter case.
 */
function targetFields(row: ValidRow, existing: EmployeeRow | null, importDate: string): NewHrEmployee {
  const sameEmail = row.email?.toLowerCase() === existing?.email?.toLowerCase();
  return {
    hrEmployeeId: row.hrEmployeeId ?? existing?.hrEmployeeId ?? null,
    name: row.name,
    email: (sameEmail ? existing?.email : row.email) ?? existing?.email ?? null,
    department: row.department,
    title: row.title,
    activeFrom: row.hireDate ?? existing?.activeFrom ?? importDate,
    // A leaver without left_date leaves on the import date, once: a later run keeps that date.
    activeUntil: row.active ? null : (row.leftDate ?? existing?.activeUntil ?? importDate),
  };
}

/** A leaving date before the start date (the database refuses it, and it means a typo). */
function dateRangeProblem(row: ValidRow, existing: EmployeeRow | null, fields: NewHrEmployee): string | null {
  const { activeFrom, activeUntil } = fields;
  if (activeUntil === null || activeUntil >= activeFrom) return null;
  const leaves = row.leftDate
    ? `left_date ${activeUntil}`
    : `the leaving date ${activeUntil} (${existing?.activeUntil ? 'on the roster' : 'the import date'})`;
  if (row.hireDate) return `${leaves} is before hire_date ${activeFrom}`;
  const starts = existing ? `on the roster` : `the import date`;
  return `${leaves} is before the start date ${activeFrom} (${starts}); add their hire_date`;
}

/**
 * Sets each person's manager from manager_email: someone in the file, else someone on the roster.
 * An unknown manager is a warning (manager left empty); a self-manager or a cycle rejects the
 * rows in it. Rejecting a row can orphan rows that named it, so this repeats until stable.
 */
function resolveManagers(
  people: PlannedPerson[],
  roster: EmployeeRow[],
  rejectedEmails: Map<string, number>,
  reject: (line: number, message: string) => void,
): { accepted: PlannedPerson[]; warnings: RowNote[] } {
  const rosterByEmail = new Map(
    roster.flatMap((e) => (e.email ? [[e.email.toLowerCase(), e] as const] : [])),
  );
  const rosterById = new Map(roster.map((e) => [e.id, e] as const));
  let accepted = people;
  for (;;) {
    const fileByEmail = new Map(
      accepted.flatMap((p) => (p.fields.email ? [[p.fields.email.toLowerCase(), p] as const] : [])),
    );
    const warnings: RowNote[] = [];
    for (const person of accepted) {
      person.manager = null;
      const email = person.row.managerEmail;
      if (!email) continue;
      const target =
        fileByEmail.get(email.toLowerCase())?.key ?? keyOf(rosterByEmail.get(email.toLowerCase()));
      if (target) person.manager = target;
      else warnings.push({ line: person.row.line, message: unknownManager(email, rejectedEmails) });
    }
    const inCycle = findManagerCycles(accepted, rosterById);
    if (inCycle.size === 0) return { accepted, warnings };
    for (const [key, message] of inCycle) {
      const person = accepted.find((p) => p.key === key);
      if (person) {
        reject(person.row.line, message);
        if (person.fields.email) rejectedEmails.set(person.fields.email.toLowerCase(), person.row.line);
      }
    }
    accepted = accepted.filter((p) => !inCycle.has(p.key));
  }
}

function keyOf(employee: EmployeeRow | undefined): PersonKey | null {
  return employee ? `#${employee.id}` : null;
}

function unknownManager(email: string, rejectedEmails: Map<string, number>): string {
  const line = rejectedEmails.get(email.toLowerCase());
  const why =
    line === undefined ? 'is not on the roster or in the file' : `is on line ${line}, which was rejected`;
  return `manager ${email} ${why}; manager left empty`;
}

/**
 * Follows manager links from every imported person, through the roster for people not in the
 * file. Returns the imported people who sit on a cycle, with the reason.
 */
function findManagerCycles(
  people: PlannedPerson[],
  rosterById: Map<number, EmployeeRow>,
): Map<PersonKey, string> {
  const planned = new Map(people.map((p) => [p.key, p] as const));
  const managerOf = (key: PersonKey): PersonKey | null => {
    const person = planned.get(key);
    if (person) return person.manager;
    const managerId = rosterById.get(Number(key.slice(1)))?.managerId;
    return managerId == null ? null : `#${managerId}`;
  };
  const label = (key: PersonKey) => {
    const person = planned.get(key);
    const employee = person ? null : rosterById.get(Number(key.slice(1)));
    return person?.fields.email ?? person?.fields.name ?? employee?.email ?? employee?.name ?? key;
  };
  const done = new Set<PersonKey>();
  const offenders = new Map<PersonKey, string>();
  for (const start of planned.keys()) {
    const path: PersonKey[] = [];
    const onPath = new Set<PersonKey>();
    for (let key: PersonKey | null = start; key && !done.has(key); key = managerOf(key)) {
      if (onPath.has(key)) {
        const cycle = path.slice(path.indexOf(key));
        const message =
          cycle.length === 1
            ? 'is their own manager'
            : `manager cycle: ${[...cycle, key].map(label).join(' → ')}`;
        for (const member of cycle) if (planned.has(member)) offenders.set(member, message);
        break;
      }
      path.push(key);
      onPath.add(key);
    }
    for (const key of path) done.add(key);
  }
  return offenders;
}

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function describe(employee: EmployeeRow): string {
  return employee.email ? `${employee.name} <${employee.email}>` : employee.name;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}
