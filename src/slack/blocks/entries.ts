import type { KnownBlock, ModalView, View } from '@slack/types';
import type { EntryResult, EntrySubject, EntryView } from '../../domain/entries-for-others.js';
import type { ReviewContext, ReviewRecord } from '../../domain/reviews.js';
import { renderBotForm } from './bot-form.js';
import type { SlackMessage } from './bot-messages.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';
import { botTitle } from './review.js';

/** Messages about bots entered for someone else (issue 14). Pure: data in, Block Kit out. */

export const SUBMIT_FOR_VIEW_ID = 'bot_submit_for';
export const ENTRY_CONFIRM_ACTION = 'entry_confirm';
export const ENTRY_DECLINE_ACTION = 'entry_decline';

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, 3000) },
});
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text, 3000) }],
});
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
    title: { type: 'plain_text', text: clip(`Bot for ${subject.name}`, 24) },
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
  const description = clip(bot.description, 500)
    .split('\n')
    .map((line) => `>${escapeMrkdwn(line)}`)
    .join('\n');
  return {
    text: `${enteredBy?.name ?? 'Someone'} entered bot #${bot.id} for you. Is it yours?`,
    blocks: [
      section(
        `:wave: ${by} entered a bot for you: ${botTitle(bot)}\n${description}\nIs it yours? It counts toward your record, and goes for review, only once you confirm.`,
      ),
      {
        type: 'actions',
        block_id: `entry_${bot.id}`,
        elements: [
          {
            type: 'button',
            action_id: ENTRY_CONFIRM_ACTION,
            style: 'primary',
            text: { type: 'plain_text', text: 'Yes, this is mine' },
            value: String(bot.id),
          },
          {
            type: 'button',
            action_id: ENTRY_DECLINE_ACTION,
            text: { type: 'plain_text', text: 'Not mine' },
            value: String(bot.id),
          },
        ],
      },
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
  const comment = review.comment
    ? `\n${clip(review.comment, 2000)
        .split('\n')
        .map((line) => `>${escapeMrkdwn(line)}`)
        .join('\n')}`
    : '';
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
