import { eq } from 'drizzle-orm';
import cron from 'node-cron';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../src/db/client.js';
import { findSnapshot } from '../../src/db/queries/adoption-snapshots.js';
import { recordOrgState } from '../../src/db/queries/employee-history.js';
import { type AdoptionFigures, adoptionFigures, type MetricsWindow } from '../../src/db/queries/metrics.js';
import {
  adoptionSnapshots,
  employees,
  jobRuns,
  sessionAttendance,
  trainingSessions,
  usageEvents,
} from '../../src/db/schema.js';
import {
  latestDepartmentFigures,
  latestFigures,
  latestFunnel,
  liveFunnel,
  refreshSnapshots,
  snapshotPolicy,
} from '../../src/domain/figures.js';
import { createRunCoordinator, type ScheduledJob } from '../../src/jobs/run-coordinator.js';
import { run as refreshStats, snapshotRefreshCron } from '../../src/jobs/snapshot-refresh.js';
import { at, type seedSmallCompany } from '../fixtures/small-company.js';
import { DRIVERS, type TestDatabase } from '../helpers/db.js';
import { useSuite } from '../helpers/suite.js';

const NOW = new Date('2026-11-15T09:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const Q3: MetricsWindow = {
  start: '2026-07-01',
  end: '2026-09-30',
  timezone: 'UTC',
  now: NOW,
  requiredApprovedBots: 1,
  includeGuests: false,
};
const Q4: MetricsWindow = { ...Q3, start: '2026-10-01', end: '2026-12-31' };
const EVERY_10_MINUTES = snapshotPolicy(10);

/** The worked example of docs/metrics.md (2026-Q3, as of 1 October). */
const Q3_COMPANY: AdoptionFigures = {
  headcount: 6,
  builders: 4,
  qualified: 2,
  newBots: 5,
  approvedBots: 2,
  pendingReviews: 2,
  medianReviewTurnaroundHours: 48,
  uses: 7,
  distinctColleagueUsers: 5,
  adoptedBots: 1,
  medianDaysToFirstBot: 50,
  estimatedHoursSavedPerWeek: 6,
};

const silent = () => pino({ level: 'silent' });

/** Session ids of `seedSessions`. */
const sessions = { q3: 0, q4: 0, cancelled: 0 };

/**
 * AI sessions for the learning funnel: 20 Aug (Q3) attended by Ann, Cat and Eve; 20 Oct (Q4) by
 * Ann, Hal and Ivy; 25 Oct (Q4, cancelled) by Ben, who therefore counts as no attendee.
 */
async function seedSessions(
  db: TestDatabase['database']['db'],
  people: Awaited<ReturnType<typeof seedSmallCompany>>['people'],
) {
  const session = async (day: string, cancelled: boolean) => {
    const [row] = await db
      .insert(trainingSessions)
      .values({
        title: `Session ${day}`,
        startsAt: at(day),
        minutes: 60,
        location: 'Room 1',
        seats: 10,
        hostId: people.ann,
        createdBy: 'UANN',
        cancelledAt: cancelled ? at('2026-10-24') : null,
      })
      .returning();
    if (!row) throw new Error('insert failed');
    return row.id;
  };
  sessions.q3 = await session('2026-08-20', false);
  sessions.q4 = await session('2026-10-20', false);
  sessions.cancelled = await session('2026-10-25', true);
  const attended: Array<[number, number]> = [
    [sessions.q3, people.ann],
    [sessions.q3, people.cat],
    [sessions.q3, people.eve],
    [sessions.q4, people.ann],
    [sessions.q4, people.hal],
    [sessions.q4, people.ivy],
    [sessions.cancelled, people.ben],
  ];
  await db
    .insert(sessionAttendance)
    .values(attended.map(([sessionId, employeeId]) => ({ sessionId, employeeId, markedBy: 'UANN' })));
}

