import type { KnownBlock } from '@slack/types';
import type { PersonRecord } from '../../db/queries/metrics.js';
import type { ReviewPeriod } from '../../domain/review-periods.js';
import type { Translator } from '../../i18n/index.js';
import { context, packLines, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

/**
 * A deadline nudge: what is missing for this period, how to submit, and how to stop these. In the
 * recipient's language (`tr`); the period's last day is a calendar day, the same in every zone.
 */
export function renderNudge(
  record: Pick<PersonRecord, 'botsApproved' | 'botsSubmitted'>,
  period: ReviewPeriod,
  daysLeft: number,
  botCommand: string,
  tr: Translator,
): SlackMessage {
  const required = period.requiredApprovedBots;
  const missing = Math.max(0, required - record.botsApproved);
  const headline = tr.t('nudge.headline', {
    period: escapeMrkdwn(period.name),
    daysLeft,
    end: tr.date(period.end),
    approved: record.botsApproved,
    required,
    missing,
  });
  const progress =
    record.botsSubmitted > record.botsApproved
      ? tr.t('nudge.progress_submitted', { submitted: record.botsSubmitted, command: botCommand })
      : tr.t('nudge.progress_none', { command: botCommand });
  const blocks: KnownBlock[] = [
    section(`:alarm_clock: ${headline}\n${progress}`),
    context(tr.t('nudge.footer', { command: botCommand })),
  ];
  return { text: tr.t('nudge.text', { period: period.name, daysLeft, missing }), blocks };
}

/** People listed in one manager's nudge (each a line; 3000 characters a section, 50 blocks). */
const TEAM_NUDGE_SHOWN = 40;

/**
 * A manager's nudge for their direct reports without Slack (issue 14): who has not met the
 * requirement, and how to enter a bot for them. In the manager's language (`tr`).
 */
export function renderTeamNudge(
  records: ReadonlyArray<Pick<PersonRecord, 'name' | 'email' | 'botsApproved' | 'botsSubmitted'>>,
  period: ReviewPeriod,
  daysLeft: number,
  botCommand: string,
  tr: Translator,
): SlackMessage {
  const required = period.requiredApprovedBots;
  const shown = records.slice(0, TEAM_NUDGE_SHOWN);
  const lines = shown.map((r) =>
    tr.t('nudge.team.line', {
      name: escapeMrkdwn(clip(r.name, 80)),
      hasEmail: Boolean(r.email),
      email: r.email ? escapeMrkdwn(clip(r.email, 80)) : '',
      approved: r.botsApproved,
      required,
      submitted: r.botsSubmitted,
    }),
  );
  const hidden = records.length - shown.length;
  const example = shown.find((r) => r.email)?.email;
  return {
    text: tr.t('nudge.team.text', { period: period.name, daysLeft, count: records.length }),
    blocks: [
      section(
        tr.t('nudge.team.headline', {
          period: escapeMrkdwn(period.name),
          daysLeft,
          end: tr.date(period.end),
          count: records.length,
        }),
      ),
      ...packLines(lines),
      context(
        tr.t('nudge.team.footer', {
          more: hidden > 0 ? tr.t('nudge.team.more', { count: hidden, command: botCommand }) : '',
          command: botCommand,
          example: example ? escapeMrkdwn(example) : tr.t('nudge.team.example_email'),
        }),
      ),
    ],
  };
}
