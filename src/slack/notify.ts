import type { webApi } from '@slack/bolt';
import { loadReviewContext, setReviewMessage } from '../db/queries/reviews.js';
import { decisionRecipients } from '../domain/entries-for-others.js';
import { loadHome } from '../domain/home.js';
import { isoDay } from '../domain/periods.js';
import { type AssignmentOutcome, assignReviewer } from '../domain/reviewer-assignment.js';
import type { ReviewContext, ReviewRecord } from '../domain/reviews.js';
import { statsSource } from '../domain/stats.js';
import { renderDecisionForEnterer } from './blocks/entries.js';
import { HOME_BOTS_SHOWN, HOME_REVIEWS_SHOWN, renderHome } from './blocks/home.js';
import { renderDecisionForSubmitter, renderNoReviewer, renderReviewMessage } from './blocks/review.js';
import type { AppDeps } from './deps.js';
import { isHr } from './hr-gate.js';
import { fetchSlackProfile } from './profile.js';

type WebClient = webApi.WebClient;

/**
 * What the app sends on its own after an ack: review requests to reviewers, decisions to
 * submitters, updates of earlier DMs, and the Home tab. A failure here is logged and never
 * thrown: what was stored stays stored, and the Home tab always shows the current state.
 */

export type ReviewRequestOutcome = AssignmentOutcome | { kind: 'failed' };

/**
 * Assigns a reviewer to a bot waiting for review and sends them a DM with the three buttons.
 * When nobody can review, the bot stays waiting and the caller tells the submitter.
 */
export async function requestReview(
  deps: AppDeps,
  client: WebClient,
  botId: number,
): Promise<ReviewRequestOutcome> {
  const log = deps.logger.child({ botId });
  try {
    const now = deps.now();
    const championIds = await resolveChampions(deps, client, now);
    const hrIds = await resolveRosterIds(deps, client, deps.config.hrUserIds, now);
    const outcome = await assignReviewer(deps.db, {
      botId,
      championIds,
      hrIds,
      today: isoDay(now, deps.config.digest.timezone),
      now,
    });
    if (outcome.kind === 'no-reviewer') {
      log.warn(
        { owner: outcome.context.owner.id, champions: deps.config.reviewerUserIds.length },
        'no reviewer for a submitted bot: the owner has no manager on Slack and no AI champion is available (REVIEWER_USER_IDS)',
      );
    }
    if (outcome.kind === 'assigned') await sendReviewRequest(deps, client, outcome);
    return outcome;
  } catch (error) {
    log.error({ err: error }, 'could not assign a reviewer');
    return { kind: 'failed' };
  }
}

async function sendReviewRequest(
  deps: AppDeps,
  client: WebClient,
  outcome: Extract<AssignmentOutcome, { kind: 'assigned' }>,
): Promise<void> {
  const { context, source } = outcome;
  const reviewer = context.reviewer;
  if (!reviewer?.slackUserId) return;
  try {
    const sent = await client.chat.postMessage({
      channel: reviewer.slackUserId,
      ...renderReviewMessage(context, source),
    });
    if (sent.channel && sent.ts) await setReviewMessage(deps.db, context.bot.id, sent.channel, sent.ts);
  } catch (error) {
    deps.logger.error(
      { err: error, botId: context.bot.id, reviewer: reviewer.slackUserId },
      'could not send a review request; it still shows on the reviewer’s Home tab',
    );
  }
}

/** Roster ids of the AI champions, in the configured order; added to the roster on first use. */
async function resolveChampions(deps: AppDeps, client: WebClient, now: Date): Promise<number[]> {
  return resolveRosterIds(deps, client, deps.config.reviewerUserIds, now);
}

/** Roster ids of these Slack users, in order; each added to the roster on first use. */
async function resolveRosterIds(
  deps: AppDeps,
  client: WebClient,
  slackUserIds: readonly string[],
  now: Date,
): Promise<number[]> {
  return Promise.all(
    slackUserIds.map((slackUserId) =>
      deps.employees.ensure(
        deps.db,
        slackUserId,
        () => fetchSlackProfile(client, slackUserId),
        { name: slackUserId, email: null, timezone: null, title: null, isGuest: false },
        now,
      ),
    ),
  );
}

