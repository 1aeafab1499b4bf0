import type { KnownBlock, View } from '@slack/types';
import type { BotDraft, BotDraftInput } from '../../domain/bot-draft.js';
import { CATEGORIES, LIMITS, PLATFORMS } from '../../domain/bot-draft.js';
import type { BotField } from '../../domain/errors.js';
import { plainText, SLACK_LIMITS, type SlackMessage, type ViewStateValues } from './kit.js';

/** The submit / edit modal. Block ids are the domain's field names, so field errors map 1:1. */
export const SUBMIT_VIEW_ID = 'bot_submit';
export const EDIT_VIEW_ID = 'bot_edit';

export function renderBotForm(options: { editing?: { botId: number; values: BotDraft } }): View {
  const initial = options.editing?.values;
  const option = (choice: { value: string; label: string }) => ({
    text: plainText(choice.label, SLACK_LIMITS.optionText),
    value: choice.value,
  });
  const selected = (
    choices: ReadonlyArray<{ value: string; label: string }>,
    value: string | null | undefined,
  ) => {
    const choice = choices.find((c) => c.value === value);
    return choice ? { initial_option: option(choice) } : {};
  };
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: 'name',
      label: { type: 'plain_text', text: 'Name' },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: LIMITS.name.max,
        placeholder: { type: 'plain_text', text: 'e.g. Weekly report helper / 周报助手' },
        ...(initial ? { initial_value: initial.name } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'description',
      label: { type: 'plain_text', text: 'What it does' },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        max_length: LIMITS.description.max,
        placeholder: { type: 'plain_text', text: 'Who uses it, for what, and what it saves them' },
        ...(initial ? { initial_value: initial.description } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'category',
      label: { type: 'plain_text', text: 'Who it helps' },
      element: {
        type: 'static_select',
        action_id: 'value',
        options: CATEGORIES.map(option),
        ...selected(CATEGORIES, initial?.category),
      },
    },
    {
      type: 'input',
      block_id: 'link',
      optional: true,
      label: { type: 'plain_text', text: 'Link' },
      hint: { type: 'plain_text', text: 'Where colleagues can try it. Leave empty if there is no link.' },
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
      label: { type: 'plain_text', text: 'Platform' },
      element: {
        type: 'static_select',
        action_id: 'value',
        options: PLATFORMS.map(option),
        ...selected(PLATFORMS, initial?.platform),
      },
    },
    {
      type: 'input',
      block_id: 'hoursSavedPerWeek',
      optional: true,
      label: { type: 'plain_text', text: 'Estimated hours saved per week' },
      hint: { type: 'plain_text', text: 'Your own estimate, for everyone who uses it; 0 to 168.' },
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
    title: {
      type: 'plain_text',
      text: options.editing ? `Edit bot #${options.editing.botId}` : 'Submit your AI bot',
    },
    submit: { type: 'plain_text', text: options.editing ? 'Save' : 'Submit' },
    close: { type: 'plain_text', text: 'Cancel' },
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
export function renderBotFormDone(title: string, message: SlackMessage): View {
  return {
    type: 'modal',
    title: plainText(title, SLACK_LIMITS.viewTitle),
    close: plainText('Done'),
    blocks: message.blocks ?? [{ type: 'section', text: plainText(message.text, SLACK_LIMITS.sectionText) }],
  };
}
