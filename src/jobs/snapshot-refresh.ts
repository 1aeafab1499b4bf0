import type { Db } from '../db/client.js';
import { purgeSnapshots } from '../db/queries/adoption-snapshots.js';
import { refreshSnapshots } from '../domain/figures.js';
import { isoDay } from '../domain/periods.js';
import { periodBefore, resolvePeriod } from '../domain/review-periods.js';
import { windowFor } from '../domain/stats.js';
import type { Logger } from '../logger.js';

export interface SnapshotRefreshDeps {
  db: Db;
  timezone: string;
  includeGuests: boolean;
  logger: Logger;
  now: () => Date;
}

export interface PeriodRefresh {
  period: string;
  departments: number;
  ms: number;
}

/** Snapshots nobody has refreshed for this long (ad-hoc periods, renamed departments) are dropped. */
const SNAPSHOT_RETENTION_MS = 86_400_000;

/** node-cron expression for "every `minutes` minutes" (1–60; 60 = on the hour). */
export function snapshotRefreshCron(minutes: number): string {
  return minutes >= 60 ? '0 * * * *' : `*/${minutes} * * * *`;
}

/**
 * The HR stats refresh (every STATS_REFRESH_MINUTES): stores the company's and every department's
 * figures for the current and the previous review period, as of now, so that `/adoption stats`
 * reads them instead of computing for seconds. Errors propagate to the caller, which logs them.
 */
export async function run(deps: SnapshotRefreshDeps): Promise<PeriodRefresh[]> {
  const logger = deps.logger.child({ job: 'stats-refresh' });
  const now = deps.now();
  const current = await resolvePeriod(deps.db, undefined, isoDay(now, deps.timezone));
  const options = { now, timezone: deps.timezone, includeGuests: deps.includeGuests };
  const done: PeriodRefresh[] = [];
  for (const period of [current, periodBefore(current)]) {
    const started = performance.now();
    const result = await refreshSnapshots(deps.db, windowFor(period, options));
    done.push({
      period: period.name,
      departments: result.stored,
      ms: Math.round(performance.now() - started),
    });
  }
  const purged = await purgeSnapshots(deps.db, new Date(now.getTime() - SNAPSHOT_RETENTION_MS));
  logger.info({ periods: done, purged }, 'stats snapshots refreshed');
  return done;
}
