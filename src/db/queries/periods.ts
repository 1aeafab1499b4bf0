import { and, asc, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { reviewPeriods } from '../schema.js';

export type ReviewPeriodRow = typeof reviewPeriods.$inferSelect;

export async function listReviewPeriods(db: Tx, limit = 50): Promise<ReviewPeriodRow[]> {
  return db.select().from(reviewPeriods).orderBy(desc(reviewPeriods.startsOn)).limit(limit);
}

export async function findReviewPeriodByName(db: Tx, name: string): Promise<ReviewPeriodRow | null> {
  const [row] = await db
    .select()
    .from(reviewPeriods)
    .where(sql`lower(${reviewPeriods.name}) = lower(${name})`)
    .limit(1);
  return row ?? null;
}

/** The stored period containing `day`; when periods overlap, the one that started last. */
export async function findReviewPeriodContaining(db: Tx, day: string): Promise<ReviewPeriodRow | null> {
  const [row] = await db
    .select()
    .from(reviewPeriods)
    .where(and(lte(reviewPeriods.startsOn, day), gte(reviewPeriods.endsOn, day)))
    .orderBy(desc(reviewPeriods.startsOn), desc(reviewPeriods.id))
    .limit(1);
  return row ?? null;
}

/** Inserts a period unless one with the same name (any case) exists; null then. */
export async function insertReviewPeriod(
  db: Tx,
  values: { name: string; startsOn: string; endsOn: string; requiredApprovedBots: number; createdBy: string },
): Promise<ReviewPeriodRow | null> {
  const [row] = await db.insert(reviewPeriods).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Stored periods whose last day is in [from, before): those that have just ended. */
export async function findReviewPeriodsEnded(
  db: Tx,
  from: string,
  before: string,
): Promise<ReviewPeriodRow[]> {
  return db
    .select()
    .from(reviewPeriods)
    .where(and(gte(reviewPeriods.endsOn, from), lt(reviewPeriods.endsOn, before)))
    .orderBy(asc(reviewPeriods.endsOn), asc(reviewPeriods.id));
}

/** The review periods a Slack user created lose their creator (`npm run forget`). */
export async function clearPeriodCreator(tx: Tx, slackUserId: string): Promise<void> {
  await tx.update(reviewPeriods).set({ createdBy: null }).where(eq(reviewPeriods.createdBy, slackUserId));
}
