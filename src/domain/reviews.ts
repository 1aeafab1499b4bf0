import type { Db } from '../db/client.js';
import {
  countPendingReviews,
  listPendingReviews,
  loadReviewContext,
  type PendingReview,
  type ReviewContext,
  type ReviewRecord,
  recordDecision,
} from '../db/queries/reviews.js';
import { awaitsReview, DECISION_EVENTS, nextBotStatus, type ReviewDecision } from './bot-status.js';
import { planDecisionFollowUps, planReviewRefresh } from './review-follow-ups.js';

/**
 * Deciding a review. The decision is taken in one transaction that locks the bot's row and asks
 * the state machine whether the move is still allowed, so a double click or two reviewers at once
 * store exactly one decision; everyone later is told who decided and when.
 */

export type { ReviewContext, ReviewDecision, ReviewRecord };

export const COMMENT_MAX = 2000;

/** Who is clicking: their roster id (null when not on the roster) and whether they are HR. */
export interface ReviewActor {
  employeeId: number | null;
  isHr: boolean;
}

/** Why a decision cannot be made (or opened) now. */
export type ReviewRefusal =
  | { kind: 'not-found'; botId: number }
  /** Only the assigned reviewer or an HR user may decide, never the owner. */
  | { kind: 'not-allowed'; context: ReviewContext }
  /** Someone decided already (this is what a later click is told). */
  | { kind: 'already-decided'; context: ReviewContext; review: ReviewRecord }
  /** Not waiting for review for another reason (withdrawn). */
  | { kind: 'not-reviewable'; context: ReviewContext }
  /** The owner edited the bot after the reviewer saw it: nothing is decided on another version. */
  | { kind: 'changed'; context: ReviewContext };

export type ReviewCheck = { kind: 'open'; context: ReviewContext } | ReviewRefusal;

/** Whether `actor` may decide on this bot now; the same rule the decision itself applies. */
export function checkReview(context: ReviewContext, actor: ReviewActor): ReviewCheck {
  const { bot } = context;
  const isReviewer = actor.employeeId !== null && bot.reviewerId === actor.employeeId;
  const isOwner = actor.employeeId !== null && bot.ownerId === actor.employeeId;
  // Whoever entered a bot for someone else never decides on it (issue 14), HR included.
  const isEnterer = actor.employeeId !== null && bot.enteredById === actor.employeeId;
  if (isOwner || isEnterer || !(isReviewer || actor.isHr)) return { kind: 'not-allowed', context };
  if (!awaitsReview(bot.status)) {
    const review = context.lastReview;
    if (review && bot.status !== 'withdrawn') return { kind: 'already-decided', context, review };
    return { kind: 'not-reviewable', context };
  }
  return { kind: 'open', context };
}

/**
 * Before opening the decision modal: is there still something to decide, may this person, and is
 * the bot still the version on the button? When it is not, or the click can no longer decide, a
 * redraw of the reviewer's DM is planned (once per state of the bot).
 */
export async function openReview(
  db: Db,
  botId: number,
  version: number | null,
  actor: ReviewActor,
  now: Date,
): Promise<ReviewCheck> {
  return db.transaction(async (tx): Promise<ReviewCheck> => {
    const context = await loadReviewContext(tx, botId);
    if (!context) return { kind: 'not-found', botId };
    const check = checkReview(context, actor);
    const result: ReviewCheck =
      check.kind === 'open' && version !== context.bot.version ? { kind: 'changed', context } : check;
    if (result.kind === 'changed' || result.kind === 'already-decided' || result.kind === 'not-reviewable')
      await planReviewRefresh(tx, context, now);
    return result;
  });
}

export interface DecisionInput {
  botId: number;
  decision: ReviewDecision;
  /** The bot's version the reviewer saw (null: unknown, e.g. a form from before versions). */
  version: number | null;
  /** Raw form values: a score "1".."5" (required to approve) and a comment (required otherwise). */
  score: string | number | null | undefined;
  comment: string | null | undefined;
}

