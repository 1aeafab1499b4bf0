import type { Db } from '../db/client.js';
import {
  type BotForUse,
  findEmployeeIdByEmail,
  findEndedPeriodContaining,
  getBotForUse,
  insertReportedUse,
  insertUsageEvent,
  lastUseSince,
  lockUsageOfBotByUser,
  type TokenBot,
  type UsageSource,
} from '../db/queries/usage.js';
import type { BotStatus } from './bot-status.js';
import { isoDay } from './periods.js';
import { resolvePeriod } from './review-periods.js';

/**
 * Recording that someone used a bot. Only a colleague's own action in Slack (`/bot use`, the
 * "I used this" button) is a use and counts in the figures. What a bot reports about itself over
 * the usage API is the word of its owner (who holds the token): it is stored apart as a
 * **reported use**, shown as "reported by the bot", and never counted as a colleague's use.
 */

export type { BotForUse };

/**
 * Bots that collect uses: anything still in play. A rejected bot is closed (it can only be
 * withdrawn), and a withdrawn one is history; neither takes new uses.
 */
const USABLE: ReadonlySet<BotStatus> = new Set(['submitted', 'changes_requested', 'approved']);

export function acceptsUses(status: BotStatus): boolean {
  return USABLE.has(status);
}

/** Presses by one person on one bot closer together than this count once. */
export const REPEAT_WINDOW_MS = 60_000;

/** Sources that are a person pressing something in Slack; repeats of these are folded. */
const PRESS_SOURCES: UsageSource[] = ['slash', 'button'];

export type SlackUseOutcome =
  | { kind: 'recorded'; bot: BotForUse }
  /** The same person recorded this bot less than a minute ago; nothing new was stored. */
  | { kind: 'already-recorded'; bot: BotForUse }
  | { kind: 'own-bot'; bot: BotForUse }
  /**
   * No such bot, or one that takes no uses (withdrawn, rejected). Deliberately one outcome that
   * carries only the number asked for: a colleague learns nothing about a bot they may not use.
   */
  | { kind: 'unavailable'; botId: number };

/**
 * Records that `userId` used bot `botId` from Slack. Repeated presses within a minute count
 * once, also when they arrive at the same moment: the check and the insert run under a lock
 * held for this person and bot until the transaction ends.
 */
export async function recordSlackUse(
  db: Db,
  input: { botId: number; userId: number; source: 'slash' | 'button'; now: Date },
): Promise<SlackUseOutcome> {
  const { botId, userId, source, now } = input;
  return db.transaction(async (tx) => {
    const bot = await getBotForUse(tx, botId);
    if (!bot) return { kind: 'unavailable', botId };
    if (bot.ownerId === userId) return { kind: 'own-bot', bot };
    if (!acceptsUses(bot.status)) return { kind: 'unavailable', botId };
    await lockUsageOfBotByUser(tx, botId, userId);
    const since = new Date(now.getTime() - REPEAT_WINDOW_MS);
    const recent = await lastUseSince(tx, { botId, userId, sources: PRESS_SOURCES, since });
    if (recent) return { kind: 'already-recorded', bot };
    await insertUsageEvent(tx, { botId, userId, source, occurredAt: now });
    return { kind: 'recorded', bot };
  });
}

// ---------------------------------------------------------------------------------------------
// The usage API's body: { "user_email"?: string, "occurred_at"?: RFC 3339 time }

export interface UsageReport {
  /** Trimmed; matched to the roster in any case. Absent: an anonymous use. */
  userEmail: string | null;
  occurredAt: Date;
  /** The report's own id: a replay with the same id is stored once per bot. */
  id: string | null;
}

export type UsageReportParse = { ok: true; report: UsageReport } | { ok: false; error: string };

/** How far ahead of our clock a reported time may be (clock skew), and how far back. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
export const MAX_AGE_MS = 365 * 24 * 60 * 60_000;
const MAX_EMAIL_LENGTH = 254;
const MAX_REPORT_ID_LENGTH = 100;
const FIELDS = ['user_email', 'occurred_at', 'id'];

/**
 * Validates a usage report exactly: a JSON object with only the known fields, each of the right
 * type (null is the same as absent). An empty body is `{}`. Never throws.
 */
