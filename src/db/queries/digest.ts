import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { queryRows } from '../rows.js';
import { jobRuns } from '../schema.js';

/** The digest's lists beside the metrics: new bots, most-used bots, the review backlog, managers' teams. */

export interface ShowcaseBot {
  id: number;
  name: string;
  description: string;
  ownerName: string;
  link: string | null;
}

/** Bots submitted in [since, asOf) that still take uses, newest first; with the total count. */
export async function newBotsBetween(
  db: Tx,
  input: { since: Date; asOf: Date; limit: number },
): Promise<{ bots: ShowcaseBot[]; total: number }> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select b.id, b.name, b.description, b.link, e.name as owner_name, count(*) over () as total
      from bots b join employees e on e.id = b.owner_id
      where b.submitted_at >= ${input.since.toISOString()}::timestamptz
        and b.submitted_at < ${input.asOf.toISOString()}::timestamptz
        and b.status in ('submitted', 'changes_requested', 'approved')
        and b.owner_confirmation is distinct from 'pending' -- an entry for someone, not yet theirs
      order by b.submitted_at desc, b.id desc
      limit ${input.limit}`,
  );
  return {
    bots: rows.map((row) => ({
      id: Number(row.id),
      name: String(row.name),
      description: String(row.description),
      ownerName: String(row.owner_name),
      link: row.link === null ? null : String(row.link),
    })),
    total: rows.length === 0 ? 0 : Number(rows[0]?.total),
  };
}

export interface MostUsedBot {
  id: number;
  name: string;
  ownerName: string;
  uses: number;
  users: number;
}

/** Bots most used by colleagues (not their owner) in [since, asOf). */
export async function mostUsedBotsBetween(
  db: Tx,
  input: { since: Date; asOf: Date; limit: number },
): Promise<MostUsedBot[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select b.id, b.name, e.name as owner_name, u.uses, u.users
      from (
        select u.bot_id, count(*) as uses, count(distinct u.user_id) as users
        from usage_events u join bots b on b.id = u.bot_id
        where u.occurred_at >= ${input.since.toISOString()}::timestamptz
          and u.occurred_at < ${input.asOf.toISOString()}::timestamptz
          and u.user_id is distinct from b.owner_id
        group by u.bot_id
      ) u
      join bots b on b.id = u.bot_id
      join employees e on e.id = b.owner_id
      where b.status <> 'withdrawn'
      order by u.uses desc, u.users desc, b.id
      limit ${input.limit}`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    ownerName: String(row.owner_name),
    uses: Number(row.uses),
    users: Number(row.users),
  }));
}

export interface ReviewBacklog {
  waiting: number;
  /** Waiting longer than `olderThan`. */
  overdue: number;
  oldestRequestedAt: Date | null;
}

export async function reviewBacklog(db: Tx, input: { asOf: Date; olderThan: Date }): Promise<ReviewBacklog> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select count(*) as waiting,
        count(*) filter (where coalesce(review_requested_at, submitted_at) < ${input.olderThan.toISOString()}::timestamptz) as overdue,
        min(coalesce(review_requested_at, submitted_at)) as oldest
      from bots where status = 'submitted' and owner_confirmation is distinct from 'pending'`,
  );
  return {
    waiting: Number(row?.waiting ?? 0),
    overdue: Number(row?.overdue ?? 0),
    oldestRequestedAt: row?.oldest ? new Date(row.oldest as string) : null,
  };
}

/** One direct report and the Slack id of the manager who gets the manager digest. */
export interface DirectReport {
  managerId: number;
  managerSlackUserId: string;
  managerName: string;
  /** The report's roster id. */
  id: number;
  name: string;
  /** Bots waiting for a review decision now. */
  waitingForReview: number;
}

/** Everyone employed on `today` whose (current) manager is in Slack and employed, by manager then name. */
export async function directReports(db: Tx, today: string): Promise<DirectReport[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select mgr.id as manager_id, mgr.slack_user_id as manager_slack_user_id, mgr.name as manager_name,
        e.id, e.name,
        (select count(*) from bots b where b.owner_id = e.id and b.status = 'submitted'
           and b.owner_confirmation is distinct from 'pending') as waiting
      from employees e
      join employees mgr on mgr.id = e.manager_id
      where mgr.slack_user_id is not null
        and mgr.active_from <= ${today}::date and (mgr.active_until is null or mgr.active_until > ${today}::date)
        and e.active_from <= ${today}::date and (e.active_until is null or e.active_until > ${today}::date)
      order by mgr.slack_user_id, e.name, e.id`,
  );
  return rows.map((row) => ({
    managerId: Number(row.manager_id),
    managerSlackUserId: String(row.manager_slack_user_id),
    managerName: String(row.manager_name),
    id: Number(row.id),
    name: String(row.name),
    waitingForReview: Number(row.waiting),
  }));
}

export interface NudgeCandidate {
  /** Roster id. */
  id: number;
  slackUserId: string;
  timezone: string | null;
}

/**
 * People who may get a deadline nudge: employed today, in Slack, not opted out (`/bot remind off`),
 * guests only when they count, and in one of `timezones` (a null zone is the company's).
 */
