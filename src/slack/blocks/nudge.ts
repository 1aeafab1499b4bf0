import type { KnownBlock } from '@slack/types';
import type { PersonRecord } from '../../db/queries/metrics.js';
import type { ReviewPeriod } from '../../domain/review-periods.js';
import type { SlackMessage } from './bot-messages.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** A deadline nudge: what is missing for this period, how to submit, and how to stop these. */
export function renderNudge(
  record: Pick<PersonRecord, 'botsApproved' | 'botsSubmitted'>,
  period: ReviewPeriod,
  daysLeft: number,
  botCommand: string,
): SlackMessage {
  const required = period.requiredApprovedBots;
  const missing = Math.max(0, required - record.botsApproved);
  const when = daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`;
  const headline = `*${escapeMrkdwn(period.name)}* ends ${when} (${period.end}). You have ${record.botsApproved} of ${required} approved bot${required === 1 ? '' : 's'}: ${missing} more to go.`;
  const progress =
    record.botsSubmitted > record.botsApproved
      ? `You submitted ${record.botsSubmitted} this period; a bot counts once it is approved, so check \`${botCommand} list\` for any that need changes.`
      : `Submit an AI bot you built with \`${botCommand} submit\` — it takes a minute; your reviewer decides.`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:alarm_clock: ${headline}\n${progress}` } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Your record: \`${botCommand} me\` · No more reminders: \`${botCommand} remind off\``,
        },
      ],
    },
  ];
  return {
    text: `${period.name} ends ${when}: ${missing} more approved bot${missing === 1 ? '' : 's'} to go.`,
    blocks,
  };
}
