import type { Db, Tx } from '../db/client.js';
import { recordOrgState } from '../db/queries/employee-history.js';
import {
  type EmployeePatch,
  type EmployeeRow,
  findEmployeeBySlackUserForUpdate,
  findEmployeesBySlackUserIds,
  findUnlinkedEmployeeByEmailForUpdate,
  insertSlackEmployee,
  isEmailTaken,
  type SlackProfile,
  updateEmployee,
} from '../db/queries/employees.js';
import { localeFromSlack } from '../i18n/locale.js';
import type { Logger } from '../logger.js';
import { isDatabaseUnavailable } from './errors.js';

/**
 * Keeping the roster current from Slack: the `users.list` sync and the `team_join` /
 * `user_change` events share `applySlackMember`, so both follow one rule set:
 *
 * - bots (and Slackbot) are never employees; guests only when INCLUDE_GUESTS is on;
 * - a new member is linked to an HR-imported row with the same email, or added;
 * - on a row the HR import manages (`org_source = 'hr'`) the HR file owns name, email, title,
 *   department, manager and employment dates; Slack only adds its user id, time zone, locale and
 *   the guest flag. Otherwise the daily sync and the next import would overwrite each other forever;
 * - on other rows Slack owns name, email, title, time zone and locale (the language we speak to
 *   them: any `zh*` → zh-CN, else en); department and manager are never
 *   taken from Slack (its profile has no reliable field for them);
 * - a deactivated account (`deleted: true`) has left: active until today, history inactive. A
 *   reactivated account counts again. On HR-managed rows the HR file decides employment instead.
 */

/** The fields we read from a Slack user object (users.list member, team_join / user_change user). */
export interface SlackMember {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  tz?: string;
  /** Only with `include_locale: true` (users.list, users.info); events may carry it too. */
  locale?: string;
  profile?: { email?: string; title?: string; real_name?: string; display_name?: string };
}

/** The one Web API method the sync needs; Bolt's WebClient satisfies it. */
export interface SlackDirectory {
  users: {
    list(args: { limit: number; cursor?: string; include_locale: boolean }): Promise<{
      members?: SlackMember[];
      response_metadata?: { next_cursor?: string };
    }>;
  };
}

export type SlackMemberOutcome =
  | 'created'
  | 'linked'
  | 'updated'
  | 'unchanged'
  | 'left'
  | 'kept_by_hr'
  | 'skipped_bot'
  | 'skipped_guest'
  | 'skipped_deleted';

export interface RosterSyncCounts {
  pages: number;
  users: number;
  created: number;
  linked: number;
  updated: number;
  unchanged: number;
  left: number;
  /** Deactivated in Slack but on an HR-managed row: HR decides whether they left. */
  keptByHr: number;
  skippedBots: number;
  skippedGuests: number;
  /** Deactivated accounts that were never on the roster. */
  skippedDeleted: number;
  /** Users that could not be applied (each logged with the reason). */
  failed: number;
}

export interface RosterSyncDeps {
  db: Db;
  client: SlackDirectory;
  includeGuests: boolean;
  now: Date;
  logger: Logger;
}

export interface SlackMemberOptions {
  includeGuests: boolean;
  now: Date;
}

/** Slack's documented maximum page size for users.list. */
const PAGE_SIZE = 200;

/**
 * Reads every Slack user, page by page, and applies each one. Rate limits are waited out by the
 * WebClient itself (a 429 with Retry-After pauses and retries; Bolt's client is built with the
 * default `rejectRateLimitedCalls: false` and a retry policy).
 */
export async function syncRosterFromSlack(deps: RosterSyncDeps): Promise<RosterSyncCounts> {
  const counts = emptyCounts();
  let cursor: string | undefined;
  do {
    const page = await deps.client.users.list({
      limit: PAGE_SIZE,
      include_locale: true,
      ...(cursor ? { cursor } : {}),
    });
    counts.pages++;
    const members = (page.members ?? []).filter((member): member is SlackMember & { id: string } =>
      Boolean(member.id),
    );
    const known = await rosterBySlackUser(
      deps.db,
      members.map((member) => member.id),
    );
    for (const member of members) {
      counts.users++;
      try {
        // null, not undefined: we looked and they are not on the roster yet.
        tally(counts, await applySlackMember(deps.db, member, deps, known.get(member.id) ?? null));
      } catch (error) {
        // One odd user must not stop the sync of everyone after them; an outage must.
        if (isDatabaseUnavailable(error)) throw error;
        counts.failed++;
        deps.logger.error({ err: error, user: member.id }, 'roster sync: could not apply a Slack user');
      }
    }
    cursor = page.response_metadata?.next_cursor || undefined;
    deps.logger.debug({ page: counts.pages, users: counts.users }, 'roster sync: page done');
  } while (cursor);
  return counts;
}

