import type { webApi } from '@slack/bolt';
import { loadHome } from '../domain/home.js';
import { isoDay } from '../domain/periods.js';
import type { AssignmentOutcome } from '../domain/reviewer-assignment.js';
import { statsSource } from '../domain/stats.js';
import type { ReviewRouting } from '../domain/submissions.js';
import { translator } from '../i18n/index.js';
import { HOME_BOTS_SHOWN, HOME_REVIEWS_SHOWN, renderHome } from './blocks/home.js';
import type { AppDeps } from './deps.js';
import { isHr } from './hr-gate.js';
import { fetchSlackProfile } from './profile.js';

type WebClient = webApi.WebClient;

/**
 * What the app does on its own around a change: who may review, kicking the deliveries worker
 * after a change planned its messages (review requests, decisions, redraws of earlier DMs: all
 * through the outbox), and the Home tab. A failure here is logged and never thrown: what was
 * stored stays stored, and the Home tab always shows the current state.
 */

/**
 * Who may be asked to review a submission: the AI champions (added to the roster on first use)
 * and today in the company's zone. Read before the submission's transaction, which assigns the
 * reviewer and plans their DM (src/domain/review-follow-ups.ts).
 */
export async function reviewRouting(deps: AppDeps, client: WebClient): Promise<ReviewRouting> {
  const now = deps.now();
  return {
    championIds: await resolveChampions(deps, client, now),
    hrIds: await resolveRosterIds(deps, client, deps.config.hrUserIds, now),
    today: isoDay(now, deps.config.digest.timezone),
  };
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

/** Logs a submission nobody can review (the submitter's DM about it is planned with the submission). */
export function logNoReviewer(deps: AppDeps, outcome: AssignmentOutcome | null): void {
  if (outcome?.kind !== 'no-reviewer') return;
  deps.logger.warn(
    {
      botId: outcome.context.bot.id,
      owner: outcome.context.owner.id,
      champions: deps.config.reviewerUserIds.length,
    },
    'no reviewer for a submitted bot: the owner has no manager on Slack and no AI champion is available (REVIEWER_USER_IDS)',
  );
}

const kickers = new WeakMap<AppDeps, { running: boolean; again: boolean }>();

/**
 * Sends what was just planned (a review request, a decision's DMs, a redraw) right after the
 * commit, so it arrives within a second; if that fails, the minute tick sends it later. Kicks
 * while a run is going make one more run, not one each.
 */
export function kickDeliveries(deps: AppDeps): void {
  const state = kickers.get(deps) ?? { running: false, again: false };
  kickers.set(deps, state);
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  void deps.work
    .run(async () => {
      do {
        state.again = false;
        // Only the review loop's kinds: a kick never picks up a digest's or nudges' thousands of rows.
        await deps.outbox
          .sendDueReviews()
          .catch((err) => deps.logger.error({ err }, 'sending deliveries after a change failed'));
      } while (state.again);
    })
    .finally(() => {
      state.running = false;
    });
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
      // The viewer's language, on their clock (docs/i18n.md).
      tr: translator(home.locale ?? deps.locales.default, { timeZone: home.nextSession.timezone }),
    });
    await client.views.publish({ user_id: slackUserId, view });
  } catch (error) {
    deps.logger.error({ err: error, user: slackUserId }, 'could not publish the Home tab');
  }
}
