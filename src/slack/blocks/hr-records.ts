import type { KnownBlock } from '@slack/types';
import { type ExportRow, exportRow } from '../../domain/export.js';
import type { LaggingPage, PersonLookup } from '../../domain/hr-records.js';
import type { ReviewPeriod } from '../../domain/review-periods.js';
import type { Translator } from '../../i18n/index.js';
import { context, fields, nextPageButton, packLines, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

/** One person's line in `lagging`: short enough that a page of them fits a few sections. */
const LINE_LIMIT = 400;

export const LAGGING_PAGE_ACTION = 'hr_lagging_page';

function who(name: string, slackUserId: string | null): string {
  const shown = `*${escapeMrkdwn(clip(name, 80))}*`;
  return slackUserId ? `${shown} (<@${slackUserId}>)` : shown;
}

/** "FY26-Q4 (2026-10-01 – 2026-12-31) · requires 1 approved bot": a period and its requirement. */
export function periodLine(period: ReviewPeriod, tr: Translator): string {
  return tr.t('hr.period.line', {
    name: escapeMrkdwn(period.name),
    start: period.start,
    end: period.end,
    required: period.requiredApprovedBots,
  });
}

/** `person`: the person's export row for the period, as they see it themselves in `/bot me`. */
export function renderPersonRecord(tr: Translator, lookup: PersonLookup): SlackMessage {
  const { employee, record, period } = lookup;
  const heading = `${who(employee.name, employee.slackUserId)} · ${periodLine(period, tr)}`;
  if (!record) {
    const text = `${heading}\n${tr.t('hr.person.not_counted')}`;
    return { text: tr.t('hr.person.not_counted_text'), blocks: [section(text)] };
  }
  const row = exportRow(record, period);
  const status = record.requirementMet
    ? tr.t('hr.person.met', { approved: Number(row.bots_approved) })
    : tr.t('hr.person.not_met', {
        approved: Number(row.bots_approved),
        required: period.requiredApprovedBots,
      });
  const org = [
    tr.t('hr.person.department', { value: escapeMrkdwn(row.department || '–') }),
    tr.t('hr.person.manager', { value: escapeMrkdwn(row.manager_email || '–') }),
    tr.t('hr.person.email', { value: escapeMrkdwn(row.email || '–') }),
    ...(row.employee_id ? [tr.t('hr.person.employee_id', { value: escapeMrkdwn(row.employee_id) })] : []),
    // Bots entered for them by their manager, an AI champion or HR (issue 14).
    ...(record.enteredBy.length > 0
      ? [
          tr.t('hr.person.entered_by', {
            names: tr.list(record.enteredBy.map((p) => escapeMrkdwn(clip(p.name, 80)))),
          }),
        ]
      : []),
  ].join(' · ');
  return {
    text: tr.t('hr.person.text', { name: employee.name, met: record.requirementMet ? 'yes' : 'no' }),
    blocks: [
      section(`${heading}\n${status}\n${org}`),
      renderPersonFields(tr, row),
      context(tr.t('hr.person.note')),
    ],
  };
}

/**
 * The figures of one export row, cell for cell as the CSV has them, as HR sees them in `person`
 * (the same labels as `/bot me`'s, said about the employee).
 */
function renderPersonFields(tr: Translator, row: ExportRow): KnownBlock {
  return fields([
    [tr.t('hr.record.bots_submitted'), row.bots_submitted],
    [tr.t('hr.record.bots_approved'), row.bots_approved],
    [tr.t('hr.record.first_submitted'), row.first_submitted_at || '–'],
    [
      tr.t('hr.record.best_score'),
      row.best_score === '' ? '–' : tr.t('hr.record.best_score_value', { score: row.best_score }),
    ],
    [
      tr.t('hr.record.uses'),
      tr.t('hr.record.uses_value', {
        uses: Number(row.colleague_uses),
        users: Number(row.distinct_colleague_users),
      }),
    ],
    [tr.t('hr.record.hours'), tr.t('hr.record.hours_value', { hours: row.est_hours_saved_per_week })],
    [tr.t('hr.record.reported'), tr.t('hr.record.reported_value', { uses: Number(row.reported_uses) })],
    [tr.t('hr.record.sessions'), row.sessions_attended],
  ]);
}

/** `lagging`: one page of people, in sections within Slack's limits, with a button for the next page. */
export function renderLaggingPage(
  tr: Translator,
  lagging: LaggingPage,
  args: readonly string[],
): SlackMessage {
  const { period, department, page, pageSize, total, people } = lagging;
  const scope = department ? `*${escapeMrkdwn(clip(department, 80))}*` : `*${tr.t('hr.whole_company')}*`;
  const heading = `${scope} · ${periodLine(period, tr)}`;
  if (total === 0) {
    const text = `${heading}\n:tada: ${tr.t('hr.lagging.everyone_met')}`;
    return { text: tr.t('hr.lagging.everyone_met'), blocks: [section(text)] };
  }
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (people.length === 0) {
    const text = `${heading}\n${tr.t('hr.lagging.no_page', { page, total, pages })}`;
    return { text, blocks: [section(text)] };
  }
  const first = (page - 1) * pageSize + 1;
  const lines = people.map((p) => {
    const manager = p.managerName ? who(p.managerName, p.managerSlackUserId) : tr.t('hr.lagging.no_manager');
    return clip(
      tr.t('hr.lagging.line', {
        who: who(p.name, p.slackUserId),
        department: p.department ? escapeMrkdwn(clip(p.department, 60)) : tr.t('hr.lagging.no_department'),
        approved: p.botsApproved,
        submitted: p.botsSubmitted,
        manager,
      }),
      LINE_LIMIT,
    );
  });
  const blocks: KnownBlock[] = [
    section(
      `${heading}\n${tr.t('hr.lagging.heading', { total, first, last: first + people.length - 1, page, pages })}`,
    ),
    ...packLines(lines),
    context(tr.t('hr.lagging.note')),
  ];
  const next = nextPageButton({
    actionId: LAGGING_PAGE_ACTION,
    page,
    pageSize,
    total,
    value: JSON.stringify({ args, page: page + 1 }),
    label: (count) => tr.t('hr.lagging.next', { count }),
  });
  if (next) blocks.push(next);
  return { text: tr.t('hr.lagging.text', { total, page, pages }), blocks };
}

export function renderExportSent(
  tr: Translator,
  period: ReviewPeriod,
  rows: number,
  filename: string,
): SlackMessage {
  const text = tr.t('hr.export.sent', {
    period: periodLine(period, tr),
    filename: escapeMrkdwn(filename),
    rows,
  });
  return { text: tr.t('hr.export.sent_text', { rows }), blocks: [section(`:white_check_mark: ${text}`)] };
}

export function renderExportNotSent(tr: Translator): SlackMessage {
  const text = `:x: ${tr.t('hr.export.not_sent')}`;
  return { text, blocks: [section(text)] };
}

/**
 * The export file in the reader's language: the first word of its name, its title, and the words
 * with it in the caller's DM (`export`) or in HR's when a period ends. Its CSV columns never change.
 */
export function exportFileWords(
  tr: Translator,
  period: ReviewPeriod,
  occasion: 'command' | 'period-end',
): { fileStem: string; title: string; comment: (rows: number) => string } {
  const values = { name: period.name, start: period.start, end: period.end };
  return {
    fileStem: tr.t('hr.export.file_name'),
    title: tr.t('hr.export.file_title', { name: period.name }),
    comment: (rows) =>
      tr.t(occasion === 'command' ? 'hr.export.comment' : 'hr.export.period_end_comment', {
        ...values,
        rows,
      }),
  };
}
