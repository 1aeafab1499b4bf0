import type { KnownBlock, View } from '@slack/types';
import type { ReviewDecision } from '../../domain/bot-status.js';
import {
  COMMENT_MAX,
  type DecisionErrors,
  type ReviewContext,
  type ReviewRecord,
  type ReviewRefusal,
} from '../../domain/reviews.js';
import { botTitle } from './bot-messages.js';
import {
  context,
  divider,
  noticeView,
  plainText,
  SLACK_LIMITS,
  section,
  type ViewStateValues,
} from './kit.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { DECISION_WORDS, decidedLine, readBotIdValue, renderReviewMessage, scoreText } from './review.js';

/**
 * The decision modal behind the review buttons (its listener: listeners/views/review-decision.ts),
 * what replaces it once decided, and why a click or a submission could not decide.
 */
export const DECISION_VIEW_ID = 'review_decision';

/** The modal's title and submit button for each decision. */
const MODAL_WORDS: Record<ReviewDecision, { title: string; submit: string }> = {
  approved: { title: 'Approve', submit: 'Approve' },
  changes_requested: { title: 'Request changes', submit: 'Send' },
  rejected: { title: 'Reject', submit: 'Reject' },
};

/** What the modal carries in its private_metadata. */
export interface DecisionMetadata {
  botId: number;
  decision: ReviewDecision;
  /** The bot's version the reviewer was shown; null from a form opened before versions existed. */
  version: number | null;
  /** The click came from the Home tab: republish it once decided. */
  fromHome: boolean;
}

/** The modal behind each button: a score (approve) and a comment (required unless approving). */
export function renderDecisionModal(ctx: ReviewContext, metadata: DecisionMetadata): View {
  const { bot, owner } = ctx;
  const words = MODAL_WORDS[metadata.decision];
  const approving = metadata.decision === 'approved';
  const blocks: KnownBlock[] = [section(`${botTitle(bot)} by *${escapeMrkdwn(owner.name)}*`)];
  if (approving) {
    blocks.push({
      type: 'input',
      block_id: 'score',
      label: plainText('Score'),
      hint: plainText('1 = barely useful, 5 = excellent. Shown to the submitter.'),
      element: {
        type: 'static_select',
        action_id: 'value',
        placeholder: plainText('Choose 1–5'),
        options: SCORES.map(([value, label]) => ({ text: plainText(label), value })),
      },
    });
  }
  blocks.push({
    type: 'input',
    block_id: 'comment',
    optional: approving,
    label: plainText(
      approving
        ? 'Comment'
        : metadata.decision === 'rejected'
          ? 'Why is it rejected?'
          : 'What should change?',
    ),
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
    title: plainText(`${words.title} #${bot.id}`, SLACK_LIMITS.viewTitle),
    submit: plainText(words.submit),
    close: plainText('Cancel'),
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

export function readDecisionForm(values: ViewStateValues): { score: string | null; comment: string | null } {
  return {
    score: values.score?.value?.selected_option?.value ?? null,
    comment: values.comment?.value?.value ?? null,
  };
}

export function readDecisionMetadata(privateMetadata: string | undefined): DecisionMetadata | null {
  try {
    const parsed = JSON.parse(privateMetadata ?? '') as Partial<DecisionMetadata>;
    const botId = readBotIdValue(String(parsed.botId));
    if (botId === null || !parsed.decision || !(parsed.decision in MODAL_WORDS)) return null;
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
function renderRefusal(refusal: ReviewRefusal): { title: string; text: string } {
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

/** Why a click or a form could not decide, as a modal; a changed bot is shown as it is now. */
export function refusalView(refusal: ReviewRefusal): View {
  const { title, text } = renderRefusal(refusal);
  if (refusal.kind !== 'changed') return noticeView(title, text);
  const current = (renderReviewMessage(refusal.context).blocks ?? []).filter((b) => b.type !== 'actions');
  return noticeView(title, text, [divider(), ...current]);
}
