import { type ErrorParams, inEnglish } from './errors.js';
import { type PersonTarget, parsePersonTarget } from './hr-command.js';

/**
 * The grammar of the employee command (DESIGN §2). Any text parses to a command or to help
 * with the problem explained; parsing never throws.
 */
export type BotCommand =
  /** `problem` is the English of `problemCode` (logs); renderers translate the code. */
  | { kind: 'help'; problem?: string; problemCode?: CommandProblem }
  | { kind: 'submit-modal' }
  | { kind: 'submit-inline'; name: string; link: string; description: string }
  | { kind: 'list' }
  | { kind: 'edit'; botId: number }
  | { kind: 'withdraw'; botId: number }
  | { kind: 'use'; botId: number }
  | { kind: 'token'; botId: number }
  /** `remind on|off`: deadline nudges wanted or not (src/domain/nudge-opt-out.ts). */
  | { kind: 'nudges'; enabled: boolean }
  | { kind: 'me'; period?: string }
  /** `submit for <email or @user>`: the form, for someone else (issue 14). */
  | { kind: 'submit-for-modal'; target: PersonTarget }
  | { kind: 'submit-for-inline'; target: PersonTarget; name: string; link: string; description: string }
  /** `team [period]`: a manager's direct reports' records. */
  | { kind: 'team'; period?: string }
  | { kind: 'learn' };

/** What was wrong with a command, as a code for `bot.problem.<code>` with its params (docs/i18n.md). */
export type CommandProblem =
  | { code: 'unknown_verb'; params: { verb: string } }
  | { code: 'needs_id'; params: { verb: string } }
  | { code: 'remind' | 'inline' | 'learn' | 'submit_for'; params?: undefined }
  | { code: 'submit_for_who'; params: { who: string } };

/**
 * Chinese aliases of the subcommands (shown in the Chinese help); the English words stay. An alias
 * may be followed by its argument without a space (`撤回12`), as Chinese is written.
 */
export const BOT_COMMAND_ALIASES: ReadonlyArray<readonly [alias: string, verb: string]> = [
  ['代提交', 'submit for'],
  ['帮助', 'help'],
  ['提交', 'submit'],
  ['列表', 'list'],
  ['修改', 'edit'],
  ['撤回', 'withdraw'],
  ['使用', 'use'],
  ['令牌', 'token'],
  ['提醒', 'remind'],
  ['我的', 'me'],
  ['团队', 'team'],
  ['培训', 'learn'],
];

const REMIND_WORDS: Record<string, boolean> = {
  on: true,
  off: false,
  开: true,
  开启: true,
  打开: true,
  关: false,
  关闭: false,
};

/** Subcommands that act on one bot, written `<verb> 12` or `<verb> #12`. */
type BotIdVerb = Extract<BotCommand, { botId: number }>['kind'];

// Chinese input methods type a full-width bar; accept both.
const INLINE_SUBMIT = /^([^|｜]*)[|｜]([^|｜]*)[|｜]([\s\S]*)$/;

export function parseBotCommand(rawText: string): BotCommand {
  const text = unescapeSlackText(rawText).trim();
  const alias = BOT_COMMAND_ALIASES.find(([word]) => text.startsWith(word));
  const match = alias ? [text, ...alias[1].split(' '), ''] : /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return { kind: 'help' };
  const verb = (match[1] ?? '').toLowerCase();
  // `代提交 x` is `submit for x`.
  const rest = alias ? `${match[2] ?? ''} ${text.slice(alias[0].length)}`.trim() : (match[2] ?? '').trim();
  /** The word as typed, for a problem's message. */
  const typed = alias ? alias[0] : verb;
  switch (verb) {
    case 'help':
      return { kind: 'help' };
    case 'submit':
      if (/^for\s/i.test(rest)) {
        const forSomeone = parseSubmitFor(rest.slice(3).trim());
        if (forSomeone) return forSomeone;
      }
      return rest === '' ? { kind: 'submit-modal' } : parseInlineSubmit(rest);
    case 'team':
      return rest === '' ? { kind: 'team' } : { kind: 'team', period: rest };
    case 'list':
      return { kind: 'list' };
    case 'edit':
    case 'withdraw':
    case 'use':
    case 'token':
      return parseBotIdCommand(verb, typed, rest);
    case 'remind':
      return parseRemind(rest);
    case 'me':
      return rest === '' ? { kind: 'me' } : { kind: 'me', period: rest };
    case 'learn':
      return rest === '' ? { kind: 'learn' } : helpWith({ code: 'learn' });
    default:
      return helpWith({ code: 'unknown_verb', params: { verb: truncate(verb, 30) } });
  }
}

