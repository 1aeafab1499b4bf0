import type { KnownBlock } from '@slack/types';
import type { PersonRecord } from '../../db/queries/metrics.js';
import type { ReviewPeriod } from '../../domain/review-periods.js';
import { context, packLines, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

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
    section(`:alarm_clock: ${headline}\n${progress}`),
    context(`Your record: \`${botCommand} me\` · No more reminders: \`${botCommand} remind off\``),
  ];
  return {
    text: `${period.name} ends ${when}: ${missing} more approved bot${missing === 1 ? '' : 's'} to go.`,
    blocks,
  };
}

/** People listed in one manager's nudge (each a line; 3000 characters a section, 50 blocks). */
const TEAM_NUDGE_SHOWN = 40;

/**
 * A manager's nudge for their direct reports without Slack (issue 14): who has not met the
 * requirement, and how to enter a bot for them.
 */
export function renderTeamNudge(
  records: ReadonlyArray<Pick<PersonRecord, 'name' | 'email' | 'botsApproved' | 'botsSubmitted'>>,
  period: ReviewPeriod,
  daysLeft: number,
  botCommand: string,
): SlackMessage {
  const required = period.requiredApprovedBots;
  const when = daysLeft === 1 ? 'tomorrow' : `in ${daysLeft} days`;
  const shown = records.slice(0, TEAM_NUDGE_SHOWN);
  const lines = shown.map(
    (r) =>
      `• *${escapeMrkdwn(clip(r.name, 80))}*${r.email ? ` (${escapeMrkdwn(clip(r.email, 80))})` : ''} · ${r.botsApproved} of ${required} approved, ${r.botsSubmitted} submitted`,
  );
  const hidden = records.length - shown.length;
  const example = shown.find((r) => r.email)?.email;
  return {
    text: `${period.name} ends ${when}: ${records.length} ${records.length === 1 ? 'person' : 'people'} in your team without Slack ${records.length === 1 ? 'has' : 'have'} not met the requirement.`,
    blocks: [
      section(
        `:alarm_clock: *${escapeMrkdwn(period.name)}* ends ${when} (${period.end}). ${records.length === 1 ? 'This person' : `These ${records.length} people`} in your team ${records.length === 1 ? 'has' : 'have'} no Slack and ${records.length === 1 ? 'has' : 'have'} not met the requirement yet:`,
      ),
      ...packLines(lines),
      context(
        `${hidden > 0 ? `…and ${hidden} more (\`${botCommand} team\`). ` : ''}Enter a bot they built for them: \`${botCommand} submit for ${example ? escapeMrkdwn(example) : '<email>'}\`. Your team's records: \`${botCommand} team\`.`,
      ),
    ],
  };
}
