import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { DueReminder, PendingReview } from '../../db/queries/reviews.js';
import type { ReviewDecision } from '../../domain/bot-status.js';
import type { ReviewerSource } from '../../domain/reviewer-assignment.js';
import { COMMENT_MAX, type ReviewContext, type ReviewRecord } from '../../domain/reviews.js';
import type { Translator } from '../../i18n/index.js';
import { botTitle, describeBotDetails } from './bot-messages.js';
import { actions, button, context, SLACK_LIMITS, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn, quote, slackTime } from './mrkdwn.js';

/**
 * The review request a reviewer gets (and its buttons), the decision DMs, the reminders. Pure: data
 * in, Block Kit out. User text (names, descriptions, comments) is escaped everywhere it goes into
 * mrkdwn. The modal behind the buttons: review-decision.ts.
 */

/** One button per decision; every button's value is "<bot id>:<version>" (the content the reviewer sees). */
export const REVIEW_ACTION_IDS: Record<ReviewDecision, string> = {
  approved: 'review_approve',
  changes_requested: 'review_request_changes',
  rejected: 'review_reject',
};
export const REVIEW_ACTION_PATTERN = /^review_(approve|request_changes|reject)$/;

export function decisionForAction(actionId: string): ReviewDecision | null {
  const entry = Object.entries(REVIEW_ACTION_IDS).find(([, id]) => id === actionId);
  return entry ? (entry[0] as ReviewDecision) : null;
}

/** The bot id a review button carries, or null when missing or tampered with. */
export function readBotIdValue(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}

/**
 * A review button's bot id and the version it was drawn for; null when unreadable. Buttons sent
 * before versions existed carry the bot id alone: version null, which never matches (stale).
 */
export function readReviewButtonValue(
  value: string | undefined,
): { botId: number; version: number | null } | null {
  const match = /^(\d{1,9})(?::(\d{1,9}))?$/.exec(value ?? '');
  const botId = readBotIdValue(match?.[1]);
  if (!match || botId === null) return null;
  const version = match[2] === undefined ? null : Number(match[2]);
  return { botId, version: version !== null && version > 0 ? version : null };
}

/** How each decision is told once made. */
export const DECISION_WORDS: Record<ReviewDecision, { done: string; emoji: string }> = {
  approved: { done: 'approved', emoji: ':white_check_mark:' },
  changes_requested: { done: 'sent back for changes', emoji: ':pencil2:' },
  rejected: { done: 'rejected', emoji: ':no_entry:' },
};

/** Approve / Request changes / Reject for one bot; block ids are unique per bot within a view. */
export function reviewButtons(botId: number, version: number): ActionsBlock {
  const value = `${botId}:${version}`;
  return actions(
    [
      button({ actionId: REVIEW_ACTION_IDS.approved, text: 'Approve', value, style: 'primary' }),
      button({ actionId: REVIEW_ACTION_IDS.changes_requested, text: 'Request changes', value }),
      button({ actionId: REVIEW_ACTION_IDS.rejected, text: 'Reject', value, style: 'danger' }),
    ],
    `review:${botId}`,
  );
}

export function scoreText(review: ReviewRecord): string {
  return review.score === null ? '' : ` · score *${review.score}/5*`;
}

/** "approved by Mona on <time> · score 4/5" */
export function decidedLine(review: ReviewRecord): string {
  return `${DECISION_WORDS[review.decision].done} by *${escapeMrkdwn(review.reviewer.name)}* on ${slackTime(review.decidedAt)}${scoreText(review)}`;
}

const SOURCE_WORDS: Record<ReviewerSource, (owner: string) => string> = {
  manager: (owner) => `You are asked as ${owner}’s manager.`,
  champion: () => 'You are asked as an AI champion.',
  previous: () => 'It is back for review after changes were requested.',
  hr: (owner) => `You are asked as HR: it was entered for ${owner} and no AI champion is free to review it.`,
};

/**
 * The reviewer's DM about one bot, as it stands now: with the three buttons while it waits for
 * review; with the outcome (and no buttons) once decided or withdrawn.
 */
export function renderReviewMessage(ctx: ReviewContext, source?: ReviewerSource): SlackMessage {
  const { bot, owner } = ctx;
  const ownerName = escapeMrkdwn(owner.name);
  const details = describeBotDetails(bot);
  const blocks: KnownBlock[] = [
    section(`${botTitle(bot)} by *${ownerName}*\n${escapeMrkdwn(clip(bot.description, 2500))}`),
    context([details, `submitted ${bot.submittedAt.toISOString().slice(0, 10)}`].filter(Boolean).join(' · ')),
  ];
  const plainName = escapeMrkdwn(bot.name);
  if (bot.status === 'submitted') {
    const why = source ? ` ${SOURCE_WORDS[source](ownerName)}` : '';
    blocks.unshift(section(`:mag: *Review requested*${why}`));
    blocks.push(reviewButtons(bot.id, bot.version));
    return { text: `Review requested: #${bot.id} ${plainName} by ${ownerName}`, blocks };
  }
  const review = ctx.lastReview;
  if (bot.status === 'withdrawn') {
    const when = bot.withdrawnAt ? ` on ${slackTime(bot.withdrawnAt)}` : '';
    blocks.push(section(`:wastebasket: Withdrawn by its owner${when}. There is nothing to decide.`));
    return { text: `#${bot.id} ${plainName} was withdrawn.`, blocks };
  }
  if (review) {
    const comment = review.comment ? `\n${quote(review.comment, COMMENT_MAX)}` : '';
    blocks.push(
      section(`${DECISION_WORDS[review.decision].emoji} ${capitalise(decidedLine(review))}${comment}`),
    );
    return {
      text: `#${bot.id} ${plainName}: ${DECISION_WORDS[review.decision].done} by ${escapeMrkdwn(review.reviewer.name)}.`,
      blocks,
    };
  }
  return { text: `#${bot.id} ${plainName}`, blocks };
}

