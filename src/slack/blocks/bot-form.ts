import type { KnownBlock, View } from '@slack/types';
import type { BotDraft, BotDraftInput } from '../../domain/bot-draft.js';
import { CATEGORIES, LIMITS, PLATFORMS } from '../../domain/bot-draft.js';
import type { BotField } from '../../domain/errors.js';
import type { Translator } from '../../i18n/index.js';
import { choiceLabel } from './bot-messages.js';
import { plainText, SLACK_LIMITS, type SlackMessage, type ViewStateValues } from './kit.js';

/** The submit / edit modal. Block ids are the domain's field names, so field errors map 1:1. */
export const SUBMIT_VIEW_ID = 'bot_submit';
export const EDIT_VIEW_ID = 'bot_edit';

/** The form in the reader's language. */
export function renderBotForm(
  options: { editing?: { botId: number; values: BotDraft } },
  tr: Translator,
): View {
  const initial = options.editing?.values;
  const field = (name: 'platform' | 'category') => (choice: { value: string }) => ({
    text: plainText(choiceLabel(name, choice.value, tr) ?? choice.value, SLACK_LIMITS.optionText),
    value: choice.value,
  });
  const plain = (text: string) => ({ type: 'plain_text' as const, text });
  const selected = (
    name: 'platform' | 'category',
    choices: ReadonlyArray<{ value: string }>,
    value: string | null | undefined,
  ) => {
    const choice = choices.find((c) => c.value === value);
    return choice ? { initial_option: field(name)(choice) } : {};
  };
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: 'name',
      label: plain(tr.t('bot.form.name')),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: LIMITS.name.max,
        placeholder: plain(tr.t('bot.form.name.placeholder')),
        ...(initial ? { initial_value: initial.name } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'description',
      label: plain(tr.t('bot.form.description')),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        max_length: LIMITS.description.max,
        placeholder: plain(tr.t('bot.form.description.placeholder')),
        ...(initial ? { initial_value: initial.description } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'category',
      label: plain(tr.t('bot.form.category')),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: CATEGORIES.map(field('category')),
        ...selected('category', CATEGORIES, initial?.category),
      },
    },
    {
      type: 'input',
      block_id: 'link',
      optional: true,
      label: plain(tr.t('bot.form.link')),
      hint: plain(tr.t('bot.form.link.hint')),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        placeholder: { type: 'plain_text', text: 'https://…' },
        ...(initial?.link ? { initial_value: initial.link } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'platform',
      label: plain(tr.t('bot.form.platform')),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: PLATFORMS.map(field('platform')),
        ...selected('platform', PLATFORMS, initial?.platform),
      },
    },
    {
      type: 'input',
      block_id: 'hoursSavedPerWeek',
      optional: true,
      label: plain(tr.t('bot.form.hours')),
      hint: plain(tr.t('bot.form.hours.hint', { min: LIMITS.hours.min, max: LIMITS.hours.max })),
      element: {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: true,
        min_value: String(LIMITS.hours.min),
        max_value: String(LIMITS.hours.max),
        ...(initial?.hoursSavedPerWeek != null ? { initial_value: String(initial.hoursSavedPerWeek) } : {}),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: options.editing ? EDIT_VIEW_ID : SUBMIT_VIEW_ID,
    private_metadata: options.editing ? JSON.stringify({ botId: options.editing.botId }) : '',
    title: plainText(
      options.editing
        ? tr.t('bot.form.title.edit', { id: options.editing.botId })
        : tr.t('bot.form.title.submit'),
      SLACK_LIMITS.viewTitle,
    ),
    submit: plain(tr.t(options.editing ? 'bot.form.save' : 'bot.form.submit')),
    close: plain(tr.t('bot.form.cancel')),
    blocks,
  };
}

/** Reads the modal's state back into a draft, field by field. */
export function readBotForm(values: ViewStateValues): BotDraftInput {
  const text = (field: BotField) => values[field]?.value?.value ?? null;
  const choice = (field: BotField) => values[field]?.value?.selected_option?.value ?? null;
  return {
    name: text('name'),
    description: text('description'),
    link: text('link'),
    category: choice('category'),
    platform: choice('platform'),
    hoursSavedPerWeek: text('hoursSavedPerWeek'),
  };
}

/** The private_metadata of an edit modal: the bot id, or null when missing or tampered with. */
export function readEditedBotId(privateMetadata: string | undefined): number | null {
  try {
    const { botId } = JSON.parse(privateMetadata ?? '') as { botId?: unknown };
    return typeof botId === 'number' && Number.isInteger(botId) && botId > 0 ? botId : null;
  } catch {
    return null;
  }
}

/** The view that replaces the modal once it is saved. */
export function renderBotFormDone(title: string, message: SlackMessage, tr: Translator): View {
  return {
    type: 'modal',
    title: plainText(title, SLACK_LIMITS.viewTitle),
    close: plainText(tr.t('bot.form.done.close')),
    blocks: message.blocks ?? [{ type: 'section', text: plainText(message.text, SLACK_LIMITS.sectionText) }],
  };
}
