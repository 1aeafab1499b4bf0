import type { Db } from '../db/client.js';
import {
  type BotForUse,
  findEmployeeIdByEmail,
  getBotForUse,
  insertUsageEvent,
  lastUseSince,
  lockUsageOfBotByUser,
  type UsageSource,
} from '../db/queries/usage.js';
import type { BotStatus } from './bot-status.js';

/**
 * Recording that someone used a bot: from Slack (`/bot use`, a button) or reported by the bot
 * itself over the usage API. Uses by the owner are stored like any other when a bot reports
 * them; the metrics leave them out.
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
  | { kind: 'not-usable'; bot: BotForUse }
  | { kind: 'not-found'; botId: number };

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
    if (!bot) return { kind: 'not-found', botId };
    if (bot.ownerId === userId) return { kind: 'own-bot', bot };
    if (!acceptsUses(bot.status)) return { kind: 'not-usable', bot };
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
}

export type UsageReportParse = { ok: true; report: UsageReport } | { ok: false; error: string };

/** How far ahead of our clock a reported time may be (clock skew), and how far back. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
export const MAX_AGE_MS = 365 * 24 * 60 * 60_000;
const MAX_EMAIL_LENGTH = 254;
const FIELDS = ['user_email', 'occurred_at'];

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
      error: `unknown field ${JSON.stringify(clipped(unknown))}; allowed fields are user_email and occurred_at`,
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
  return { ok: true, report: { userEmail, occurredAt } };
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
  /** user_email matches nobody on the roster; nothing was stored. */
  | { kind: 'unknown-user' };

/**
 * Stores a use a bot reported about itself (its token already checked, and that it accepts
 * uses). Reports are not folded: a bot used twice in a minute reports two uses.
 */
export async function recordReportedUse(
  db: Db,
  botId: number,
  report: UsageReport,
): Promise<ReportedUseOutcome> {
  let userId: number | null = null;
  if (report.userEmail !== null) {
    userId = await findEmployeeIdByEmail(db, report.userEmail);
    if (userId === null) return { kind: 'unknown-user' };
  }
  await insertUsageEvent(db, { botId, userId, source: 'api', occurredAt: report.occurredAt });
  return { kind: 'recorded' };
}
