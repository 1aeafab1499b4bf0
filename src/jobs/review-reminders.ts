import type { Db } from '../db/client.js';
import { insertPlannedDeliveries } from '../db/queries/deliveries.js';
import { type ClaimedReminder, claimDueReminders } from '../db/queries/review-reminders.js';
import type { Logger } from '../logger.js';
import { type DeliveryKind, deliverySenders } from './outbox/kinds.js';
import type { DeliveryClient } from './outbox/sender.js';
import { REVIEW_REMINDER_KIND, type ReviewReminderPayload } from './outbox/senders/review-reminder.js';
import { type DeliveryRunResult, sendDueDeliveries } from './outbox/worker.js';

/** A review waiting longer than this is reminded. */
export const REVIEW_WAIT_DAYS = 3;
/**
 * At most one reminder per bot in this many hours: "once a day", with slack for a daily schedule
 * that fires a little early or late.
 */
export const REMINDER_INTERVAL_HOURS = 20;

export const REVIEW_REMINDERS_JOB = 'review-reminders';

/** One reminder per reviewer and claim: the claim's time names the round. */
export const reviewReminderKey = (claimedAt: Date, reviewerId: number) =>
  `${REVIEW_REMINDER_KIND}:${claimedAt.getTime()}:e${reviewerId}`;

export interface ReviewRemindersDeps {
  db: Db;
  client: DeliveryClient;
  logger: Logger;
  now: () => Date;
  timezone: string;
  botCommand: string;
  chartFont?: string | undefined;
  /** Shutdown (passed on to the deliveries worker): sends in flight are given up and released. */
  signal?: AbortSignal;
}

export interface ReviewRemindersPlan {
  /** Reviewers with a reminder planned by this run. */
  reviewers: number;
  /** Reviews claimed by this run (each in one reviewer's reminder). */
  reviews: number;
}

/**
 * Plans one `review-reminder` delivery per reviewer listing the bots that have waited more than
 * 3 days for them. In one transaction, each bot due is claimed (`bots.review_reminded_at` stamped:
 * at most one reminder a bot in REMINDER_INTERVAL_HOURS) and its reviewer's delivery planned, so a
 * second run the same day, or a second replica, plans nothing twice, and a claim never outlives a
 * rolled-back plan. The outbox sends it once and retries it; a reminder that fails for good leaves
 * its bots due again on the next day's run.
 */
export async function planReviewReminders(
  deps: Pick<ReviewRemindersDeps, 'db' | 'now'>,
): Promise<ReviewRemindersPlan> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const due = await claimDueReminders(tx, {
      waitingSince: new Date(now.getTime() - REVIEW_WAIT_DAYS * 86_400_000),
      remindedBefore: new Date(now.getTime() - REMINDER_INTERVAL_HOURS * 3_600_000),
      now,
    });
    const byReviewer = new Map<number, ClaimedReminder[]>();
    for (const item of due)
      byReviewer.set(item.reviewerId, [...(byReviewer.get(item.reviewerId) ?? []), item]);
    const rows = [...byReviewer].map(([reviewerId, items]) => ({
      job: REVIEW_REMINDERS_JOB,
      kind: REVIEW_REMINDER_KIND satisfies DeliveryKind,
      key: reviewReminderKey(now, reviewerId),
      recipient: items[0]?.reviewerSlackUserId ?? '',
      payload: {
        recipientEmployeeId: reviewerId,
        aboutEmployeeIds: [...new Set(items.map((i) => i.ownerId))].sort((a, b) => a - b),
        botIds: items.map((i) => i.botId).sort((a, b) => a - b),
        claimedAt: now.toISOString(),
      } satisfies ReviewReminderPayload,
      notBefore: now,
    }));
    // A key taken (only a claim at the very same instant could) would leave its bots claimed with no
    // reminder: roll the whole plan back instead; the run fails and is retried.
    if ((await insertPlannedDeliveries(tx, rows)) !== rows.length)
      throw new Error('a review reminder key was taken; plan rolled back');
    return { reviewers: rows.length, reviews: due.length };
  });
}

/**
 * The review reminder job (weekdays at 10:00 company time): plans the reminders through the
 * deliveries outbox, then sends what is due.
 */
export async function run(
  deps: ReviewRemindersDeps,
): Promise<ReviewRemindersPlan & { sent: DeliveryRunResult }> {
  const logger = deps.logger.child({ job: REVIEW_REMINDERS_JOB });
  const plan = await planReviewReminders(deps);
  if (plan.reviews > 0) logger.info(plan, 'review reminders planned');
  const sent = await sendDueDeliveries({ ...deps, logger, senders: deliverySenders });
  return { ...plan, sent };
}
