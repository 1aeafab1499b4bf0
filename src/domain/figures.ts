import type { Tx } from '../db/client.js';
import {
  type AdoptionSnapshot,
  deleteSnapshotsBefore,
  departmentKeys,
  findSnapshot,
  type NewSnapshot,
  type SnapshotScope,
  saveSnapshots,
  useLargeWorkMem,
} from '../db/queries/adoption-snapshots.js';
import {
  type AdoptionFigures,
  adoptionFigures,
  adoptionFiguresByDepartment,
  type DepartmentFigures,
  type MetricsWindow,
  windowAsOf,
} from '../db/queries/metrics.js';

/**
 * Group figures as HR sees them: from a snapshot the scheduled refresh keeps fresh
 * (src/jobs/stats-refresh.ts), else computed live and stored for the next reader. Company-wide
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
  asOf: Date;
  /** Department snapshots written (departments whose names differ only in case are left to live queries). */
  stored: number;
}

/**
 * Computes the company's and every department's figures for `window` as of `window.now` in one
 * statement and stores them as that moment's snapshots, replacing the window's older ones.
 */
export async function refreshSnapshots(db: Tx, window: MetricsWindow): Promise<RefreshResult> {
  return db.transaction(async (tx) => {
    await useLargeWorkMem(tx);
    const [grouped, asOf] = await Promise.all([
      adoptionFiguresByDepartment(tx, window),
      windowAsOf(tx, window),
    ]);
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
      .map((d) => ({ scope: { kind: 'department', department: d.department }, figures: d.figures }));
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
      },
      ...departments,
    ]);
    return { ...grouped, asOf, stored: departments.length };
  });
}
