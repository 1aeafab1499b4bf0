import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { webApi } from '@slack/bolt';
import type { Db } from '../db/client.js';
import type { MetricsWindow } from '../db/queries/metrics.js';
import { type AuditVia, audit } from '../domain/access.js';
import { exportFileName, writeExport } from '../domain/export.js';
import type { ReviewPeriod } from '../domain/review-periods.js';
import { uploadFileToDm } from './file-upload.js';

/** Slack did not take the file: the export was written and audited, but not delivered. */
export class ExportUploadError extends Error {
  override name = 'ExportUploadError';
}

export interface ExportDelivery {
  rows: number;
  filename: string;
  fileId: string;
}

/**
 * A period's export, into one user's DM: streamed from Postgres into a temp file, audited (before
 * the file leaves: an export the log cannot record is not sent), then streamed to Slack. The temp
 * file is removed whatever happens. Used by `/adoption export` and by the period-end job.
 */
export async function deliverExportToDm(
  db: Db,
  client: webApi.WebClient,
  input: {
    userId: string;
    period: ReviewPeriod;
    window: MetricsWindow;
    /** The day in the file name (the company's today). */
    today: string;
    via: AuditVia;
    /** The file in the recipient's language: the first word of its name, its title, the words with it. */
    words: { fileStem: string; title: string; comment: (rows: number) => string };
  },
): Promise<ExportDelivery> {
  const { userId, period } = input;
  const dir = await mkdtemp(join(tmpdir(), 'aab-export-'));
  try {
    const filename = exportFileName(period, input.today, input.words.fileStem);
    const path = join(dir, filename);
    const { rows } = await writeExport(db, period, input.window, createWriteStream(path));
    await audit(
      db,
      {
        actor: userId,
        action: 'export_sent',
        via: input.via,
        detail: { period: period.name, rows, filename },
      },
      input.window.now,
    );
    let fileId: string;
    try {
      fileId = await uploadFileToDm(client, userId, {
        path,
        filename,
        title: input.words.title,
        comment: input.words.comment(rows),
      });
    } catch (error) {
      throw Object.assign(new ExportUploadError(`could not upload ${filename}`), { cause: error });
    }
    return { rows, filename, fileId };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