export async function nudgeCandidates(
  db: Tx,
  input: { today: string; timezones: string[]; companyTimezone: string; includeGuests: boolean },
): Promise<NudgeCandidate[]> {
  if (input.timezones.length === 0) return [];
  const zones = sql.join(
    input.timezones.map((zone) => sql`${zone}`),
    sql`, `,
  );
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, slack_user_id, timezone from employees
      where slack_user_id is not null and not reminders_opt_out
        and (${input.includeGuests} or not is_guest)
        and active_from <= ${input.today}::date and (active_until is null or active_until > ${input.today}::date)
        and coalesce(timezone, ${input.companyTimezone}) in (${zones})`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    slackUserId: String(row.slack_user_id),
    timezone: row.timezone === null ? null : String(row.timezone),
  }));
}

/** Every time zone in use by someone who could be nudged (a null zone is the company's). */
export async function employeeTimezones(db: Tx, companyTimezone: string, today: string): Promise<string[]> {
  const rows = await queryRows<{ zone: string }>(
    db,
    sql`select distinct coalesce(timezone, ${companyTimezone}) as zone from employees
      where slack_user_id is not null and not reminders_opt_out
        and (active_until is null or active_until > ${today}::date)`,
  );
  return rows.map((row) => row.zone);
}

/**
 * Which (period, offset, zone) nudge checks are done. A check is recorded in job_runs in the same
 * transaction as the nudges it planned, so a crash before the commit leaves it to the next tick.
 */
export async function doneNudgeChecks(db: Tx, checks: string[], day: Date): Promise<Set<string>> {
  if (checks.length === 0) return new Set();
  const rows = await db
    .select({ job: jobRuns.job })
    .from(jobRuns)
    .where(and(inArray(jobRuns.job, checks), eq(jobRuns.scheduledFor, day)));
  return new Set(rows.map((row) => row.job));
}

export async function recordNudgeChecks(db: Tx, checks: string[], day: Date): Promise<void> {
  if (checks.length === 0) return;
  await db
    .insert(jobRuns)
    .values(checks.map((job) => ({ job, scheduledFor: day, claimedBy: 'nudges' })))
    .onConflictDoNothing();
}

/**
 * The people without Slack who report to these managers on the roster today and count today (issue
 * 14): their deadline nudges go to their manager, as one list.
 */
export async function reportsWithoutSlack(
  db: Tx,
  input: { managerIds: readonly number[]; today: string; includeGuests: boolean },
): Promise<Array<{ id: number; managerId: number }>> {
  if (input.managerIds.length === 0) return [];
  const ids = sql.join(
    input.managerIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, manager_id from employees
      where slack_user_id is null and manager_id in (${ids})
        and (${input.includeGuests} or not is_guest)
        and active_from <= ${input.today}::date and (active_until is null or active_until > ${input.today}::date)
      order by manager_id, id`,
  );
  return rows.map((row) => ({ id: Number(row.id), managerId: Number(row.manager_id) }));
}

/** What the digest shows of some bots, read when it is sent: name, texts, owner (by roster id). */
export interface DigestBot {
  id: number;
  name: string;
  description: string;
  link: string | null;
  ownerId: number;
  ownerName: string;
}

export async function digestBotsByIds(db: Tx, ids: readonly number[]): Promise<Map<number, DigestBot>> {
  const found = new Map<number, DigestBot>();
  if (ids.length === 0) return found;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select b.id, b.name, b.description, b.link, b.owner_id, e.name as owner_name
      from bots b join employees e on e.id = b.owner_id
      where b.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
  );
  for (const row of rows)
    found.set(Number(row.id), {
      id: Number(row.id),
      name: String(row.name),
      description: String(row.description),
      link: row.link === null ? null : String(row.link),
      ownerId: Number(row.owner_id),
      ownerName: String(row.owner_name),
    });
  return found;
}

/** Names of some people on the roster, by roster id (read when a message naming them is sent). */
export async function employeeNamesByIds(db: Tx, ids: readonly number[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (ids.length === 0) return found;
  const rows = await queryRows<{ id: number | string; name: string }>(
    db,
    sql`select id, name from employees where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  for (const row of rows) found.set(Number(row.id), row.name);
  return found;
}

/** The owners' roster ids of some bots. */
export async function botOwnerIds(db: Tx, botIds: readonly number[]): Promise<number[]> {
  if (botIds.length === 0) return [];
  const rows = await queryRows<{ owner_id: number | string }>(
    db,
    sql`select owner_id from bots where id in (${sql.join(
      botIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return rows.map((row) => Number(row.owner_id));
}

/** Roster ids of some Slack users (those on the roster). */
export async function rosterIdsOfSlackUsers(
  db: Tx,
  slackUserIds: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (slackUserIds.length === 0) return found;
  const rows = await queryRows<{ id: number | string; slack_user_id: string }>(
    db,
    sql`select id, slack_user_id from employees where slack_user_id in (${sql.join(
      slackUserIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  for (const row of rows) found.set(row.slack_user_id, Number(row.id));
  return found;
}
