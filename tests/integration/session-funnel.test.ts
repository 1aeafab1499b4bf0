import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSnapshot } from '../../src/db/queries/adoption-snapshots.js';
import { funnelByDepartment, type MetricsWindow } from '../../src/db/queries/metrics.js';
import { sessionAttendance, trainingSessions } from '../../src/db/schema.js';
import { EXPORT_COLUMNS, writeExport } from '../../src/domain/export.js';
import { refreshSnapshots } from '../../src/domain/figures.js';
import { seedSessionFunnel } from '../fixtures/session-funnel.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

/**
 * The learning funnel and `sessions_attended` on the hand-computed fixture
 * (tests/fixtures/session-funnel.ts). 2026-Q4, UTC, requirement 1 approved bot, as of its end.
 *
 * Attended in Q4 (S1, S2; S3 was cancelled, S4 is Q3): Ann, Amy, Abe (Sales), Bob (Eng) = 4.
 * Builders among them: Ann, Amy, Bob = 3. Qualified: Ann, Bob = 2. Used by a colleague: Ann = 1
 * (Bob's only use is his own). Others: Ned (Sales), Nia, Nat (Eng, Nat as of the end) = 3;
 * builders Ned, Nat = 2 (Nia withdrew hers). Days to first bot: Ann 10, Amy 20, Bob 31 → median 20;
 * Ned 5, Nat 80 → median 42.5.
 */
const WINDOW: MetricsWindow = {
  start: '2026-10-01',
  end: '2026-12-31',
  timezone: 'UTC',
  now: new Date('2027-01-15T12:00:00Z'),
  requiredApprovedBots: 1,
  includeGuests: false,
};

