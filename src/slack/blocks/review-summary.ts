import type { KnownBlock } from '@slack/types';
import { exportRow } from '../../domain/export.js';
import type { ReviewPeriod } from '../../domain/review-periods.js';
import type { ReviewSummary } from '../../domain/review-summary.js';
import type { Translator } from '../../i18n/index.js';
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
 * figures for the whole period, as the export has them, those who did not meet the requirement
 * first. In the manager's language, rendered when it is sent.
 */
export function renderReviewSummary(
  summary: ReviewSummary,
  period: ReviewPeriod,
  tr: Translator,
): SlackMessage {
  const met = summary.reports.filter((r) => r.requirementMet);
  const notMet = summary.reports.filter((r) => !r.requirementMet);
  const total = summary.reports.length;
  const headline = tr.t('hr.summary.headline', {
    met: met.length,
    total,
    required: period.requiredApprovedBots,
  });
  const line = (record: ReviewSummary['reports'][number]) => {
    const row = exportRow(record, period);
    const name = `*${escapeMrkdwn(clip(row.name, 80))}*`;
    const parts = [
      tr.t('hr.summary.approved', { approved: row.bots_approved, submitted: row.bots_submitted }),
      ...(row.best_score ? [tr.t('hr.summary.best_score', { score: row.best_score })] : []),
      tr.t('hr.summary.uses', {
        uses: Number(row.colleague_uses),
        users: Number(row.distinct_colleague_users),
      }),
      ...(record.estHoursSavedPerWeek > 0
        ? [tr.t('hr.summary.hours', { hours: row.est_hours_saved_per_week })]
        : []),
    ];
    return `• ${name} — ${parts.join(' · ')}`;
  };
  const blocks: KnownBlock[] = [
    header(tr.t('hr.summary.header', { name: period.name })),
    section(
      tr.t('hr.summary.intro', {
        name: escapeMrkdwn(period.name),
        start: period.start,
        end: period.end,
        headline,
      }),
    ),
  ];
  if (notMet.length > 0)
    blocks.push(...packLines(notMet.map(line), tr.t('hr.summary.not_met', { count: notMet.length })));
  if (met.length > 0) blocks.push(...packLines(met.map(line), tr.t('hr.summary.met', { count: met.length })));
  blocks.push(context(tr.t('hr.summary.note')));
  return {
    text: tr.t('hr.summary.text', { name: period.name, headline }),
    blocks: withinBlockLimit(blocks, SLACK_LIMITS.messageBlocks, tr.t('hr.summary.too_large')),
  };
}
