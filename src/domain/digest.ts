import type { Db } from '../db/client.js';
import {
  directReports,
  type MostUsedBot,
  mostUsedBotsBetween,
  newBotsBetween,
  type ReviewBacklog,
  reviewBacklog,
  type ShowcaseBot,
} from '../db/queries/digest.js';
import type { DepartmentFigures, PersonRecord } from '../db/queries/metrics.js';
import { type UpcomingSessionWithSeats, upcomingSessionsWithSeats } from '../db/queries/sessions.js';
import { departmentFiguresAt, type FiguresOptions, personRecordsOf } from './digest-figures.js';
import { participationRate } from './participation.js';
import { isoDay } from './periods.js';
import { type ReviewPeriod, resolvePeriod } from './review-periods.js';

/**
 * The weekly digest as data: the current review period to date, beside the same figures a week
 * earlier; the week's new and most-used bots; the review backlog; participation by week for the
 * chart; and each manager's team. Rendering is src/slack/blocks/digest.ts; sending is the job's.
 */

const DAY_MS = 86_400_000;
/** Weeks of history in the chart (one metrics query each). */
export const CHART_WEEKS = 12;
/** Departments drawn in the chart beside the company line: the largest ones. */
export const CHART_DEPARTMENTS = 5;
export const SHOWCASE_BOTS = 5;
export const MOST_USED_BOTS = 5;
/** A review waiting longer than this counts as overdue in the backlog (as for reviewer reminders). */
const OVERDUE_REVIEW_DAYS = 3;

export interface DigestOptions extends FiguresOptions {
  now: Date;
  minGroupSize: number;
}

export interface GroupFigures {
  headcount: number;
  builders: number;
  qualified: number;
}

export interface DepartmentLine {
  department: string | null;
  now: GroupFigures;
  /** The same department a week earlier; null before the period had run a week. */
  weekAgo: GroupFigures | null;
}

export interface WeeklyDigest {
  period: ReviewPeriod;
  /** ISO week of the digest in the company's time zone, e.g. 2026-W47: one digest per week. */
  week: string;
  today: string;
  company: GroupFigures;
  companyWeekAgo: GroupFigures | null;
  departments: DepartmentLine[];
  newBots: ShowcaseBot[];
  newBotsTotal: number;
  mostUsed: MostUsedBot[];
  backlog: ReviewBacklog;
  chart: ParticipationPoint[];
  /** The coming week's AI sessions with free seats (src/domain/sessions.ts). */
  sessions: { timezone: string; items: UpcomingSessionWithSeats[] };
}

/** The company's line in the chart (the renderer names it in the digest's language). */
export const COMPANY_GROUP = 'Company';

/** One point of the digest chart's participation series (drawn by src/charts/). */
export interface ParticipationPoint {
  /** Last day of the week (ISO). */
  week: string;
  /** A department, or COMPANY_GROUP. */
  group: string;
  /** Builders / headcount, 0–100. */
  participation: number;
}

export async function buildWeeklyDigest(db: Db, options: DigestOptions): Promise<WeeklyDigest> {
  const { now, timezone } = options;
  const today = isoDay(now, timezone);
  const period = await resolvePeriod(db, undefined, today);
  // Period to date as it stood now, a week ago, two weeks ago…, while still inside the period.
  const asOfs: Date[] = [];
  for (let i = 0; i < CHART_WEEKS; i++) {
    const asOf = new Date(now.getTime() - i * 7 * DAY_MS);
    if (isoDay(asOf, timezone) < period.start) break;
    asOfs.push(asOf);
  }
  const snapshots: DepartmentFigures[][] = [];
  for (const asOf of asOfs) snapshots.push(await departmentFiguresAt(db, period, asOf, options));
  const current = snapshots[0] ?? [];
  const weekAgo = snapshots[1] ?? null;
  const weekAgoFor = (department: string | null) =>
    weekAgo === null
      ? null
      : (weekAgo.find((row) => row.department === department) ?? { headcount: 0, builders: 0, qualified: 0 });

  const since = new Date(now.getTime() - 7 * DAY_MS);
  const newBots = await newBotsBetween(db, { since, asOf: now, limit: SHOWCASE_BOTS });
  return {
    period,
    week: isoWeek(today),
    today,
    company: total(current),
    companyWeekAgo: weekAgo === null ? null : total(weekAgo),
    departments: current.map((row) => ({
      department: row.department,
      now: figures(row),
      weekAgo: department(weekAgoFor(row.department)),
    })),
    newBots: newBots.bots,
    newBotsTotal: newBots.total,
    mostUsed: await mostUsedBotsBetween(db, { since, asOf: now, limit: MOST_USED_BOTS }),
    backlog: await reviewBacklog(db, {
      asOf: now,
      olderThan: new Date(now.getTime() - OVERDUE_REVIEW_DAYS * DAY_MS),
    }),
    chart: chartPoints(asOfs, snapshots, options),
    sessions: {
      timezone,
      items: await upcomingSessionsWithSeats(db, now, new Date(now.getTime() + 7 * DAY_MS)),
    },
  };
}

