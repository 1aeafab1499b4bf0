import { type BotStatus, botStatus, type ReviewDecision } from '../db/schema.js';

/**
 * The one place that decides how a bot's status may change.
 *
 *   submitted ──review──▶ approved | changes_requested | rejected
 *   changes_requested ──owner edits──▶ submitted
 *   any (but withdrawn) ──owner withdraws──▶ withdrawn
 */
export type { BotStatus, ReviewDecision };

/** The statuses are the schema's enum (one list); this module holds the rules between them. */
export const BOT_STATUSES = botStatus.enumValues;

export type BotStatusEvent = 'approve' | 'request_changes' | 'reject' | 'edit' | 'withdraw';

const TRANSITIONS: Record<BotStatus, Partial<Record<BotStatusEvent, BotStatus>>> = {
  submitted: {
    approve: 'approved',
    request_changes: 'changes_requested',
    reject: 'rejected',
    edit: 'submitted',
    withdraw: 'withdrawn',
  },
  changes_requested: { edit: 'submitted', withdraw: 'withdrawn' },
  approved: { withdraw: 'withdrawn' },
  rejected: { withdraw: 'withdrawn' },
  withdrawn: {},
};

/** A reviewer's decision (as stored in reviews.decision) and the event it is in the machine. */
export const DECISION_EVENTS: Record<ReviewDecision, BotStatusEvent> = {
  approved: 'approve',
  changes_requested: 'request_changes',
  rejected: 'reject',
};

/** The status after `event`, or null when the move is not allowed. */
export function nextBotStatus(current: BotStatus, event: BotStatusEvent): BotStatus | null {
  return TRANSITIONS[current][event] ?? null;
}

/** True while a reviewer can still decide: the machine accepts a review decision. */
export function awaitsReview(status: BotStatus): boolean {
  return nextBotStatus(status, DECISION_EVENTS.approved) !== null;
}

/**
 * True when an edit took a bot from "changes requested" back into review: it then needs a
 * reviewer again. An edit while it waits for review keeps the reviewer it has.
 */
export function isResubmission(before: BotStatus, after: BotStatus): boolean {
  return before !== after && after === 'submitted';
}

/** A status in words is the renderer’s: `common.status.<status>` (src/i18n, docs/i18n.md). */
