import type { Tx } from '../db/client.js';
import {
  type AdoptionSnapshot,
  deleteSnapshotsBefore,
  departmentKeys,
  findSnapshot,
  type NewSnapshot,
  type SnapshotScope,
  saveSnapshotFunnel,
  saveSnapshots,
  useLargeWorkMem,
} from '../db/queries/adoption-snapshots.js';
import {
  type AdoptionFigures,
  adoptionFigures,
  adoptionFiguresByDepartment,
  type DepartmentFigures,
  type FunnelFigures,
  funnelByDepartment,
  type MetricsWindow,
  type ScopeFunnel,
  windowAsOf,
} from '../db/queries/metrics.js';

/**
 * Group figures as HR sees them: from a snapshot the scheduled refresh keeps fresh
 * (src/jobs/snapshot-refresh.ts), else computed live and stored for the next reader. Company-wide
 * figures take seconds to compute at 100,000 employees (docs/benchmarks.md); a snapshot is a
 * primary-key read. Whoever shows these figures must say how fresh they are: `freshness` says it.
 */
export interface SnapshotPolicy {
  /** A snapshot computed longer ago than this is not used. 0: always compute live, store nothing. */
  maxAgeMs: number;
}

/** The policy for a refresh every `minutes` minutes: a snapshot may miss one refresh, not two. */
export function snapshotPolicy(refreshMinutes: number): SnapshotPolicy {
  return { maxAgeMs: refreshMinutes * 2 * 60_000 };
}

export interface Freshness {
  /** `snapshot`: read from one computed earlier; `live`: computed for this request. */
  source: 'snapshot' | 'live';
  /** When the figures were computed: they count what had happened by then. */
  computedAt: Date;
  /** The period's end, or `computedAt` for a period still running then. */
  asOf: Date;
}

export interface LatestFigures {
  figures: AdoptionFigures;
  freshness: Freshness;
}

export interface LatestDepartments {
  departments: DepartmentFigures[];
  freshness: Freshness;
}

const isFresh = (snapshot: AdoptionSnapshot | null, window: MetricsWindow, policy: SnapshotPolicy) =>
  snapshot !== null &&
  policy.maxAgeMs > 0 &&
  window.now.getTime() - snapshot.computedAt.getTime() <= policy.maxAgeMs;

const fromSnapshot = (snapshot: AdoptionSnapshot): Freshness => ({
  source: 'snapshot',
  computedAt: snapshot.computedAt,
  asOf: snapshot.asOf,
});

/**
 * The figures of `scope` for `window`: the stored snapshot when one is fresh (computed within
 * `policy.maxAgeMs` of `window.now`), else computed live as of `window.now` and stored. The
 * company falls back to the one-pass refresh (it costs about what the company alone costs, and
 * leaves every department's figures behind); a department to its own query.
 */
export async function latestFigures(
  db: Tx,
  window: MetricsWindow,
  scope: SnapshotScope,
  policy: SnapshotPolicy,
): Promise<LatestFigures> {
  if (policy.maxAgeMs > 0) {
    const snapshot = await findSnapshot(db, window, scope);
    if (snapshot && isFresh(snapshot, window, policy)) {
      return { figures: snapshot.figures, freshness: fromSnapshot(snapshot) };
    }
  }
  const live = (asOf: Date): Freshness => ({ source: 'live', computedAt: window.now, asOf });
  if (policy.maxAgeMs <= 0) {
    const [figures, asOf] = await Promise.all([adoptionFigures(db, window, scope), windowAsOf(db, window)]);
    return { figures, freshness: live(asOf) };
  }
  if (scope.kind === 'company') {
    const refreshed = await refreshSnapshots(db, window);
    return { figures: refreshed.company, freshness: live(refreshed.asOf) };
  }
  const [figures, asOf] = await Promise.all([adoptionFigures(db, window, scope), windowAsOf(db, window)]);
  await saveSnapshots(db, window, asOf, [{ scope, figures }]);
  return { figures, freshness: live(asOf) };
}

/** Headcount, builders and qualified per department, largest first, like `figuresByDepartment`. */
export async function latestDepartmentFigures(
  db: Tx,
  window: MetricsWindow,
  policy: SnapshotPolicy,
): Promise<LatestDepartments> {
  if (policy.maxAgeMs > 0) {
    const snapshot = await findSnapshot(db, window, { kind: 'company' });
    if (snapshot?.departments && isFresh(snapshot, window, policy)) {
      return { departments: snapshot.departments, freshness: fromSnapshot(snapshot) };
    }
  }
  const refreshed =
    policy.maxAgeMs > 0
      ? await refreshSnapshots(db, window)
      : { ...(await adoptionFiguresByDepartment(db, window)), asOf: await windowAsOf(db, window) };
  return {
    departments: refreshed.departments.map(({ department, figures }) => ({
      department,
      headcount: figures.headcount,
      builders: figures.builders,
      qualified: figures.qualified,
    })),
    freshness: { source: 'live', computedAt: window.now, asOf: refreshed.asOf },
  };
}

export interface RefreshResult {
  company: AdoptionFigures;
  departments: Array<{ department: string | null; figures: AdoptionFigures }>;
  /** The company's learning funnel, with every department's. */
  funnel: ScopeFunnel;
  asOf: Date;
  /** Department snapshots written (departments whose names differ only in case are left to live queries). */
  stored: number;
}

