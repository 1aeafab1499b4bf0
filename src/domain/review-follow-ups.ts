import type { Tx } from '../db/client.js';
import { insertPlannedDeliveries, type PlannedDelivery } from '../db/queries/deliveries.js';
import { findEmployeePerson, type ReviewContext } from '../db/queries/reviews.js';
import type { ReviewerSource } from './reviewer-assignment.js';

/**
 * What a submission, an edit, a withdrawal or a decision must still send, planned as deliveries in
 * the same transaction as the change (docs/deliveries.md): a crash or a Slack outage right after
 * the change is stored never loses the reviewer's DM or the submitter's answer; the deliveries
 * worker sends them (the caller kicks it after commit, so they still go out within a second).
 * Payloads are references; the senders (src/jobs/outbox/senders/review.ts) render when they send.
 */

export const REVIEW_FOLLOW_UPS_JOB = 'review';

/** `review-request`: the reviewer's DM with the buttons, for one review round. */
export interface ReviewRequestPayload {
  recipientEmployeeId: number;
  aboutEmployeeIds: number[];
  botId: number;
  /** The round: bots.review_requested_at when it was planned. */
  requestedAt: string;
  source: ReviewerSource;
}

/** `no-reviewer`: tells the submitter that nobody can review their bot yet. */
export interface NoReviewerPayload {
  recipientEmployeeId: number;
  aboutEmployeeIds: number[];
  botId: number;
  requestedAt: string;
}

/** `review-decision`: the submitter's DM about one decision (a review row). */
export interface ReviewDecisionPayload {
  recipientEmployeeId: number;
  aboutEmployeeIds: number[];
  botId: number;
  reviewId: number;
  /** The slash command the DM mentions, e.g. "/bot". */
  botCommand: string;
  /** Who is told: the owner (the default), or whoever entered the bot for them (issue 14). */
  role?: 'owner' | 'enterer';
}

/** `review-refresh`: redraws the reviewer's DM (chat.update) as the bot stands when it is sent. */
export interface ReviewRefreshPayload {
  recipientEmployeeId: number | null;
  aboutEmployeeIds: number[];
  botId: number;
}

type Planned = PlannedDelivery & {
  kind: 'review-request' | 'no-reviewer' | 'review-decision' | 'review-refresh';
};

/** A payload of one kind, checked against its shape. */
const reference = <T extends { recipientEmployeeId: number | null; aboutEmployeeIds: number[] }>(
  payload: T,
) => payload as { recipientEmployeeId: number | null; aboutEmployeeIds: number[] };

const roundOf = (context: ReviewContext) =>
  (context.bot.reviewRequestedAt ?? context.bot.submittedAt).toISOString();

/** The round's request: to the assigned reviewer, or to the submitter when there is none. */
export async function planReviewRequest(
  tx: Tx,
  context: ReviewContext,
  source: ReviewerSource | null,
  now: Date,
): Promise<void> {
  await insertPlannedDeliveries(tx, reviewRequestRows(context, source, now));
}

/** The deliveries planReviewRequest plans (none or one), for planning several rounds in one insert. */
export function reviewRequestRows(
  context: ReviewContext,
  source: ReviewerSource | null,
  now: Date,
): PlannedDelivery[] {
  const { bot, owner, reviewer } = context;
  const requestedAt = roundOf(context);
  // A round is its request time and the version it asks about (a resubmission is always an edit).
  const round = `b${bot.id}:v${bot.version}:${Date.parse(requestedAt)}`;
  const rows: Planned[] = [];
  if (reviewer && source) {
    if (reviewer.slackUserId)
      rows.push({
        job: REVIEW_FOLLOW_UPS_JOB,
        kind: 'review-request',
        key: `review-request:${round}`,
        recipient: reviewer.slackUserId,
        payload: reference<ReviewRequestPayload>({
          recipientEmployeeId: reviewer.id,
          aboutEmployeeIds: [owner.id],
          botId: bot.id,
          requestedAt,
          source,
        }),
        notBefore: now,
      });
  } else if (owner.slackUserId) {
    rows.push({
      job: REVIEW_FOLLOW_UPS_JOB,
      kind: 'no-reviewer',
      key: `no-reviewer:${round}`,
      recipient: owner.slackUserId,
      payload: reference<NoReviewerPayload>({
        recipientEmployeeId: owner.id,
        aboutEmployeeIds: [owner.id],
        botId: bot.id,
        requestedAt,
      }),
      notBefore: now,
    });
  }
  return rows;
}

/** After a decision: the submitter's DM, and the reviewer's DM redrawn without its buttons. */
export async function planDecisionFollowUps(
  tx: Tx,
  context: ReviewContext,
  review: { id: number; reviewer: { id: number } },
  botCommand: string,
  now: Date,
): Promise<void> {
  const { bot, owner } = context;
  // Whoever entered the bot for the owner hears the decision too (issue 14).
  const enterer =
    bot.enteredById !== null && bot.enteredById !== owner.id
      ? await findEmployeePerson(tx, bot.enteredById)
      : null;
  if (enterer?.slackUserId)
    await insertPlannedDeliveries(tx, [
      {
        job: REVIEW_FOLLOW_UPS_JOB,
        kind: 'review-decision',
        key: `review-decision:r${review.id}:e${enterer.id}`,
        recipient: enterer.slackUserId,
        payload: reference<ReviewDecisionPayload>({
          recipientEmployeeId: enterer.id,
          aboutEmployeeIds: [...new Set([owner.id, enterer.id, review.reviewer.id])],
          botId: bot.id,
          reviewId: review.id,
          botCommand,
          role: 'enterer',
        }),
        notBefore: now,
      },
    ]);
  if (owner.slackUserId && owner.slackUserId !== enterer?.slackUserId)
    await insertPlannedDeliveries(tx, [
      {
        job: REVIEW_FOLLOW_UPS_JOB,
        kind: 'review-decision',
        key: `review-decision:r${review.id}`,
        recipient: owner.slackUserId,
        payload: reference<ReviewDecisionPayload>({
          recipientEmployeeId: owner.id,
          aboutEmployeeIds: [...new Set([owner.id, review.reviewer.id])],
          botId: bot.id,
          reviewId: review.id,
          botCommand,
        }),
        notBefore: now,
      },
    ]);
  await planReviewRefresh(tx, context, now);
}

/**
 * One redraw of the reviewer's DM per state of the bot (its version while it waits, the decision,
 * the withdrawal): planning it again for the same state adds nothing. The sender draws the bot as
 * it is when it sends, so a redraw is never out of date.
 */
export async function planReviewRefresh(tx: Tx, context: ReviewContext, now: Date): Promise<void> {
  const { bot, owner, reviewer, lastReview } = context;
  const state =
    bot.status === 'withdrawn'
      ? 'withdrawn'
      : bot.status === 'submitted' || !lastReview
        ? `v${bot.version}:${Date.parse(roundOf(context))}`
        : `r${lastReview.id}`;
  await insertPlannedDeliveries(tx, [
    {
      job: REVIEW_FOLLOW_UPS_JOB,
      kind: 'review-refresh',
      key: `review-refresh:b${bot.id}:${state}`,
      recipient: bot.reviewMessageChannel ?? reviewer?.slackUserId ?? '',
      payload: reference<ReviewRefreshPayload>({
        recipientEmployeeId: reviewer?.id ?? null,
        aboutEmployeeIds: [owner.id],
        botId: bot.id,
      }),
      notBefore: now,
    },
  ]);
}