/** The submitter's DM for a decision. */
export function renderDecisionForSubmitter(
  ctx: ReviewContext,
  review: ReviewRecord,
  command: string,
): SlackMessage {
  const { bot } = ctx;
  const who = `*${escapeMrkdwn(review.reviewer.name)}*`;
  const comment = review.comment ? `\n${quote(review.comment, COMMENT_MAX)}` : '';
  const plain = `#${bot.id} ${escapeMrkdwn(bot.name)}`;
  switch (review.decision) {
    case 'approved':
      return {
        text: `${plain} was approved by ${escapeMrkdwn(review.reviewer.name)}.`,
        blocks: [
          section(
            `:tada: ${botTitle(bot)} was approved by ${who}${scoreText(review)}.${comment}\nIt counts toward your record for the review period (\`${command} me\`).`,
          ),
        ],
      };
    case 'changes_requested':
      return {
        text: `${escapeMrkdwn(review.reviewer.name)} asked for changes to ${plain}.`,
        blocks: [
          section(
            `:pencil2: ${who} asked for changes to ${botTitle(bot)}:${comment}\nWhen you have made them, run \`${command} edit ${bot.id}\` and save: it goes back for review.`,
          ),
        ],
      };
    case 'rejected':
      return {
        text: `${plain} was not accepted by ${escapeMrkdwn(review.reviewer.name)}.`,
        blocks: [
          section(
            `:no_entry: ${botTitle(bot)} was not accepted by ${who}.${comment}\nYou can submit another bot at any time with \`${command} submit\`.`,
          ),
        ],
      };
  }
}

/** Told to a submitter (and logged for the operators) when nobody can review their bot. */
export function renderNoReviewer(bot: { id: number; name: string; link: string | null }): SlackMessage {
  return {
    text: `Nobody can review #${bot.id} yet; it stays saved and waiting.`,
    blocks: [
      section(
        `:warning: Nobody can review ${botTitle(bot)} yet: you have no manager on the roster and no AI champion is configured (REVIEWER_USER_IDS). Your bot stays saved and waiting for review; please tell your People team.`,
      ),
    ],
  };
}

/** A line under the inline `submit` reply saying who will review. */
export function renderReviewerAssigned(reviewerName: string): KnownBlock {
  return context(`*${escapeMrkdwn(reviewerName)}* has been asked to review it.`);
}

/** One waiting review: a line and the three buttons (the Home tab and reminders use it). */
// The Home tab passes its translator; i18n-review translates this renderer (`_tr`: until then, English).
export function pendingReviewBlocks(
  item: PendingReview | DueReminder,
  now: Date,
  _tr?: Translator,
): KnownBlock[] {
  const days = Math.floor((now.getTime() - item.requestedAt.getTime()) / 86_400_000);
  const waiting = days <= 0 ? 'since today' : days === 1 ? 'for 1 day' : `for ${days} days`;
  const bot = { id: item.botId, name: item.name, link: 'link' in item ? item.link : null };
  const description = 'description' in item ? `\n${escapeMrkdwn(clip(item.description, 300))}` : '';
  return [
    section(`${botTitle(bot)} by *${escapeMrkdwn(item.ownerName)}* · waiting ${waiting}${description}`),
    reviewButtons(item.botId, item.version),
  ];
}

/** The daily reminder to a reviewer; within Slack's 50 blocks a message, the rest counted. */
export function renderReviewReminder(items: DueReminder[], now: Date): SlackMessage {
  const count = items.length === 1 ? '1 review has' : `${items.length} reviews have`;
  const blocks: KnownBlock[] = [section(`:alarm_clock: ${count} been waiting for you for more than 3 days:`)];
  const room = Math.floor((SLACK_LIMITS.messageBlocks - 2) / 2);
  for (const item of items.slice(0, room)) blocks.push(...pendingReviewBlocks(item, now));
  const hidden = items.length - Math.min(items.length, room);
  if (hidden > 0) blocks.push(context(`…and ${hidden} more. The app’s Home tab lists them all.`));
  return { text: `${count} been waiting for your review for more than 3 days.`, blocks };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
