import type { Db } from '../db/client.js';
import type { PersonRecord } from '../db/queries/metrics.js';
import { exportRecords } from './export.js';
import type { ReviewPeriod } from './review-periods.js';
import { type StatsOptions, windowFor } from './stats.js';

/** One manager's review-ready summary: their direct reports' records for a whole period. */
export interface ReviewSummary {
  managerSlackUserId: string;
  /** By name; the same records as the export's rows. */
  reports: PersonRecord[];
}

/**
 * Every manager's summary for a period, from the export's own records (read in batches, in one
 * consistent snapshot), grouped by the manager each person had in the period. Managers without a
 * Slack account get none (HR has the export).
 */
export async function buildReviewSummaries(
  db: Db,
  period: ReviewPeriod,
  options: StatsOptions,
): Promise<ReviewSummary[]> {
  const byManager = new Map<string, PersonRecord[]>();
  await db.transaction(
    async (tx) => {
      for await (const batch of exportRecords(tx, windowFor(period, options))) {
        for (const record of batch) {
          if (!record.managerSlackUserId) continue;
          const reports = byManager.get(record.managerSlackUserId) ?? [];
          reports.push(record);
          byManager.set(record.managerSlackUserId, reports);
        }
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return [...byManager.entries()]
    .map(([managerSlackUserId, reports]) => ({
      managerSlackUserId,
      reports: reports.sort((a, b) => a.name.localeCompare(b.name) || a.rosterId - b.rosterId),
    }))
    .sort((a, b) => a.managerSlackUserId.localeCompare(b.managerSlackUserId));
}
