import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Locale } from '../../i18n/locale.js';
import type { Tx } from '../client.js';
import { queryRows } from '../rows.js';
import { employees } from '../schema.js';
import { recordOrgState } from './employee-history.js';

export interface SlackProfile {
  slackUserId: string;
  name: string;
  email: string | null;
  timezone: string | null;
  title: string | null;
  isGuest: boolean;
  /** Their Slack locale as ours; null or absent when Slack did not say (the row's stays). */
  locale?: Locale | null;
}

export async function findEmployeeIdBySlackUser(db: Tx, slackUserId: string): Promise<number | null> {
  const [row] = await db
    .select({ id: employees.id })
    .from(employees)
    .where(eq(employees.slackUserId, slackUserId))
    .limit(1);
  return row?.id ?? null;
}

/** How a person is named: their Slack user id, their email (any case) or their roster id. */
export type EmployeeKey =
  | { kind: 'slack'; slackUserId: string }
  | { kind: 'email'; email: string }
  | { kind: 'roster'; employeeId: number };

/** Who a person is on the roster, as commands and the forget CLI look them up. */
export interface EmployeeIdentity {
  id: number;
  name: string;
  email: string | null;
  slackUserId: string | null;
  managerId: number | null;
  activeUntil: string | null;
}

/** The roster row `key` names (locked for the rest of the transaction when `forUpdate`); null when none. */
export async function findEmployeeByKey(
  db: Tx,
  key: EmployeeKey,
  options: { forUpdate?: boolean } = {},
): Promise<EmployeeIdentity | null> {
  const query = db
    .select({
      id: employees.id,
      name: employees.name,
      email: employees.email,
      slackUserId: employees.slackUserId,
      managerId: employees.managerId,
      activeUntil: employees.activeUntil,
    })
    .from(employees)
    .where(
      key.kind === 'slack'
        ? eq(employees.slackUserId, key.slackUserId)
        : key.kind === 'roster'
          ? eq(employees.id, key.employeeId)
          : sql`lower(${employees.email}) = ${key.email.toLowerCase()}`,
    )
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The departments on the roster, the most populated first. */
export async function departmentsBySize(db: Tx, limit: number): Promise<string[]> {
  const rows = await queryRows<{ department: string }>(
    db,
    sql`select department from employees where department is not null group by department order by count(*) desc limit ${limit}`,
  );
  return rows.map((row) => row.department);
}

/**
 * The last roster id of the next `batchSize` ids after `afterId` (keyset pagination over the
 * roster); null when there are none.
 */
export async function rosterBatchEnd(db: Tx, afterId: number, batchSize: number): Promise<number | null> {
  const [bound] = await queryRows<{ through_id: number | string | null }>(
    db,
    sql`select max(id) as through_id from (select id from employees where id > ${afterId} order by id limit ${batchSize}) batch`,
  );
  return bound?.through_id === null || bound?.through_id === undefined ? null : Number(bound.through_id);
}

/**
 * Erases a person's identity from their roster row (`npm run forget`; docs/privacy.md): the name
 * becomes `name`, and email, Slack user id, HR employee id, title and time zone are cleared. The
 * id, department, manager link, dates and guest flag stay (headcount and figures need them).
 */
export async function eraseEmployeeIdentity(tx: Tx, id: number, name: string, now: Date): Promise<void> {
  await tx
    .update(employees)
    .set({
      name,
      email: null,
      slackUserId: null,
      hrEmployeeId: null,
      title: null,
      timezone: null,
      locale: null,
      updatedAt: now,
    })
    .where(eq(employees.id, id));
}

/**
 * Adds a Slack user to the roster on first contact (docs/roster.md, "One person, one record"):
 * - a row with the same email and no Slack account yet (imported from HR) is linked to them;
 * - a row with that email already linked to another Slack account is never taken over: the new
 *   account gets a row of its own, without the email, flagged `identity_review_needed` for HR;
 * - otherwise a new row with the email.
 * Safe under concurrency: the same account twice at once ends with one row, and two accounts with
 * one email at once end with one linked row and one flagged row (never both on the same row).
 */
export async function insertEmployeeFromSlack(db: Tx, profile: SlackProfile, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    if (profile.email) {
      // The row lock makes a concurrent linker re-check `slack_user_id is null` and find it taken.
      const [linked] = await tx
        .update(employees)
        .set({
          slackUserId: profile.slackUserId,
          timezone: profile.timezone,
          title: sql`coalesce(${employees.title}, ${profile.title})`,
          isGuest: profile.isGuest,
          locale: sql`coalesce(${profile.locale ?? null}, ${employees.locale})`,
          updatedAt: now,
        })
        .where(and(sql`lower(${employees.email}) = lower(${profile.email})`, isNull(employees.slackUserId)))
        .returning({ id: employees.id });
      if (linked) return linked.id;
    }
    const emailHeld = profile.email !== null && (await isEmailTaken(tx, profile.email));
    const added = await addSlackRow(tx, profile, now, emailHeld);
    if (added !== null) return added;
    // Lost a race: this account was added a moment ago, or another one took the email meanwhile.
    const same = await findEmployeeIdBySlackUser(tx, profile.slackUserId);
    if (same !== null) return same;
    const flagged = await addSlackRow(tx, profile, now, true);
    if (flagged !== null) return flagged;
    const raced = await findEmployeeIdBySlackUser(tx, profile.slackUserId);
    if (raced === null) throw new Error(`employee ${profile.slackUserId} vanished during insert`);
    return raced;
  });
}

