import type { KnownBlock } from '@slack/types';
import { exportRow } from '../../domain/export.js';
import type { ReviewPeriod } from '../../domain/review-periods.js';
import type { ReviewSummary } from '../../domain/review-summary.js';
import {
  context,
  header,
  packLines,
  SLACK_LIMITS,
  type SlackMessage,
  section,
  withinBlockLimit,
} from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

/**
 * The manager's review-ready summary, sent once when a review period ends: each direct report's
 * figures for the whole period, as the export has them, those who did not meet the requirement first.
 */
export function renderReviewSummary(summary: ReviewSummary, period: ReviewPeriod): SlackMessage {
  const met = summary.reports.filter((r) => r.requirementMet);
  const notMet = summary.reports.filter((r) => !r.requirementMet);
  const total = summary.reports.length;
  const headline = `${met.length} of ${total} met the requirement (${period.requiredApprovedBots} approved bot${period.requiredApprovedBots === 1 ? '' : 's'})`;
  const line = (record: ReviewSummary['reports'][number]) => {
    const row = exportRow(record, period);
    const name = `*${escapeMrkdwn(clip(row.name, 80))}*`;
    const parts = [
      `${row.bots_approved} approved of ${row.bots_submitted} submitted`,
      ...(row.best_score ? [`best score ${row.best_score}/5`] : []),
      `${row.colleague_uses} colleague use${row.colleague_uses === '1' ? '' : 's'} by ${row.distinct_colleague_users}`,
      ...(record.estHoursSavedPerWeek > 0
        ? [`~${row.est_hours_saved_per_week} h/week saved (estimate)`]
        : []),
    ];
    return `• ${name} — ${parts.join(' · ')}`;
  };
  const blocks: KnownBlock[] = [
    header(`Review-ready: your team · ${period.name}`),
    section(
      `${escapeMrkdwn(period.name)} ended on ${period.end} (${period.start} – ${period.end}). ${headline}.`,
    ),
  ];
  if (notMet.length > 0)
    blocks.push(...packLines(notMet.map(line), `:hourglass: *Not met* (${notMet.length})`));
  if (met.length > 0) blocks.push(...packLines(met.map(line), `:white_check_mark: *Met* (${met.length})`));
  blocks.push(
    context(
      'Your direct reports in this period, with the figures of HR’s export. Each person sees the same record with `/bot me`. Sending you this summary is recorded in the audit log.',
    ),
  );
  return {
    text: `Review-ready summary for ${period.name}: ${headline}.`,
    blocks: withinBlockLimit(
      blocks,
      SLACK_LIMITS.messageBlocks,
      'Your team is too large to list here; HR has the full export.',
    ),
  };
}
