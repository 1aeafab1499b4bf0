import { type PersonTarget, parsePersonTarget } from './hr-command.js';

/**
 * The grammar of the employee command (DESIGN §2). Any text parses to a command or to help
 * with the problem explained; parsing never throws.
 */
export type BotCommand =
  | { kind: 'help'; problem?: string }
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

/** Subcommands that act on one bot, written `<verb> 12` or `<verb> #12`. */
type BotIdVerb = Extract<BotCommand, { botId: number }>['kind'];

// Chinese input methods type a full-width bar; accept both.
const INLINE_SUBMIT = /^([^|｜]*)[|｜]([^|｜]*)[|｜]([\s\S]*)$/;

export function parseBotCommand(rawText: string): BotCommand {
  const text = unescapeSlackText(rawText).trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return { kind: 'help' };
  const verb = (match[1] ?? '').toLowerCase();
  const rest = (match[2] ?? '').trim();
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
      return parseBotIdCommand(verb, rest);
    case 'remind':
      return parseRemind(rest);
    case 'me':
      return rest === '' ? { kind: 'me' } : { kind: 'me', period: rest };
    case 'learn':
      return rest === '' ? { kind: 'learn' } : { kind: 'help', problem: '`learn` takes nothing after it.' };
    default:
      return { kind: 'help', problem: `I don't know \`${truncate(verb, 30)}\`.` };
  }
}

function parseBotIdCommand(verb: BotIdVerb, rest: string): BotCommand {
  const botId = parseBotId(rest);
  if (botId === null) return { kind: 'help', problem: `\`${verb}\` needs one bot id, like \`${verb} #12\`.` };
  return { kind: verb, botId };
}

function parseRemind(rest: string): BotCommand {
  const setting = rest.toLowerCase();
  if (setting === 'on' || setting === 'off') return { kind: 'nudges', enabled: setting === 'on' };
  return {
    kind: 'help',
    problem: '`remind` needs `on` or `off`: `remind off` stops deadline reminders, `remind on` resumes them.',
  };
}

function parseInlineSubmit(rest: string): BotCommand {
  // The description may itself contain bars (either kind); only the first two separate fields,
  // and the rest is kept exactly as typed.
  const match = INLINE_SUBMIT.exec(rest);
  if (!match) {
    return {
      kind: 'help',
      problem:
        'A one-line submission has three parts separated by `|`: `submit <name> | <link or none> | <what it does>`.',
    };
  }
  const [, name = '', link = '', description = ''] = match;
  return { kind: 'submit-inline', name: name.trim(), link: link.trim(), description: description.trim() };
}

const SUBMIT_FOR_USAGE =
  '`submit for <email or @user>` opens the form for them; `submit for <email or @user> | <name> | <link or none> | <what it does>` stores it in one line.';

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
    return {
      kind: 'help',
      problem: `I can't tell who \`${truncate(who, 40)}\` is: pick them from Slack's list as you type, or give their email. ${SUBMIT_FOR_USAGE}`,
    };
  }
  const target = parsePersonTarget(who.replace(/^mailto:/i, ''));
  if (!target) return null;
  if (after === '') return { kind: 'submit-for-modal', target };
  if (!/^[|｜]/.test(after)) return { kind: 'help', problem: SUBMIT_FOR_USAGE };
  const inline = parseInlineSubmit(after.slice(1).trim());
  if (inline.kind !== 'submit-inline') return { kind: 'help', problem: SUBMIT_FOR_USAGE };
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