/** A new row for a Slack account, with its history; `flagged`: without the email, for HR to review. */
async function addSlackRow(
  tx: Tx,
  profile: SlackProfile,
  now: Date,
  flagged: boolean,
): Promise<number | null> {
  const id = await insertSlackEmployee(
    tx,
    flagged ? { ...profile, email: null } : profile,
    isoDate(now),
    now,
    flagged,
  );
  if (id !== null) await recordOrgState(tx, id, { department: null, managerId: null, active: true }, now);
  return id;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Roster maintenance: the HR import and the Slack sync (see src/domain/roster-import/ and
// src/domain/roster-sync.ts for the rules; these functions only read and write rows).

export type EmployeeRow = typeof employees.$inferSelect;

/** The columns the roster rules compare and change. */
export type EmployeePatch = Partial<
  Pick<
    EmployeeRow,
    | 'slackUserId'
    | 'hrEmployeeId'
    | 'name'
    | 'email'
    | 'department'
    | 'managerId'
    | 'title'
    | 'timezone'
    | 'locale'
    | 'isGuest'
    | 'activeFrom'
    | 'activeUntil'
    | 'orgSource'
    | 'identityReviewNeeded'
  >
>;

export type NewHrEmployee = Pick<
  EmployeeRow,
  'hrEmployeeId' | 'name' | 'email' | 'department' | 'title' | 'activeFrom' | 'activeUntil'
>;

/**
 * Blocks other writers to the roster (Slack events, the sync, a second import) until the
 * transaction ends, so that an import's plan, made from one read of the roster, stays true.
 * Readers are not blocked.
 */
export async function lockRosterForImport(tx: Tx): Promise<void> {
  await tx.execute(sql`lock table ${employees} in share row exclusive mode`);
}

/** The whole roster, for planning an import (a few columns per person; fine for 100k people). */
export async function listRoster(db: Tx): Promise<EmployeeRow[]> {
  return db.select().from(employees).orderBy(employees.id);
}

/** Inserts HR-imported people (manager set later, once every new person has an id). */
export async function insertHrEmployees(
  tx: Tx,
  rows: NewHrEmployee[],
  now: Date,
): Promise<Array<Pick<EmployeeRow, 'id' | 'email' | 'hrEmployeeId'>>> {
  const inserted: Array<Pick<EmployeeRow, 'id' | 'email' | 'hrEmployeeId'>> = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    inserted.push(
      ...(await tx
        .insert(employees)
        .values(chunk.map((row) => ({ ...row, orgSource: 'hr' as const, createdAt: now, updatedAt: now })))
        .returning({ id: employees.id, email: employees.email, hrEmployeeId: employees.hrEmployeeId })),
    );
  }
  return inserted;
}

// Postgres allows 65,535 bind parameters per statement; 1,000 rows stay far below that.
const INSERT_CHUNK = 1000;

/** Sets the managers of many employees at once (new people get theirs once everyone has an id). */
export async function setManagers(tx: Tx, links: Array<{ id: number; managerId: number }>): Promise<void> {
  for (let start = 0; start < links.length; start += INSERT_CHUNK) {
    const rows = links
      .slice(start, start + INSERT_CHUNK)
      .map((link) => sql`(${link.id}::integer, ${link.managerId}::integer)`);
    await tx.execute(sql`
      update ${employees} set manager_id = v.manager_id
      from (values ${sql.join(rows, sql`, `)}) as v(id, manager_id)
      where ${employees.id} = v.id`);
  }
}

/** Writes `patch` to one employee and stamps updated_at; call only when something changed. */
export async function updateEmployee(tx: Tx, id: number, patch: EmployeePatch, now: Date): Promise<void> {
  await tx
    .update(employees)
    .set({ ...patch, updatedAt: now })
    .where(eq(employees.id, id));
}

/** Roster rows of these Slack users, by Slack user id (one query per users.list page). */
export async function findEmployeesBySlackUserIds(db: Tx, slackUserIds: string[]): Promise<EmployeeRow[]> {
  if (slackUserIds.length === 0) return [];
  return db.select().from(employees).where(inArray(employees.slackUserId, slackUserIds));
}

export async function findEmployeeBySlackUserForUpdate(
  tx: Tx,
  slackUserId: string,
): Promise<EmployeeRow | null> {
  const [row] = await tx
    .select()
    .from(employees)
    .where(eq(employees.slackUserId, slackUserId))
    .for('update')
    .limit(1);
  return row ?? null;
}

/** A roster row with this email (any case) that no Slack account is linked to yet. */
export async function findUnlinkedEmployeeByEmailForUpdate(
  tx: Tx,
  email: string,
): Promise<EmployeeRow | null> {
  const [row] = await tx
    .select()
    .from(employees)
    .where(and(sql`lower(${employees.email}) = lower(${email})`, isNull(employees.slackUserId)))
    .for('update')
    .limit(1);
  return row ?? null;
}

/** True when someone other than `exceptId` already has this email (any case). */
export async function isEmailTaken(tx: Tx, email: string, exceptId: number | null = null): Promise<boolean> {
  const [row] = await tx
    .select({ id: employees.id })
    .from(employees)
    .where(
      exceptId === null
        ? sql`lower(${employees.email}) = lower(${email})`
        : and(sql`lower(${employees.email}) = lower(${email})`, ne(employees.id, exceptId)),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Adds a Slack user who is not on the roster yet. Returns null when a concurrent writer added the
 * same Slack user or email first (the caller then reads that row instead).
 */
export async function insertSlackEmployee(
  tx: Tx,
  profile: SlackProfile,
  activeFrom: string,
  now: Date,
  identityReviewNeeded = false,
): Promise<number | null> {
  const [inserted] = await tx
    .insert(employees)
    .values({
      slackUserId: profile.slackUserId,
      name: profile.name,
      email: profile.email,
      timezone: profile.timezone,
      title: profile.title,
      isGuest: profile.isGuest,
      locale: profile.locale ?? null,
      activeFrom,
      identityReviewNeeded,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: employees.id });
  return inserted?.id ?? null;
}

/** Sets whether a person opted out of deadline nudges; false when there is no such employee. */
export async function updateNudgeOptOut(
  db: Tx,
  employeeId: number,
  optOut: boolean,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(employees)
    .set({ nudgeOptOut: optOut, updatedAt: now })
    .where(eq(employees.id, employeeId))
    .returning({ id: employees.id });
  return updated.length > 0;
}

/** A person's known language (null: unknown); `localeOf` (src/i18n/locale.ts) adds the default. */
export interface EmployeeLocale {
  id: number;
  locale: Locale | null;
}

/** The languages of these employees, by roster id (one query; absent ids are not on the roster). */
export async function findLocalesByEmployeeIds(
  db: Tx,
  employeeIds: readonly number[],
): Promise<Map<number, EmployeeLocale>> {
  if (employeeIds.length === 0) return new Map();
  const rows = await db
    .select({ id: employees.id, locale: employees.locale })
    .from(employees)
    .where(inArray(employees.id, [...new Set(employeeIds)]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The language of the person with this Slack account; null when they are not on the roster. */
export async function findLocaleBySlackUser(db: Tx, slackUserId: string): Promise<EmployeeLocale | null> {
  const [row] = await db
    .select({ id: employees.id, locale: employees.locale })
    .from(employees)
    .where(eq(employees.slackUserId, slackUserId))
    .limit(1);
  return row ?? null;
}

/** How to speak to the person with this Slack account: their language and time zone (null: unknown, or not on the roster). */
export async function findSpeechBySlackUser(
  db: Tx,
  slackUserId: string,
): Promise<{ locale: Locale | null; timezone: string | null } | null> {
  const [row] = await db
    .select({ locale: employees.locale, timezone: employees.timezone })
    .from(employees)
    .where(eq(employees.slackUserId, slackUserId))
    .limit(1);
  return row ?? null;
}
