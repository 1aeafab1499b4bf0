import type { Db } from '../db/client.js';
import { departmentsBySize } from '../db/queries/employees.js';
import type {
  AdoptionFigures,
  DepartmentFunnel,
  FunnelFigures,
  MetricsWindow,
} from '../db/queries/metrics.js';
import { findReviewPeriodByName } from '../db/queries/periods.js';
import { UserError } from './errors.js';
import {
  type Freshness,
  latestFigures,
  latestFunnel,
  type SnapshotPolicy,
  snapshotPolicy,
} from './figures.js';
import { isoDay, looksLikePeriod, parsePeriod, readPeriod } from './periods.js';
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
  /** How fresh `figures` and `previous` are: a reply must say so. */
  freshness: Freshness;
  previousFreshness: Freshness;
  timezone: string;
  /** The refresh interval, when the scheduled refresh keeps this period's snapshots fresh. */
  refreshedEveryMinutes: number | null;
}

/** Where stats come from: snapshots no older than `policy` allows, refreshed every `refreshMinutes`. */
export interface StatsSource {
  policy: SnapshotPolicy;
  refreshMinutes: number;
}

/** The source for STATS_REFRESH_MINUTES (0: always live). */
export function statsSource(refreshMinutes: number): StatsSource {
  return { policy: snapshotPolicy(refreshMinutes), refreshMinutes };
}

/**
 * `stats [department] [period]`: the figures of one group for one period, beside the period before,
 * from fresh snapshots when there are some (src/domain/figures.ts), else computed live.
 */
export async function adoptionStats(
  db: Db,
  args: string[],
  options: StatsOptions,
  source: StatsSource,
): Promise<StatsReport> {
  const today = isoDay(options.now, options.timezone);
  const { department, periodText } = await splitStatsArgs(db, args);
  const [period, current] = await Promise.all([
    resolvePeriod(db, periodText, today),
    resolvePeriod(db, undefined, today),
  ]);
  const previousPeriod = periodBefore(period);
  const scope: StatsReport['scope'] = department ? { kind: 'department', department } : { kind: 'company' };
  const [latest, before] = await Promise.all([
    latestFigures(db, windowFor(period, options), scope, source.policy),
    latestFigures(db, windowFor(previousPeriod, options), scope, source.policy),
  ]);
  const figures = latest.figures;
  const previous = before.figures;
  if (department && figures.headcount === 0 && previous.headcount === 0) {
    const known = await knownDepartments(db);
    throw unknownDepartment(department, known);
  }
  // The scheduled refresh covers the current period and the one before it.
  const refreshed = [current, periodBefore(current)].some((p) => samePeriod(p, period));
  return {
    scope,
    period,
    previousPeriod,
    figures,
    previous,
    freshness: latest.freshness,
    previousFreshness: before.freshness,
    timezone: options.timezone,
    refreshedEveryMinutes: refreshed && source.refreshMinutes > 0 ? source.refreshMinutes : null,
  };
}

const samePeriod = (a: ReviewPeriod, b: ReviewPeriod) =>
  a.start === b.start && a.end === b.end && a.requiredApprovedBots === b.requiredApprovedBots;

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

/** "No one is in a department called …", with the departments there are (none before a roster import). */
export function unknownDepartment(department: string, known: readonly string[]): UserError {
  return new UserError('department_unknown', {
    department,
    departments: known.join(', '),
    count: known.length,
  });
}

/** The trailing words that name a period (grammar or a stored name); the rest is the department. */
export async function splitStatsArgs(
  db: Db,
  args: string[],
): Promise<{ department: string | null; periodText: string | undefined }> {
  const last = args.at(-1);
  if (last !== undefined && looksLikePeriod(last)) {
    const parsed = readPeriod(last);
    if (!parsed.ok) throw new UserError(parsed.code, parsed.params);
  }
  for (let i = 0; i < args.length; i++) {
    const tail = args.slice(i).join(' ');
    if (parsePeriod(tail).ok || (await findReviewPeriodByName(db, tail))) {
      return { department: args.slice(0, i).join(' ') || null, periodText: tail };
    }
  }
  return { department: args.join(' ') || null, periodText: undefined };
}

/** The departments named when a department is not found: the 30 most populated. */
export function knownDepartments(db: Db): Promise<string[]> {
  return departmentsBySize(db, 30);
}

/** The learning funnel beside `/adoption stats`: the scope's own, and for the company each department's. */
export interface FunnelReport {
  scope: StatsReport['scope'];
  funnel: FunnelFigures;
  departments: DepartmentFunnel[];
  /** Like the figures': from the snapshot the refresh stores with them, else computed live. */
  freshness: Freshness;
}

/**
 * The funnel of the report's scope and period, from the same snapshot as its figures when fresh
 * (src/domain/figures.ts `latestFunnel`); computing it live reads every member's bots (about a
 * second and a half at 100,000 employees, docs/benchmarks.md).
 */
export async function learningFunnel(
  db: Db,
  report: Pick<StatsReport, 'scope' | 'period'>,
  options: StatsOptions,
  source: StatsSource,
): Promise<FunnelReport> {
  const latest = await latestFunnel(db, windowFor(report.period, options), report.scope, source.policy);
  return {
    scope: report.scope,
    funnel: latest.funnel.funnel,
    departments: latest.funnel.departments,
    freshness: latest.freshness,
  };
}
