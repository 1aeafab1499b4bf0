import type { KnownBlock } from '@slack/types';
import { type ExportRow, exportRow } from '../../domain/export.js';
import type { MyRecord } from '../../domain/my-record.js';
import { daysBetween } from '../../domain/periods.js';
import type { Translator } from '../../i18n/index.js';
import { context, fields, type SlackMessage, section } from './kit.js';
import { escapeMrkdwn } from './mrkdwn.js';

// The Home tab passes its translator; i18n-bot translates this renderer (`_tr`: until then, English).
export function renderMyRecord(command: string, mine: MyRecord, _tr?: Translator): SlackMessage {
  const { period, record, today } = mine;
  const heading = `*Your record for ${escapeMrkdwn(period.name)}* (${period.start} – ${period.end})`;
  if (!record) {
    const text = `${heading}\nYou are not counted in this period (not on the roster for it). Ask the People team if that looks wrong.`;
    return { text: 'You are not counted in this period.', blocks: [section(text)] };
  }
  const need = period.requiredApprovedBots;
  const missing = Math.max(0, need - record.botsApproved);
  const daysLeft = daysBetween(today, period.end);
  const status = record.requirementMet
    ? `:white_check_mark: Requirement met: ${record.botsApproved} approved bot(s), ${need} needed.`
    : `:hourglass: Not yet: ${missing} more approved bot(s) needed ${daysLeft >= 0 ? `by ${period.end} (${daysLeft} day(s) left)` : `(the period ended ${period.end})`}. Submit with \`${command} submit\`.`;
  const entered =
    record.enteredBy.length > 0
      ? `\nSome of your bots were entered for you: ${record.enteredBy.map((p) => `entered by ${escapeMrkdwn(p.name)}`).join(', ')}.`
      : '';
  const blocks: KnownBlock[] = [
    section(`${heading}\n${status}${entered}`),
    renderRecordFields(exportRow(record, period), 'your own estimate'),
    context('This is exactly the row HR sees in the review export for this period.'),
  ];
  return {
    text: record.requirementMet ? 'Requirement met.' : `${missing} more approved bot(s) needed.`,
    blocks,
  };
}

/**
 * The figures of one export row, cell for cell as the CSV has them (`/bot me`, the Home tab and
 * `/adoption person` all show a person's record through this).
 */
export function renderRecordFields(row: ExportRow, estimateNote: string): KnownBlock {
  return fields([
    ['Bots submitted', row.bots_submitted],
    ['Bots approved', row.bots_approved],
    ['First submitted', row.first_submitted_at || '–'],
    ['Best review score', row.best_score === '' ? '–' : `${row.best_score} / 5`],
    ['Uses by colleagues', `${row.colleague_uses} by ${row.distinct_colleague_users} people`],
    ['Est. hours saved / week', `${row.est_hours_saved_per_week} (${estimateNote})`],
    ['Reported by the bot', `${row.reported_uses} (the bot's own reports; not counted as uses)`],
    ['AI sessions attended', row.sessions_attended],
  ]);
}
