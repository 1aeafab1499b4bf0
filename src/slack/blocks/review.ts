import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { DueReminder, PendingReview } from '../../db/queries/reviews.js';
import type { ReviewDecision } from '../../domain/bot-status.js';
import type { ReviewerSource } from '../../domain/reviewer-assignment.js';
import { COMMENT_MAX, type ReviewContext, type ReviewRecord } from '../../domain/reviews.js';
import type { MessageKey, Translator } from '../../i18n/index.js';
import { botTitle, describeBotDetails } from './bot-messages.js';
import { actions, button, context, SLACK_LIMITS, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn, quote, slackTime } from './mrkdwn.js';

/**
 * The review request a reviewer gets (and its buttons), the decision DMs, the reminders. Pure: data
 * in, Block Kit out. User text (names, descriptions, comments) is escaped everywhere it goes into
 * mrkdwn. Each takes the reader's Translator. The modal behind the buttons: review-decision.ts.
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

/** The emoji that goes with each decision. */
export const DECISION_EMOJI: Record<ReviewDecision, string> = {
  approved: ':white_check_mark:',
  changes_requested: ':pencil2:',
  rejected: ':no_entry:',
};

/** Approve / Request changes / Reject for one bot; block ids are unique per bot within a view. */
export function reviewButtons(botId: number, version: number, tr: Translator): ActionsBlock {
  const value = `${botId}:${version}`;
  return actions(
    [
      button({
        actionId: REVIEW_ACTION_IDS.approved,
        text: tr.t('review.button.approve'),
        value,
        style: 'primary',
      }),
      button({
        actionId: REVIEW_ACTION_IDS.changes_requested,
        text: tr.t('review.button.request_changes'),
        value,
      }),
      button({
        actionId: REVIEW_ACTION_IDS.rejected,
        text: tr.t('review.button.reject'),
        value,
        style: 'danger',
      }),
    ],
    `review:${botId}`,
  );
}

export function scoreText(review: ReviewRecord, tr: Translator): string {
  return review.score === null ? '' : tr.t('review.score', { score: review.score });
}

/**
 * A moment as Slack shows it to each reader, in their own zone and language; the fallback (for
 * clients that cannot) in the translator's zone.
 */
export function slackMoment(date: Date, tr: Translator): string {
  if (tr.locale === 'en') return slackTime(date);
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} {time}|${tr.dateTime(date)}>`;
}

/** "approved by Mona on <time> · score 4/5" */
export function decidedLine(review: ReviewRecord, tr: Translator): string {
  return tr.t('review.decided', {
    decision: review.decision,
    reviewer: escapeMrkdwn(review.reviewer.name),
    when: slackMoment(review.decidedAt, tr),
    score: scoreText(review, tr),
  });
}

/** "#12 Name by *Ann*" */
export function botByLine(
  bot: { id: number; name: string; link: string | null },
  ownerName: string,
  tr: Translator,
): string {
  return tr.t('review.bot_by', { title: botTitle(bot), owner: escapeMrkdwn(ownerName) });
}

const SOURCE_KEYS = {
  manager: 'review.source.manager',
  champion: 'review.source.champion',
  previous: 'review.source.previous',
  hr: 'review.source.hr',
} as const satisfies Record<ReviewerSource, MessageKey>;

/**
 * The reviewer's DM about one bot, as it stands now: with the three buttons while it waits for
 * review; with the outcome (and no buttons) once decided or withdrawn. In the reviewer's language.
 */
export function renderReviewMessage(
  ctx: ReviewContext,
  tr: Translator,
  source?: ReviewerSource,
): SlackMessage {
  const { bot, owner } = ctx;
  const ownerName = escapeMrkdwn(owner.name);
  const details = describeBotDetails(bot, tr);
  const blocks: KnownBlock[] = [
    section(`${botByLine(bot, owner.name, tr)}\n${escapeMrkdwn(clip(bot.description, 2500))}`),
    context(
      [details, tr.t('review.submitted_on', { day: tr.date(bot.submittedAt) })].filter(Boolean).join(' · '),
    ),
  ];
  const plainName = escapeMrkdwn(bot.name);
  if (bot.status === 'submitted') {
    const why = source ? ` ${tr.t(SOURCE_KEYS[source], { owner: ownerName })}` : '';
    blocks.unshift(section(`${tr.t('review.requested')}${why}`));
    blocks.push(reviewButtons(bot.id, bot.version, tr));
    return { text: tr.t('review.requested_text', { id: bot.id, name: plainName, owner: ownerName }), blocks };
  }
  const review = ctx.lastReview;
  if (bot.status === 'withdrawn') {
    blocks.push(
      section(
        bot.withdrawnAt
          ? tr.t('review.withdrawn_at', { when: slackMoment(bot.withdrawnAt, tr) })
          : tr.t('review.withdrawn'),
      ),
    );
    return { text: tr.t('review.withdrawn_text', { id: bot.id, name: plainName }), blocks };
  }
  if (review) {
    const comment = review.comment ? `\n${quote(review.comment, COMMENT_MAX)}` : '';
    blocks.push(
      section(`${DECISION_EMOJI[review.decision]} ${capitalise(decidedLine(review, tr))}${comment}`),
    );
    return {
      text: tr.t('review.decided_text', {
        id: bot.id,
        name: plainName,
        decision: review.decision,
        reviewer: escapeMrkdwn(review.reviewer.name),
      }),
      blocks,
    };
  }
  return { text: `#${bot.id} ${plainName}`, blocks };
}

