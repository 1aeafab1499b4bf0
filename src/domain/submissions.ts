import type { Db, Tx } from '../db/client.js';
import {
  type BotRow,
  countBotsByOwner,
  findDuplicateBot,
  getBotById,
  getBotForUpdate,
  insertBotUnlessDuplicate,
  listBotsByOwner,
  listBotsEnteredBy,
  type OwnedBotSummary,
  setBotStatus,
  updateBotDraft,
} from '../db/queries/bots.js';
import { loadReviewContext } from '../db/queries/reviews.js';
import { audit } from './access.js';
import { type BotDraftInput, validateBotDraft } from './bot-draft.js';
import { type BotStatusEvent, isResubmission, nextBotStatus } from './bot-status.js';
import { fieldError, UserError } from './errors.js';
import { planReviewRefresh } from './review-follow-ups.js';
import { type AssignmentOutcome, assignReviewerIn } from './reviewer-assignment.js';

/**
 * Submitting and managing one's own bots. Callers pass the owner's employee id (see roster.ts)
 * and `now`; nothing here knows about Slack.
 */

export interface SubmitResult {
  bot: BotRow;
  /** False when the owner already had this bot (same name or link): it is stored once. */
  created: boolean;
  /** For a new bot: who was asked to review it (the request is planned with the insert). */
  review: AssignmentOutcome | null;
}

/** Who may be asked to review: the champions' roster ids, and today (for "still employed"). */
export interface ReviewRouting {
  championIds: number[];
  /** Roster ids of HR_USER_IDS: reviewers of last resort for entries made for others (issue 14). */
  hrIds?: number[];
  today: string;
  /** Tell the submitter by DM when nobody can review (false when the reply says it already). */
  dmWhenNoReviewer?: boolean;
}

/**
 * Stores a new bot, assigns its reviewer and plans the reviewer's DM, all in one transaction: once
 * the submitter is told "saved", the request cannot be lost (src/domain/review-follow-ups.ts).
 */
export async function submitBot(
  db: Db,
  ownerId: number,
  input: BotDraftInput,
  now: Date,
  routing: ReviewRouting,
): Promise<SubmitResult> {
  const draft = validOrThrow(input);
  return db.transaction(async (tx) => {
    // The unique indexes decide what is a duplicate.
    const inserted = await insertBotUnlessDuplicate(tx, ownerId, draft, now);
    if (inserted) {
      const review = await assignReviewerIn(tx, inserted, { ...routing, now });
      return { bot: inserted, created: true, review };
    }
    const existing = await findDuplicateBot(tx, ownerId, draft);
    if (!existing) throw new Error(`bot insert for owner ${ownerId} conflicted but no duplicate was found`);
    return { bot: existing, created: false, review: null };
  });
}

export interface EditResult {
  bot: BotRow;
  /** True when this edit sent the bot back for review after changes were requested. */
  resubmitted: boolean;
  /** For a resubmission: who reviews it now (the request is planned with the edit). */
  review: AssignmentOutcome | null;
}

export async function editBot(
  db: Db,
  actorId: number | null,
  botId: number,
  input: BotDraftInput,
  now: Date,
  routing: ReviewRouting,
  actor?: OnBehalfActor,
): Promise<EditResult> {
  const draft = validOrThrow(input);
  return db.transaction(async (tx) => {
    const bot = await ownBotForChange(tx, actorId, botId, 'edit', true);
    await auditOnBehalf(tx, bot, actorId, actor, 'bot_edited_for', now);
    const status = nextBotStatus(bot.status, 'edit') ?? bot.status;
    const duplicate = await findDuplicateBot(tx, bot.ownerId, draft, botId);
    if (duplicate) {
      const field = duplicate.name.toLowerCase() === draft.name.toLowerCase() ? 'name' : 'link';
      const problem = fieldError(field, 'duplicate', { id: duplicate.id });
      throw new UserError('validation_failed', problem.message, [problem]);
    }
    const updated = await updateBotDraft(tx, botId, draft, status, now);
    if (!updated) throw new Error(`bot ${botId} vanished during edit`);
    const resubmitted = isResubmission(bot.status, updated.status);
    // Back from "changes requested": review again. Still waiting: the reviewer's DM shows the new version.
    if (resubmitted) {
      const review = await assignReviewerIn(tx, updated, { ...routing, now });
      return { bot: updated, resubmitted, review };
    }
    await refreshReviewOf(tx, botId, now);
    return { bot: updated, resubmitted, review: null };
  });
}

