import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import {
  type BotStatus,
  bots,
  employees,
  reportedUses,
  reviewPeriods,
  usageEvents,
  type usageSource,
} from '../schema.js';

/**
 * Usage events (a colleague's own action in Slack), reported uses (what a bot says about itself
 * over the usage API, kept apart), and the per-bot tokens bots report with.
 */

export type UsageSource = (typeof usageSource.enumValues)[number];

export interface BotForUse {
  id: number;
  name: string;
  status: BotStatus;
  ownerId: number;
  ownerName: string;
}

/** A bot with its owner's name, as a colleague who used it sees it. */
export async function getBotForUse(db: Tx, botId: number): Promise<BotForUse | null> {
  const [row] = await db
    .select({
      id: bots.id,
      name: bots.name,
      status: bots.status,
      ownerId: bots.ownerId,
      ownerName: employees.name,
    })
    .from(bots)
    .innerJoin(employees, eq(employees.id, bots.ownerId))
    .where(eq(bots.id, botId))
    .limit(1);
  return row ?? null;
}

/**
 * Serialises, until the transaction ends, everything done for one person and one bot: two
 * presses at once then see each other. Advisory locks work the same on Postgres and PGlite; a
 * hash collision with another pair only makes the two wait for each other.
 */
export async function lockUsageOfBotByUser(tx: Tx, botId: number, userId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`usage:${botId}:${userId}`}, 0))`);
}

/** When this person last used this bot through one of `sources` after `since`; null if not. */
export async function lastUseSince(
  db: Tx,
  input: { botId: number; userId: number; sources: UsageSource[]; since: Date },
): Promise<Date | null> {
  const [row] = await db
    .select({ occurredAt: usageEvents.occurredAt })
    .from(usageEvents)
    .where(
      and(
        eq(usageEvents.userId, input.userId),
        eq(usageEvents.botId, input.botId),
        inArray(usageEvents.source, input.sources),
        gt(usageEvents.occurredAt, input.since),
      ),
    )
    .orderBy(desc(usageEvents.occurredAt))
    .limit(1);
  return row?.occurredAt ?? null;
}

export async function insertUsageEvent(
  db: Tx,
  event: { botId: number; userId: number | null; source: UsageSource; occurredAt: Date },
): Promise<number> {
  const [row] = await db.insert(usageEvents).values(event).returning({ id: usageEvents.id });
  if (!row) throw new Error(`usage event for bot ${event.botId} was not stored`);
  return row.id;
}

/** Sets the bot's usage-token hash; any previous token stops working at once. */
export async function setUsageTokenHash(db: Tx, botId: number, tokenHash: string, now: Date): Promise<void> {
  const updated = await db
    .update(bots)
    .set({ usageTokenHash: tokenHash, updatedAt: now })
    .where(eq(bots.id, botId))
    .returning({ id: bots.id });
  if (updated.length === 0) throw new Error(`bot ${botId} vanished while setting its usage token`);
}

export interface TokenBot {
  id: number;
  name: string;
  status: BotStatus;
  ownerId: number;
  submittedAt: Date;
}

/** The bot whose token has this sha256 hash (an indexed equality lookup). */
export async function findBotByUsageTokenHash(db: Tx, tokenHash: string): Promise<TokenBot | null> {
  const [row] = await db
    .select({
      id: bots.id,
      name: bots.name,
      status: bots.status,
      ownerId: bots.ownerId,
      submittedAt: bots.submittedAt,
    })
    .from(bots)
    .where(eq(bots.usageTokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

/** The roster member with this email, in any case (uses the lower(email) unique index). */
export async function findEmployeeIdByEmail(db: Tx, email: string): Promise<number | null> {
  const [row] = await db
    .select({ id: employees.id })
    .from(employees)
    .where(sql`lower(${employees.email}) = lower(${email})`)
    .limit(1);
  return row?.id ?? null;
}

/**
 * Stores one reported use; with a `reportId`, at most once per bot (the unique index decides, also
 * for two copies arriving at once). False when that report was already stored.
 */
export async function insertReportedUse(
  db: Tx,
  use: { botId: number; userId: number | null; occurredAt: Date; reportId: string | null; receivedAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(reportedUses)
    .values(use)
    .onConflictDoNothing({
      target: [reportedUses.botId, reportedUses.reportId],
      where: sql`${reportedUses.reportId} is not null`,
    })
    .returning({ id: reportedUses.id });
  return inserted.length > 0;
}

/**
 * The stored review period that has ended by `today` (its last day is before it) and contains the
 * calendar day of `at` in `timeZone`; null when there is none.
 */
export async function findEndedPeriodContaining(
  db: Tx,
  input: { at: Date; today: string; timeZone: string },
): Promise<{ name: string; endsOn: string } | null> {
  const day = sql`(${input.at.toISOString()}::timestamptz at time zone ${input.timeZone})::date`;
  const [row] = await db
    .select({ name: reviewPeriods.name, endsOn: reviewPeriods.endsOn })
    .from(reviewPeriods)
    .where(
      and(
        sql`${reviewPeriods.endsOn} < ${input.today}::date`,
        sql`${reviewPeriods.startsOn} <= ${day}`,
        sql`${reviewPeriods.endsOn} >= ${day}`,
      ),
    )
    .orderBy(desc(reviewPeriods.endsOn))
    .limit(1);
  return row ?? null;
}
