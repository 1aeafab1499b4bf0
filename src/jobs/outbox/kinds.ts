import type { Db } from '../../db/client.js';
import type { PlannedDelivery } from '../../db/queries/deliveries.js';
import { insertPlannedDeliveries } from '../../db/queries/deliveries.js';
import type { DeliverySender } from './sender.js';
import { sendManagerDigest, sendParticipationChart, sendWeeklyDigest } from './senders/digest.js';
import { sendEntryConfirmation } from './senders/entry.js';
import { sendNudge } from './senders/nudge.js';
import { sendHrExport, sendReviewSummary } from './senders/period-end.js';
import { reviewSenders } from './senders/review.js';
import { REVIEW_REMINDER_KIND, sendReviewReminder } from './senders/review-reminder.js';
import { sendSeatGiven, sendSessionCancelled, sendSessionReminder } from './senders/session.js';
import { sendTeamNudge, TEAM_NUDGE_KIND } from './senders/team-nudge.js';

/**
 * Every kind of delivery and the function that sends it (docs/deliveries.md, "Adding a kind"): the
 * registry the callers hand to the worker (./worker.ts), which knows no kind itself.
 * A payload is a reference — ids, numbers, dates and codes, never names, emails, bot texts or
 * rendered text — with `recipientEmployeeId` and `aboutEmployeeIds`. Each sender reads what it shows
 * from the database when it sends and renders then, showing only the people in `aboutEmployeeIds`
 * (forget takes a person out of that list, so a pending message goes out without them).
 */

export const deliverySenders = {
  'weekly-digest': sendWeeklyDigest,
  'participation-chart': sendParticipationChart,
  'manager-digest': sendManagerDigest,
  nudge: sendNudge,
  // The period-end performance-review tie-in (src/jobs/period-end.ts).
  'hr-export': sendHrExport,
  'review-summary': sendReviewSummary,
  // Bots entered for someone else (issue 14): the owner's confirmation DM (ids only in the payload).
  'entry-confirmation': sendEntryConfirmation,
  // Deadline nudges for people without Slack, as one list to their manager (src/jobs/nudges.ts).
  [TEAM_NUDGE_KIND]: sendTeamNudge,
  // AI sessions (src/domain/sessions.ts): payloads are ids, rendered when sent.
  'session-reminder': sendSessionReminder,
  'session-seat': sendSeatGiven,
  'session-cancelled': sendSessionCancelled,
  // Reviewers' daily list of reviews waiting more than 3 days (src/jobs/review-reminders.ts).
  [REVIEW_REMINDER_KIND]: sendReviewReminder,
  // What a submission, an edit or a decision still has to send (src/domain/review-follow-ups.ts).
  ...reviewSenders,
} satisfies Record<string, DeliverySender>;

export type DeliveryKind = keyof typeof deliverySenders;

/** Plans rows of registered kinds in one transaction; returns how many were new (the others' keys were taken). */
export async function planDeliveries(
  db: Db,
  rows: Array<PlannedDelivery & { kind: DeliveryKind }>,
): Promise<number> {
  // One transaction of its own; inside another (a submission's, a decision's), call insertPlannedDeliveries.
  if (rows.length === 0) return 0;
  return db.transaction((tx) => insertPlannedDeliveries(tx, rows));
}

/** The review loop's kinds alone: what a kick after a change sends (never a digest's thousands of rows). */
export { reviewSenders };
