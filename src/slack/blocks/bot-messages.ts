import type { KnownBlock } from '@slack/types';
import type { OwnedBotSummary } from '../../db/queries/bots.js';
import type { CommandProblem } from '../../domain/bot-command.js';
import type { BotStatus } from '../../domain/bot-status.js';
import type { IssueTokenOutcome } from '../../domain/bot-tokens.js';
import { type FieldError, type UserError, userErrorKey } from '../../domain/errors.js';
import type { MyBots } from '../../domain/submissions.js';
import type { SlackUseOutcome } from '../../domain/usage.js';
import { type MessageKey, type MessageParams, type Translator, translator } from '../../i18n/index.js';
import { context, SLACK_LIMITS, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';

/** English: to tell a coded error's message from a sentence already said (userErrorText), and the working text the tests wait for. */
const ENGLISH = translator('en');

/**
 * Replies to the employee command. Pure: data in, Slack message out, in the reader's language
 * (`tr`). Both the blocks and the fallback `text` are mrkdwn, so user text is escaped in each.
 */

const HELP_LINES = [
  'bot.help.submit',
  'bot.help.submit_inline',
  'bot.help.list',
  'bot.help.edit',
  'bot.help.withdraw',
  'bot.help.use',
  'bot.help.token',
  'bot.help.me',
  'bot.help.remind',
  'bot.help.submit_for',
  'bot.help.team',
  'bot.help.learn',
  'bot.help.help',
] as const satisfies readonly MessageKey[];

export function renderHelp(tr: Translator, command: string, problem?: CommandProblem): SlackMessage {
  const lines = HELP_LINES.map((key) => tr.t(key, { command }));
  const aliases = tr.t('bot.help.aliases');
  if (aliases !== '') lines.push(aliases);
  // The problem quotes what the user typed: the whole of it is escaped, as before translation.
  const said = problem
    ? escapeMrkdwn(tr.t(`bot.problem.${problem.code}`, problem.params as MessageParams))
    : '';
  const intro = problem ? `:warning: ${said}\n\n` : '';
  return {
    text: problem
      ? tr.t('bot.help.try_help', { problem: said, command })
      : tr.t('bot.help.usage', { command }),
    blocks: [section(`${intro}${lines.join('\n')}`)],
  };
}

export interface SubmittedBot {
  id: number;
  name: string;
  status: BotStatus;
}

export function renderSubmitted(tr: Translator, bot: SubmittedBot, created: boolean): SlackMessage {
  const name = escapeMrkdwn(bot.name);
  const text = created
    ? tr.t('bot.submitted', { name, id: bot.id })
    : tr.t('bot.already_submitted_detail', { name, id: bot.id, status: bot.status });
  return {
    text: created ? tr.t('bot.saved', { name, id: bot.id }) : tr.t('bot.already_submitted', { id: bot.id }),
    blocks: [section(text)],
  };
}

export function renderEdited(tr: Translator, bot: SubmittedBot, resubmitted: boolean): SlackMessage {
  const state = resubmitted ? 'resubmitted' : 'saved';
  return {
    text: tr.t('bot.edited.text', { id: bot.id, state }),
    blocks: [section(tr.t('bot.edited', { id: bot.id, name: escapeMrkdwn(bot.name), state }))],
  };
}

export function renderWithdrawn(tr: Translator, bot: SubmittedBot): SlackMessage {
  return {
    text: tr.t('bot.withdrawn.text', { id: bot.id }),
    blocks: [section(tr.t('bot.withdrawn', { id: bot.id, name: escapeMrkdwn(bot.name) }))],
  };
}

export function renderBotList(tr: Translator, command: string, mine: MyBots): SlackMessage {
  if (mine.total === 0) {
    return {
      text: tr.t('bot.list.empty'),
      blocks: [section(tr.t('bot.list.empty_hint', { command }))],
    };
  }
  const header = section(tr.t('bot.list.header', { count: mine.total }));
  const rows = mine.bots.map((bot) => section(renderBotLine(bot, tr)));
  // Bots you entered for someone else (issue 14): you may edit or withdraw them on their behalf.
  const forOthers = mine.enteredForOthers.slice(0, ENTERED_FOR_OTHERS_SHOWN);
  if (forOthers.length > 0) {
    const lines = forOthers.map((bot) =>
      tr.t('bot.list.for_owner', {
        line: renderBotLine(bot, tr),
        owner: escapeMrkdwn(clip(bot.ownerName, 80)),
      }),
    );
    rows.push(section(`${tr.t('bot.list.entered_for_others')}\n${lines.join('\n')}`));
  }
  const room = SLACK_LIMITS.messageBlocks - 2;
  const shown = rows.slice(0, room);
  const hidden = mine.total - shown.length;
  const blocks: KnownBlock[] = [header, ...shown];
  if (hidden > 0) blocks.push(context(tr.t('bot.list.more', { count: hidden })));
  return { text: tr.t('bot.list.summary', { count: mine.total }), blocks };
}

/** "*#12* <link|Name>": a bot's id and its name, linked when it has a link. */
export function botTitle(bot: { id: number; name: string; link: string | null }): string {
  return `*#${bot.id}* ${bot.link ? mrkdwnLink(bot.link, bot.name) : `*${escapeMrkdwn(bot.name)}*`}`;
}

/** One bot in a list: id, name (linked), status, colleague uses, submission day (in the reader's zone). */
export function renderBotLine(bot: OwnedBotSummary, tr: Translator): string {
  const parts = [
    `${botTitle(bot)} — ${tr.t(`common.status.${bot.status}`)}`,
    `${tr.t('bot.line.uses', { count: bot.colleagueUses })}${bot.reportedUses > 0 ? tr.t('bot.line.reported', { count: bot.reportedUses }) : ''}`,
    tr.t('bot.line.submitted', { day: submittedDay(tr, bot.submittedAt) }),
  ];
  if (bot.enteredByName)
    parts.push(tr.t('common.entered_by', { name: escapeMrkdwn(clip(bot.enteredByName, 80)) }));
  if (bot.ownerConfirmation === 'pending') parts.push(tr.t('bot.line.awaiting_owner'));
  if (bot.ownerConfirmation === 'declined') parts.push(tr.t('bot.line.declined'));
  return parts.join(' · ');
}

/** English keeps the ISO day it always showed; other languages their own date, both in the reader's zone. */
function submittedDay(tr: Translator, at: Date): string {
  if (tr.locale !== 'en') return tr.date(at);
  return new Intl.DateTimeFormat('en-CA', { timeZone: tr.timeZone }).format(at); // 2026-03-05
}

/** How many bots entered for others `list` shows (one section). */
const ENTERED_FOR_OTHERS_SHOWN = 10;

/**
 * The answer to `use <id>`: recorded, counted already, or why not. A bot that is unknown, withdrawn
 * or rejected gets one neutral line: no name, owner or review outcome.
 */
export function renderUse(tr: Translator, outcome: SlackUseOutcome): SlackMessage {
  if (outcome.kind === 'unavailable')
    return renderWarning(tr.t('bot.use.unavailable', { id: outcome.botId }));
  const { bot } = outcome;
  const plain = escapeMrkdwn(tr.t('bot.use.plain', { id: bot.id, name: bot.name, owner: bot.ownerName }));
  const rich = tr.t('bot.use.rich', {
    id: bot.id,
    name: escapeMrkdwn(bot.name),
    owner: escapeMrkdwn(bot.ownerName),
  });
  switch (outcome.kind) {
    case 'recorded':
      return {
        text: tr.t('bot.use.recorded.text', { bot: plain }),
        blocks: [section(tr.t('bot.use.recorded', { bot: rich }))],
      };
    case 'already-recorded':
      return {
        text: tr.t('bot.use.already.text', { bot: plain }),
        blocks: [section(tr.t('bot.use.already', { bot: rich }))],
      };
    case 'own-bot':
      return {
        text: tr.t('bot.use.own.text', { id: bot.id }),
        blocks: [section(tr.t('bot.use.own', { id: bot.id, name: escapeMrkdwn(bot.name) }))],
      };
  }
}

/**
 * The answer to `token <id>`. The token appears only in the blocks (never in the notification
 * text) and only this once: it is stored hashed.
 */
export function renderUsageToken(tr: Translator, command: string, outcome: IssueTokenOutcome): SlackMessage {
  switch (outcome.kind) {
    case 'not-found':
      return renderWarning(tr.t('bot.token.not_found', { id: outcome.botId, command }));
    case 'not-owner':
      return renderWarning(tr.t('bot.token.not_owner', { id: outcome.botId }));
    case 'not-usable':
      return renderWarning(tr.t('bot.token.not_usable', { id: outcome.bot.id, status: outcome.bot.status }));
    case 'issued': {
      const { bot, token } = outcome;
      const curl = [
        'curl -X POST https://YOUR-PUBLIC-HOST/api/v1/usage \\',
        `  -H 'Authorization: Bearer ${token}' \\`,
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"user_email": "colleague@example.com"}'`,
      ].join('\n');
      return {
        text: tr.t('bot.token.issued.text', { id: bot.id }),
        blocks: [
          section(
            tr.t('bot.token.issued', {
              id: bot.id,
              name: escapeMrkdwn(bot.name),
              replaced: outcome.replacedOld ? 'yes' : 'no',
            }),
          ),
          section(`\`\`\`${token}\`\`\``),
          section(`${tr.t('bot.token.how')}\n\`\`\`${escapeMrkdwn(curl)}\`\`\``),
          context(tr.t('bot.token.leak', { command, id: bot.id })),
        ],
      };
    }
  }
}

