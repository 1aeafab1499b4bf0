import { looksLikePeriod } from './periods.js';
import { parseSessionCommand, type SessionCommand } from './session-command.js';

/**
 * The grammar of the HR command (DESIGN §2). Parsing never throws; anything unknown is help.
 * Arguments that need the database to disambiguate (a department vs a stored period name) are
 * left as text for the domain to resolve.
 */
export type HrCommand =
  | { kind: 'help'; problem?: string }
  | { kind: 'stats'; args: string[] }
  | { kind: 'period-list' }
  | { kind: 'period-create'; name: string; range: string; requirement: number }
  | { kind: 'person'; target: PersonTarget; period?: string }
  | { kind: 'lagging'; args: string[] }
  | { kind: 'export'; period?: string }
  | { kind: 'digest-preview' }
  | { kind: 'digest-send' }
  | SessionCommand;

/** Whom `person` is about: a Slack user (a mention or an id) or, for people without Slack, an email. */
export type PersonTarget = { kind: 'slack'; slackUserId: string } | { kind: 'email'; email: string };

export function parseHrCommand(rawText: string): HrCommand {
  const tokens = rawText.trim().split(/\s+/).filter(Boolean);
  const [verb = '', ...rest] = tokens;
  switch (verb.toLowerCase()) {
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
      const sub = (rest[0] ?? '').toLowerCase();
      if (sub === 'preview' && rest.length === 1) return { kind: 'digest-preview' };
      if (sub === 'send' && rest.length === 1) return { kind: 'digest-send' };
      return {
        kind: 'help',
        problem: 'Write `digest preview` (see the next digest) or `digest send` (send it now).',
      };
    }
    case 'session':
    case 'sessions':
      return parseSessionCommand(rawText.trim().replace(/^\S+\s*/, ''));
    default:
      return { kind: 'help', problem: `I don't know \`${verb.slice(0, 30)}\`.` };
  }
}

const CREATE_USAGE =
  'Write `period create <name> <start>..<end> require=<n>`, e.g. `period create FY26-H2 2026-07-01..2026-12-31 require=1`.';

function parsePeriodCommand(tokens: string[]): HrCommand {
  const [sub = 'list', ...rest] = tokens;
  if (sub.toLowerCase() === 'list') return { kind: 'period-list' };
  if (sub.toLowerCase() !== 'create')
    return {
      kind: 'help',
      problem: `\`period ${sub.slice(0, 30)}\` is not a period command. ${CREATE_USAGE}`,
    };
  let requirement = 1;
  const words = [...rest];
  const last = words.at(-1);
  const require = last === undefined ? null : /^require=(\d{1,3})$/i.exec(last);
  if (last !== undefined && /^require=/i.test(last)) {
    if (!require)
      return { kind: 'help', problem: `\`${last.slice(0, 30)}\` is not a requirement. ${CREATE_USAGE}` };
    requirement = Number(require[1]);
    words.pop();
  }
  const range = words.at(-1);
  if (range === undefined || !looksLikePeriod(range) || words.length < 2)
    return { kind: 'help', problem: CREATE_USAGE };
  return { kind: 'period-create', name: words.slice(0, -1).join(' '), range, requirement };
}

const PERSON_USAGE =
  'Write `person @name [period]` (mention them), or `person name@company.com [period]` for someone without Slack.';

function parsePersonCommand(tokens: string[]): HrCommand {
  const [who, ...rest] = tokens;
  const target = who === undefined ? null : parsePersonTarget(who);
  if (!target) {
    const problem =
      who === undefined ? PERSON_USAGE : `\`${who.slice(0, 40)}\` is not a person. ${PERSON_USAGE}`;
    return { kind: 'help', problem };
  }
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
