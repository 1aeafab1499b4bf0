import type { ActionsBlock, KnownBlock, View } from '@slack/types';
import type { DueReminder, PendingReview } from '../../db/queries/reviews.js';
import type { ReviewDecision } from '../../domain/bot-status.js';
import type { ReviewerSource } from '../../domain/reviewer-assignment.js';
import {
  COMMENT_MAX,
  type DecisionErrors,
  type ReviewContext,
  type ReviewRecord,
  type ReviewRefusal,
} from '../../domain/reviews.js';
import { describeBotDetails, type SlackMessage } from './bot-messages.js';
import { clip, escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';

/**
 * Review messages and modals. Pure: data in, Block Kit out. User text (names, descriptions,
 * comments) is escaped everywhere it goes into mrkdwn.
 */

export const SECTION_LIMIT = 3000;
export const MESSAGE_BLOCK_LIMIT = 50;

export const DECISION_VIEW_ID = 'review_decision';

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

const DECISION_WORDS: Record<ReviewDecision, { done: string; title: string; submit: string; emoji: string }> =
  {
    approved: { done: 'approved', title: 'Approve', submit: 'Approve', emoji: ':white_check_mark:' },
    changes_requested: {
      done: 'sent back for changes',
      title: 'Request changes',
      submit: 'Send',
      emoji: ':pencil2:',
    },
    rejected: { done: 'rejected', title: 'Reject', submit: 'Reject', emoji: ':no_entry:' },
  };

/** A time every Slack client shows in the reader's own zone; the fallback is UTC. */
export function slackTime(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} at {time}|${utcText(date)}>`;
}

export function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_LIMIT) } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, SECTION_LIMIT) }] };
}

/** Approve / Request changes / Reject for one bot; block ids are unique per bot within a view. */
export function reviewButtons(botId: number, version: number): ActionsBlock {
  const value = `${botId}:${version}`;
  return {
    type: 'actions',
    block_id: `review:${botId}`,
    elements: [
      {
        type: 'button',
        action_id: REVIEW_ACTION_IDS.approved,
        text: { type: 'plain_text', text: 'Approve' },
        style: 'primary',
        value,
      },
      {
        type: 'button',
        action_id: REVIEW_ACTION_IDS.changes_requested,
        text: { type: 'plain_text', text: 'Request changes' },
        value,
      },
      {
        type: 'button',
        action_id: REVIEW_ACTION_IDS.rejected,
        text: { type: 'plain_text', text: 'Reject' },
        style: 'danger',
        value,
      },
    ],
  };
}

export function botTitle(bot: { id: number; name: string; link: string | null }): string {
  return `*#${bot.id}* ${bot.link ? mrkdwnLink(bot.link, bot.name) : `*${escapeMrkdwn(bot.name)}*`}`;
}

function quote(comment: string): string {
  return clip(comment, COMMENT_MAX)
    .split('\n')
    .map((line) => `>${escapeMrkdwn(line)}`)
    .join('\n');
}

function scoreText(review: ReviewRecord): string {
  return review.score === null ? '' : ` · score *${review.score}/5*`;
}

/** "approved by Mona on <time> · score 4/5" */
function decidedLine(review: ReviewRecord): string {
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
    const comment = review.comment ? `\n${quote(review.comment)}` : '';
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

/** The modal behind each button: a score (approve) and a comment (required unless approving). */
export interface DecisionMetadata {
  botId: number;
  decision: ReviewDecision;
  /** The bot's version the reviewer was shown; null from a form opened before versions existed. */
  version: number | null;
  /** The click came from the Home tab: republish it once decided. */
  fromHome: boolean;
}

export function renderDecisionModal(ctx: ReviewContext, metadata: DecisionMetadata): View {
  const { bot, owner } = ctx;
  const words = DECISION_WORDS[metadata.decision];
  const approving = metadata.decision === 'approved';
  const blocks: KnownBlock[] = [section(`${botTitle(bot)} by *${escapeMrkdwn(owner.name)}*`)];
  if (approving) {
    blocks.push({
      type: 'input',
      block_id: 'score',
      label: { type: 'plain_text', text: 'Score' },
      hint: { type: 'plain_text', text: '1 = barely useful, 5 = excellent. Shown to the submitter.' },
      element: {
        type: 'static_select',
        action_id: 'value',
        placeholder: { type: 'plain_text', text: 'Choose 1–5' },
        options: SCORES.map(([value, label]) => ({
          text: { type: 'plain_text', text: label },
          value,
        })),
      },
    });
  }
  blocks.push({
    type: 'input',
    block_id: 'comment',
    optional: approving,
    label: {
      type: 'plain_text',
      text: approving
        ? 'Comment'
        : metadata.decision === 'rejected'
          ? 'Why is it rejected?'
          : 'What should change?',
    },
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: true,
      max_length: COMMENT_MAX,
    },
  });
  blocks.push(context('The submitter gets your decision and comment in a direct message.'));
  return {
    type: 'modal',
    callback_id: DECISION_VIEW_ID,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: clip(`${words.title} #${bot.id}`, 24) },
    submit: { type: 'plain_text', text: words.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

const SCORES: ReadonlyArray<readonly [string, string]> = [
  ['5', '5 — excellent'],
  ['4', '4 — very useful'],
  ['3', '3 — useful'],
  ['2', '2 — somewhat useful'],
  ['1', '1 — barely useful'],
];

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

export function readDecisionForm(values: StateValues): { score: string | null; comment: string | null } {
  return {
    score: values.score?.value?.selected_option?.value ?? null,
    comment: values.comment?.value?.value ?? null,
  };
}

export function readDecisionMetadata(privateMetadata: string | undefined): DecisionMetadata | null {
  try {
    const parsed = JSON.parse(privateMetadata ?? '') as Partial<DecisionMetadata>;
    const botId = readBotIdValue(String(parsed.botId));
    if (botId === null || !parsed.decision || !(parsed.decision in DECISION_WORDS)) return null;
    const version =
      typeof parsed.version === 'number' && Number.isInteger(parsed.version) && parsed.version > 0
        ? parsed.version
        : null;
    return { botId, decision: parsed.decision, version, fromHome: parsed.fromHome === true };
  } catch {
    return null;
  }
}

/** Errors shown under the modal's fields. */
export function decisionErrors(errors: DecisionErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message));
}