describe.each(DRIVERS)('learning funnel on %s', (driver) => {
  let testDb: TestDatabase;
  let app: TestApp;
  let ids: Awaited<ReturnType<typeof seedSessionFunnel>>;
  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    ids = await seedSessionFunnel(testDb.database.db);
    app = await startTestApp(testDb.database, {
      env: { HR_USER_IDS: 'UHANA', MIN_GROUP_SIZE: '3', STATS_REFRESH_MINUTES: '0' },
      now: () => WINDOW.now,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });

  it('counts each stage by department as of the period’s end, and for the company', async () => {
    const { company, departments } = await funnelByDepartment(testDb.database.db, WINDOW);
    expect(company).toEqual({
      headcount: 7,
      attended: 4,
      attendedBuilders: 3,
      attendedQualified: 2,
      attendedUsed: 1,
      nonAttendees: 3,
      nonAttendeeBuilders: 2,
      attendeeMedianDaysToFirstBot: 20,
      nonAttendeeMedianDaysToFirstBot: 42.5,
    });
    expect(
      departments.map((d) => [
        d.department,
        d.funnel.headcount,
        d.funnel.attended,
        d.funnel.attendedBuilders,
        d.funnel.attendedQualified,
        d.funnel.attendedUsed,
        d.funnel.nonAttendees,
        d.funnel.nonAttendeeBuilders,
      ]),
    ).toEqual([
      ['Sales', 4, 3, 2, 1, 1, 1, 1],
      ['Eng', 3, 1, 1, 1, 0, 2, 1],
    ]);
  });

  it('the export appends sessions_attended (sessions held in the period, cancelled ones not counted)', async () => {
    let csv = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        csv += chunk.toString();
        done();
      },
    });
    const period = {
      name: '2026-Q4',
      start: '2026-10-01',
      end: '2026-12-31',
      kind: 'quarter' as const,
      requiredApprovedBots: 1,
      stored: false,
    };
    await writeExport(testDb.database.db, period, WINDOW, sink);
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(EXPORT_COLUMNS.at(-1)).toBe('sessions_attended');
    expect(header?.split(',').at(-2)).toBe('entered_by_email'); // issue 14's column, appended before
    expect(header?.split(',').at(-1)).toBe('sessions_attended');
    const byName = Object.fromEntries(rows.map((r) => [r.split(',')[2], r.split(',').at(-1)]));
    expect(byName).toEqual({ Ann: '2', Amy: '1', Abe: '1', Ned: '0', Bob: '1', Nia: '0', Nat: '0' });
  });

  it('/adoption stats shows the funnel, attendees vs others, and hides groups under MIN_GROUP_SIZE', async () => {
    await app.command('UHANA', 'stats 2026-Q4', { command: '/adoption' });
    const text = JSON.stringify(await app.nextResponse());
    expect(text).toContain(
      'Attended ≥ 1 session: *4* of 7 (57%) → built a bot: *3* (75%) → qualified: *2* (50%) → a bot used by a colleague: *1* (25%)',
    );
    expect(text).toContain('builder rate *75%* vs *67%*; median time to first bot *20 days* vs *42.5 days*');
    expect(text).toContain('*Sales* · 3 attended → 2 built → 1 qualified → 1 used · 4 people');
    expect(text).toContain('*Eng* · 1 attended → 1 built → 1 qualified → 0 used · 3 people');
    await app.command('UHANA', 'stats Eng 2026-Q4', { command: '/adoption' });
    const eng = JSON.stringify(await app.nextResponse());
    expect(eng).toContain('Attended ≥ 1 session: *1* of 3');
    // One attendee in Eng: too few to compare.
    expect(eng).toContain('shown when both groups have at least 3 people');
  });

  it('the stats refresh stores the same funnel, and /adoption stats serves it from that snapshot', async () => {
    const db = testDb.database.db;
    await refreshSnapshots(db, WINDOW);
    const stored = (await findSnapshot(db, WINDOW, { kind: 'company' }))?.funnel;
    expect(stored).toEqual({
      funnel: {
        headcount: 7,
        attended: 4,
        attendedBuilders: 3,
        attendedQualified: 2,
        attendedUsed: 1,
        nonAttendees: 3,
        nonAttendeeBuilders: 2,
        attendeeMedianDaysToFirstBot: 20,
        nonAttendeeMedianDaysToFirstBot: 42.5,
      },
      departments: (await funnelByDepartment(db, WINDOW)).departments,
    });
    expect((await findSnapshot(db, WINDOW, { kind: 'department', department: 'eng' }))?.funnel).toEqual({
      funnel: {
        headcount: 3,
        attended: 1,
        attendedBuilders: 1,
        attendedQualified: 1,
        attendedUsed: 0,
        nonAttendees: 2,
        nonAttendeeBuilders: 1,
        attendeeMedianDaysToFirstBot: 31,
        nonAttendeeMedianDaysToFirstBot: 80,
      },
      departments: [],
    });

    // Ned is marked at S1 after the refresh: the snapshot (fresh for 20 minutes) still says 4.
    const [s1] = await db
      .select({ id: trainingSessions.id })
      .from(trainingSessions)
      .where(eq(trainingSessions.title, 'S1'));
    await db
      .insert(sessionAttendance)
      .values({ sessionId: s1?.id as number, employeeId: ids.Ned as number, markedBy: 'UBOB' });
    const snapshots = await startTestApp(testDb.database, {
      env: { HR_USER_IDS: 'UHANA', MIN_GROUP_SIZE: '3', STATS_REFRESH_MINUTES: '10' },
      now: () => new Date(WINDOW.now.getTime() + 5 * 60_000),
    });
    try {
      await snapshots.command('UHANA', 'stats 2026-Q4', { command: '/adoption' });
      const text = JSON.stringify(await snapshots.nextResponse());
      expect(text).toContain('Attended ≥ 1 session: *4* of 7 (57%) → built a bot: *3* (75%)');
      expect(text).toContain('*Sales* · 3 attended → 2 built → 1 qualified → 1 used · 4 people');
      expect(text).not.toContain('_Funnel:'); // same moment as the figures: no second freshness line
    } finally {
      await snapshots.stop();
    }
    // Live (STATS_REFRESH_MINUTES=0), Ned now counts.
    await app.command('UHANA', 'stats 2026-Q4', { command: '/adoption' });
    expect(JSON.stringify(await app.nextResponse())).toContain('Attended ≥ 1 session: *5* of 7');
  });
});
