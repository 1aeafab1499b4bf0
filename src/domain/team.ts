import type { Db } from '../db/client.js';
import type { PersonRecord } from '../db/queries/metrics.js';
import { teamRecordsPage } from '../db/queries/person-records.js';
import { isoDay } from './periods.js';
import { type ReviewPeriod, resolvePeriod } from './review-periods.js';
import { type StatsOptions, windowFor } from './stats.js';

/**
 * A manager's team (issue 14): each direct report's record for a period — the row HR exports, from
 * the same query — people without Slack included, those who have not met the requirement first.
 * Direct reports are the people whose manager was this person at the period's end (or now, for the
 * current period), as every figure counts them. Person-level: the caller audits every person shown.
 */
export interface TeamPage {
  period: ReviewPeriod;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Direct reports who count in the period. */
  total: number;
  /** How many of them have met the requirement. */
  met: number;
  records: PersonRecord[];
}

export const TEAM_PAGE_SIZE = 20;

export async function teamPage(
  db: Db,
  managerId: number | null,
  periodText: string | undefined,
  page: number,
  options: StatsOptions,
  pageSize = TEAM_PAGE_SIZE,
): Promise<TeamPage> {
  const period = await resolvePeriod(db, periodText, isoDay(options.now, options.timezone));
  const current = Math.max(1, page);
  if (managerId === null) return { period, page: current, pageSize, total: 0, met: 0, records: [] };
  const team = await teamRecordsPage(db, windowFor(period, options), managerId, {
    limit: pageSize,
    offset: (current - 1) * pageSize,
  });
  return { period, page: current, pageSize, ...team };
}