/** Help, with the problem as a code and its English. */
function helpWith(problemCode: CommandProblem): BotCommand {
  const english = inEnglish(`bot.problem.${problemCode.code}`, (problemCode.params ?? {}) as ErrorParams);
  return { kind: 'help', problem: english, problemCode };
}

function parseBotIdCommand(verb: BotIdVerb, typed: string, rest: string): BotCommand {
  const botId = parseBotId(rest);
  if (botId === null) return helpWith({ code: 'needs_id', params: { verb: typed } });
  return { kind: verb, botId };
}

function parseRemind(rest: string): BotCommand {
  const enabled = REMIND_WORDS[rest.toLowerCase()];
  if (enabled !== undefined) return { kind: 'nudges', enabled };
  return helpWith({ code: 'remind' });
}

function parseInlineSubmit(rest: string): BotCommand {
  // The description may itself contain bars (either kind); only the first two separate fields,
  // and the rest is kept exactly as typed.
  const match = INLINE_SUBMIT.exec(rest);
  if (!match) return helpWith({ code: 'inline' });
  const [, name = '', link = '', description = ''] = match;
  return { kind: 'submit-inline', name: name.trim(), link: link.trim(), description: description.trim() };
}

/**
 * `for <who> [| name | link | description]`. Null when `<who>` is not a person at all, so that a
 * one-line submission of a bot whose name starts with "for" keeps working.
 */
function parseSubmitFor(rest: string): BotCommand | null {
  // A mention arrives as <@U123|name> when escaped: its bar does not separate fields.
  const match = /^(<[^>\s]*>|[^\s|｜]+)\s*([\s\S]*)$/.exec(rest);
  const who = match?.[1] ?? '';
  const after = (match?.[2] ?? '').trim();
  if (/^@[^\s@]+$/.test(who)) {
    // Slack sent the name as typed instead of the user's id (an unescaped command).
    return helpWith({ code: 'submit_for_who', params: { who: truncate(who, 40) } });
  }
  const target = parsePersonTarget(who.replace(/^mailto:/i, ''));
  if (!target) return null;
  if (after === '') return { kind: 'submit-for-modal', target };
  if (!/^[|｜]/.test(after)) return helpWith({ code: 'submit_for' });
  const inline = parseInlineSubmit(after.slice(1).trim());
  if (inline.kind !== 'submit-inline') return helpWith({ code: 'submit_for' });
  const { name, link, description } = inline;
  return { kind: 'submit-for-inline', target, name, link, description };
}

/** `12` or `#12`; null for anything else (including ids too large to exist). */
export function parseBotId(text: string): number | null {
  const match = /^#?(\d{1,9})$/.exec(text.trim());
  if (!match) return null;
  const id = Number(match[1]);
  return id > 0 ? id : null;
}

/**
 * Slack sends command text with &, <, > escaped and, when escaping is on, links wrapped as
 * <https://x|label>. Recover what the user typed.
 */
export function unescapeSlackText(text: string): string {
  return text
    .replace(/<mailto:([^|>]*)(?:\|[^>]*)?>/g, '$1')
    .replace(/<(https?:[^|>]*)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}
