import type { ModalView, View } from '@slack/types';
import type { EntryRefusal, EntryResult, EntrySubject, EntryView } from '../../domain/entries-for-others.js';
import { COMMENT_MAX, type ReviewContext, type ReviewRecord } from '../../domain/reviews.js';
import type { MessageKey, Translator } from '../../i18n/index.js';
import { renderBotForm } from './bot-form.js';
import { botTitle } from './bot-messages.js';
import { actions, button, context, plainText, SLACK_LIMITS, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn, quote } from './mrkdwn.js';
import { scoreText } from './review.js';

/**
 * Messages about bots entered for someone else (issue 14). Pure: data in, Block Kit out, in the
 * reader's language (the Translator each takes).
 */

export const SUBMIT_FOR_VIEW_ID = 'bot_submit_for';
export const ENTRY_CONFIRM_ACTION = 'entry_confirm';
export const ENTRY_DECLINE_ACTION = 'entry_decline';

const name = (text: string) => `*${escapeMrkdwn(clip(text, 80))}*`;

/** The submit form, titled for the person it is entered for; their roster id rides in the metadata. */
export function renderSubmitForForm(
  subject: Pick<EntrySubject, 'id' | 'name' | 'slackUserId'>,
  tr: Translator,
): View {
  const form = renderBotForm({}, tr) as ModalView;
  const note = tr.t(subject.slackUserId ? 'entries.form.note_slack' : 'entries.form.note_no_slack', {
    name: name(subject.name),
  });
  return {
    ...form,
    callback_id: SUBMIT_FOR_VIEW_ID,
    private_metadata: JSON.stringify({ forEmployeeId: subject.id }),
    title: plainText(tr.t('entries.form.title', { name: subject.name }), SLACK_LIMITS.viewTitle),
    blocks: [context(note), ...(form.blocks ?? [])],
  };
}

/** The roster id in a submit-for modal's metadata, or null when missing or tampered with. */
export function readSubmitForEmployeeId(privateMetadata: string | undefined): number | null {
  try {
    const { forEmployeeId } = JSON.parse(privateMetadata ?? '') as { forEmployeeId?: unknown };
    return typeof forEmployeeId === 'number' && Number.isInteger(forEmployeeId) && forEmployeeId > 0
      ? forEmployeeId
      : null;
  } catch {
    return null;
  }
}

/** What the one who entered a bot is told once it is stored. */
export function renderEntrySaved(
  result: EntryResult,
  subject: EntrySubject,
  command: string,
  tr: Translator,
): SlackMessage {
  const { bot, created, awaitingConfirmation } = result;
  const who = name(subject.name);
  if (!created)
    return {
      text: tr.t('entries.duplicate_text', { name: subject.name, id: bot.id }),
      blocks: [section(tr.t('entries.duplicate', { name: who, title: botTitle(bot) }))],
    };
  const next = awaitingConfirmation
    ? tr.t('entries.saved.awaiting', { name: who })
    : tr.t('entries.saved.theirs', { command, id: bot.id });
  return {
    text: tr.t('entries.saved_text', { id: bot.id, name: subject.name }),
    blocks: [section(`${tr.t('entries.saved', { title: botTitle(bot), name: who })}\n${next}`)],
  };
}

const REFUSAL_KEYS = {
  not_on_roster: 'entries.refused.not_on_roster',
  left: 'entries.refused.left',
  self: 'entries.refused.self',
  not_allowed: 'entries.refused.not_allowed',
} as const satisfies Record<EntryRefusal['code'], MessageKey>;

/** Why nothing was entered; the person named as they were typed (a mention stays a mention). */
export function renderEntryRefused(refusal: EntryRefusal, tr: Translator): SlackMessage {
  const { target } = refusal;
  const who = (escaped: boolean) =>
    target.kind === 'slack'
      ? `<@${target.slackUserId}>`
      : target.kind === 'email'
        ? escaped
          ? escapeMrkdwn(target.email)
          : target.email
        : tr.t('entries.that_person');
  const key = REFUSAL_KEYS[refusal.code];
  return {
    text: tr.t(key, { who: who(false) }),
    blocks: [section(`:lock: ${tr.t(key, { who: who(true) })}`)],
  };
}

