import { and, asc, desc, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../client.js';
import { type BotStatus, bots, employees, type ReviewDecision, reviews } from '../schema.js';
import { type BotRow, getBotById, getBotForUpdate } from './bots.js';

/** A person as review messages name them. */
export interface ReviewPerson {
  id: number;
  name: string;
  slackUserId: string | null;
}

export interface ReviewRecord {
  /** The review row's id (a decision's follow-up messages are keyed by it). */
  id: number;
  decision: ReviewDecision;
  score: number | null;
  comment: string | null;
  decidedAt: Date;
  reviewer: ReviewPerson;
}

/** A bot with everyone a review message mentions, and its latest decision. */
export interface ReviewContext {
  bot: BotRow;
  owner: ReviewPerson;
  reviewer: ReviewPerson | null;
  lastReview: ReviewRecord | null;
}

const person = {
  id: employees.id,
  name: employees.name,
  slackUserId: employees.slackUserId,
};

/** One person on the roster as review messages name them; null when not on the roster. */
export async function findEmployeePerson(db: Tx, id: number): Promise<ReviewPerson | null> {
  const [row] = await db.select(person).from(employees).where(eq(employees.id, id));
  return row ?? null;
}

/** The bot (locked for the rest of the transaction when `lock`), its owner, reviewer and last decision. */
export async function loadReviewContext(
  db: Tx,
  botId: number,
  options: { lock?: boolean } = {},
): Promise<ReviewContext | null> {
  const bot = options.lock ? await getBotForUpdate(db, botId) : await getBotById(db, botId);
  if (!bot) return null;
  const ids = bot.reviewerId === null ? [bot.ownerId] : [bot.ownerId, bot.reviewerId];
  const people = await db.select(person).from(employees).where(inArray(employees.id, ids));
  const owner = people.find((p) => p.id === bot.ownerId);
  if (!owner) throw new Error(`bot ${botId} has no owner row`);
  return {
    bot,
    owner,
    reviewer: people.find((p) => p.id === bot.reviewerId) ?? null,
    lastReview: await latestReview(db, botId),
  };
}

const reviewRecord = {
  id: reviews.id,
  decision: reviews.decision,
  score: reviews.score,
  comment: reviews.comment,
  decidedAt: reviews.decidedAt,
  reviewer: person,
};

export async function latestReview(db: Tx, botId: number): Promise<ReviewRecord | null> {
  const [row] = await db
    .select(reviewRecord)
    .from(reviews)
    .innerJoin(employees, eq(employees.id, reviews.reviewerId))
    .where(eq(reviews.botId, botId))
    .orderBy(desc(reviews.decidedAt), desc(reviews.id))
    .limit(1);
  return row ?? null;
}

/** One decision of a bot, by its id. */
export async function reviewById(db: Tx, botId: number, reviewId: number): Promise<ReviewRecord | null> {
  const [row] = await db
    .select(reviewRecord)
    .from(reviews)
    .innerJoin(employees, eq(employees.id, reviews.reviewerId))
    .where(and(eq(reviews.id, reviewId), eq(reviews.botId, botId)))
    .limit(1);
  return row ?? null;
}

/** Stores one decision and moves the bot to `status` (which the caller got from the state machine). */
export async function recordDecision(
  tx: Tx,
  values: {
    botId: number;
    reviewerId: number;
    decision: ReviewDecision;
    score: number | null;
    comment: string | null;
    status: BotStatus;
    now: Date;
  },
): Promise<void> {
  await tx.insert(reviews).values({
    botId: values.botId,
    reviewerId: values.reviewerId,
    decision: values.decision,
    score: values.score,
    comment: values.comment,
    decidedAt: values.now,
  });
  await tx
    .update(bots)
    .set({ status: values.status, decidedAt: values.now, updatedAt: values.now })
    .where(eq(bots.id, values.botId));
}

/**
 * Serialises reviewer assignment across replicas until the transaction ends, so that two
 * submissions at once do not both pick the same least-busy champion.
 */
export async function lockReviewerAssignment(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${REVIEWER_ASSIGNMENT_LOCK})`);
}

// Arbitrary constant, next to the migration lock (727_001).
const REVIEWER_ASSIGNMENT_LOCK = 727_002;

/** Roster people who can review today: on Slack and still employed. Returned in no particular order. */
export async function findEligibleReviewers(db: Tx, ids: number[], today: string): Promise<ReviewPerson[]> {
  if (ids.length === 0) return [];
  return db
    .select(person)
    .from(employees)
    .where(
      and(
        inArray(employees.id, ids),
        isNotNull(employees.slackUserId),
        sql`(${employees.activeUntil} is null or ${employees.activeUntil} > ${today}::date)`,
      ),
    );
}

/** The owner's manager on the roster today, or null. */
export async function findManagerId(db: Tx, ownerId: number): Promise<number | null> {
  const [row] = await db
    .select({ managerId: employees.managerId })
    .from(employees)
    .where(eq(employees.id, ownerId))
    .limit(1);
  return row?.managerId ?? null;
}

/** A person's roster language and time zone (null: unknown; the defaults apply). */
export interface OwnerSpeech {
  locale: string | null;
  timezone: string | null;
}

/** An owner on the roster, with their manager when the manager can review today. */
export interface OwnerAndManager {
  owner: ReviewPerson;
  /** The owner's language and time zone as the roster has them (what their answer speaks). */
  ownerSpeech: OwnerSpeech;
  /** On Slack, still employed and not the owner; null otherwise (or without a manager). */
  manager: ReviewPerson | null;
}

/**
 * These owners and their managers, in one read (the eligibility of findEligibleReviewers applied
 * to the manager). Owners not on the roster are left out.
 */
export async function findOwnersAndManagers(
  db: Tx,
  ownerIds: number[],
  today: string,
): Promise<OwnerAndManager[]> {
  if (ownerIds.length === 0) return [];
  const manager = alias(employees, 'manager');
  const rows = await db
    .select({
      ...person,
      locale: employees.locale,
      timezone: employees.timezone,
      managerId: manager.id,
      managerName: manager.name,
      managerSlackUserId: manager.slackUserId,
    })
    .from(employees)
    .leftJoin(
      manager,
      and(
        eq(manager.id, employees.managerId),
        ne(manager.id, employees.id),
        isNotNull(manager.slackUserId),
        sql`(${manager.activeUntil} is null or ${manager.activeUntil} > ${today}::date)`,
      ),
    )
    // One statement text whatever the number of owners (an array literal of integers).
    .where(sql`${employees.id} = any(${`{${ownerIds.map((id) => Math.trunc(id)).join(',')}}`}::integer[])`)
    // Prepared: one round trip per submission batch instead of two (see queryPreparedRows).
    .prepare('owners_and_managers')
    .execute();
  return rows.map((row) => ({
    owner: { id: row.id, name: row.name, slackUserId: row.slackUserId },
    ownerSpeech: { locale: row.locale, timezone: row.timezone },
    manager:
      row.managerId === null || row.managerName === null
        ? null
        : { id: row.managerId, name: row.managerName, slackUserId: row.managerSlackUserId },
  }));
}

/** Sets the reviewer of several bots whose review round has just started, in one statement. */
export async function setRoundReviewers(
  tx: Tx,
  assignments: Array<{ botId: number; reviewerId: number }>,
): Promise<void> {
  if (assignments.length === 0) return;
  const json = JSON.stringify(assignments.map((a) => ({ bot_id: a.botId, reviewer_id: a.reviewerId })));
  await tx.execute(
    sql`update bots set reviewer_id = v.reviewer_id
        from json_to_recordset(${json}::json) as v(bot_id integer, reviewer_id integer)
        where bots.id = v.bot_id`,
  );
}

/** How many bots wait for each of these reviewers (0 included). */
export async function countOpenAssignments(db: Tx, reviewerIds: number[]): Promise<Map<number, number>> {
  const counts = new Map(reviewerIds.map((id) => [id, 0]));
  if (reviewerIds.length === 0) return counts;
  const rows = await db
    .select({ reviewerId: bots.reviewerId, count: sql<number>`count(*)::int` })
    .from(bots)
    .where(and(eq(bots.status, 'submitted'), inArray(bots.reviewerId, reviewerIds)))
    .groupBy(bots.reviewerId);
  for (const row of rows) if (row.reviewerId !== null) counts.set(row.reviewerId, Number(row.count));
  return counts;
}

/** Starts a review round: sets (or clears) the reviewer and restarts the reminder clock. */
export async function startReviewRound(
  tx: Tx,
  botId: number,
  reviewerId: number | null,
  now: Date,
): Promise<void> {
  await tx
    .update(bots)
    .set({
      reviewerId,
      reviewRequestedAt: now,
      reviewMessageChannel: null,
      reviewMessageTs: null,
      reviewRemindedAt: null,
    })
    .where(eq(bots.id, botId));
}

/**
 * Where the reviewer's DM for a round is, so it can be updated later; only while that round (its
 * reviewer and request time) is still the bot's current one.
 */
export async function setReviewMessage(
  db: Tx,
  round: { botId: number; reviewerId: number; requestedAt: Date },
  channel: string,
  ts: string,
): Promise<boolean> {
  const rows = await db
    .update(bots)
    .set({ reviewMessageChannel: channel, reviewMessageTs: ts })
    .where(
      and(
        eq(bots.id, round.botId),
        eq(bots.reviewerId, round.reviewerId),
        eq(bots.reviewRequestedAt, round.requestedAt),
      ),
    )
    .returning({ id: bots.id });
  return rows.length > 0;
}

export interface PendingReview {
  botId: number;
  /** The content version the buttons decide on. */
  version: number;
  name: string;
  description: string;
  link: string | null;
  platform: string | null;
  category: string | null;
  hoursSavedPerWeek: number | null;
  ownerName: string;
  ownerSlackUserId: string | null;
  requestedAt: Date;
}

/** Bots waiting for this reviewer, longest-waiting first. */
export async function listPendingReviews(
  db: Tx,
  reviewerId: number,
  limit: number,
): Promise<PendingReview[]> {
  return db
    .select({
      botId: bots.id,
      version: bots.version,
      name: bots.name,
      description: bots.description,
      link: bots.link,
      platform: bots.platform,
      category: bots.category,
      hoursSavedPerWeek: bots.hoursSavedPerWeek,
      ownerName: employees.name,
      ownerSlackUserId: employees.slackUserId,
      requestedAt: sql<Date>`coalesce(${bots.reviewRequestedAt}, ${bots.submittedAt})`.mapWith(
        bots.submittedAt,
      ),
    })
    .from(bots)
    .innerJoin(employees, eq(employees.id, bots.ownerId))
    .where(and(eq(bots.status, 'submitted'), eq(bots.reviewerId, reviewerId)))
    .orderBy(asc(sql`coalesce(${bots.reviewRequestedAt}, ${bots.submittedAt})`), asc(bots.id))
    .limit(limit);
}

export async function countPendingReviews(db: Tx, reviewerId: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(bots)
    .where(and(eq(bots.status, 'submitted'), eq(bots.reviewerId, reviewerId)));
  return Number(row?.count ?? 0);
}

/** One review in a reviewer's reminder (src/db/queries/review-reminders.ts), as it is rendered. */
export interface DueReminder {
  botId: number;
  version: number;
  name: string;
  ownerName: string;
  requestedAt: Date;
}

/**
 * Clears the comments a person wrote as reviewer and those written about the bots `botIds`
 * (`npm run forget`); scores and decisions stay. Returns how many comments were cleared.
 */
export async function clearReviewComments(
  tx: Tx,
  input: { reviewerId: number; botIds: readonly number[] },
): Promise<number> {
  const cleared = await tx
    .update(reviews)
    .set({ comment: null })
    .where(
      and(
        sql`${reviews.comment} is not null`,
        input.botIds.length > 0
          ? or(eq(reviews.reviewerId, input.reviewerId), inArray(reviews.botId, [...input.botIds]))
          : eq(reviews.reviewerId, input.reviewerId),
      ),
    )
    .returning({ id: reviews.id });
  return cleared.length;
}
