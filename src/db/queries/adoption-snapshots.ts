import { and, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { queryRows } from '../rows.js';
import { adoptionSnapshots } from '../schema.js';
import type { AdoptionFigures, DepartmentFigures, MetricsWindow, ScopeFunnel } from './metrics.js';

/** The company, or one department by name (matched in any case, like the metrics' department scope). */
export type SnapshotScope = { kind: 'company' } | { kind: 'department'; department: string };

export interface AdoptionSnapshot {
  figures: AdoptionFigures;
  /** Headcount, builders and qualified per department: only on company rows the refresh wrote. */
  departments: DepartmentFigures[] | null;
  /** The scope's learning funnel, of the same moment as `figures` (null: not computed with them). */
  funnel: ScopeFunnel | null;
  asOf: Date;
  computedAt: Date;
}

export interface NewSnapshot {
  scope: SnapshotScope;
  figures: AdoptionFigures;
  departments?: DepartmentFigures[];
  funnel?: ScopeFunnel;
}

/** What a snapshot is the figures of: the window without its clock (that is `computed_at`). */
function windowKey(window: MetricsWindow) {
  return [
    eq(adoptionSnapshots.periodStart, window.start),
    eq(adoptionSnapshots.periodEnd, window.end),
    eq(adoptionSnapshots.timezone, window.timezone),
    eq(adoptionSnapshots.requiredApprovedBots, window.requiredApprovedBots),
    eq(adoptionSnapshots.includeGuests, window.includeGuests),
  ];
}

const scopeKey = (scope: SnapshotScope) =>
  scope.kind === 'company' ? sql`''` : sql`lower(${scope.department})`;

export async function findSnapshot(
  db: Tx,
  window: MetricsWindow,
  scope: SnapshotScope,
): Promise<AdoptionSnapshot | null> {
  const [row] = await findSnapshotQuery(db, window, scope);
  if (!row) return null;
  return {
    figures: row.figures as AdoptionFigures,
    departments: (row.departments as DepartmentFigures[] | null) ?? null,
    funnel: (row.funnel as ScopeFunnel | null) ?? null,
    asOf: row.asOf,
    computedAt: row.computedAt,
  };
}

/** The primary-key lookup behind `findSnapshot` (a builder: `.toSQL()` gives it for EXPLAIN). */
export function findSnapshotQuery(db: Tx, window: MetricsWindow, scope: SnapshotScope) {
  return db
    .select()
    .from(adoptionSnapshots)
    .where(
      and(
        ...windowKey(window),
        eq(adoptionSnapshots.scopeKind, scope.kind),
        sql`${adoptionSnapshots.scopeKey} = ${scopeKey(scope)}`,
      ),
    );
}

/**
 * Stores figures computed for `window` at `window.now` (its `computed_at`), replacing older ones of
 * the same scope; a newer snapshot already stored (another replica's) is kept.
 */
export async function saveSnapshots(
  db: Tx,
  window: MetricsWindow,
  asOf: Date,
  snapshots: NewSnapshot[],
): Promise<void> {
  if (snapshots.length === 0) return;
  await db
    .insert(adoptionSnapshots)
    .values(
      snapshots.map((s) => ({
        periodStart: window.start,
        periodEnd: window.end,
        timezone: window.timezone,
        requiredApprovedBots: window.requiredApprovedBots,
        includeGuests: window.includeGuests,
        scopeKind: s.scope.kind,
        scopeKey: scopeKey(s.scope),
        asOf,
        computedAt: window.now,
        figures: s.figures,
        departments: s.departments ?? null,
        funnel: s.funnel ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: [
        adoptionSnapshots.periodStart,
        adoptionSnapshots.periodEnd,
        adoptionSnapshots.timezone,
        adoptionSnapshots.requiredApprovedBots,
        adoptionSnapshots.includeGuests,
        adoptionSnapshots.scopeKind,
        adoptionSnapshots.scopeKey,
      ],
      set: {
        asOf: sql`excluded.as_of`,
        computedAt: sql`excluded.computed_at`,
        figures: sql`excluded.figures`,
        departments: sql`excluded.departments`,
        funnel: sql`excluded.funnel`,
      },
      setWhere: sql`excluded.computed_at >= ${adoptionSnapshots.computedAt}`,
    });
}

/**
 * Adds the learning funnel to the scope's snapshot computed at `window.now` (a live fallback stored
 * the figures a moment ago): figures and funnel then describe the same moment. No such row: nothing.
 */
export async function saveSnapshotFunnel(
  db: Tx,
  window: MetricsWindow,
  scope: SnapshotScope,
  funnel: ScopeFunnel,
): Promise<void> {
  await db
    .update(adoptionSnapshots)
    .set({ funnel })
    .where(
      and(
        ...windowKey(window),
        eq(adoptionSnapshots.scopeKind, scope.kind),
        sql`${adoptionSnapshots.scopeKey} = ${scopeKey(scope)}`,
        eq(adoptionSnapshots.computedAt, window.now),
      ),
    );
}

/** Drops the window's snapshots computed before `computedAt` (e.g. a department that has emptied). */
export async function deleteSnapshotsBefore(db: Tx, window: MetricsWindow, computedAt: Date): Promise<void> {
  await db
    .delete(adoptionSnapshots)
    .where(and(...windowKey(window), lt(adoptionSnapshots.computedAt, computedAt)));
}

/** Drops every snapshot computed before `before` (ad-hoc periods and scopes nobody asks about any more). */
export async function purgeSnapshots(db: Tx, before: Date): Promise<number> {
  const deleted = await db
    .delete(adoptionSnapshots)
    .where(lt(adoptionSnapshots.computedAt, before))
    .returning({ key: adoptionSnapshots.scopeKey });
  return deleted.length;
}

/** Postgres's `lower()` of each name, so that keys match what `findSnapshot` looks up. */
export async function departmentKeys(db: Tx, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await queryRows<{ key: string }>(
    db,
    sql`select lower(n) as key from unnest(array[${sql.join(
      names.map((name) => sql`${name}::text`),
      sql`, `,
    )}]) with ordinality as t(n, i) order by i`,
  );
  return rows.map((row) => row.key);
}

/** For the rest of the transaction: memory for the refresh's sorts and hashes, so they need no temp files. */
export async function useLargeWorkMem(tx: Tx): Promise<void> {
  await tx.execute(sql`set local work_mem = '64MB'`);
}