/**
 * Computes the company's and every department's figures for `window` as of `window.now` in one
 * statement, and their learning funnels in a second, and stores them as that moment's snapshots,
 * replacing the window's older ones.
 */
export async function refreshSnapshots(db: Tx, window: MetricsWindow): Promise<RefreshResult> {
  return db.transaction(async (tx) => {
    await useLargeWorkMem(tx);
    const [grouped, funnels, asOf] = await Promise.all([
      adoptionFiguresByDepartment(tx, window),
      funnelByDepartment(tx, window),
      windowAsOf(tx, window),
    ]);
    const funnel: ScopeFunnel = { funnel: funnels.company, departments: funnels.departments };
    const named = grouped.departments.filter(
      (d): d is { department: string; figures: AdoptionFigures } => d.department !== null,
    );
    const keys = await departmentKeys(
      tx,
      named.map((d) => d.department),
    );
    const keyCount = new Map<string, number>();
    for (const key of keys) keyCount.set(key, (keyCount.get(key) ?? 0) + 1);
    // "Sales" and "sales" are one department to a reader (the scope matches any case) but two groups
    // here: their sum is not exact for distinct users or medians, so neither is stored.
    const departments: NewSnapshot[] = named
      .filter((_, i) => keyCount.get(keys[i] ?? '') === 1)
      .map((d) => ({
        scope: { kind: 'department', department: d.department },
        figures: d.figures,
        funnel: {
          funnel: sumFunnels(
            funnel.departments.filter((f) => f.department === d.department).map((f) => f.funnel),
          ),
          departments: [],
        },
      }));
    // Older snapshots go first: a department that emptied must not linger, and two refreshes of one
    // window (a replica's schedule, another's live fallback) then wait on each other's rows in one
    // order, never in a cycle.
    await deleteSnapshotsBefore(tx, window, window.now);
    await saveSnapshots(tx, window, asOf, [
      {
        scope: { kind: 'company' },
        figures: grouped.company,
        departments: grouped.departments.map(({ department, figures }) => ({
          department,
          headcount: figures.headcount,
          builders: figures.builders,
          qualified: figures.qualified,
        })),
        funnel,
      },
      ...departments,
    ]);
    return { ...grouped, funnel, asOf, stored: departments.length };
  });
}

export interface LatestFunnel {
  funnel: ScopeFunnel;
  freshness: Freshness;
}

/**
 * The learning funnel of `scope` for `window`: from the scope's snapshot when it is fresh and holds
 * one (the refresh computes it with the figures), else computed live as of `window.now` — and then
 * added to the scope's snapshot if that was stored at this same moment (a live fallback of the
 * figures a moment ago), so that the next reader gets both from it.
 */
export async function latestFunnel(
  db: Tx,
  window: MetricsWindow,
  scope: SnapshotScope,
  policy: SnapshotPolicy,
): Promise<LatestFunnel> {
  if (policy.maxAgeMs > 0) {
    const snapshot = await findSnapshot(db, window, scope);
    if (snapshot?.funnel && isFresh(snapshot, window, policy)) {
      return { funnel: snapshot.funnel, freshness: fromSnapshot(snapshot) };
    }
  }
  const [funnel, asOf] = await Promise.all([liveFunnel(db, window, scope), windowAsOf(db, window)]);
  if (policy.maxAgeMs > 0) await saveSnapshotFunnel(db, window, scope, funnel);
  return { funnel, freshness: { source: 'live', computedAt: window.now, asOf } };
}

/** The funnel computed now: the company's with every department's, or one department's (any case). */
export async function liveFunnel(db: Tx, window: MetricsWindow, scope: SnapshotScope): Promise<ScopeFunnel> {
  const { company, departments } = await funnelByDepartment(db, window);
  if (scope.kind === 'company') return { funnel: company, departments };
  const wanted = scope.department.toLowerCase();
  const mine = departments.filter((d) => (d.department ?? '').toLowerCase() === wanted);
  return { funnel: sumFunnels(mine.map((d) => d.funnel)), departments: [] };
}

/** Departments whose names differ only in case count as one, as in every other figure. */
function sumFunnels(funnels: FunnelFigures[]): FunnelFigures {
  const [first, ...rest] = funnels;
  if (!first)
    return {
      headcount: 0,
      attended: 0,
      attendedBuilders: 0,
      attendedQualified: 0,
      attendedUsed: 0,
      nonAttendees: 0,
      nonAttendeeBuilders: 0,
      attendeeMedianDaysToFirstBot: null,
      nonAttendeeMedianDaysToFirstBot: null,
    };
  if (rest.length === 0) return first;
  // Medians cannot be added up; a department split by case shows none.
  const total = { ...first, attendeeMedianDaysToFirstBot: null, nonAttendeeMedianDaysToFirstBot: null };
  for (const f of rest) {
    total.headcount += f.headcount;
    total.attended += f.attended;
    total.attendedBuilders += f.attendedBuilders;
    total.attendedQualified += f.attendedQualified;
    total.attendedUsed += f.attendedUsed;
    total.nonAttendees += f.nonAttendees;
    total.nonAttendeeBuilders += f.nonAttendeeBuilders;
  }
  return total;
}
