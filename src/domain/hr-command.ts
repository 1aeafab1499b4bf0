import { UserError } from './errors.js';
import type { HrUsageCode } from './hr-errors.js';
import { looksLikePeriod } from './periods.js';
import { parseSessionCommand, type SessionCommand } from './session-command.js';

/**
 * The grammar of the HR command (DESIGN §2). Parsing never throws; anything unknown is help.
 * Arguments that need the database to disambiguate (a department vs a stored period name) are
 * left as text for the domain to resolve.
 */
export type HrCommand =
  | { kind: 'help'; problem?: string; usage?: HrUsageProblem }
  | { kind: 'stats'; args: string[] }
  | { kind: 'period-list' }
  | { kind: 'period-create'; name: string; range: string; requirement: number }
  | { kind: 'person'; target: PersonTarget; period?: string }
  | { kind: 'lagging'; args: string[] }
  | { kind: 'export'; period?: string }
  | { kind: 'digest-preview' }
  | { kind: 'digest-send' }
  | SessionCommand;

/**
 * What was wrong with the text, shown above the help: a code (`hr.error.<code>` in the catalogs)
 * with its values; `problem` says the same in English (for logs).
 */
export interface HrUsageProblem {
  code: HrUsageCode;
  params: Record<string, string>;
}

export type { HrUsageCode };

function help(code: HrUsageCode, params: Record<string, string> = {}): HrCommand {
  return { kind: 'help', problem: new UserError(code, params).message, usage: { code, params } };
}

/**
 * Chinese words for the common subcommands (shown in the Chinese help); the English words keep
 * working for everyone.
 */
const VERB_ALIASES = new Map(
  Object.entries({
    帮助: 'help',
    统计: 'stats',
    周期: 'period',
    个人: 'person',
    未达标: 'lagging',
    落后: 'lagging',
    名单: 'lagging',
    导出: 'export',
    周报: 'digest',
  }),
);
const SUB_ALIASES = new Map(
  Object.entries({
    列表: 'list',
    新建: 'create',
    创建: 'create',
    预览: 'preview',
    发送: 'send',
  }),
);
const word = (token: string, aliases: ReadonlyMap<string, string>) =>
  aliases.get(token) ?? token.toLowerCase();

/** Whom `person` is about: a Slack user (a mention or an id) or, for people without Slack, an email. */
export type PersonTarget = { kind: 'slack'; slackUserId: string } | { kind: 'email'; email: string };

export function parseHrCommand(rawText: string): HrCommand {
  const tokens = rawText.trim().split(/\s+/).filter(Boolean);
  const [verb = '', ...rest] = tokens;
  switch (word(verb, VERB_ALIASES)) {
    case '':
    case 'help':
      return { kind: 'help' };
    case 'stats':
      return { kind: 'stats', args: rest };
    case 'period':
    case 'periods':
      return parsePeriodCommand(rest);
    case 'person':
      return parsePersonCommand(rest);
    case 'lagging':
      return { kind: 'lagging', args: rest };
    case 'export':
      return rest.length === 0 ? { kind: 'export' } : { kind: 'export', period: rest.join(' ') };
    case 'digest': {
      const sub = word(rest[0] ?? '', SUB_ALIASES);
      if (sub === 'preview' && rest.length === 1) return { kind: 'digest-preview' };
      if (sub === 'send' && rest.length === 1) return { kind: 'digest-send' };
      return help('digest_usage');
    }
    case 'session':
    case 'sessions':
      return parseSessionCommand(rawText.trim().replace(/^\S+\s*/, ''));
    default:
      return help('unknown_subcommand', { verb: verb.slice(0, 30) });
  }
}

function parsePeriodCommand(tokens: string[]): HrCommand {
  const [sub = 'list', ...rest] = tokens;
  if (word(sub, SUB_ALIASES) === 'list') return { kind: 'period-list' };
  if (word(sub, SUB_ALIASES) !== 'create') return help('period_not_a_subcommand', { sub: sub.slice(0, 30) });
  let requirement = 1;
  const words = [...rest];
  const last = words.at(-1);
  const require = last === undefined ? null : /^require=(\d{1,3})$/i.exec(last);
  if (last !== undefined && /^require=/i.test(last)) {
    if (!require) return help('period_bad_requirement', { value: last.slice(0, 30) });
    requirement = Number(require[1]);
    words.pop();
  }
  const range = words.at(-1);
  if (range === undefined || !looksLikePeriod(range) || words.length < 2) return help('period_create_usage');
  return { kind: 'period-create', name: words.slice(0, -1).join(' '), range, requirement };
}

function parsePersonCommand(tokens: string[]): HrCommand {
  const [who, ...rest] = tokens;
  const target = who === undefined ? null : parsePersonTarget(who);
  if (!target)
    return who === undefined ? help('person_missing') : help('person_unknown', { who: who.slice(0, 40) });
  return rest.length === 0 ? { kind: 'person', target } : { kind: 'person', target, period: rest.join(' ') };
}

/**
 * `/adoption` escapes its text (should_escape), so a mention arrives as `<@U123|name>` and an email
 * as `<mailto:a@b.com|a@b.com>`; a bare user id or email typed as text is accepted too.
 */
export function parsePersonTarget(token: string): PersonTarget | null {
  const mention = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(token);
  if (mention?.[1]) return { kind: 'slack', slackUserId: mention[1] };
  if (/^[UW][A-Z0-9]{2,}$/.test(token)) return { kind: 'slack', slackUserId: token };
  const mailto = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/.exec(token);
  const email = mailto?.[1] ?? token;
  if (/^[^\s@<>|]+@[^\s@<>|]+\.[^\s@<>|]+$/.test(email)) return { kind: 'email', email: email.toLowerCase() };
  return null;
}
