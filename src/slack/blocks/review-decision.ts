import type { KnownBlock, View } from '@slack/types';
import type { ReviewDecision } from '../../domain/bot-status.js';
import {
  COMMENT_MAX,
  type DecisionErrorCode,
  type DecisionErrors,
  type ReviewContext,
  type ReviewRecord,
  type ReviewRefusal,
} from '../../domain/reviews.js';
import type { Translator } from '../../i18n/index.js';
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
import {
  botByLine,
  DECISION_EMOJI,
  decidedLine,
  readBotIdValue,
  renderReviewMessage,
  scoreText,
} from './review.js';

/**
 * The decision modal behind the review buttons (its listener: listeners/views/review-decision.ts),
 * what replaces it once decided, and why a click or a submission could not decide.
 */
export const DECISION_VIEW_ID = 'review_decision';

const DECISIONS: readonly ReviewDecision[] = ['approved', 'changes_requested', 'rejected'];

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
export function renderDecisionModal(ctx: ReviewContext, metadata: DecisionMetadata, tr: Translator): View {
  const { bot, owner } = ctx;
  const { decision } = metadata;
  const approving = decision === 'approved';
  const blocks: KnownBlock[] = [section(botByLine(bot, owner.name, tr))];
  if (approving) {
    blocks.push({
      type: 'input',
      block_id: 'score',
      label: plainText(tr.t('review.modal.score')),
      hint: plainText(tr.t('review.modal.score_hint')),
      element: {
        type: 'static_select',
        action_id: 'value',
        placeholder: plainText(tr.t('review.modal.score_placeholder')),
        options: SCORES.map((score) => ({
          text: plainText(tr.t('review.modal.score_option', { score })),
          value: String(score),
        })),
      },
    });
  }
  blocks.push({
    type: 'input',
    block_id: 'comment',
    optional: approving,
    label: plainText(tr.t('review.modal.comment', { decision })),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: true,
      max_length: COMMENT_MAX,
    },
  });
  blocks.push(context(tr.t('review.modal.note')));
  return {
    type: 'modal',
    callback_id: DECISION_VIEW_ID,
    private_metadata: JSON.stringify(metadata),
    title: plainText(tr.t('review.modal.title', { decision, id: bot.id }), SLACK_LIMITS.viewTitle),
    submit: plainText(tr.t('review.modal.submit', { decision })),
    close: plainText(tr.t('review.modal.cancel')),
    blocks,
  };
}

const SCORES = [5, 4, 3, 2, 1] as const;

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
    if (botId === null || !parsed.decision || !DECISIONS.includes(parsed.decision)) return null;
    const version =
      typeof parsed.version === 'number' && Number.isInteger(parsed.version) && parsed.version > 0
        ? parsed.version
        : null;
    return { botId, decision: parsed.decision, version, fromHome: parsed.fromHome === true };
  } catch {
    return null;
  }
}

/** Errors shown under the modal's fields, in the reviewer's language. */
export function decisionErrors(errors: DecisionErrors, tr: Translator): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [field, code] of Object.entries(errors) as Array<[string, DecisionErrorCode | undefined]>) {
    if (code) shown[field] = tr.t(`review.error.${code}`, { max: COMMENT_MAX });
  }
  return shown;
}

/** The modal after a decision was stored. */
export function renderDecisionDone(ctx: ReviewContext, review: ReviewRecord, tr: Translator): View {
  const done = tr.t('review.done', {
    title: botTitle(ctx.bot),
    decision: review.decision,
    score: scoreText(review, tr),
  });
  const told = ctx.owner.slackUserId
    ? ` ${tr.t('review.done.told', { owner: escapeMrkdwn(ctx.owner.name) })}`
    : '';
  return reviewNotice(tr.t('review.done.title'), `${DECISION_EMOJI[review.decision]} ${done}${told}`, tr);
}

/** Why a click or a modal could not decide: for the modal that replaces the form, or a new one. */
function renderRefusal(refusal: ReviewRefusal, tr: Translator): { title: string; text: string } {
  switch (refusal.kind) {
    case 'not-found':
      return {
        title: tr.t('review.refusal.not_found.title'),
        text: tr.t('review.refusal.not_found', { id: refusal.botId }),
      };
    case 'not-allowed': {
      const { bot, reviewer } = refusal.context;
      const title = botTitle(bot);
      return {
        title: tr.t('review.refusal.not_allowed.title'),
        text: reviewer
          ? tr.t('review.refusal.not_allowed_named', { title, reviewer: escapeMrkdwn(reviewer.name) })
          : tr.t('review.refusal.not_allowed', { title }),
      };
    }
    case 'already-decided':
      return {
        title: tr.t('review.refusal.already_decided.title'),
        text: tr.t('review.refusal.already_decided', {
          title: botTitle(refusal.context.bot),
          decided: decidedLine(refusal.review, tr),
        }),
      };
    case 'changed':
      return {
        title: tr.t('review.refusal.changed.title'),
        text: tr.t('review.refusal.changed', { title: botTitle(refusal.context.bot) }),
      };
    case 'not-reviewable':
      return {
        title: tr.t('review.refusal.not_reviewable.title'),
        text: tr.t('review.refusal.not_reviewable', { title: botTitle(refusal.context.bot) }),
      };
  }
}

/** A note in a modal (its close button in the reader's language). */
export function reviewNotice(title: string, text: string, tr: Translator, more: KnownBlock[] = []): View {
  return noticeView(tr, title, text, more);
}

/** Why a click or a form could not decide, as a modal; a changed bot is shown as it is now. */
export function refusalView(refusal: ReviewRefusal, tr: Translator): View {
  const { title, text } = renderRefusal(refusal, tr);
  if (refusal.kind !== 'changed') return reviewNotice(title, text, tr);
  const current = (renderReviewMessage(refusal.context, tr).blocks ?? []).filter((b) => b.type !== 'actions');
  return reviewNotice(title, text, tr, [divider(), ...current]);
}
