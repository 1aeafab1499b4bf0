import type { Db, Tx } from '../db/client.js';
import { type BotRow, getBotForUpdate } from '../db/queries/bots.js';
import { insertPlannedDeliveries, type PlannedDelivery } from '../db/queries/deliveries.js';
import {
  countOpenAssignments,
  findEligibleReviewers,
  findManagerId,
  findOwnersAndManagers,
  loadReviewContext,
  lockReviewerAssignment,
  type OwnerSpeech,
  type ReviewContext,
  type ReviewPerson,
  setRoundReviewers,
  startReviewRound,
} from '../db/queries/reviews.js';
import { awaitsReview } from './bot-status.js';
import { planReviewRequest, reviewRequestRows } from './review-follow-ups.js';

/**
 * Who reviews a bot waiting for review (DESIGN §2, issue 4), in this order:
 *  1. the reviewer of the previous round, when the bot comes back after "changes requested";
 *  2. the submitter's manager on the roster;
 *  3. one of the AI champions (REVIEWER_USER_IDS), in turn: the one with the fewest bots waiting
 *     for them, ties going to the one listed first.
 *  4. for a bot entered for someone else (issue 14), when no champion can: an HR user (HR_USER_IDS),
 *     the one with the fewest bots waiting for them.
 * Always someone on Slack and still employed, never the owner, and never the person who entered the
 * bot for the owner. An entry waiting for its owner's confirmation gets no reviewer until confirmed. Counting open assignments
 * in the database (instead of a counter in memory) keeps the turn fair across restarts and replicas;
 * an advisory lock makes simultaneous submissions take turns too.
 */
export type ReviewerSource = 'previous' | 'manager' | 'champion' | 'hr';

export type AssignmentOutcome =
  | { kind: 'assigned'; source: ReviewerSource; context: ReviewContext; ownerSpeech?: OwnerSpeech }
  /** Nobody can review it: the bot stays waiting, without a reviewer. */
  | { kind: 'no-reviewer'; context: ReviewContext; ownerSpeech?: OwnerSpeech }
  /** The bot is no longer waiting for review (withdrawn meanwhile) or does not exist. */
  | { kind: 'not-waiting' };

export interface AssignmentInput {
  botId: number;
  /** Roster ids of the AI champions, in the order the operator listed them. */
  championIds: number[];
  /** Roster ids of the HR users (HR_USER_IDS): reviewers of last resort for entries made for others. */
  hrIds?: number[];
  /** Today in the company time zone (ISO), for "still employed". */
  today: string;
  now: Date;
}

/**
 * Assigns a reviewer to a bot waiting for review and plans the request (the reviewer's DM, or the
 * submitter's "nobody can review" DM) in the same transaction (src/domain/review-follow-ups.ts).
 */
export async function assignReviewer(db: Db, input: AssignmentInput): Promise<AssignmentOutcome> {
  return db.transaction(async (tx) => {
    const bot = await getBotForUpdate(tx, input.botId);
    if (!bot) return { kind: 'not-waiting' };
    return assignReviewerIn(tx, bot, input);
  });
}

/** The same, inside the caller's transaction, for a bot row it has locked (a submission, an edit). */
export async function assignReviewerIn(
  tx: Tx,
  bot: BotRow,
  input: Omit<AssignmentInput, 'botId'> & { dmWhenNoReviewer?: boolean | undefined },
): Promise<AssignmentOutcome> {
  if (!awaitsReview(bot.status)) return { kind: 'not-waiting' };
  // An entry made for someone on Slack waits for their "this is mine" before anyone reviews it.
  if (bot.ownerConfirmation === 'pending' || bot.ownerConfirmation === 'declined')
    return { kind: 'not-waiting' };
  const excluded = new Set([bot.ownerId, ...(bot.enteredById === null ? [] : [bot.enteredById])]);
  const eligible = async (ids: Array<number | null>) => {
    const wanted = ids.filter((id): id is number => id !== null && !excluded.has(id));
    const found = await findEligibleReviewers(tx, wanted, input.today);
    // Keep the caller's order (the operator's order of champions).
    return wanted.filter((id) => found.some((p) => p.id === id));
  };
  let choice: { id: number; source: ReviewerSource } | null = null;
  const [previous] = await eligible([bot.reviewerId]);
  if (previous !== undefined) choice = { id: previous, source: 'previous' };
  if (!choice) {
    const [manager] = await eligible([await findManagerId(tx, bot.ownerId)]);
    if (manager !== undefined) choice = { id: manager, source: 'manager' };
  }
  if (!choice && input.championIds.length > 0) {
    // Only the champions' turn needs all assignments serialised (after the bot's row lock, always).
    await lockReviewerAssignment(tx);
    const champion = pickChampion(
      await eligible(input.championIds),
      await countOpenAssignments(tx, input.championIds),
    );
    if (champion !== null) choice = { id: champion, source: 'champion' };
  }
  const hrIds = input.hrIds ?? [];
  if (!choice && bot.enteredById !== null && hrIds.length > 0) {
    await lockReviewerAssignment(tx);
    const hr = pickChampion(await eligible(hrIds), await countOpenAssignments(tx, hrIds));
    if (hr !== null) choice = { id: hr, source: 'hr' };
  }
  await startReviewRound(tx, bot.id, choice?.id ?? null, input.now);
  const context = await loadReviewContext(tx, bot.id);
  if (!context) return { kind: 'not-waiting' };
  if (choice || input.dmWhenNoReviewer !== false)
    await planReviewRequest(tx, context, choice?.source ?? null, input.now);
  return choice ? { kind: 'assigned', source: choice.source, context } : { kind: 'no-reviewer', context };
}