/**
 * Applies one Slack user to the roster. `known` is the roster row already read for this Slack
 * user id (null: looked up, not on the roster; undefined: not looked up). With it, a user whose
 * row is already up to date costs no further query.
 */
export async function applySlackMember(
  db: Db,
  member: SlackMember & { id: string },
  options: SlackMemberOptions,
  known?: EmployeeRow | null,
): Promise<SlackMemberOutcome> {
  if (isBotUser(member)) return 'skipped_bot';
  if (isGuest(member) && !options.includeGuests) return 'skipped_guest';
  if (member.deleted) return markDeactivated(db, member.id, options.now, known);
  const profile = slackProfileOf(member);
  if (known && !needsUpdate(known, profile)) return 'unchanged';
  return upsertFromSlack(db, profile, options.now);
}

/** The roster fields of a Slack user. Names: the real name, else the display name, else the handle. */
export function slackProfileOf(member: SlackMember & { id: string }): SlackProfile {
  const profile = member.profile ?? {};
  return {
    slackUserId: member.id,
    name: member.real_name || profile.real_name || profile.display_name || member.name || member.id,
    email: profile.email || null,
    timezone: member.tz || null,
    title: profile.title || null,
    isGuest: isGuest(member),
    locale: localeFromSlack(member.locale),
  };
}

export function isBotUser(member: SlackMember): boolean {
  return Boolean(member.is_bot) || member.id === 'USLACKBOT';
}

export function isGuest(member: SlackMember): boolean {
  return Boolean(member.is_restricted || member.is_ultra_restricted);
}

/** What Slack may change on this row (see the rules at the top). Empty when it is up to date. */
export function slackPatch(row: EmployeeRow, profile: SlackProfile): EmployeePatch {
  const patch: EmployeePatch = {};
  if (row.timezone !== profile.timezone) patch.timezone = profile.timezone;
  if (row.isGuest !== profile.isGuest) patch.isGuest = profile.isGuest;
  // A Slack answer without the locale (an event, an older client) is not a reason to forget ours.
  if (profile.locale && row.locale !== profile.locale) patch.locale = profile.locale;
  if (row.orgSource === 'hr') return patch;
  if (row.name !== profile.name) patch.name = profile.name;
  if (row.title !== profile.title) patch.title = profile.title;
  // No email from Slack (hidden, or no users:read.email scope) is not a reason to forget ours.
  if (profile.email && row.email !== profile.email) patch.email = profile.email;
  return patch;
}

/** A Slack-managed row of someone who had left but whose account is active again. */
function isReturning(row: EmployeeRow): boolean {
  return row.orgSource === 'slack' && row.activeUntil !== null;
}

function needsUpdate(row: EmployeeRow, profile: SlackProfile): boolean {
  return Object.keys(slackPatch(row, profile)).length > 0 || isReturning(row);
}

async function upsertFromSlack(
  db: Db,
  profile: SlackProfile,
  now: Date,
): Promise<'created' | 'linked' | 'updated' | 'unchanged'> {
  return db.transaction(async (tx) => {
    const current = await findEmployeeBySlackUserForUpdate(tx, profile.slackUserId);
    if (current) return (await applyProfile(tx, current, profile, now)) ? 'updated' : 'unchanged';
    const unlinked = profile.email ? await findUnlinkedEmployeeByEmailForUpdate(tx, profile.email) : null;
    if (unlinked) {
      await applyProfile(tx, unlinked, profile, now, { slackUserId: profile.slackUserId });
      return 'linked';
    }
    return insertFromSlack(tx, profile, now);
  });
}

