import type { KnownBlock } from '@slack/types';
import { auditMany } from '../domain/access.js';
import { isoDay } from '../domain/periods.js';
import type { ReviewPeriod } from '../domain/review-periods.js';
import { windowFor } from '../domain/stats.js';
import { deliverExportToDm, ExportUploadError } from '../slack/export-delivery.js';
import type { DeliverySender } from './deliveries.js';

/** `hr-export`: a period's export, written when sent and uploaded to the recipient HR user's DM. */
export interface HrExportPayload {
  period: ReviewPeriod;
  timezone: string;
  includeGuests: boolean;
}

export const sendHrExport: DeliverySender = async (row, { db, client, now }) => {
  const { period, timezone, includeGuests } = row.payload as HrExportPayload;
  // Slack's own error (not the wrapper) decides retry or give up (classifyFailure).
  const unwrap = (error: unknown) => {
    throw error instanceof ExportUploadError ? error.cause : error;
  };
  const { rows, fileId } = await deliverExportToDm(db, client, {
    userId: row.recipient,
    period,
    window: windowFor(period, { now, timezone, includeGuests }),
    today: isoDay(now, timezone),
    via: 'schedule',
    comment: (rows) =>
      `${period.name} has ended (${period.start} – ${period.end}). Here is its AI adoption export for the performance reviews: ${rows} row(s), one per employee. Columns are explained in docs/export.md.`,
  }).catch(unwrap);
  return { rows, fileId };
};

/** `review-summary`: a manager's review-ready summary; each person in it is audited as sent to them. */
export interface ReviewSummaryPayload {
  text: string;
  blocks: KnownBlock[];
  period: string;
  /** Roster ids of the people in the summary. */
  subjects: number[];
}

export const sendReviewSummary: DeliverySender = async (row, { db, client, now }) => {
  const payload = row.payload as ReviewSummaryPayload;
  await auditMany(
    db,
    payload.subjects.map((subjectEmployeeId) => ({
      actor: row.recipient,
      action: 'review_summary_sent',
      via: 'schedule' as const,
      subjectEmployeeId,
      detail: { period: payload.period },
    })),
    now,
  );
  const answer = await client.chat.postMessage({
    channel: row.recipient,
    text: payload.text,
    blocks: payload.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  return { channel: answer.channel, ts: answer.ts };
};