export function renderReminders(tr: Translator, command: string, enabled: boolean): SlackMessage {
  const text = enabled ? tr.t('bot.remind.on') : tr.t('bot.remind.off', { command });
  return { text, blocks: [section(`${enabled ? ':bell:' : ':no_bell:'} ${text}`)] };
}

/**
 * A user error in the reader's language: its field errors when it has some (a form's problems), else
 * its code. An error built from a sentence (one already said in the reader's language) shows that sentence.
 */
export function userErrorText(error: UserError, tr: Translator): string {
  if (error.fieldErrors.length > 0) return error.fieldErrors.map((f) => fieldErrorText(f, tr)).join('\n');
  const key = userErrorKey(error.code);
  const coded = ENGLISH.t(key, error.params) === error.message;
  return coded ? tr.t(key, error.params) : error.message;
}

/** One field's problem in the reader's language (the choices of a select listed in it too). */
export function fieldErrorText(error: FieldError, tr: Translator): string {
  const params: MessageParams = { ...error.params, field: error.field };
  if (error.code === 'unknown_choice') {
    const choices = error.field === 'platform' ? PLATFORM_KEYS : CATEGORY_KEYS;
    params.choices = choices.map((key) => tr.t(key)).join(tr.locale === 'en' ? ', ' : '、');
  }
  return tr.t(`errors.field.${error.code}`, params);
}

