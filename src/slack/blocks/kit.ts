import type {
  ActionsBlock,
  Button,
  ColorScheme,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
  View,
} from '@slack/types';
import { participationChange, participationRate } from '../../domain/participation.js';
import type { Translator } from '../../i18n/index.js';
import { clip } from './mrkdwn.js';

/**
 * The pieces every renderer in blocks/ is built from: Block Kit's limits, the blocks themselves
 * (each clipped to its limit, so no user text can make Slack refuse a message), the line packer,
 * and how shares and their changes are written. Renderers say what to show; this says how it fits.
 */

/** A message: the fallback `text` (notifications, screen readers) and its blocks. Both are mrkdwn. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

/** What a view submission carries back: block id → action id → the element's state. */
export type ViewStateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

/**
 * Block Kit's limits, in characters (Slack counts code points; `clip` does too) or items. Sources:
 * https://docs.slack.dev/reference/block-kit/blocks (per block) and
 * https://docs.slack.dev/reference/block-kit/block-elements (per element),
 * https://docs.slack.dev/reference/views (views), https://docs.slack.dev/messaging (messages).
 */
export const SLACK_LIMITS = {
  /** A section's text (blocks/section-block). */
  sectionText: 3000,
  /** Each of a section's fields (blocks/section-block: at most 10 fields, 2000 characters each). */
  sectionFieldText: 2000,
  sectionFields: 10,
  /** A context block's elements, and the text of each (blocks/context-block: 10; text-object: 3000). */
  contextElements: 10,
  contextText: 3000,
  /** A header's plain text (blocks/header-block). */
  headerText: 150,
  /** Blocks in one message (messaging: "up to 50 blocks in each message"). */
  messageBlocks: 50,
  /** Blocks in a modal or the Home tab (views: "up to 100 blocks"). */
  viewBlocks: 100,
  /** A view's title, submit and close texts (views: 24 characters each). */
  viewTitle: 24,
  /** A button's text and value (block-elements/button-element: 75 and 2000). */
  buttonText: 75,
  buttonValue: 2000,
  /** An option's text (composition-objects/option-object: 75). */
  optionText: 75,
  /** Options in one checkbox group (block-elements/checkboxes-element: 10). */
  checkboxOptions: 10,
} as const;

/** A mrkdwn section, clipped to the section limit; optionally with a block id and a button beside it. */
export function section(text: string, options: { blockId?: string; accessory?: Button } = {}): SectionBlock {
  return {
    type: 'section',
    ...(options.blockId ? { block_id: options.blockId } : {}),
    text: mrkdwn(text, SLACK_LIMITS.sectionText),
    ...(options.accessory ? { accessory: options.accessory } : {}),
  };
}

/** A context line: its mrkdwn texts side by side (at most 10), each clipped to its limit. */
export function context(...texts: string[]): KnownBlock {
  return {
    type: 'context',
    elements: texts
      .slice(0, SLACK_LIMITS.contextElements)
      .map((text) => mrkdwn(text, SLACK_LIMITS.contextText)),
  };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: plainText(text, SLACK_LIMITS.headerText) };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/** A section of label / value fields (at most 10; Slack shows them in two columns). */
export function fields(pairs: ReadonlyArray<readonly [label: string, value: string]>): KnownBlock {
  return {
    type: 'section',
    fields: pairs
      .slice(0, SLACK_LIMITS.sectionFields)
      .map(([label, value]) => mrkdwn(`*${label}*\n${value}`, SLACK_LIMITS.sectionFieldText)),
  };
}

export function plainText(text: string, max?: number): PlainTextElement {
  return { type: 'plain_text', text: max === undefined ? text : clip(text, max) };
}

function mrkdwn(text: string, max: number): MrkdwnElement {
  return { type: 'mrkdwn', text: clip(text, max) };
}

export function button(options: {
  actionId: string;
  text: string;
  value: string;
  style?: ColorScheme;
}): Button {
  return {
    type: 'button',
    action_id: options.actionId,
    value: options.value,
    text: plainText(options.text, SLACK_LIMITS.buttonText),
    ...(options.style ? { style: options.style } : {}),
  };
}

export function actions(elements: Button[], blockId?: string): ActionsBlock {
  return { type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements };
}

/**
 * The "Next N" button under page `page` of a paged list, carrying `value` (what the next page needs);
 * `label(count)` words it in the reader's language. Null on the last page, or when the value would
 * not fit a button.
 */
export function nextPageButton(options: {
  actionId: string;
  page: number;
  pageSize: number;
  total: number;
  value: string;
  label: (count: number) => string;
}): ActionsBlock | null {
  const { page, pageSize, total } = options;
  if (page * pageSize >= total || options.value.length > SLACK_LIMITS.buttonValue) return null;
  return actions([
    button({
      actionId: options.actionId,
      text: options.label(Math.min(pageSize, total - page * pageSize)),
      value: options.value,
    }),
  ]);
}

/** A message whose blocks default to one section of its text. */
export function message(text: string, blocks?: KnownBlock[]): SlackMessage {
  return { text, blocks: blocks ?? [section(text)] };
}

/**
 * Lines packed into as few sections as fit the section limit, never splitting a line (a line
 * longer than a whole section is clipped); a heading, when given, starts the first section.
 */
export function packLines(lines: readonly string[], heading?: string): KnownBlock[] {
  const max = SLACK_LIMITS.sectionText;
  const blocks: KnownBlock[] = [];
  let current = heading ?? '';
  let length = [...current].length;
  for (const raw of lines) {
    const line = clip(raw, max);
    const lineLength = [...line].length;
    if (current !== '' && length + 1 + lineLength > max) {
      blocks.push(section(current));
      current = '';
      length = 0;
    }
    current = current === '' ? line : `${current}\n${line}`;
    length += (length === 0 ? 0 : 1) + lineLength;
  }
  if (current !== '') blocks.push(section(current));
  return blocks;
}

/**
 * A last guard: never more than `limit` blocks; the last one kept says what was cut, by default
 * "…and N more not shown." (N blocks left out).
 */
export function withinBlockLimit(
  blocks: KnownBlock[],
  limit: number,
  note: string = `…and ${blocks.length - limit + 1} more not shown.`,
): KnownBlock[] {
  if (blocks.length <= limit) return blocks;
  return [...blocks.slice(0, limit - 1), context(note)];
}

/** A share as shown, "42%", or "–" for an empty group (the rate: src/domain/participation.ts). */
export function percent(part: number, whole: number): string {
  const rate = participationRate(part, whole);
  return rate === null ? '–' : `${rate}%`;
}

/**
 * The change in percentage points between two shares as shown, "+5", "−3" or "±0"; null when
 * either group is empty.
 */
export function pointsChange(
  now: { part: number; whole: number },
  before: { part: number; whole: number },
): string | null {
  const delta = participationChange(now, before);
  return delta === null ? null : signed(delta);
}

/** A signed whole number, with a true minus sign: "+5", "−3", "±0". */
export function signed(n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n)}`;
}

/** A modal that only tells something, with its Close button in the reader's language. */
export function noticeView(tr: Translator, title: string, text: string, more: KnownBlock[] = []): View {
  return {
    type: 'modal',
    title: plainText(title, SLACK_LIMITS.viewTitle),
    close: plainText(tr.t('common.close')),
    blocks: [section(text), ...more],
  };
}
