import { remindedReviews } from '../../../db/queries/review-reminders.js';
import { renderReviewReminder } from '../../../slack/blocks/review.js';
import type { DeliveryReference, DeliverySender } from '../sender.js';
import { NOTHING_TO_SEND, postMessage } from './messages.js';
import { recipientTranslator } from './recipient-translator.js';

export const REVIEW_REMINDER_KIND = 'review-reminder';

/**
 * `review-reminder`: a reviewer's list of the reviews that have waited more than 3 days for them
 * (planned by src/jobs/review-reminders.ts, which claimed each bot for it). Ids only: the bots,
 * their owners' names and the buttons' versions are read when sent, so a bot decided, edited or
 * moved to a new round meanwhile, or whose owner was erased, is left out (nothing left: nothing sent).
 * In the reviewer's language.
 */
export interface ReviewReminderPayload extends DeliveryReference {
  /** The reviewer. */
  recipientEmployeeId: number;
  botIds: number[];
  /** When the bots were claimed (`bots.review_reminded_at`); a bot claimed since by another reminder is not this one's. */
  claimedAt: string;
}

export const sendReviewReminder: DeliverySender = async (row, sender) => {
  const { db, client, now } = sender;
  const payload = row.payload as ReviewReminderPayload;
  const about = new Set(payload.aboutEmployeeIds);
  const items = (
    await remindedReviews(db, {
      botIds: payload.botIds,
      reviewerId: payload.recipientEmployeeId,
      claimedAt: new Date(payload.claimedAt),
    })
  ).filter((item) => about.has(item.ownerId));
  if (items.length === 0) return NOTHING_TO_SEND('no review left waiting');
  const tr = await recipientTranslator(sender, payload.recipientEmployeeId);
  return postMessage(row, client, renderReviewReminder(items, now, tr));
};