export async function withdrawBot(
  db: Db,
  actorId: number | null,
  botId: number,
  now: Date,
  actor?: OnBehalfActor,
): Promise<BotRow> {
  return db.transaction(async (tx) => {
    const bot = await ownBotForChange(tx, actorId, botId, 'withdraw', true);
    await auditOnBehalf(tx, bot, actorId, actor, 'bot_withdrawn_for', now);
    const withdrawn = await setBotStatus(tx, botId, 'withdrawn', now);
    await refreshReviewOf(tx, botId, now); // the reviewer's buttons go
    return withdrawn;
  });
}

/** The bot as its owner may edit it; refuses someone else's bot and bots past editing. */
export async function getOwnBotForEdit(db: Db, actorId: number | null, botId: number): Promise<BotRow> {
  return ownBotForChange(db, actorId, botId, 'edit', false);
}

export interface MyBots {
  bots: OwnedBotSummary[];
  total: number;
  /** Bots this person entered for someone else (issue 14), newest first. */
  enteredForOthers: Array<OwnedBotSummary & { ownerName: string }>;
}

export async function listMyBots(db: Db, ownerId: number | null, limit = 50): Promise<MyBots> {
  if (ownerId === null) return { bots: [], total: 0, enteredForOthers: [] };
  const [bots, total, enteredForOthers] = await Promise.all([
    listBotsByOwner(db, ownerId, limit),
    countBotsByOwner(db, ownerId),
    listBotsEnteredBy(db, ownerId, 10),
  ]);
  return { bots, total, enteredForOthers };
}

async function ownBotForChange(
  db: Tx,
  actorId: number | null,
  botId: number,
  event: BotStatusEvent,
  lock: boolean,
): Promise<BotRow> {
  const bot = lock ? await getBotForUpdate(db, botId) : await getBotById(db, botId);
  if (!bot) throw new UserError('bot_not_found', { id: botId });
  // Whoever entered a bot for its owner may change it on their behalf (issue 14).
  if (actorId === null || (bot.ownerId !== actorId && bot.enteredById !== actorId)) {
    throw new UserError('not_bot_owner', { id: botId, action: event });
  }
  if (nextBotStatus(bot.status, event) === null) {
    throw new UserError('invalid_status_change', { id: botId, action: event, status: bot.status });
  }
  return bot;
}

/** Who acts, for the audit of a change made on the owner's behalf. */
export interface OnBehalfActor {
  slackUserId: string;
}

/** A change to someone else's bot by the one who entered it is audited, like the entry itself. */
async function auditOnBehalf(
  tx: Tx,
  bot: BotRow,
  actorId: number | null,
  actor: OnBehalfActor | undefined,
  action: 'bot_edited_for' | 'bot_withdrawn_for',
  now: Date,
): Promise<void> {
  if (actorId === null || bot.ownerId === actorId) return;
  await audit(
    tx,
    {
      actor: actor?.slackUserId ?? `employee:${actorId}`,
      action,
      via: 'command',
      subjectEmployeeId: bot.ownerId,
      detail: { botId: bot.id },
    },
    now,
  );
}

/** Plans a redraw of the reviewer's DM, when the bot has a reviewer. */
async function refreshReviewOf(tx: Tx, botId: number, now: Date): Promise<void> {
  const context = await loadReviewContext(tx, botId);
  if (context?.reviewer) await planReviewRefresh(tx, context, now);
}

function validOrThrow(input: BotDraftInput) {
  const result = validateBotDraft(input);
  if (result.ok) return result.draft;
  const message = result.errors.map((e) => e.message).join('\n');
  throw new UserError('validation_failed', message, result.errors);
}