/** What is wrong with a decision form's field (the renderer says it: `review.error.<code>`). */
export type DecisionErrorCode =
  | 'score_missing'
  | 'score_invalid'
  | 'reason_missing'
  | 'changes_missing'
  | 'comment_too_long';

export type DecisionErrors = Partial<Record<'score' | 'comment', DecisionErrorCode>>;

export type DecisionOutcome =
  | { kind: 'decided'; context: ReviewContext; review: ReviewRecord }
  | { kind: 'invalid'; errors: DecisionErrors }
  | ReviewRefusal;

/** Checks the form: approval needs a score 1–5; changes and rejection need a comment. */
export function validateDecision(
  input: Pick<DecisionInput, 'decision' | 'score' | 'comment'>,
): { ok: true; score: number | null; comment: string | null } | { ok: false; errors: DecisionErrors } {
  const errors: DecisionErrors = {};
  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  let score: number | null = null;
  if (input.decision === 'approved') {
    const value = Number(input.score);
    if (input.score === null || input.score === undefined || input.score === '') {
      errors.score = 'score_missing';
    } else if (!Number.isInteger(value) || value < 1 || value > 5) {
      errors.score = 'score_invalid';
    } else score = value;
  } else if (comment === '') {
    errors.comment = input.decision === 'rejected' ? 'reason_missing' : 'changes_missing';
  }
  if ([...comment].length > COMMENT_MAX) errors.comment = 'comment_too_long';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, score, comment: comment === '' ? null : comment };
}

/**
 * Records one decision. `actor.employeeId` must be set for an HR user who is not on the roster
 * yet (the caller adds them first): every review row names its reviewer.
 */
export async function decideReview(
  db: Db,
  actor: ReviewActor,
  input: DecisionInput,
  now: Date,
  options: { botCommand: string },
): Promise<DecisionOutcome> {
  return db.transaction(async (tx): Promise<DecisionOutcome> => {
    const context = await loadReviewContext(tx, input.botId, { lock: true });
    if (!context) return { kind: 'not-found', botId: input.botId };
    const check = checkReview(context, actor);
    if (check.kind === 'already-decided' || check.kind === 'not-reviewable')
      await planReviewRefresh(tx, context, now); // a stale message loses its buttons
    if (check.kind !== 'open') return check;
    // A decision applies to the version the reviewer saw; the row lock keeps an edit from slipping in.
    if (input.version !== context.bot.version) {
      await planReviewRefresh(tx, context, now);
      return { kind: 'changed', context };
    }
    if (actor.employeeId === null) throw new Error('a reviewer must be on the roster before deciding');
    const status = nextBotStatus(context.bot.status, DECISION_EVENTS[input.decision]);
    if (status === null) return { kind: 'not-reviewable', context };
    const valid = validateDecision(input);
    if (!valid.ok) return { kind: 'invalid', errors: valid.errors };
    await recordDecision(tx, {
      botId: input.botId,
      reviewerId: actor.employeeId,
      decision: input.decision,
      score: valid.score,
      comment: valid.comment,
      status,
      now,
    });
    const after = await loadReviewContext(tx, input.botId);
    if (!after?.lastReview) throw new Error(`decision on bot ${input.botId} was not stored`);
    // The submitter's DM and the reviewer's redrawn DM are planned with the decision.
    await planDecisionFollowUps(tx, after, after.lastReview, options.botCommand, now);
    return { kind: 'decided', context: after, review: after.lastReview };
  });
}

export interface MyPendingReviews {
  items: PendingReview[];
  total: number;
}

/** Bots waiting for this person's review, longest-waiting first. */
export async function pendingReviewsFor(
  db: Db,
  reviewerId: number | null,
  limit: number,
): Promise<MyPendingReviews> {
  if (reviewerId === null) return { items: [], total: 0 };
  const [items, total] = await Promise.all([
    listPendingReviews(db, reviewerId, limit),
    countPendingReviews(db, reviewerId),
  ]);
  return { items, total };
}