const PLATFORM_KEYS = [
  'bot.platform.chatgpt_gpt',
  'bot.platform.coze',
  'bot.platform.dify',
  'bot.platform.copilot_studio',
  'bot.platform.internal_script',
  'bot.platform.other',
] as const satisfies readonly MessageKey[];
const CATEGORY_KEYS = [
  'bot.category.self',
  'bot.category.team',
  'bot.category.cross_team',
  'bot.category.company',
  'bot.category.customers',
] as const satisfies readonly MessageKey[];

/** A platform's or a category's label in the reader's language; null for none (or a value no longer offered). */
export function choiceLabel(
  field: 'platform' | 'category',
  value: string | null,
  tr: Translator,
): string | null {
  const key = `bot.${field}.${value}`;
  const keys: readonly string[] = field === 'platform' ? PLATFORM_KEYS : CATEGORY_KEYS;
  return value !== null && keys.includes(key) ? tr.t(key as MessageKey) : null;
}

/** A user error as a reply. */
export function renderUserError(error: UserError | string, tr: Translator): SlackMessage {
  return renderWarning(typeof error === 'string' ? error : userErrorText(error, tr));
}

function renderWarning(message: string): SlackMessage {
  return { text: escapeMrkdwn(message), blocks: [section(`:warning: ${escapeMrkdwn(message)}`)] };
}

/** The honest answer when something failed on our side: nothing was saved. */
export function renderNotSaved(databaseDown: boolean, tr: Translator): SlackMessage {
  const text = tr.t(databaseDown ? 'errors.not_saved.database' : 'errors.not_saved.internal');
  return { text, blocks: [section(`:x: ${text}`)] };
}

export function describeBotDetails(
  bot: {
    platform: string | null;
    category: string | null;
    hoursSavedPerWeek: number | null;
  },
  tr: Translator,
): string {
  return [
    choiceLabel('platform', bot.platform, tr),
    choiceLabel('category', bot.category, tr),
    bot.hoursSavedPerWeek === null ? null : tr.t('bot.details.hours', { hours: bot.hoursSavedPerWeek }),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The ack when a command's answer is not ready within the budget: the answer follows. */
export const WORKING_TEXT = ENGLISH.t('common.working');
/** The same in every language (the test harness tells it apart from an answer). */
export const WORKING_TEXTS: ReadonlySet<string> = new Set([
  WORKING_TEXT,
  translator('zh-CN').t('common.working'),
]);
export function renderWorking(tr: Translator): SlackMessage {
  const text = tr.t('common.working');
  return { text, blocks: [section(`:hourglass_flowing_sand: ${text}`)] };
}

/** Too much work in flight: refused at once, and honestly. */
export function renderBusy(tr: Translator): SlackMessage {
  const text = tr.t('errors.busy');
  return { text, blocks: [section(`:construction: ${text}`)] };
}

/** The app is stopping (a deploy or restart): the request was not taken. */
export function renderRestarting(tr: Translator): SlackMessage {
  const text = tr.t('errors.restarting');
  return { text, blocks: [section(`:arrows_counterclockwise: ${text}`)] };
}

/** A button or form from an old message or modal that the app no longer understands. */
export function renderOutOfDate(what: 'button' | 'form', tr: Translator): SlackMessage {
  const text = tr.t(what === 'button' ? 'errors.out_of_date.button' : 'errors.out_of_date.form');
  return { text, blocks: [section(`:warning: ${text}`)] };
}
