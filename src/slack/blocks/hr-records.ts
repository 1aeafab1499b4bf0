import type { KnownBlock } from '@slack/types';
import { exportRow } from '../../domain/export.js';
import type { LaggingPage, PersonLookup } from '../../domain/hr-records.js';
import type { ReviewPeriod } from '../../domain/review-periods.js';
import { context, nextPageButton, packLines, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';
import { renderRecordFields } from './my-record.js';

/** One person's line in `lagging`: short enough that a page of them fits a few sections. */
const LINE_LIMIT = 400;

export const LAGGING_PAGE_ACTION = 'hr_lagging_page';

function who(name: string, slackUserId: string | null): string {
  const shown = `*${escapeMrkdwn(clip(name, 80))}*`;
  return slackUserId ? `${shown} (<@${slackUserId}>)` : shown;
}

/** "FY26-Q4 (2026-10-01 – 2026-12-31) · requires 1 approved bot(s)": a period and its requirement. */
export function periodLine(period: ReviewPeriod): string {
  return `${escapeMrkdwn(period.name)} (${period.start} – ${period.end}) · requires ${period.requiredApprovedBots} approved bot(s)`;
}

/** `person`: the person's export row for the period, as they see it themselves in `/bot me`. */
export function renderPersonRecord(lookup: PersonLookup): SlackMessage {
  const { employee, record, period } = lookup;
  const heading = `${who(employee.name, employee.slackUserId)} · ${periodLine(period)}`;
  if (!record) {
    const text = `${heading}\nNot counted in this period (not on the roster for it, or a guest).`;
    return { text: 'Not counted in this period.', blocks: [section(text)] };
  }
  const row = exportRow(record, period);
  const status = record.requirementMet
    ? `:white_check_mark: Requirement met (${row.bots_approved} approved).`
    : `:hourglass: Not met yet: ${row.bots_approved} of ${period.requiredApprovedBots} approved.`;
  const org = [
    `Department: ${escapeMrkdwn(row.department || '–')}`,
    `Manager: ${escapeMrkdwn(row.manager_email || '–')}`,
    `Email: ${escapeMrkdwn(row.email || '–')}`,
    ...(row.employee_id ? [`Employee id: ${escapeMrkdwn(row.employee_id)}`] : []),
    // Bots entered for them by their manager, an AI champion or HR (issue 14).
    ...(record.enteredBy.length > 0
      ? [record.enteredBy.map((p) => `entered by ${escapeMrkdwn(clip(p.name, 80))}`).join(', ')]
      : []),
  ].join(' · ');
  return {
    text: `${employee.name}: ${record.requirementMet ? 'requirement met' : 'requirement not met yet'}`,
    blocks: [
      section(`${heading}\n${status}\n${org}`),
      renderRecordFields(row, 'their own estimate'),
      context(
        'The same row as in the export, and as the employee sees it with `/bot me`. This look-up is audited.',
      ),
    ],
  };
}

/** `lagging`: one page of people, in sections within Slack's limits, with a button for the next page. */
export function renderLaggingPage(lagging: LaggingPage, args: readonly string[]): SlackMessage {
  const { period, department, page, pageSize, total, people } = lagging;
  const scope = department ? `*${escapeMrkdwn(clip(department, 80))}*` : '*Whole company*';
  const heading = `${scope} · ${periodLine(period)}`;
  if (total === 0) {
    const text = `${heading}\n:tada: Everyone has met the requirement.`;
    return { text: 'Everyone has met the requirement.', blocks: [section(text)] };
  }
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (people.length === 0) {
    const text = `${heading}\nThere is no page ${page}: ${total} people on ${pages} page(s).`;
    return { text, blocks: [section(text)] };
  }
  const first = (page - 1) * pageSize + 1;
  const lines = people.map((p) => {
    const manager = p.managerName ? who(p.managerName, p.managerSlackUserId) : 'no manager on the roster';
    return clip(
      `• ${who(p.name, p.slackUserId)} · ${escapeMrkdwn(clip(p.department ?? 'no department', 60))} · ${p.botsApproved} approved, ${p.botsSubmitted} submitted · manager ${manager}`,
      LINE_LIMIT,
    );
  });
  const blocks: KnownBlock[] = [
    section(
      `${heading}\n*${total}* have not met the requirement · ${first}–${first + people.length - 1} (page ${page} of ${pages})`,
    ),
    ...packLines(lines),
    context('People by name: only you see this, and the look-up is audited.'),
  ];
  const next = nextPageButton({
    actionId: LAGGING_PAGE_ACTION,
    page,
    pageSize,
    total,
    value: JSON.stringify({ args, page: page + 1 }),
  });
  if (next) blocks.push(next);
  return { text: `${total} have not met the requirement (page ${page} of ${pages})`, blocks };
}

export function renderExportSent(period: ReviewPeriod, rows: number, filename: string): SlackMessage {
  const text = `:white_check_mark: The export for ${periodLine(period)} is in your direct messages with me: \`${escapeMrkdwn(filename)}\`, ${rows} row(s). The export is audited.`;
  return { text: `Export sent: ${rows} row(s)`, blocks: [section(text)] };
}

export function renderExportNotSent(): SlackMessage {
  const text =
    ':x: The export could not be delivered to your direct messages (Slack did not accept the file). It has been logged; please try again in a few minutes.';
  return { text, blocks: [section(text)] };
}
