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

/**
 * Deciding a review. The decision is taken in one transaction that locks the bot's row and asks
 * the state machine whether the move is still allowed, so a double click or two reviewers at once
 * store exactly one decision; everyone later is told who decided and when.
 */

export type { ReviewContext, ReviewDecision, ReviewRecord };

export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['approved', 'changes_requested', 'rejected'];

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
  | { kind: 'not-reviewable'; context: ReviewContext };

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

/** Before opening the decision modal: is there still something to decide, and may this person? */
export async function openReview(db: Db, botId: number, actor: ReviewActor): Promise<ReviewCheck> {
  const context = await loadReviewContext(db, botId);
  return context ? checkReview(context, actor) : { kind: 'not-found', botId };
}

export interface DecisionInput {
  botId: number;
  decision: ReviewDecision;
  /** Raw form values: a score "1".."5" (required to approve) and a comment (required otherwise). */
  score: string | number | null | undefined;
  comment: string | null | undefined;
}

export type DecisionErrors = Partial<Record<'score' | 'comment', string>>;

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
      errors.score = 'Choose a score from 1 to 5.';
    } else if (!Number.isInteger(value) || value < 1 || value > 5) {
      errors.score = 'The score is a whole number from 1 to 5.';
    } else score = value;
  } else if (comment === '') {
    errors.comment =
      input.decision === 'rejected'
        ? 'Say why it is rejected, so the submitter understands.'
        : 'Say what should change, so the submitter knows what to do.';
  }
  if ([...comment].length > COMMENT_MAX)
    errors.comment = `Keep the comment within ${COMMENT_MAX} characters.`;
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
): Promise<DecisionOutcome> {
  return db.transaction(async (tx): Promise<DecisionOutcome> => {
    const context = await loadReviewContext(tx, input.botId, { lock: true });
    if (!context) return { kind: 'not-found', botId: input.botId };
    const check = checkReview(context, actor);
    if (check.kind !== 'open') return check;
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