/** The submitter's DM for a decision, in the submitter's language. */
export function renderDecisionForSubmitter(
  ctx: ReviewContext,
  review: ReviewRecord,
  command: string,
  tr: Translator,
): SlackMessage {
  const { bot } = ctx;
  const params = {
    id: bot.id,
    name: escapeMrkdwn(bot.name),
    title: botTitle(bot),
    reviewer: `*${escapeMrkdwn(review.reviewer.name)}*`,
    score: scoreText(review, tr),
    comment: review.comment ? `\n${quote(review.comment, COMMENT_MAX)}` : '',
    command,
  };
  const plain = { ...params, reviewer: escapeMrkdwn(review.reviewer.name) };
  const [textKey, key] = (
    {
      approved: ['review.decision.approved_text', 'review.decision.approved'],
      changes_requested: ['review.decision.changes_requested_text', 'review.decision.changes_requested'],
      rejected: ['review.decision.rejected_text', 'review.decision.rejected'],
    } as const satisfies Record<ReviewDecision, readonly [MessageKey, MessageKey]>
  )[review.decision];
  return { text: tr.t(textKey, plain), blocks: [section(tr.t(key, params))] };
}

/** Told to a submitter (and logged for the operators) when nobody can review their bot. */
export function renderNoReviewer(
  bot: { id: number; name: string; link: string | null },
  tr: Translator,
): SlackMessage {
  return {
    text: tr.t('review.no_reviewer_text', { id: bot.id }),
    blocks: [section(tr.t('review.no_reviewer', { title: botTitle(bot) }))],
  };
}

/** A line under the inline `submit` reply saying who will review. */
export function renderReviewerAssigned(reviewerName: string, tr: Translator): KnownBlock {
  return context(tr.t('review.reviewer_assigned', { reviewer: escapeMrkdwn(reviewerName) }));
}

/** One waiting review: a line and the three buttons (the Home tab and reminders use it). */
export function pendingReviewBlocks(
  item: PendingReview | DueReminder,
  now: Date,
  tr: Translator,
): KnownBlock[] {
  const days = Math.max(0, Math.floor((now.getTime() - item.requestedAt.getTime()) / 86_400_000));
  const bot = { id: item.botId, name: item.name, link: 'link' in item ? item.link : null };
  const description = 'description' in item ? `\n${escapeMrkdwn(clip(item.description, 300))}` : '';
  return [
    section(
      `${tr.t('review.pending', { title: botTitle(bot), owner: escapeMrkdwn(item.ownerName), days })}${description}`,
    ),
    reviewButtons(item.botId, item.version, tr),
  ];
}

/** The daily reminder to a reviewer; within Slack's 50 blocks a message, the rest counted. */
export function renderReviewReminder(items: DueReminder[], now: Date, tr: Translator): SlackMessage {
  const count = items.length;
  const blocks: KnownBlock[] = [section(tr.t('review.reminder', { count }))];
  const room = Math.floor((SLACK_LIMITS.messageBlocks - 2) / 2);
  for (const item of items.slice(0, room)) blocks.push(...pendingReviewBlocks(item, now, tr));
  const hidden = items.length - Math.min(items.length, room);
  if (hidden > 0) blocks.push(context(tr.t('review.reminder_more', { count: hidden })));
  return { text: tr.t('review.reminder_text', { count }), blocks };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
