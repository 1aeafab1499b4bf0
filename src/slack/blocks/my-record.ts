import type { KnownBlock } from '@slack/types';
import { type ExportRow, exportRow } from '../../domain/export.js';
import type { MyRecord } from '../../domain/my-record.js';
import { daysBetween } from '../../domain/periods.js';
import type { Translator } from '../../i18n/index.js';
import { context, fields, type SlackMessage, section } from './kit.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** `/bot me` (and the Home tab): the person's record for a period, in their language. */
export function renderMyRecord(command: string, mine: MyRecord, tr: Translator): SlackMessage {
  const { period, record, today } = mine;
  const day = (iso: string) => calendarDay(tr, iso);
  const heading = tr.t('bot.record.heading', {
    period: escapeMrkdwn(period.name),
    start: day(period.start),
    end: day(period.end),
  });
  if (!record) {
    const text = `${heading}\n${tr.t('bot.record.not_counted')}`;
    return { text: tr.t('bot.record.not_counted.text'), blocks: [section(text)] };
  }
  const need = period.requiredApprovedBots;
  const missing = Math.max(0, need - record.botsApproved);
  const daysLeft = daysBetween(today, period.end);
  const status = record.requirementMet
    ? tr.t('bot.record.met', { approved: record.botsApproved, need })
    : tr.t('bot.record.not_yet', {
        missing,
        left: daysLeft >= 0 ? 'open' : 'ended',
        end: day(period.end),
        days: Math.max(0, daysLeft),
        command,
      });
  const entered =
    record.enteredBy.length > 0
      ? `\n${tr.t('bot.record.entered', {
          names: record.enteredBy
            .map((p) => tr.t('common.entered_by', { name: escapeMrkdwn(p.name) }))
            .join(tr.locale === 'en' ? ', ' : '；'),
        })}`
      : '';
  const blocks: KnownBlock[] = [
    section(`${heading}\n${status}${entered}`),
    renderRecordFields(exportRow(record, period), tr.t('bot.record.own_estimate'), tr),
    context(tr.t('bot.record.same_as_hr')),
  ];
  return {
    text: record.requirementMet ? tr.t('bot.record.met.text') : tr.t('bot.record.missing.text', { missing }),
    blocks,
  };
}

/**
 * The figures of one export row, cell for cell as the CSV has them (`/bot me`, the Home tab and
 * `/adoption person` all show a person's record through this), labelled in the reader's language.
 */
export function renderRecordFields(row: ExportRow, estimateNote: string, tr: Translator): KnownBlock {
  return fields([
    [tr.t('bot.record.field.submitted'), row.bots_submitted],
    [tr.t('bot.record.field.approved'), row.bots_approved],
    [tr.t('bot.record.field.first_submitted'), firstSubmitted(tr, row.first_submitted_at)],
    [
      tr.t('bot.record.field.best_score'),
      row.best_score === '' ? '–' : tr.t('bot.record.field.score', { score: row.best_score }),
    ],
    [
      tr.t('bot.record.field.uses'),
      tr.t('bot.record.field.uses_value', {
        uses: row.colleague_uses,
        people: Number(row.distinct_colleague_users),
      }),
    ],
    [
      tr.t('bot.record.field.hours'),
      tr.t('bot.record.field.hours_value', { hours: row.est_hours_saved_per_week, note: estimateNote }),
    ],
    [
      tr.t('bot.record.field.reported'),
      tr.t('bot.record.field.reported_value', { count: row.reported_uses }),
    ],
    [tr.t('bot.record.field.sessions'), row.sessions_attended],
  ]);
}

/** A period's day: English keeps the ISO day it always showed (2026-12-31); Chinese writes 2026年12月31日. */
function calendarDay(tr: Translator, iso: string): string {
  return tr.locale === 'en' ? iso : tr.date(iso);
}

/** The CSV's cell in English (an ISO timestamp); another language reads it as a date and time in the reader's zone. */
function firstSubmitted(tr: Translator, cell: string): string {
  if (cell === '') return '–';
  return tr.locale === 'en' ? cell : tr.dateTime(new Date(cell));
}
