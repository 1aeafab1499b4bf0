import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { BotStatus } from '../../domain/bot-status.js';
import type { Tx } from '../client.js';
import { bots, employees, usageEvents, type usageSource } from '../schema.js';

/** Usage events, and the per-bot tokens bots use to report their own use. */

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
}

/** The bot whose token has this sha256 hash (an indexed equality lookup). */
export async function findBotByUsageTokenHash(db: Tx, tokenHash: string): Promise<TokenBot | null> {
  const [row] = await db
    .select({ id: bots.id, name: bots.name, status: bots.status, ownerId: bots.ownerId })
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