/** The DM asking the owner whether an entry made for them is theirs. */
export function renderEntryConfirmation(view: EntryView, tr: Translator): SlackMessage {
  const { bot, enteredBy } = view;
  const someone = tr.t('entries.someone');
  return {
    text: tr.t('entries.confirm_text', { enterer: enteredBy?.name ?? someone, id: bot.id }),
    blocks: [
      section(
        tr.t('entries.confirm', {
          enterer: enteredBy ? name(enteredBy.name) : someone,
          title: botTitle(bot),
          description: quote(bot.description, 500),
        }),
      ),
      actions(
        [
          button({
            actionId: ENTRY_CONFIRM_ACTION,
            text: tr.t('entries.confirm.yes'),
            value: String(bot.id),
            style: 'primary',
          }),
          button({ actionId: ENTRY_DECLINE_ACTION, text: tr.t('entries.confirm.no'), value: String(bot.id) }),
        ],
        `entry_${bot.id}`,
      ),
      context(tr.t('entries.confirm.note')),
    ],
  };
}

/** The confirmation DM once answered (its buttons gone). */
export function renderEntryAnswered(
  view: EntryView,
  answer: 'confirmed' | 'declined',
  tr: Translator,
): SlackMessage {
  const title = botTitle(view.bot);
  if (answer === 'confirmed')
    return { text: tr.t('entries.confirmed_text'), blocks: [section(tr.t('entries.confirmed', { title }))] };
  const enterer = view.enteredBy ? name(view.enteredBy.name) : tr.t('entries.whoever_entered');
  return {
    text: tr.t('entries.declined_text'),
    blocks: [section(tr.t('entries.declined', { title, enterer }))],
  };
}

/** A click on a confirmation that no longer waits (answered before, or withdrawn meanwhile). */
export function renderEntryNotPending(view: EntryView, tr: Translator): SlackMessage {
  const state = tr.t('entries.not_pending', { state: view.bot.ownerConfirmation ?? 'withdrawn' });
  return {
    text: state,
    blocks: [section(tr.t('entries.not_pending_line', { title: botTitle(view.bot), state }))],
  };
}

/** To the one who entered the bot: what its owner answered. */
export function renderEntryAnswerForEnterer(
  view: EntryView,
  answer: 'confirmed' | 'declined',
  tr: Translator,
): SlackMessage {
  const params = { owner: name(view.owner.name), title: botTitle(view.bot) };
  return {
    text: tr.t('entries.answer_text', { owner: view.owner.name, answer, id: view.bot.id }),
    blocks: [
      section(tr.t(answer === 'confirmed' ? 'entries.answer.confirmed' : 'entries.answer.declined', params)),
    ],
  };
}

const DECISION_KEYS = {
  approved: 'entries.decision.approved',
  changes_requested: 'entries.decision.changes_requested',
  rejected: 'entries.decision.rejected',
} as const satisfies Record<ReviewRecord['decision'], MessageKey>;

/** A review's decision, told to whoever entered the bot for its owner. */
export function renderDecisionForEnterer(
  ctx: ReviewContext,
  review: ReviewRecord,
  command: string,
  tr: Translator,
): SlackMessage {
  const { bot, owner } = ctx;
  return {
    text: tr.t('entries.decision_text', {
      id: bot.id,
      owner: owner.name,
      decision: review.decision,
      reviewer: review.reviewer.name,
    }),
    blocks: [
      section(
        tr.t(DECISION_KEYS[review.decision], {
          title: botTitle(bot),
          owner: name(owner.name),
          reviewer: name(review.reviewer.name),
          score: scoreText(review, tr),
          comment: review.comment ? `\n${quote(review.comment, COMMENT_MAX)}` : '',
          command,
          id: bot.id,
        }),
      ),
    ],
  };
}