/** Tells a submitter in a DM that nobody can review their bot yet. */
export async function tellNoReviewer(
  deps: AppDeps,
  client: WebClient,
  slackUserId: string,
  bot: { id: number; name: string; link: string | null },
): Promise<void> {
  try {
    await client.chat.postMessage({ channel: slackUserId, ...renderNoReviewer(bot) });
  } catch (error) {
    deps.logger.error({ err: error, botId: bot.id }, 'could not tell a submitter that nobody can review');
  }
}

/** After a decision: the submitter's DM, the reviewer's DM without its buttons, and the Home tab. */
export async function announceDecision(
  deps: AppDeps,
  client: WebClient,
  context: ReviewContext,
  review: ReviewRecord,
  options: { deciderSlackUserId: string; republishHome: boolean },
): Promise<void> {
  // The owner when on Slack, and whoever entered the bot for them (issue 14).
  for (const recipient of await decisionRecipientsSafely(deps, context.bot.id)) {
    const message =
      recipient.role === 'enterer'
        ? renderDecisionForEnterer(context, review, deps.config.commands.bot)
        : renderDecisionForSubmitter(context, review, deps.config.commands.bot);
    try {
      await client.chat.postMessage({ channel: recipient.slackUserId, ...message });
    } catch (error) {
      deps.logger.error({ err: error, botId: context.bot.id }, 'could not tell a submitter the decision');
    }
  }
  await refreshReviewMessage(deps, client, context);
  if (options.republishHome) await publishHome(deps, client, options.deciderSlackUserId);
}

async function decisionRecipientsSafely(deps: AppDeps, botId: number) {
  try {
    return await decisionRecipients(deps.db, botId);
  } catch (error) {
    // The error's code only: a database error's message holds the query's parameters.
    deps.logger.error(
      { code: (error as { code?: string }).code, botId },
      'could not read who must hear a decision',
    );
    return [];
  }
}

/**
 * Redraws the reviewer's DM for the bot's current round from the database: buttons while it waits,
 * the outcome once decided or withdrawn. Safe to repeat.
 */
export async function refreshReviewMessage(
  deps: AppDeps,
  client: WebClient,
  botOrContext: number | ReviewContext,
): Promise<void> {
  try {
    const context =
      typeof botOrContext === 'number' ? await loadReviewContext(deps.db, botOrContext) : botOrContext;
    const { reviewMessageChannel: channel, reviewMessageTs: ts } = context?.bot ?? {};
    if (!context || !channel || !ts) return;
    await client.chat.update({ channel, ts, ...renderReviewMessage(context) });
  } catch (error) {
    const botId = typeof botOrContext === 'number' ? botOrContext : botOrContext.bot.id;
    deps.logger.error({ err: error, botId }, 'could not update the reviewer’s message');
  }
}

/** Builds and publishes one person's Home tab. */
export async function publishHome(deps: AppDeps, client: WebClient, slackUserId: string): Promise<void> {
  const { config, db } = deps;
  const now = deps.now();
  try {
    const home = await loadHome(
      db,
      {
        employeeId: await deps.employees.find(db, slackUserId),
        isHr: await isHr(deps, client, slackUserId),
        botLimit: HOME_BOTS_SHOWN,
        reviewLimit: HOME_REVIEWS_SHOWN,
        viewerSlackUserId: slackUserId,
      },
      { now, timezone: config.digest.timezone, includeGuests: config.includeGuests },
      statsSource(config.statsRefreshMinutes),
    );
    const view = renderHome(home, {
      command: config.commands.bot,
      minGroupSize: config.minGroupSize,
      now,
      timezone: config.digest.timezone,
    });
    await client.views.publish({ user_id: slackUserId, view });
  } catch (error) {
    deps.logger.error({ err: error, user: slackUserId }, 'could not publish the Home tab');
  }
}
