import type { ModalView, View } from '@slack/types';
import type { EntryResult, EntrySubject, EntryView } from '../../domain/entries-for-others.js';
import { COMMENT_MAX, type ReviewContext, type ReviewRecord } from '../../domain/reviews.js';
import { renderBotForm } from './bot-form.js';
import { botTitle } from './bot-messages.js';
import { actions, button, context, plainText, SLACK_LIMITS, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn, quote } from './mrkdwn.js';

/** Messages about bots entered for someone else (issue 14). Pure: data in, Block Kit out. */

export const SUBMIT_FOR_VIEW_ID = 'bot_submit_for';
export const ENTRY_CONFIRM_ACTION = 'entry_confirm';
export const ENTRY_DECLINE_ACTION = 'entry_decline';

const name = (text: string) => `*${escapeMrkdwn(clip(text, 80))}*`;

/** The submit form, titled for the person it is entered for; their roster id rides in the metadata. */
export function renderSubmitForForm(subject: Pick<EntrySubject, 'id' | 'name' | 'slackUserId'>): View {
  const form = renderBotForm({}) as ModalView;
  const note = subject.slackUserId
    ? `You are entering this bot for ${name(subject.name)}. It will be theirs, and counts once they confirm it is theirs (they get a message). Your name is kept as who entered it.`
    : `You are entering this bot for ${name(subject.name)}, who has no Slack. It will be theirs; your name is kept as who entered it, and you will hear the review.`;
  return {
    ...form,
    callback_id: SUBMIT_FOR_VIEW_ID,
    private_metadata: JSON.stringify({ forEmployeeId: subject.id }),
    title: plainText(`Bot for ${subject.name}`, SLACK_LIMITS.viewTitle),
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
export function renderEntrySaved(result: EntryResult, subject: EntrySubject, command: string): SlackMessage {
  const { bot, created, awaitingConfirmation } = result;
  const who = name(subject.name);
  if (!created)
    return {
      text: `${subject.name} already has bot #${bot.id} with this name or link; nothing new was saved.`,
      blocks: [section(`${who} already has ${botTitle(bot)} with this name or link; nothing new was saved.`)],
    };
  const next = awaitingConfirmation
    ? `${who} is on Slack: I asked them to confirm it is theirs. It counts, and goes for review, once they do.`
    : `It is theirs now; you will hear the review. You may \`${command} edit ${bot.id}\` or \`${command} withdraw ${bot.id}\` on their behalf.`;
  return {
    text: `Saved #${bot.id} for ${subject.name}.`,
    blocks: [section(`:white_check_mark: Saved ${botTitle(bot)} for ${who}, entered by you.\n${next}`)],
  };
}

export function renderEntryRefused(reason: string): SlackMessage {
  return {
    text: reason,
    blocks: [section(`:lock: ${escapeMrkdwn(reason).replace(/&lt;@(\w+)&gt;/g, '<@$1>')}`)],
  };
}

/** The DM asking the owner whether an entry made for them is theirs. */
export function renderEntryConfirmation(view: EntryView): SlackMessage {
  const { bot, enteredBy } = view;
  const by = enteredBy ? name(enteredBy.name) : 'Someone';
  const description = quote(bot.description, 500);
  return {
    text: `${enteredBy?.name ?? 'Someone'} entered bot #${bot.id} for you. Is it yours?`,
    blocks: [
      section(
        `:wave: ${by} entered a bot for you: ${botTitle(bot)}\n${description}\nIs it yours? It counts toward your record, and goes for review, only once you confirm.`,
      ),
      actions(
        [
          button({
            actionId: ENTRY_CONFIRM_ACTION,
            text: 'Yes, this is mine',
            value: String(bot.id),
            style: 'primary',
          }),
          button({ actionId: ENTRY_DECLINE_ACTION, text: 'Not mine', value: String(bot.id) }),
        ],
        `entry_${bot.id}`,
      ),
      context('Once it is yours, you (or whoever entered it) can still edit or withdraw it.'),
    ],
  };
}

/** The confirmation DM once answered (its buttons gone). */
export function renderEntryAnswered(view: EntryView, answer: 'confirmed' | 'declined'): SlackMessage {
  const text =
    answer === 'confirmed'
      ? `:white_check_mark: ${botTitle(view.bot)} is yours: it counts from now and goes for review.`
      : `:x: You said ${botTitle(view.bot)} is not yours. It was withdrawn and never counts; ${view.enteredBy ? name(view.enteredBy.name) : 'whoever entered it'} has been told.`;
  return { text: answer === 'confirmed' ? 'Confirmed.' : 'Marked as not yours.', blocks: [section(text)] };
}

/** A click on a confirmation that no longer waits (answered before, or withdrawn meanwhile). */
export function renderEntryNotPending(view: EntryView): SlackMessage {
  const state =
    view.bot.ownerConfirmation === 'confirmed'
      ? 'You already confirmed it.'
      : view.bot.ownerConfirmation === 'declined'
        ? 'You already said it is not yours.'
        : 'It was withdrawn meanwhile.';
  return { text: state, blocks: [section(`${botTitle(view.bot)}: ${state} Nothing changed.`)] };
}

/** To the one who entered the bot: what its owner answered. */
export function renderEntryAnswerForEnterer(view: EntryView, answer: 'confirmed' | 'declined'): SlackMessage {
  const owner = name(view.owner.name);
  const text =
    answer === 'confirmed'
      ? `:white_check_mark: ${owner} confirmed ${botTitle(view.bot)} is theirs: it counts now and goes for review.`
      : `:x: ${owner} said ${botTitle(view.bot)} is not theirs. It was withdrawn and does not count.`;
  return {
    text: `${view.owner.name} ${answer === 'confirmed' ? 'confirmed' : 'declined'} bot #${view.bot.id}.`,
    blocks: [section(text)],
  };
}

/** A review's decision, told to whoever entered the bot for its owner. */
export function renderDecisionForEnterer(
  ctx: ReviewContext,
  review: ReviewRecord,
  command: string,
): SlackMessage {
  const { bot, owner } = ctx;
  const reviewer = name(review.reviewer.name);
  const comment = review.comment ? `\n${quote(review.comment, COMMENT_MAX)}` : '';
  const score = review.score === null ? '' : ` · score *${review.score}/5*`;
  const lines: Record<ReviewRecord['decision'], string> = {
    approved: `:tada: ${botTitle(bot)}, which you entered for ${name(owner.name)}, was approved by ${reviewer}${score}.${comment}\nIt counts toward their record.`,
    changes_requested: `:pencil2: ${reviewer} asked for changes to ${botTitle(bot)}, which you entered for ${name(owner.name)}:${comment}\nMake them with \`${command} edit ${bot.id}\` and save: it goes back for review.`,
    rejected: `:no_entry: ${botTitle(bot)}, which you entered for ${name(owner.name)}, was not accepted by ${reviewer}.${comment}`,
  };
  return {
    text: `Bot #${bot.id} for ${owner.name}: ${review.decision.replace('_', ' ')} by ${review.reviewer.name}.`,
    blocks: [section(lines[review.decision])],
  };
}
