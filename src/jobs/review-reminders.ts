import type { webApi } from '@slack/bolt';
import type { Db } from '../db/client.js';
import { claimDueReminders, type DueReminder, releaseReminder } from '../db/queries/reviews.js';
import type { Logger } from '../logger.js';
import { renderReviewReminder } from '../slack/blocks/review.js';

/** A review waiting longer than this is reminded. */
export const REVIEW_WAIT_DAYS = 3;
/**
 * At most one reminder per bot in this many hours: "once a day", with slack for a daily schedule
 * that fires a little early or late.
 */
export const REMINDER_INTERVAL_HOURS = 20;

export interface ReviewRemindersDeps {
  db: Db;
  /** Bolt's `app.client`. */
  client: Pick<webApi.WebClient, 'chat'>;
  logger: Logger;
  now: () => Date;
}

export interface ReviewRemindersResult {
  reviewers: number;
  reviews: number;
  failed: number;
}

/**
 * The review reminder job (daily, once the scheduler of issue 5 runs it): one DM per reviewer
 * listing the bots that have waited more than 3 days for them. Bots are claimed in the database
 * before sending, so a second run the same day, or a second replica, sends nothing twice; a DM
 * that fails is released and tried again on the next run.
 */
export async function run(deps: ReviewRemindersDeps): Promise<ReviewRemindersResult> {
  const logger = deps.logger.child({ job: 'review-reminders' });
  const now = deps.now();
  const due = await claimDueReminders(deps.db, {
    waitingSince: new Date(now.getTime() - REVIEW_WAIT_DAYS * 86_400_000),
    remindedBefore: new Date(now.getTime() - REMINDER_INTERVAL_HOURS * 3_600_000),
    now,
  });
  const byReviewer = new Map<string, DueReminder[]>();
  for (const item of due) {
    const list = byReviewer.get(item.reviewerSlackUserId) ?? [];
    list.push(item);
    byReviewer.set(item.reviewerSlackUserId, list);
  }
  let failed = 0;
  for (const [reviewer, items] of byReviewer) {
    items.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.botId - b.botId);
    try {
      await deps.client.chat.postMessage({ channel: reviewer, ...renderReviewReminder(items, now) });
    } catch (error) {
      failed++;
      logger.error({ err: error, reviewer, bots: items.length }, 'could not send a review reminder');
      for (const item of items) await releaseReminder(deps.db, item.botId, now, item.previousRemindedAt);
    }
  }
  const result = { reviewers: byReviewer.size, reviews: due.length, failed };
  logger.info(result, 'review reminders sent');
  return result;
}
