import type { KnownBlock } from '@slack/types';
import type { MyRecord } from '../../domain/my-record.js';
import { daysBetween } from '../../domain/periods.js';
import type { SlackMessage } from './bot-messages.js';
import { escapeMrkdwn } from './mrkdwn.js';

export function renderMyRecord(command: string, mine: MyRecord): SlackMessage {
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
  const blocks: KnownBlock[] = [
    section(`${heading}\n${status}`),
    {
      type: 'section',
      fields: [
        field('Bots submitted', String(record.botsSubmitted)),
        field('Bots approved', String(record.botsApproved)),
        field(
          'First submitted',
          record.firstSubmittedAt ? record.firstSubmittedAt.toISOString().slice(0, 10) : '–',
        ),
        field('Best review score', record.bestScore === null ? '–' : `${record.bestScore} / 5`),
        field('Uses by colleagues', `${record.colleagueUses} by ${record.distinctColleagueUsers} people`),
        field('Est. hours saved / week', `${record.estHoursSavedPerWeek} (your own estimate)`),
      ],
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'This is exactly the row HR sees in the review export for this period.' },
      ],
    },
  ];
  return {
    text: record.requirementMet ? 'Requirement met.' : `${missing} more approved bot(s) needed.`,
    blocks,
  };
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });
