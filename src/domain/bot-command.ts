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
  | { kind: 'remind'; enabled: boolean }
  | { kind: 'me'; period?: string }
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
      return rest === '' ? { kind: 'submit-modal' } : parseInlineSubmit(rest);
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
  if (setting === 'on' || setting === 'off') return { kind: 'remind', enabled: setting === 'on' };
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
    .replace(/<((?:https?|mailto):[^|>]*)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}
