import type { ReviewPeriod } from '../../domain/review-periods.js';
import { type SlackMessage, section } from './kit.js';
import { escapeMrkdwn } from './mrkdwn.js';

export function renderHrHelp(command: string, problem?: string): SlackMessage {
  const lines = [
    `*${command} stats* \`[department] [period]\` — headcount, builders, participation, qualified, bots, uses, trend`,
    `*${command} person* \`@name [period]\` — one employee’s record, the row of the export (audited)`,
    `*${command} lagging* \`[department] [period]\` — who has not met the requirement yet, with their managers (audited)`,
    `*${command} export* \`[period]\` — every employee’s record as CSV, sent to your DM (audited)`,
    `*${command} period list* — review periods and their requirement`,
    `*${command} period create* \`<name> <start>..<end> require=<n>\` — add a review period`,
    `*${command} digest preview* — the next weekly digest, shown only to you`,
    `*${command} digest send* — send this week’s digest now (once a week: a second send does nothing)`,
    `*${command} session create* \`<title> | <YYYY-MM-DD HH:MM> | <minutes> | <room or link> | <seats> [host=@someone]\` — schedule an AI session (HR and AI champions)`,
    `*${command} session list* / *session attendance* \`<id>\` / *session cancel* \`<id>\` — sessions with joined and waiting counts; mark who came; cancel and tell everyone`,
    `*${command} help* — this message`,
    'Periods: `2026-Q4`, `2026-H2`, `2026-11`, `2026`, `2026-10-01..2026-12-31`, or a review period’s name; the default is the current review period.',
  ];
  const intro = problem ? `:warning: ${escapeMrkdwn(problem)}\n\n` : '';
  return {
    text: problem ? escapeMrkdwn(problem) : `${command} usage`,
    blocks: [section(`${intro}${lines.join('\n')}`)],
  };
}

export function renderHrRefusal(command: string): SlackMessage {
  const text = `Sorry, ${command} is for the People team. If you need adoption figures, ask them; your own record is in \`/bot list\`.`;
  return { text, blocks: [section(text)] };
}

export function renderHrUnavailable(command: string): SlackMessage {
  const text = `Sorry, I can't check your access to ${command} right now (Slack did not tell me who is in the People team's user group). Nothing was shown; please try again in a few minutes.`;
  return { text, blocks: [section(`:warning: ${text}`)] };
}

export function renderPeriodList(periods: Array<ReviewPeriod & { current: boolean }>): SlackMessage {
  if (periods.length === 0) {
    return {
      text: 'No review periods yet.',
      blocks: [
        section(
          'No review periods yet; until one is created, the current calendar quarter is used with a requirement of 1 approved bot.',
        ),
      ],
    };
  }
  const lines = periods.map(
    (p) =>
      `*${escapeMrkdwn(p.name)}* ${p.start} – ${p.end} · requires ${p.requiredApprovedBots} approved bot(s)${p.current ? ' · _current_' : ''}`,
  );
  return { text: `${periods.length} review period(s)`, blocks: [section(lines.join('\n'))] };
}

export function renderPeriodCreated(period: ReviewPeriod): SlackMessage {
  const text = `Created review period *${escapeMrkdwn(period.name)}*: ${period.start} – ${period.end}, requiring ${period.requiredApprovedBots} approved bot(s).`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}