/** The modal after a decision was stored. */
export function renderDecisionDone(ctx: ReviewContext, review: ReviewRecord): View {
  const owner = escapeMrkdwn(ctx.owner.name);
  const told = ctx.owner.slackUserId ? ` ${owner} has been told in a direct message.` : '';
  return noticeView(
    'Decision saved',
    `${DECISION_WORDS[review.decision].emoji} ${botTitle(ctx.bot)} ${DECISION_WORDS[review.decision].done}${scoreText(review)}.${told}`,
  );
}

/** Why a click or a modal could not decide: for the modal that replaces the form, or a new one. */
export function renderRefusal(refusal: ReviewRefusal): { title: string; text: string } {
  switch (refusal.kind) {
    case 'not-found':
      return { title: 'Not found', text: `There is no bot #${refusal.botId}.` };
    case 'not-allowed': {
      const { bot, reviewer } = refusal.context;
      const who = reviewer ? `its reviewer, *${escapeMrkdwn(reviewer.name)}*,` : 'its assigned reviewer';
      return {
        title: 'Not your review',
        text: `:lock: Only ${who} or the People team can decide on ${botTitle(bot)}, never its owner nor whoever entered it for them. Nothing was saved.`,
      };
    }
    case 'already-decided':
      return {
        title: 'Already decided',
        text: `${botTitle(refusal.context.bot)} was already ${decidedLine(refusal.review)}. Nothing more was saved.`,
      };
    case 'changed':
      return {
        title: 'Bot changed',
        text: `:warning: ${botTitle(refusal.context.bot)} has changed since it was shown to you. Nothing was saved: a decision applies to the version you saw. Here it is as it stands now; your review message now shows this version with fresh buttons.`,
      };
    case 'not-reviewable':
      return {
        title: 'Nothing to decide',
        text: `${botTitle(refusal.context.bot)} was withdrawn by its owner, so there is nothing to decide.`,
      };
  }
}

export function noticeView(title: string, text: string, more: KnownBlock[] = []): View {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(text), ...more],
  };
}

/** Why a click or a form could not decide, as a modal; a changed bot is shown as it is now. */
export function refusalView(refusal: ReviewRefusal): View {
  const { title, text } = renderRefusal(refusal);
  if (refusal.kind !== 'changed') return noticeView(title, text);
  const current = (renderReviewMessage(refusal.context).blocks ?? []).filter((b) => b.type !== 'actions');
  return noticeView(title, text, [{ type: 'divider' }, ...current]);
}

/** The submitter's DM for a decision. */
export function renderDecisionForSubmitter(
  ctx: ReviewContext,
  review: ReviewRecord,
  command: string,
): SlackMessage {
  const { bot } = ctx;
  const who = `*${escapeMrkdwn(review.reviewer.name)}*`;
  const comment = review.comment ? `\n${quote(review.comment)}` : '';
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
export function pendingReviewBlocks(item: PendingReview | DueReminder, now: Date): KnownBlock[] {
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
  const room = Math.floor((MESSAGE_BLOCK_LIMIT - 2) / 2);
  for (const item of items.slice(0, room)) blocks.push(...pendingReviewBlocks(item, now));
  const hidden = items.length - Math.min(items.length, room);
  if (hidden > 0) blocks.push(context(`…and ${hidden} more. The app’s Home tab lists them all.`));
  return { text: `${count} been waiting for your review for more than 3 days.`, blocks };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
