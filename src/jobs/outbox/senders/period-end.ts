import { deliveryAudited } from '../../../db/queries/audit.js';
import type { DeliveryRow } from '../../../db/queries/deliveries.js';
import { findLocaleBySlackUser, findLocalesByEmployeeIds } from '../../../db/queries/employees.js';
import type { PersonRecord } from '../../../db/queries/metrics.js';
import { auditMany } from '../../../domain/access.js';
import { personRecordsOf } from '../../../domain/digest-figures.js';
import { isoDay } from '../../../domain/periods.js';
import type { ReviewPeriod } from '../../../domain/review-periods.js';
import { windowFor } from '../../../domain/stats.js';
import { localeOf, translator } from '../../../i18n/index.js';
import { exportFileWords } from '../../../slack/blocks/hr-records.js';
import { renderReviewSummary } from '../../../slack/blocks/review-summary.js';
import { deliverExportToDm, ExportUploadError } from '../../../slack/export-delivery.js';
import type { DeliveryReference, DeliverySender, SenderContext } from '../sender.js';
import { NOTHING_TO_SEND, postMessage } from './messages.js';

/**
 * `hr-export`: a period's export, written when sent and uploaded to the recipient HR user's DM; its
 * file name and the words with it in the recipient's language (looked up now, at send time).
 */
export interface HrExportPayload extends DeliveryReference {
  period: ReviewPeriod;
  timezone: string;
  includeGuests: boolean;
}

export const sendHrExport: DeliverySender = async (row, { db, client, now, locales }) => {
  const { period, timezone, includeGuests } = row.payload as HrExportPayload;
  const tr = translator(localeOf(await recipientLocale(db, row), locales.default));
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
    words: exportFileWords(tr, period, 'period-end'),
  }).catch(unwrap);
  return { rows, fileId };
};

/** `review-summary`: a manager's review-ready summary of their reports, built from their records when sent. */
export interface ReviewSummaryPayload extends DeliveryReference {
  recipientEmployeeId: number;
  period: ReviewPeriod;
  /** The figures are as of this time (the period's end had passed): the same whenever it is sent. */
  asOf: string;
  timezone: string;
  includeGuests: boolean;
}

export const REVIEW_SUMMARY_AUDIT = 'review_summary_sent';

/**
 * Each person in the summary is audited as sent to the manager — once per delivery, however many
 * attempts it takes (the rows carry the delivery's id), and before anything leaves.
 */
export const sendReviewSummary: DeliverySender = async (row, { db, client, now, locales }) => {
  const payload = row.payload as ReviewSummaryPayload;
  const reports: PersonRecord[] = [];
  for await (const batch of personRecordsOf(
    db,
    payload.period,
    new Date(payload.asOf),
    payload,
    payload.aboutEmployeeIds,
  ))
    reports.push(...batch);
  const [first] = reports;
  if (!first) return NOTHING_TO_SEND('no one left to report on');
  reports.sort((a, b) => a.name.localeCompare(b.name) || a.rosterId - b.rosterId);
  await db.transaction(async (tx) => {
    const audited = await deliveryAudited(tx, {
      action: REVIEW_SUMMARY_AUDIT,
      deliveryId: row.id,
      subjectEmployeeId: first.rosterId,
    });
    if (audited) return;
    await auditMany(
      tx,
      reports.map((report) => ({
        actor: row.recipient,
        action: REVIEW_SUMMARY_AUDIT,
        via: 'schedule' as const,
        subjectEmployeeId: report.rosterId,
        detail: { period: payload.period.name, delivery: row.id },
      })),
      now,
    );
  });
  const tr = translator(localeOf(await recipientLocale(db, row), locales.default));
  const message = renderReviewSummary({ managerSlackUserId: row.recipient, reports }, payload.period, tr);
  return postMessage(row, client, message);
};

/** The recipient's language as it is now: by roster id when the payload has one, else by Slack user. */
async function recipientLocale(db: SenderContext['db'], row: DeliveryRow) {
  const { recipientEmployeeId } = row.payload as DeliveryReference;
  if (recipientEmployeeId !== null && recipientEmployeeId !== undefined)
    return (await findLocalesByEmployeeIds(db, [recipientEmployeeId])).get(recipientEmployeeId) ?? null;
  return findLocaleBySlackUser(db, row.recipient);
}