async function insertFromSlack(
  tx: Tx,
  profile: SlackProfile,
  now: Date,
): Promise<'created' | 'updated' | 'unchanged'> {
  // An email already on another Slack user's row (say, an old deactivated account, or someone
  // else's) stays there: this account gets its own row without it, flagged for HR (docs/roster.md).
  const emailHeld = profile.email !== null && (await isEmailTaken(tx, profile.email));
  let id = await insertSlackEmployee(
    tx,
    emailHeld ? { ...profile, email: null } : profile,
    isoDate(now),
    now,
    emailHeld,
  );
  if (id === null) {
    // A concurrent event or sync added this user a moment ago: update that row instead.
    const raced = await findEmployeeBySlackUserForUpdate(tx, profile.slackUserId);
    if (raced) return (await applyProfile(tx, raced, profile, now)) ? 'updated' : 'unchanged';
    // Or another account took the email meanwhile.
    id = await insertSlackEmployee(tx, { ...profile, email: null }, isoDate(now), now, true);
    if (id === null) throw new Error(`could not add Slack user ${profile.slackUserId} to the roster`);
  }
  await recordOrgState(tx, id, { department: null, managerId: null, active: true }, now);
  return 'created';
}

/** Writes what Slack may change on `row` (plus `extra`); true when anything changed. */
async function applyProfile(
  tx: Tx,
  row: EmployeeRow,
  profile: SlackProfile,
  now: Date,
  extra: EmployeePatch = {},
): Promise<boolean> {
  const { email, ...rest } = slackPatch(row, profile);
  const patch: EmployeePatch = { ...rest, ...extra };
  // An email another roster row already holds stays with that row (the index is unique), and this
  // row is flagged for HR: one Slack account now claims another person's address.
  if (email) {
    if (!(await isEmailTaken(tx, email, row.id))) patch.email = email;
    else if (!row.identityReviewNeeded) patch.identityReviewNeeded = true;
  }
  const returning = isReturning(row);
  if (returning) patch.activeUntil = null;
  if (Object.keys(patch).length === 0) return false;
  await updateEmployee(tx, row.id, patch, now);
  if (returning) {
    await recordOrgState(
      tx,
      row.id,
      { department: row.department, managerId: row.managerId, active: true },
      now,
    );
  }
  return true;
}

async function markDeactivated(
  db: Db,
  slackUserId: string,
  now: Date,
  known: EmployeeRow | null | undefined,
): Promise<SlackMemberOutcome> {
  if (known === null) return 'skipped_deleted';
  const settledAlready = known && settledDeactivation(known);
  if (settledAlready) return settledAlready;
  return db.transaction(async (tx) => {
    const row = await findEmployeeBySlackUserForUpdate(tx, slackUserId);
    if (!row) return 'skipped_deleted';
    const settled = settledDeactivation(row);
    if (settled) return settled;
    // Never before the first day they counted (the table's check, and common sense).
    let activeUntil = isoDate(now);
    if (activeUntil < row.activeFrom) activeUntil = row.activeFrom;
    await updateEmployee(tx, row.id, { activeUntil }, now);
    await recordOrgState(
      tx,
      row.id,
      { department: row.department, managerId: row.managerId, active: false },
      now,
    );
    return 'left';
  });
}

/** The outcome for a deactivated account when nothing is to be written, else null. */
function settledDeactivation(row: EmployeeRow): SlackMemberOutcome | null {
  if (row.orgSource === 'hr') return 'kept_by_hr';
  if (row.activeUntil !== null) return 'unchanged';
  return null;
}

async function rosterBySlackUser(db: Db, slackUserIds: string[]): Promise<Map<string, EmployeeRow>> {
  const rows = await findEmployeesBySlackUserIds(db, slackUserIds);
  return new Map(rows.flatMap((row) => (row.slackUserId ? [[row.slackUserId, row] as const] : [])));
}

function emptyCounts(): RosterSyncCounts {
  return {
    pages: 0,
    users: 0,
    created: 0,
    linked: 0,
    updated: 0,
    unchanged: 0,
    left: 0,
    keptByHr: 0,
    skippedBots: 0,
    skippedGuests: 0,
    skippedDeleted: 0,
    failed: 0,
  };
}

const COUNTER: Record<SlackMemberOutcome, Exclude<keyof RosterSyncCounts, 'pages' | 'users' | 'failed'>> = {
  created: 'created',
  linked: 'linked',
  updated: 'updated',
  unchanged: 'unchanged',
  left: 'left',
  kept_by_hr: 'keptByHr',
  skipped_bot: 'skippedBots',
  skipped_guest: 'skippedGuests',
  skipped_deleted: 'skippedDeleted',
};

function tally(counts: RosterSyncCounts, outcome: SlackMemberOutcome): void {
  counts[COUNTER[outcome]]++;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