export function parseUsageReport(body: Uint8Array, now: Date): UsageReportParse {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, error: 'body is not valid UTF-8' };
  }
  if (text.trim() === '') text = '{}';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'body is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'body must be a JSON object' };
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined)
    return {
      ok: false,
      error: `unknown field ${JSON.stringify(clipped(unknown))}; allowed fields are user_email, occurred_at and id`,
    };

  let userEmail: string | null = null;
  const email = fields.user_email;
  if (email !== undefined && email !== null) {
    if (typeof email !== 'string') return { ok: false, error: 'user_email must be a string' };
    const trimmed = email.trim();
    if (trimmed.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+$/.test(trimmed))
      return { ok: false, error: 'user_email must be an email address such as ann@example.com' };
    userEmail = trimmed;
  }

  let occurredAt = now;
  const time = fields.occurred_at;
  if (time !== undefined && time !== null) {
    if (typeof time !== 'string') return { ok: false, error: 'occurred_at must be a string' };
    const parsed = parseTimestamp(time);
    if (!parsed)
      return {
        ok: false,
        error: 'occurred_at must be an ISO 8601 time with a time zone, such as 2026-11-28T09:30:00Z',
      };
    if (parsed.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS)
      return { ok: false, error: 'occurred_at is in the future' };
    if (parsed.getTime() < now.getTime() - MAX_AGE_MS)
      return { ok: false, error: 'occurred_at is more than one year ago' };
    occurredAt = parsed;
  }

  let id: string | null = null;
  const reportId = fields.id;
  if (reportId !== undefined && reportId !== null) {
    if (typeof reportId !== 'string' || reportId.length < 1 || reportId.length > MAX_REPORT_ID_LENGTH)
      return { ok: false, error: `id must be a string of 1 to ${MAX_REPORT_ID_LENGTH} characters` };
    id = reportId;
  }
  return { ok: true, report: { userEmail, occurredAt, id } };
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 time (seconds optional) with `Z` or an offset; null for anything else, including
 * dates that do not exist (JavaScript's own parser turns 30 February into 2 March).
 */
export function parseTimestamp(text: string): Date | null {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh = '0', om = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [offsetHours, offsetMinutes] = [Number(oh), Number(om)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
  return new Date(utc);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function clipped(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

// ---------------------------------------------------------------------------------------------

export type ReportedUseOutcome =
  | { kind: 'recorded' }
  /** A report with this id was stored for this bot before; nothing new was stored. */
  | { kind: 'already-recorded' }
  /** occurred_at cannot be accepted; `reason` says why, for the client. Nothing was stored. */
  | { kind: 'refused'; reason: string };

/**
 * Stores a use a bot reported about itself (its token already checked, and that it accepts uses)
 * as a reported use. It may not be dated before the bot was submitted, nor inside a review period
 * that has ended (whose figures HR has taken). A `user_email` nobody on the roster has is kept
 * without a person, and answered exactly like a known one: the API tells nobody who works here.
 * Reports are not folded: a bot used twice in a minute reports two uses (an `id` stops replays).
 */
export async function recordReportedUse(
  db: Db,
  bot: Pick<TokenBot, 'id' | 'submittedAt'>,
  report: UsageReport,
  context: { now: Date; timeZone: string },
): Promise<ReportedUseOutcome> {
  const { occurredAt } = report;
  if (occurredAt.getTime() < bot.submittedAt.getTime())
    return {
      kind: 'refused',
      reason: `occurred_at is before bot #${bot.id} was submitted (${isoSeconds(bot.submittedAt)}); a use cannot come before the bot`,
    };
  const today = isoDay(context.now, context.timeZone);
  const ended = await findEndedPeriodContaining(db, { at: occurredAt, today, timeZone: context.timeZone });
  if (ended)
    return {
      kind: 'refused',
      reason: `occurred_at falls in review period ${ended.name}, which ended on ${ended.endsOn}; its figures are closed`,
    };
  const current = await resolvePeriod(db, undefined, today);
  if (isoDay(occurredAt, context.timeZone) < current.start)
    return {
      kind: 'refused',
      reason: `occurred_at is before the current review period (${current.start} – ${current.end}); earlier periods are closed`,
    };
  const userId = report.userEmail === null ? null : await findEmployeeIdByEmail(db, report.userEmail);
  const stored = await insertReportedUse(db, {
    botId: bot.id,
    userId,
    occurredAt,
    reportId: report.id,
    receivedAt: context.now,
  });
  return stored ? { kind: 'recorded' } : { kind: 'already-recorded' };
}

/** `2026-07-10T12:00:00Z`: UTC, to the second. */
function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
