import type { Db, Tx } from '../db/client.js';
import {
  type BotRow,
  countBotsByOwner,
  findDuplicateBot,
  getBotById,
  getBotForUpdate,
  insertSubmittedBots,
  listBotsByOwner,
  listBotsEnteredBy,
  type OwnedBotSummary,
  setBotStatus,
  updateBotDraft,
} from '../db/queries/bots.js';
import { loadReviewContext } from '../db/queries/reviews.js';
import { audit } from './access.js';
import { type BotDraft, type BotDraftInput, validateBotDraft } from './bot-draft.js';
import { type BotStatusEvent, isResubmission, nextBotStatus } from './bot-status.js';
import { fieldError, isDatabaseUnavailable, UserError } from './errors.js';
import { planReviewRefresh } from './review-follow-ups.js';
import { type AssignmentOutcome, assignNewSubmissions, assignReviewerIn } from './reviewer-assignment.js';

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
 * Submissions arriving together share that transaction (see SubmissionBatcher); the promise
 * resolves once it has committed.
 */
export async function submitBot(
  db: Db,
  ownerId: number,
  input: BotDraftInput,
  now: Date,
  routing: ReviewRouting,
): Promise<SubmitResult> {
  const draft = validOrThrow(input);
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new SubmissionBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.submit({ ownerId, draft, now, routing });
}

interface Submission {
  ownerId: number;
  draft: BotDraft;
  now: Date;
  routing: ReviewRouting;
}

/** Batches running at once per database, and submissions per batch. */
const PARALLEL_BATCHES = 2;
const MAX_BATCH = 50;

const batchers = new WeakMap<Db, SubmissionBatcher>();

/**
 * Group commit for submissions (issue 12, docs/benchmarks.md): a submission starts a batch at once
 * when fewer than PARALLEL_BATCHES are running; otherwise it waits for the next one, with those
 * that came meanwhile. A batch is one transaction with a fixed number of statements (storeBatch),
 * so under load each submission costs a fraction of a round trip instead of eight, and nobody waits
 * longer than the batch ahead of theirs. Each submission is stored on its own or with its batch:
 * when a batch fails for any reason but the database being unavailable, its submissions are
 * stored again one by one, so that one bad row never turns the others into "nothing was saved".
 */
class SubmissionBatcher {
  private readonly waiting: Array<{
    submission: Submission;
    resolve: (result: SubmitResult) => void;
    reject: (error: unknown) => void;
  }> = [];
  private running = 0;

  constructor(private readonly db: Db) {}

  submit(submission: Submission): Promise<SubmitResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ submission, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.running < PARALLEL_BATCHES && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.running++;
      void this.runBatch(batch).finally(() => {
        this.running--;
        this.startBatches();
      });
    }
  }

  private async runBatch(batch: SubmissionBatcher['waiting']): Promise<void> {
    // One transaction per routing (the same for every submission but around midnight).
    const groups = new Map<string, typeof batch>();
    for (const entry of batch) {
      const { championIds, today } = entry.submission.routing;
      const key = JSON.stringify([championIds, today]);
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    for (const group of groups.values()) {
      try {
        const results = await storeBatch(
          this.db,
          group.map((entry) => entry.submission),
        );
        for (const [i, entry] of group.entries()) entry.resolve(results[i] as SubmitResult);
      } catch (error) {
        if (group.length === 1 || isDatabaseUnavailable(error)) {
          for (const entry of group) entry.reject(error);
          continue;
        }
        for (const entry of group)
          await storeBatch(this.db, [entry.submission]).then(
            ([result]) => entry.resolve(result as SubmitResult),
            entry.reject,
          );
      }
    }
  }
}

/**
 * Stores submissions in one transaction and returns their results in order: the new bots in one
 * insert (the unique indexes decide what is a duplicate, also between submissions of the batch),
 * then their reviewers and planned DMs (assignNewSubmissions).
 */
async function storeBatch(db: Db, submissions: Submission[]): Promise<SubmitResult[]> {
  const first = submissions[0];
  if (!first) return [];
  return db.transaction(async (tx) => {
    const inserted = await insertSubmittedBots(tx, submissions);
    // Which submission each row is: the first one with its content (same content, same result).
    const identity = (ownerId: number, d: Pick<BotDraft, 'name' | 'link' | 'description'>) =>
      JSON.stringify([ownerId, d.name, d.link, d.description]);
    const rows = new Map<string, BotRow[]>();
    for (const row of inserted) {
      const key = identity(row.ownerId, row);
      rows.set(key, [...(rows.get(key) ?? []), row]);
    }
    const mine = submissions.map((s) => rows.get(identity(s.ownerId, s.draft))?.shift() ?? null);
    const created = mine.flatMap((bot, i) => {
      const s = submissions[i] as Submission;
      return bot ? [{ bot, now: s.now, dmWhenNoReviewer: s.routing.dmWhenNoReviewer !== false }] : [];
    });
    const outcomes = await assignNewSubmissions(tx, created, first.routing);
    const reviewOf = new Map(created.map((c, i) => [c.bot.id, outcomes[i] as AssignmentOutcome]));
    const results: SubmitResult[] = [];
    for (const [i, s] of submissions.entries()) {
      const bot = mine[i];
      if (bot) {
        const review = reviewOf.get(bot.id) ?? null;
        results.push({
          bot: review && review.kind !== 'not-waiting' ? review.context.bot : bot,
          created: true,
          review,
        });
        continue;
      }
      const existing = await findDuplicateBot(tx, s.ownerId, s.draft);
      if (!existing)
        throw new Error(`bot insert for owner ${s.ownerId} conflicted but no duplicate was found`);
      results.push({ bot: existing, created: false, review: null });
    }
    return results;
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
