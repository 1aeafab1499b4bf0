import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { queryRows } from '../rows.js';
import { bots, employees } from '../schema.js';
import type { DueReminder } from './reviews.js';

/** Reviewer reminders (src/jobs/review-reminders.ts): the claim when planned, the list when sent. */

/** A review claimed for a reminder: ids only (the outbox payload is a reference). */
export interface ClaimedReminder {
  botId: number;
  ownerId: number;
  reviewerId: number;
  reviewerSlackUserId: string;
}

/**
 * Claims every review waiting since before `waitingSince` whose last reminder is no newer than
 * `remindedBefore`, stamping `bots.review_reminded_at` with `now` in the same statement: two runs at
 * once (two replicas) never claim the same bot, and a second run the same day finds nothing. Run it
 * in the transaction that plans the reminders, so a claim and its delivery commit together.
 */
export async function claimDueReminders(
  tx: Tx,
  options: { waitingSince: Date; remindedBefore: Date; now: Date },
): Promise<ClaimedReminder[]> {
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`with due as (
          select b.id
          from bots b
          where b.status = 'submitted'
            and b.reviewer_id is not null
            and coalesce(b.review_requested_at, b.submitted_at) < ${options.waitingSince.toISOString()}::timestamptz
            and (b.review_reminded_at is null or b.review_reminded_at <= ${options.remindedBefore.toISOString()}::timestamptz)
          order by b.id
          for update of b skip locked
        )
        update bots b set review_reminded_at = ${options.now.toISOString()}::timestamptz
        from due, employees r
        where b.id = due.id and r.id = b.reviewer_id and r.slack_user_id is not null
        returning b.id as bot_id, b.owner_id, b.reviewer_id, r.slack_user_id as reviewer_slack_user_id`,
  );
  return rows.map((row) => ({
    botId: Number(row.bot_id),
    ownerId: Number(row.owner_id),
    reviewerId: Number(row.reviewer_id),
    reviewerSlackUserId: String(row.reviewer_slack_user_id),
  }));
}

/**
 * The reviews of one reminder as they are now, for the sender: those still waiting for this
 * reviewer under this reminder's claim (a decision, a new round or a newer reminder takes a bot out),
 * oldest request first.
 */
export async function remindedReviews(
  db: Tx,
  reminder: { botIds: number[]; reviewerId: number; claimedAt: Date },
): Promise<Array<DueReminder & { ownerId: number }>> {
  if (reminder.botIds.length === 0) return [];
  const rows = await db
    .select({
      botId: bots.id,
      version: bots.version,
      name: bots.name,
      ownerId: bots.ownerId,
      ownerName: employees.name,
      requestedAt: sql<Date | string>`coalesce(${bots.reviewRequestedAt}, ${bots.submittedAt})`,
    })
    .from(bots)
    .innerJoin(employees, eq(employees.id, bots.ownerId))
    .where(
      and(
        inArray(bots.id, reminder.botIds),
        eq(bots.status, 'submitted'),
        eq(bots.reviewerId, reminder.reviewerId),
        eq(bots.reviewRemindedAt, reminder.claimedAt),
      ),
    );
  return rows
    .map((row) => ({ ...row, requestedAt: new Date(row.requestedAt) }))
    .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.botId - b.botId);
}
