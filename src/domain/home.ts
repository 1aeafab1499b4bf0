import type { Db } from '../db/client.js';
import type { AdoptionFigures, DepartmentFigures, PersonRecord } from '../db/queries/metrics.js';
import type { SessionSummary } from '../db/queries/sessions.js';
import { employeeNameAndZone } from '../db/queries/sessions.js';
import { isLocale, type Locale } from '../i18n/locale.js';
import { auditMany } from './access.js';
import { type Freshness, latestDepartmentFigures, latestFigures } from './figures.js';
import { type MyRecord, myRecord } from './my-record.js';
import { participationRate } from './participation.js';
import type { ReviewPeriod } from './review-periods.js';
import { type MyPendingReviews, pendingReviewsFor } from './reviews.js';
import { nextSessionFor } from './sessions.js';
import { type StatsOptions, type StatsSource, statsSource, windowFor } from './stats.js';
import { listMyBots, type MyBots } from './submissions.js';
import { teamPage } from './team.js';

/** The next session, and the viewer's zone (theirs, else TIMEZONE) and language (null: unknown). */
async function nextSessionOf(db: Db, employeeId: number | null, options: StatsOptions) {
  const [session, viewer] = await Promise.all([
    nextSessionFor(db, employeeId, options.now),
    employeeId === null ? null : employeeNameAndZone(db, employeeId),
  ]);
  const locale = viewer?.locale;
  return {
    session,
    timezone: viewer?.timezone || options.timezone,
    locale: isLocale(locale) ? locale : null,
  };
}

/**
 * What a person's Home tab shows: their record for the current period (the `/bot me` row), their
 * bots, the reviews waiting for them and, for HR, the company's figures and the departments
 * furthest behind. Lists are fetched only as long as the view can show them; totals are exact.
 */
export interface HomeData {
  mine: MyRecord;
  bots: MyBots;
  reviews: MyPendingReviews;
  company: CompanyOverview | null;
  /** For a manager: their direct reports this period (issue 14); null for someone with none. */
  team: TeamOverview | null;
  /** The next AI session the person joined or waits for, and the zone to show it in (the viewer's). */
  nextSession: { session: SessionSummary | null; timezone: string };
  /** The viewer's language from the roster; null or absent: unknown (DEFAULT_LOCALE applies). */
  locale?: Locale | null;
}

/** How many of the manager's N direct reports met the requirement, and the first who have not. */
export interface TeamOverview {
  total: number;
  met: number;
  /** Those who have not met it, by name (at most `teamLimit`). */
  notMet: PersonRecord[];
}

export interface CompanyOverview {
  period: ReviewPeriod;
  figures: AdoptionFigures;
  departments: DepartmentFigures[];
  /** How fresh the figures are (a snapshot of the scheduled refresh, or computed live). */
  freshness: Freshness;
  /** STATS_REFRESH_MINUTES when the figures come from the scheduled refresh; null otherwise. */
  refreshedEveryMinutes: number | null;
}

export interface HomeInput {
  employeeId: number | null;
  isHr: boolean;
  /** How many of the person's bots and waiting reviews to fetch (the view cuts the rest). */
  botLimit: number;
  reviewLimit: number;
  /** How many direct reports who have not met the requirement to list (default 10). */
  teamLimit?: number;
  /** The viewer's Slack id: each direct report listed is audited as seen by them. */
  viewerSlackUserId?: string;
}

/**
 * One person's Home tab. HR also sees the company's figures for the current period, read like
 * `/adoption stats` reads them: from the scheduled snapshots when fresh, else computed live
 * (`source`; STATS_REFRESH_MINUTES=0 by default here, i.e. always live).
 */
export async function loadHome(
  db: Db,
  input: HomeInput,
  options: StatsOptions,
  source: StatsSource = statsSource(0),
): Promise<HomeData> {
  const mine = await myRecord(db, input.employeeId, undefined, options);
  const window = windowFor(mine.period, options);
  const [bots, reviews, company, team, nextSession] = await Promise.all([
    listMyBots(db, input.employeeId, input.botLimit),
    pendingReviewsFor(db, input.employeeId, input.reviewLimit),
    input.isHr
      ? Promise.all([
          latestFigures(db, window, { kind: 'company' }, source.policy),
          latestDepartmentFigures(db, window, source.policy),
        ])
      : null,
    loadTeam(db, input, mine.period.name, options),
    nextSessionOf(db, input.employeeId, options),
  ]);
  return {
    mine,
    bots,
    reviews,
    nextSession: { session: nextSession.session, timezone: nextSession.timezone },
    locale: nextSession.locale,
    company: company
      ? {
          period: mine.period,
          figures: company[0].figures,
          departments: company[1].departments,
          freshness: company[0].freshness,
          refreshedEveryMinutes: source.refreshMinutes > 0 ? source.refreshMinutes : null,
        }
      : null,
    team,
  };
}

/** The "My team" section's data; each person listed is audited (`team_viewed`, via home). */
async function loadTeam(
  db: Db,
  input: HomeInput,
  periodName: string,
  options: StatsOptions,
): Promise<TeamOverview | null> {
  if (input.employeeId === null) return null;
  const page = await teamPage(db, input.employeeId, periodName, 1, options, input.teamLimit ?? 10);
  if (page.total === 0) return null;
  const notMet = page.records.filter((r) => !r.requirementMet);
  if (input.viewerSlackUserId && notMet.length > 0)
    await auditMany(
      db,
      notMet.map((record) => ({
        actor: input.viewerSlackUserId as string,
        action: 'team_viewed',
        via: 'home' as const,
        subjectEmployeeId: record.rosterId,
        detail: { period: periodName },
      })),
      options.now,
    );
  return { total: page.total, met: page.met, notMet };
}

export interface DepartmentRanking {
  /** Departments large enough to show, furthest behind first. */
  behind: DepartmentFigures[];
  /** Departments with fewer than `minGroupSize` members: named, never ranked or counted. */
  small: Array<string | null>;
}

/**
 * Furthest behind = lowest share qualified, then lowest share building, then the larger
 * department first (more people behind). Groups smaller than `minGroupSize` are left out of the
 * ranking: placing them would reveal their figures.
 */
export function rankDepartmentsBehind(
  departments: DepartmentFigures[],
  minGroupSize: number,
): DepartmentRanking {
  const shown = departments.filter((d) => d.headcount >= minGroupSize);
  const small = departments.filter((d) => d.headcount > 0 && d.headcount < minGroupSize);
  const share = (part: number, whole: number) => participationRate(part, whole) ?? 0;
  const behind = [...shown].sort(
    (a, b) =>
      share(a.qualified, a.headcount) - share(b.qualified, b.headcount) ||
      share(a.builders, a.headcount) - share(b.builders, b.headcount) ||
      b.headcount - a.headcount ||
      (a.department ?? '').localeCompare(b.department ?? ''),
  );
  return { behind, small: small.map((d) => d.department) };
}
