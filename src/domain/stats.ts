import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  type AdoptionFigures,
  adoptionFigures,
  type MetricsScope,
  type MetricsWindow,
} from '../db/queries/metrics.js';
import { findReviewPeriodByName } from '../db/queries/periods.js';
import { queryRows } from '../db/rows.js';
import { UserError } from './errors.js';
import { isoDay, looksLikePeriod, parsePeriod } from './periods.js';
import { periodBefore, type ReviewPeriod, resolvePeriod } from './review-periods.js';

export interface StatsOptions {
  now: Date;
  timezone: string;
  includeGuests: boolean;
}

export interface StatsReport {
  scope: { kind: 'company' } | { kind: 'department'; department: string };
  period: ReviewPeriod;
  previousPeriod: ReviewPeriod;
  figures: AdoptionFigures;
  previous: AdoptionFigures;
}

/** `stats [department] [period]`: the figures of one group for one period, beside the period before. */
export async function adoptionStats(db: Db, args: string[], options: StatsOptions): Promise<StatsReport> {
  const today = isoDay(options.now, options.timezone);
  const { department, periodText } = await splitStatsArgs(db, args);
  const period = await resolvePeriod(db, periodText, today);
  const previousPeriod = periodBefore(period);
  const scope: StatsReport['scope'] = department ? { kind: 'department', department } : { kind: 'company' };
  const [figures, previous] = await Promise.all([
    adoptionFigures(db, windowFor(period, options), scope as MetricsScope),
    adoptionFigures(db, windowFor(previousPeriod, options), scope as MetricsScope),
  ]);
  if (department && figures.headcount === 0 && previous.headcount === 0) {
    const known = await knownDepartments(db);
    throw new UserError(
      'validation_failed',
      `No one is in a department called "${department}". Departments: ${known.join(', ') || 'none yet (import the HR roster)'}.`,
    );
  }
  return { scope, period, previousPeriod, figures, previous };
}

export function windowFor(period: ReviewPeriod, options: StatsOptions): MetricsWindow {
  return {
    start: period.start,
    end: period.end,
    timezone: options.timezone,
    now: options.now,
    requiredApprovedBots: period.requiredApprovedBots,
    includeGuests: options.includeGuests,
  };
}

/** The trailing words that name a period (grammar or a stored name); the rest is the department. */
export async function splitStatsArgs(
  db: Db,
  args: string[],
): Promise<{ department: string | null; periodText: string | undefined }> {
  const last = args.at(-1);
  if (last !== undefined && looksLikePeriod(last)) {
    const parsed = parsePeriod(last);
    if (!parsed.ok) throw new UserError('validation_failed', parsed.error);
  }
  for (let i = 0; i < args.length; i++) {
    const tail = args.slice(i).join(' ');
    if (parsePeriod(tail).ok || (await findReviewPeriodByName(db, tail))) {
      return { department: args.slice(0, i).join(' ') || null, periodText: tail };
    }
  }
  return { department: args.join(' ') || null, periodText: undefined };
}

export async function knownDepartments(db: Db): Promise<string[]> {
  const rows = await queryRows<{ department: string }>(
    db,
    sql`select department from employees where department is not null group by department order by count(*) desc limit 30`,
  );
  return rows.map((row) => row.department);
}
