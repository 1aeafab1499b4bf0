import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnownBlock } from '@slack/types';
import { audit, auditMany } from '../domain/access.js';
import { exportFileName, writeExport } from '../domain/export.js';
import { isoDay } from '../domain/periods.js';
import type { ReviewPeriod } from '../domain/review-periods.js';
import { windowFor } from '../domain/stats.js';
import { uploadFileToDm } from '../slack/file-upload.js';
import type { DeliverySender } from './deliveries.js';

/** `hr-export`: a period's export, written when sent and uploaded to the recipient HR user's DM. */
export interface HrExportPayload {
  period: ReviewPeriod;
  timezone: string;
  includeGuests: boolean;
}

export const sendHrExport: DeliverySender = async (row, { db, client, now }) => {
  const { period, timezone, includeGuests } = row.payload as HrExportPayload;
  const dir = await mkdtemp(join(tmpdir(), 'aab-export-'));
  try {
    const filename = exportFileName(period, isoDay(now, timezone));
    const path = join(dir, filename);
    const { rows } = await writeExport(
      db,
      period,
      windowFor(period, { now, timezone, includeGuests }),
      createWriteStream(path),
    );
    // Audited before the file leaves, as for `/adoption export`: an export the log cannot record is not sent.
    await audit(
      db,
      {
        actor: row.recipient,
        action: 'export_sent',
        via: 'schedule',
        detail: { period: period.name, rows, filename },
      },
      now,
    );
    const fileId = await uploadFileToDm(client, row.recipient, {
      path,
      filename,
      title: `AI adoption export · ${period.name}`,
      comment: `${period.name} has ended (${period.start} – ${period.end}). Here is its AI adoption export for the performance reviews: ${rows} row(s), one per employee. Columns are explained in docs/export.md.`,
    });
    return { rows, fileId };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