const figures = (row: GroupFigures): GroupFigures => ({
  headcount: row.headcount,
  builders: row.builders,
  qualified: row.qualified,
});
const department = (row: GroupFigures | null) => (row === null ? null : figures(row));

function total(rows: GroupFigures[]): GroupFigures {
  return rows.reduce(
    (sum, row) => ({
      headcount: sum.headcount + row.headcount,
      builders: sum.builders + row.builders,
      qualified: sum.qualified + row.qualified,
    }),
    { headcount: 0, builders: 0, qualified: 0 },
  );
}

/**
 * The company line and the largest departments' lines, oldest week first. A department appears
 * only in weeks where it had at least `minGroupSize` people, so no small group shows in the chart.
 */
export function chartPoints(
  asOfs: Date[],
  snapshots: DepartmentFigures[][],
  options: { timezone: string; minGroupSize: number },
): ParticipationPoint[] {
  const latest = snapshots[0] ?? [];
  const shown = latest
    .filter((row) => row.department !== null && row.headcount >= options.minGroupSize)
    .slice(0, CHART_DEPARTMENTS)
    .map((row) => row.department as string);
  const points: ParticipationPoint[] = [];
  for (let i = asOfs.length - 1; i >= 0; i--) {
    const asOf = asOfs[i] as Date;
    const rows = snapshots[i] ?? [];
    const week = isoDay(asOf, options.timezone);
    const company = total(rows);
    if (company.headcount >= options.minGroupSize)
      points.push({ week, group: COMPANY_GROUP, participation: share(company) });
    for (const name of shown) {
      const row = rows.find((r) => r.department === name);
      if (row && row.headcount >= options.minGroupSize)
        points.push({ week, group: name, participation: share(row) });
    }
  }
  return points;
}

const share = (group: GroupFigures) => participationRate(group.builders, group.headcount) ?? 0;

/** The ISO 8601 week of a day, e.g. 2026-11-16 → 2026-W47. */
export function isoWeek(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the week's Thursday decides its year
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Manager digests

export type ReportStatus = 'approved' | 'waiting' | 'submitted' | 'nothing';

export interface ManagerDigest {
  managerId: number;
  managerSlackUserId: string;
  reports: Array<{ id: number; name: string; status: ReportStatus }>;
}

/**
 * Each manager's direct reports and where each stands in the period: requirement met (approved),
 * a bot waiting for review, something submitted this period, or nothing yet. Whether the
 * requirement is met comes from the metrics' person records, the same rule HR exports.
 */
export async function buildManagerDigests(
  db: Db,
  period: ReviewPeriod,
  options: DigestOptions,
): Promise<ManagerDigest[]> {
  const today = isoDay(options.now, options.timezone);
  const reports = await directReports(db, today);
  // Only what the statuses need, read a batch of people at a time (not every record at once).
  const standing = new Map<number, Pick<PersonRecord, 'requirementMet' | 'botsSubmitted'>>();
  const ids = [...new Set(reports.map((r) => r.id))].sort((a, b) => a - b);
  for await (const batch of personRecordsOf(db, period, options.now, options, ids))
    for (const r of batch)
      standing.set(r.rosterId, { requirementMet: r.requirementMet, botsSubmitted: r.botsSubmitted });
  const digests = new Map<string, ManagerDigest>();
  for (const report of reports) {
    const record = standing.get(report.id);
    if (!record) continue; // not counted in the period (a guest, or not employed in it)
    const status: ReportStatus = record.requirementMet
      ? 'approved'
      : report.waitingForReview > 0
        ? 'waiting'
        : record.botsSubmitted > 0
          ? 'submitted'
          : 'nothing';
    const digest = digests.get(report.managerSlackUserId) ?? {
      managerId: report.managerId,
      managerSlackUserId: report.managerSlackUserId,
      reports: [],
    };
    digest.reports.push({ id: report.id, name: report.name, status });
    digests.set(report.managerSlackUserId, digest);
  }
  return [...digests.values()];
}
