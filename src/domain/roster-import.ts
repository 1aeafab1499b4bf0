import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Db, Tx } from '../db/client.js';
import { recordOrgState, SINCE_EVER } from '../db/queries/employee-history.js';
import {
  type EmployeePatch,
  type EmployeeRow,
  insertHrEmployees,
  listRoster,
  lockRosterForImport,
  type NewHrEmployee,
  setManagers,
  updateEmployee,
} from '../db/queries/employees.js';

/**
 * The HR roster import (`npm run roster:import -- file.csv`, format in docs/roster.md).
 *
 * 1. The whole file is read and checked first; a structural problem (not CSV, not UTF-8, a
 *    required column missing) throws RosterFileError and nothing is written.
 * 2. Each row is validated on its own; a bad row is rejected with its line and reason, and the
 *    other rows are still applied.
 * 3. Rows are matched to the roster by email (any case), else by HR employee_id; unmatched rows
 *    become new employees (with or without Slack). Managers are resolved once every row is known.
 * 4. Everything is written in one transaction. Rows that already match change nothing, so running
 *    the same file twice is harmless. HR-imported rows are marked org_source = 'hr': from then on
 *    the HR file owns their name, email, title, department, manager and employment dates.
 */

export const REQUIRED_COLUMNS = [
  'employee_id',
  'email',
  'name',
  'department',
  'manager_email',
  'title',
  'hire_date',
  'status',
] as const;
export const OPTIONAL_COLUMNS = ['left_date'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export const ACTIVE_STATUSES = ['active'] as const;
export const INACTIVE_STATUSES = ['left', 'inactive', 'terminated', 'resigned', 'retired'] as const;

export interface RosterImportReport {
  /** Data rows in the file (blank lines not counted). */
  rows: number;
  /** Rows that matched someone already on the roster (whether or not anything changed). */
  matched: number;
  created: number;
  /** Matched rows whose roster entry changed. */
  updated: number;
  rejected: number;
  rejections: RowNote[];
  warnings: RowNote[];
  dryRun: boolean;
}

export interface RowNote {
  line: number;
  message: string;
}

/** The file as a whole cannot be imported; nothing was changed. */
export class RosterFileError extends Error {
  override name = 'RosterFileError';
}

export type RosterInput = string | Buffer | Readable;

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

// ---------------------------------------------------------------------------------------------
// 1. Reading the file

export interface RosterFileRow {
  /** Line in the file where the row starts (a quoted field may span several lines). */
  line: number;
  values: Record<Column, string>;
  /** Set when the row has a different number of fields than the header. */
  fieldCountProblem: string | null;
}

export interface RosterFile {
  rows: RosterFileRow[];
}

/** Parses the whole file (RFC 4180, UTF-8 with or without BOM). Throws RosterFileError. */
export async function readRosterFile(input: RosterInput): Promise<RosterFile> {
  let header: Map<Column, number> | null = null;
  let headerWidth = 0;
  const rows: RosterFileRow[] = [];
  for await (const { line, fields } of csvRecords(input)) {
    // Invalid UTF-8 decodes to U+FFFD; UTF-16 text is full of NUL characters.
    if (fields.some((field) => field.includes('\uFFFD') || field.includes('\u0000'))) {
      throw new RosterFileError(
        `line ${line} is not UTF-8 text (the file may be UTF-16, GBK or another encoding); export it as "CSV UTF-8"`,
      );
    }
    if (!header) {
      header = readHeader(fields);
      headerWidth = fields.length;
      continue;
    }
    if (fields.every((field) => field.trim() === '')) continue;
    rows.push({
      line,
      values: rowValues(header, fields),
      fieldCountProblem: fieldCount(fields, headerWidth),
    });
  }
  if (!header) {
    throw new RosterFileError(
      `the file is empty; the first line must be the header: ${REQUIRED_COLUMNS.join(',')}`,
    );
  }
  return { rows };
}

interface CsvRecord {
  line: number;
  fields: string[];
}

async function* csvRecords(input: RosterInput): AsyncGenerator<CsvRecord> {
  const parser = parse({ bom: true, raw: true, relax_column_count: true, skip_empty_lines: true });
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([input]) : input;
  pipeline(source, parser, () => {}); // errors surface in the loop below
  // csv-parse's own line counter counts a CRLF inside a quoted field twice; count from the raw text.
  let linesBefore = 0;
  try {
    for await (const { raw, record } of parser as AsyncIterable<{ raw: string; record: string[] }>) {
      yield { line: linesBefore + leadingLineBreaks(raw) + 1, fields: record };
      linesBefore += lineBreaks(raw);
    }
  } catch (error) {
    if (error instanceof CsvError) throw new RosterFileError(`not a valid CSV file: ${error.message}`);
    throw error;
  }
}

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function leadingLineBreaks(text: string): number {
  return lineBreaks(/^(\r\n|\r|\n)*/.exec(text)?.[0] ?? '');
}

function readHeader(fields: string[]): Map<Column, number> {
  const names = fields.map((field) => field.trim().toLowerCase());
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  const header = new Map<Column, number>();
  for (const [index, name] of names.entries()) {
    if (!known.has(name)) continue; // other columns are ignored
    if (header.has(name as Column)) throw new RosterFileError(`the header names the column ${name} twice`);
    header.set(name as Column, index);
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !header.has(column));
  if (missing.length > 0) {
    throw new RosterFileError(
      `the header row lacks ${missing.length === 1 ? 'the column' : 'the columns'} ${missing.join(', ')}; ` +
        `it must name ${REQUIRED_COLUMNS.join(',')} (any order, left_date optional)`,
    );
  }
  return header;
}

function rowValues(header: Map<Column, number>, fields: string[]): Record<Column, string> {
  const value = (column: Column) => {
    const index = header.get(column);
    return index === undefined ? '' : (fields[index] ?? '').trim();
  };
  return {
    employee_id: value('employee_id'),
    email: value('email'),
    name: value('name'),
    department: value('department'),
    manager_email: value('manager_email'),
    title: value('title'),
    hire_date: value('hire_date'),
    status: value('status'),
    left_date: value('left_date'),
  };
}

function fieldCount(fields: string[], headerWidth: number): string | null {
  if (fields.length < headerWidth) {
    return `has ${fields.length} fields but the header has ${headerWidth}`;
  }
  // A trailing comma (empty extra fields) is harmless; text past the header is not.
  if (fields.slice(headerWidth).some((field) => field.trim() !== '')) {
    return `has ${fields.length} fields but the header has ${headerWidth} (quote values that contain commas)`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// 2–3. Planning: validation, matching, managers (pure; tested without a database)

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
type PersonKey = `#${number}` | `L${number}`;

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

// ---------------------------------------------------------------------------------------------
// 4. Writing

async function applyPlan(
  tx: Tx,
  plan: RosterImportPlan,
  now: Date,
): Promise<Pick<RosterImportReport, 'matched' | 'created' | 'updated'>> {
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

// ---------------------------------------------------------------------------------------------

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function startOfDay(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00Z`);
}

function describe(employee: EmployeeRow): string {
  return employee.email ? `${employee.name} <${employee.email}>` : employee.name;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}