class Rollback extends Error {}
async function rolledBack(db: TestDatabase['database']['db'], work: (tx: Tx) => Promise<void>) {
  await db
    .transaction(async (tx) => {
      await work(tx);
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

describe.each(DRIVERS)('HR stats snapshots on %s', (driver) => {
  const suite = useSuite(driver, { smallCompany: true });
  beforeAll(async () => {
    await seedSessions(suite.db, suite.company.people);
  });
  const db = () => suite.db;

  it('refreshes the current and previous period for the company and every department, exactly as computed live', async () => {
    const done = await refreshStats({
      db: db(),
      timezone: 'UTC',
      includeGuests: false,
      logger: silent(),
      now: () => NOW,
    });
    expect(done.map((d) => [d.period, d.departments])).toEqual([
      ['2026-Q4', 3], // Eng, Sales, Ops (Ivy moved there on 10 Oct; Hal joined)
      ['2026-Q3', 2],
    ]);

    const q3 = await findSnapshot(db(), Q3, { kind: 'company' });
    expect(q3?.figures).toEqual(Q3_COMPANY);
    expect(q3?.computedAt).toEqual(NOW);
    expect(q3?.asOf).toEqual(new Date('2026-10-01T00:00:00Z'));
    expect(q3?.departments).toEqual([
      { department: 'Eng', headcount: 3, builders: 3, qualified: 1 },
      { department: 'Sales', headcount: 3, builders: 1, qualified: 1 },
    ]);
    // Cat counts in Eng (moved 15 Sep), Ivy in Sales (moved after the period).
    expect(
      (await findSnapshot(db(), Q3, { kind: 'department', department: 'SALES' }))?.figures,
    ).toMatchObject({ headcount: 3, builders: 1, qualified: 1, uses: 6 });

    const q4 = await findSnapshot(db(), Q4, { kind: 'company' });
    expect(q4?.asOf).toEqual(NOW); // a running period: as of the refresh
    expect(q4?.figures).toMatchObject({
      headcount: 6,
      builders: 4,
      newBots: 1,
      approvedBots: 1,
      qualified: 1,
    });
    const eng = { kind: 'department', department: 'Eng' } as const;
    const sales = { kind: 'department', department: 'Sales' } as const;
    const ops = { kind: 'department', department: 'Ops' } as const;
    for (const [window, scope] of [
      [Q3, { kind: 'company' }],
      [Q3, eng],
      [Q3, sales],
      [Q4, { kind: 'company' }],
      [Q4, eng],
      [Q4, sales],
      [Q4, ops],
    ] as const) {
      expect((await findSnapshot(db(), window, scope))?.figures).toEqual(
        await adoptionFigures(db(), window, scope),
      );
    }
    expect(await findSnapshot(db(), Q3, ops)).toBeNull(); // nobody was in Ops in Q3

    // The learning funnel is stored with the figures, equal to the live computation for every scope.
    for (const [window, scope] of [
      [Q3, { kind: 'company' }],
      [Q3, eng],
      [Q3, sales],
      [Q4, { kind: 'company' }],
      [Q4, eng],
      [Q4, sales],
      [Q4, ops],
    ] as const) {
      const stored = (await findSnapshot(db(), window, scope))?.funnel;
      expect(stored).toEqual(await liveFunnel(db(), window, scope));
    }
    // By hand (seedSessions): Q3 attended Ann (Sales), Cat and Eve (Eng); Q4 Ann (Sales), Hal and
    // Ivy (Ops) — Ben's session was cancelled.
    const q3Funnel = q3?.funnel;
    expect(q3Funnel?.funnel).toMatchObject({ headcount: 6, attended: 3, nonAttendees: 3 });
    expect(q3Funnel?.departments.map((d) => [d.department, d.funnel.attended])).toEqual([
      ['Eng', 2],
      ['Sales', 1],
    ]);
    expect((await findSnapshot(db(), Q3, eng))?.funnel).toMatchObject({
      funnel: { headcount: 3, attended: 2, nonAttendees: 1 },
      departments: [],
    });
    expect(q4?.funnel?.funnel).toMatchObject({ headcount: 6, attended: 3 });
    expect((await findSnapshot(db(), Q4, ops))?.funnel?.funnel).toMatchObject({ headcount: 2, attended: 2 });
    expect((await findSnapshot(db(), Q4, sales))?.funnel?.funnel).toMatchObject({ attended: 1 });
    expect((await findSnapshot(db(), Q4, { kind: 'department', department: 'ops' }))?.figures).toMatchObject({
      headcount: 2, // Hal (joined 5 Oct) and Ivy
      builders: 1, // Ivy's b7
    });
  });

  it('serves a fresh snapshot as one, and computes live (and stores) once it is stale', async () => {
    await refreshSnapshots(db(), Q4);
    const snapshotUses = (await adoptionFigures(db(), Q4, { kind: 'company' })).uses;
    await db()
      .insert(usageEvents)
      .values({
        botId: suite.company.bots.b1,
        userId: suite.company.people.cat,
        source: 'slash',
        occurredAt: at('2026-11-14'),
      });

    const fresh = await latestFigures(
      db(),
      { ...Q4, now: minutes(19) },
      { kind: 'company' },
      EVERY_10_MINUTES,
    );
    expect(fresh.freshness).toEqual({ source: 'snapshot', computedAt: NOW, asOf: NOW });
    expect(fresh.figures.uses).toBe(snapshotUses); // the snapshot, not today's data

    // The funnel comes from the snapshot while it is fresh, then (below) from the refresh the figures' fallback runs.
    await db()
      .insert(sessionAttendance)
      .values({ sessionId: sessions.q4, employeeId: suite.company.people.cat, markedBy: 'UANN' });
    const freshFunnel = await latestFunnel(
      db(),
      { ...Q4, now: minutes(19) },
      { kind: 'company' },
      EVERY_10_MINUTES,
    );
    expect(freshFunnel.freshness).toEqual(fresh.freshness);
    expect(freshFunnel.funnel.funnel.attended).toBe(3);

    const stale = await latestFigures(
      db(),
      { ...Q4, now: minutes(21) },
      { kind: 'company' },
      EVERY_10_MINUTES,
    );
    expect(stale.freshness).toEqual({ source: 'live', computedAt: minutes(21), asOf: minutes(21) });
    expect(stale.figures.uses).toBe(snapshotUses + 1);
    expect(stale.figures).toEqual(
      await adoptionFigures(db(), { ...Q4, now: minutes(21) }, { kind: 'company' }),
    );

    // The funnel: from the refresh the figures' fallback ran.
    const refreshedFunnel = await latestFunnel(
      db(),
      { ...Q4, now: minutes(21) },
      { kind: 'company' },
      EVERY_10_MINUTES,
    );
    expect(refreshedFunnel.freshness).toEqual({ ...stale.freshness, source: 'snapshot' });
    expect(refreshedFunnel.funnel.funnel.attended).toBe(4); // Cat, marked after the first snapshot
    expect(refreshedFunnel.funnel).toEqual(
      await liveFunnel(db(), { ...Q4, now: minutes(21) }, { kind: 'company' }),
    );

    // The live computation was stored, departments included.
    const again = await latestFigures(
      db(),
      { ...Q4, now: minutes(22) },
      { kind: 'company' },
      EVERY_10_MINUTES,
    );
    expect(again).toEqual({ figures: stale.figures, freshness: { ...stale.freshness, source: 'snapshot' } });
    const departments = await latestDepartmentFigures(db(), { ...Q4, now: minutes(22) }, EVERY_10_MINUTES);
    expect(departments.freshness.source).toBe('snapshot');
    expect(departments.departments.map((d) => [d.department, d.headcount])).toEqual([
      ['Eng', 2],
      ['Ops', 2],
      ['Sales', 2],
    ]);
  });

  it('computes a department live when no snapshot exists (a new install, a past period) and stores it', async () => {
    await db().delete(adoptionSnapshots);
    const q2 = { ...Q3, start: '2026-04-01', end: '2026-06-30' };
    const eng = { kind: 'department', department: 'eng' } as const;
    const first = await latestFigures(db(), q2, eng, EVERY_10_MINUTES);
    expect(first.freshness).toEqual({
      source: 'live',
      computedAt: NOW,
      asOf: new Date('2026-07-01T00:00:00Z'),
    });
    expect(first.figures).toEqual(await adoptionFigures(db(), q2, eng));
    expect(first.figures.headcount).toBe(3); // Dan, Eve, Fay (left 1 June) — Cat was still in Sales
    const second = await latestFigures(db(), { ...q2, now: minutes(1) }, eng, EVERY_10_MINUTES);
    expect(second.freshness.source).toBe('snapshot');
    expect(second.figures).toEqual(first.figures);
    // Only that department was stored: the company still has none.
    expect(await findSnapshot(db(), q2, { kind: 'company' })).toBeNull();
    // Its funnel: computed live, then added to the department's snapshot of that same moment.
    expect((await findSnapshot(db(), q2, eng))?.funnel).toBeNull();
    const funnel = await latestFunnel(db(), q2, eng, EVERY_10_MINUTES);
    expect(funnel.freshness).toEqual(first.freshness);
    expect(funnel.funnel).toEqual(await liveFunnel(db(), q2, eng));
    expect(funnel.funnel.funnel).toMatchObject({ headcount: 3, attended: 0, nonAttendees: 3 });
    const funnelAgain = await latestFunnel(db(), { ...q2, now: minutes(1) }, eng, EVERY_10_MINUTES);
    expect(funnelAgain).toEqual({ funnel: funnel.funnel, freshness: second.freshness });
  });

  it('with snapshots turned off (0 minutes), always computes live and stores nothing', async () => {
    await db().delete(adoptionSnapshots);
    const off = snapshotPolicy(0);
    const result = await latestFigures(db(), Q3, { kind: 'company' }, off);
    expect(result).toEqual({
      figures: await adoptionFigures(db(), Q3, { kind: 'company' }),
      freshness: { source: 'live', computedAt: NOW, asOf: new Date('2026-10-01T00:00:00Z') },
    });
    await latestDepartmentFigures(db(), Q3, off);
    await latestFigures(db(), Q3, { kind: 'department', department: 'Eng' }, off);
    const funnel = await latestFunnel(db(), Q3, { kind: 'company' }, off);
    expect(funnel).toEqual({
      funnel: await liveFunnel(db(), Q3, { kind: 'company' }),
      freshness: { source: 'live', computedAt: NOW, asOf: new Date('2026-10-01T00:00:00Z') },
    });
    expect(await db().select().from(adoptionSnapshots)).toEqual([]);
  });

  it('stores no snapshot for departments whose names differ only in case (they are one scope when asked)', async () => {
    await rolledBack(db(), async (tx) => {
      const [zed] = await tx
        .insert(employees)
        .values({ name: 'Zed', department: 'SALES', activeFrom: '2025-01-01' })
        .returning({ id: employees.id });
      if (!zed) throw new Error('insert failed');
      await recordOrgState(
        tx,
        zed.id,
        { department: 'SALES', managerId: null, active: true },
        at('2020-01-01'),
      );
      const refreshed = await refreshSnapshots(tx, Q3);
      expect(refreshed.departments.map((d) => d.department)).toEqual(['Eng', 'Sales', 'SALES']);
      expect(refreshed.stored).toBe(1); // Eng only
      expect(await findSnapshot(tx, Q3, { kind: 'department', department: 'Sales' })).toBeNull();
      const sales = await latestFigures(
        tx,
        Q3,
        { kind: 'department', department: 'sales' },
        EVERY_10_MINUTES,
      );
      expect(sales.freshness.source).toBe('live');
      expect(sales.figures.headcount).toBe(4); // Ann, Ben, Ivy and Zed
      expect(sales.figures).toEqual(
        await adoptionFigures(tx, Q3, { kind: 'department', department: 'Sales' }),
      );
    });
  });

  it('drops a department that emptied, and snapshots nobody refreshed for a day', async () => {
    await db().delete(adoptionSnapshots);
    await latestFigures(db(), Q3, { kind: 'department', department: 'Nowhere' }, EVERY_10_MINUTES);
    const oldWindow = {
      ...Q3,
      start: '2025-01-01',
      end: '2025-03-31',
      now: new Date('2026-11-13T09:00:00Z'),
    };
    await latestFigures(db(), oldWindow, { kind: 'department', department: 'Eng' }, EVERY_10_MINUTES);
    expect(await db().select().from(adoptionSnapshots)).toHaveLength(2);
    await refreshStats({
      db: db(),
      timezone: 'UTC',
      includeGuests: false,
      logger: silent(),
      now: () => minutes(1),
    });
    const keys = (await db().select().from(adoptionSnapshots)).map(
      (row) => `${row.periodStart} ${row.scopeKind} ${row.scopeKey}`,
    );
    expect(keys.sort()).toEqual([
      '2026-07-01 company ',
      '2026-07-01 department eng',
      '2026-07-01 department sales',
      '2026-10-01 company ',
      '2026-10-01 department eng',
      '2026-10-01 department ops',
      '2026-10-01 department sales',
    ]);
  });

  it('runs each scheduled fire on one replica only', async () => {
    const runs: string[] = [];
    let now = NOW;
    const replica = (id: string) => {
      const logger = pino({ level: 'info' }, { write: (line: string) => void runs.push(`${id} ${line}`) });
      const job: ScheduledJob = {
        name: 'stats-refresh',
        cron: snapshotRefreshCron(10),
        catchUp: false,
        run: () => refreshStats({ db: db(), timezone: 'UTC', includeGuests: false, logger, now: () => now }),
      };
      return createRunCoordinator(
        { db: db(), logger: pino({ level: 'silent' }), now: () => now, timezone: 'UTC', replicaId: id },
        [job],
      );
    };
    const replicas = [replica('a'), replica('b')];
    // Three fires (09:00, 09:10, 09:20), each reached by both replicas at once.
    for (const minute of [0, 10, 20]) {
      now = minutes(minute);
      const outcomes = await Promise.all(replicas.map((r) => r.fire('stats-refresh')));
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['done', 'not-claimed']);
    }
    const fires = await db().select().from(jobRuns).where(eq(jobRuns.job, 'stats-refresh'));
    expect(fires.map((f) => [f.scheduledFor.toISOString(), f.status])).toEqual([
      ['2026-11-15T09:00:00.000Z', 'done'],
      ['2026-11-15T09:10:00.000Z', 'done'],
      ['2026-11-15T09:20:00.000Z', 'done'],
    ]);
    // One refresh per fire, whichever replica won it.
    expect(runs.filter((line) => line.includes('stats snapshots refreshed'))).toHaveLength(3);
  });

  it('builds a cron expression for every allowed interval', () => {
    expect(snapshotRefreshCron(10)).toBe('*/10 * * * *');
    expect(snapshotRefreshCron(1)).toBe('*/1 * * * *');
    expect(snapshotRefreshCron(60)).toBe('0 * * * *');
    for (let m = 1; m <= 60; m++) expect(cron.validate(snapshotRefreshCron(m))).toBe(true);
  });
});
