import { looksLikePeriod } from './periods.js';

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
  | { kind: 'digest-preview' }
  | { kind: 'digest-send' };

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
    case 'digest': {
      const sub = (rest[0] ?? '').toLowerCase();
      if (sub === 'preview' && rest.length === 1) return { kind: 'digest-preview' };
      if (sub === 'send' && rest.length === 1) return { kind: 'digest-send' };
      return {
        kind: 'help',
        problem: 'Write `digest preview` (see the next digest) or `digest send` (send it now).',
      };
    }
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