/** A bot its owner has just submitted (insertSubmittedBots: its review round starts at `now`). */
export interface NewSubmission {
  bot: BotRow;
  now: Date;
  /** Tell the submitter by DM when nobody can review (false when the reply says it already). */
  dmWhenNoReviewer: boolean;
}

/**
 * assignReviewerIn for a batch of new submissions (src/domain/submissions.ts), with a fixed number
 * of statements whatever the batch's size: the owners and their managers in one read; the
 * champions' load once, under the advisory lock, only when some bot needs a champion; one update
 * of the reviewers; one insert of the planned DMs. The order is assignReviewerIn's for a new bot of
 * one's own (no previous round, no HR): the manager, else the champion with the fewest bots waiting
 * — each pick of the batch counts for the next, as if they had come one after the other. A bot that
 * is not such a new submission goes through assignReviewerIn.
 */
export async function assignNewSubmissions(
  tx: Tx,
  submissions: NewSubmission[],
  routing: { championIds: number[]; today: string },
): Promise<AssignmentOutcome[]> {
  const fresh = (bot: BotRow) =>
    bot.status === 'submitted' &&
    bot.reviewerId === null &&
    bot.enteredById === null &&
    bot.ownerConfirmation === null &&
    bot.reviewRequestedAt !== null;
  const owners = new Map(
    (
      await findOwnersAndManagers(
        tx,
        [...new Set(submissions.filter((s) => fresh(s.bot)).map((s) => s.bot.ownerId))],
        routing.today,
      )
    ).map((row) => [row.owner.id, row]),
  );
  const choices = submissions.map(({ bot }) => {
    const manager = fresh(bot) ? owners.get(bot.ownerId)?.manager : null;
    return manager ? { person: manager, source: 'manager' as ReviewerSource } : null;
  });
  const needChampion = submissions.some(({ bot }, i) => fresh(bot) && choices[i] === null);
  if (needChampion && routing.championIds.length > 0) {
    // After the new rows' locks, as assignReviewerIn takes it after the bot's.
    await lockReviewerAssignment(tx);
    const eligible = await findEligibleReviewers(tx, routing.championIds, routing.today);
    const counts = await countOpenAssignments(tx, routing.championIds);
    const byId = new Map(eligible.map((p) => [p.id, p]));
    const inOrder = routing.championIds.filter((id) => byId.has(id));
    submissions.forEach(({ bot }, i) => {
      if (!fresh(bot) || choices[i] !== null) return;
      const champion = pickChampion(
        inOrder.filter((id) => id !== bot.ownerId),
        counts,
      );
      if (champion === null) return;
      counts.set(champion, (counts.get(champion) ?? 0) + 1);
      choices[i] = { person: byId.get(champion) as ReviewPerson, source: 'champion' };
    });
  }
  await setRoundReviewers(
    tx,
    submissions.flatMap(({ bot }, i) => {
      const choice = choices[i];
      return choice && fresh(bot) ? [{ botId: bot.id, reviewerId: choice.person.id }] : [];
    }),
  );
  const outcomes: AssignmentOutcome[] = [];
  const planned: PlannedDelivery[] = [];
  for (const [i, { bot, now, dmWhenNoReviewer }] of submissions.entries()) {
    if (!fresh(bot)) {
      outcomes.push(await assignReviewerIn(tx, bot, { ...routing, now, dmWhenNoReviewer }));
      continue;
    }
    const { owner, ownerSpeech } = owners.get(bot.ownerId) ?? {};
    if (!owner || !ownerSpeech) throw new Error(`bot ${bot.id} has no owner row`);
    const choice = choices[i] ?? null;
    // The row as the update left it; a new bot has no decision yet.
    const context: ReviewContext = {
      bot: { ...bot, reviewerId: choice?.person.id ?? null },
      owner,
      reviewer: choice?.person ?? null,
      lastReview: null,
    };
    if (choice || dmWhenNoReviewer) planned.push(...reviewRequestRows(context, choice?.source ?? null, now));
    outcomes.push(
      choice
        ? { kind: 'assigned', source: choice.source, context, ownerSpeech }
        : { kind: 'no-reviewer', context, ownerSpeech },
    );
  }
  await insertPlannedDeliveries(tx, planned);
  return outcomes;
}

/** The champion with the fewest bots waiting for them; ties go to the one listed first. */
export function pickChampion(candidates: number[], openAssignments: Map<number, number>): number | null {
  let best: number | null = null;
  let bestCount = Number.POSITIVE_INFINITY;
  for (const id of candidates) {
    const count = openAssignments.get(id) ?? 0;
    if (count < bestCount) {
      best = id;
      bestCount = count;
    }
  }
  return best;
}
