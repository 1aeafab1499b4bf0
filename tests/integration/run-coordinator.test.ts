import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobRuns } from '../../src/db/schema.js';
import {
  createRunCoordinator,
  DEFAULT_LEASE_MS,
  fireWindow,
  type ScheduledJob,
} from '../../src/jobs/run-coordinator.js';
import { DRIVERS } from '../helpers/db.js';
import { useSuite } from '../helpers/suite.js';

/**
 * The run coordinator with an injected clock: jobs here are plain functions that count their runs
 * (or hang, standing for a replica that died mid-run), so each case says exactly who ran what.
 * The weekly digest's own cron, Monday 09:00 UTC; this week's fire is Monday 2026-11-16 09:00.
 */
const CRON = '0 9 * * 1';
const FIRE = new Date('2026-11-16T09:00:00Z');
const LAST_WEEK = new Date('2026-11-09T09:00:00Z');
const NEXT_WEEK = new Date('2026-11-23T09:00:00Z');
const plus = (ms: number, from = FIRE) => new Date(from.getTime() + ms);
const MINUTE = 60_000;

describe('fire windows', () => {
  it('finds the latest fire at or before now, and when the next one closes its window', () => {
    expect(fireWindow(CRON, 'UTC', FIRE)).toEqual({ fire: FIRE, closesAt: NEXT_WEEK });
    expect(fireWindow(CRON, 'UTC', plus(-1))).toEqual({ fire: LAST_WEEK, closesAt: FIRE });
    expect(fireWindow(CRON, 'UTC', new Date('2026-11-19T17:00:00Z'))).toEqual({
      fire: FIRE,
      closesAt: NEXT_WEEK,
    });
    // In TIMEZONE: New York springs forward on 2026-03-08, so 09:00 is 14:00Z, then 13:00Z.
    expect(fireWindow(CRON, 'America/New_York', new Date('2026-03-08T20:00:00Z'))).toEqual({
      fire: new Date('2026-03-02T14:00:00Z'),
      closesAt: new Date('2026-03-09T13:00:00Z'),
    });
    expect(fireWindow('*/15 * * * *', 'UTC', new Date('2026-11-16T09:44:59Z'))).toEqual({
      fire: new Date('2026-11-16T09:30:00Z'),
      closesAt: new Date('2026-11-16T09:45:00Z'),
    });
  });
});

describe.each(DRIVERS)('run coordinator on %s', (driver) => {
  let now: Date;
  let lines: Array<Record<string, unknown>>;
  const suite = useSuite(driver);
  beforeEach(async () => {
    await suite.db.delete(jobRuns);
    now = FIRE;
    lines = [];
  });

  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const replica = (id: string, job: Omit<ScheduledJob, 'name' | 'cron'>, name = 'weekly-digest') =>
    createRunCoordinator({ db: suite.db, logger, now: () => now, timezone: 'UTC', replicaId: id }, [
      { name, cron: CRON, ...job },
    ]);
  const row = async (scheduledFor: Date, job = 'weekly-digest') => {
    const [found] = await suite.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, job), eq(jobRuns.scheduledFor, scheduledFor)));
    return found;
  };
  /** Last week's fire, done: the job was scheduled on this database before. */
  const ranLastWeek = () =>
    suite.db
      .insert(jobRuns)
      .values({ job: 'weekly-digest', scheduledFor: LAST_WEEK, claimedBy: 'x', status: 'done' });

  it('runs each fire on exactly one of three replicas, and marks it done', async () => {
    const ran: string[] = [];
    const replicas = ['a', 'b', 'c'].map((id) =>
      replica(id, { catchUp: true, run: async () => void ran.push(id) }),
    );
    const outcomes = await Promise.all(replicas.map((r) => r.fire('weekly-digest')));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['done', 'not-claimed', 'not-claimed']);
    expect(ran).toHaveLength(1);
    expect(await row(FIRE)).toMatchObject({
      status: 'done',
      attempts: 1,
      claimedBy: ran[0],
      finishedAt: FIRE,
    });
    // Sweeps later in the window find it done.
    now = plus(10 * MINUTE);
    await Promise.all(replicas.map((r) => r.sweep()));
    expect(ran).toHaveLength(1);
  });

  it('a replica that dies mid-run: its lease ends, another replica runs the fire to done', async () => {
    // Replica A claims and "dies": its job never returns and nothing renews its lease (the renewal
    // timer runs on real time, 30 s, longer than this test).
    let hung = false;
    const a = replica('a', {
      catchUp: true,
      run: () => {
        hung = true;
        return new Promise(() => {});
      },
    });
    void a.fire('weekly-digest');
    await expect.poll(() => hung).toBe(true);
    expect(await row(FIRE)).toMatchObject({ status: 'running', claimedBy: 'a', attempts: 1 });

    let ranOnB = 0;
    const b = replica('b', { catchUp: true, run: async () => void ranOnB++ });
    // Within A's lease: B runs nothing (never two at once).
    now = plus(DEFAULT_LEASE_MS - 1_000);
    expect((await b.sweep())[0]?.outcome).toBe('not-claimed');
    expect(ranOnB).toBe(0);
    // After it: B takes the fire over and finishes it.
    now = plus(DEFAULT_LEASE_MS + 1_000);
    expect((await b.sweep())[0]).toMatchObject({ outcome: 'done', attempt: 2 });
    expect(ranOnB).toBe(1);
    expect(await row(FIRE)).toMatchObject({ status: 'done', claimedBy: 'b', attempts: 2 });
    now = plus(DEFAULT_LEASE_MS + 5 * MINUTE);
    await b.sweep();
    expect(ranOnB).toBe(1);
    expect(
      lines.some((l) => l.msg === 'scheduled run claimed again (the last attempt failed or was abandoned)'),
    ).toBe(true);
  });

  it('a run that fails (a database error) is retried after a backoff, on any replica, and done once', async () => {
    let calls = 0;
    const flaky = replica('a', {
      catchUp: true,
      run: async () => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('terminating connection'), { code: '57P01' });
      },
    });
    expect((await flaky.fire('weekly-digest')).outcome).toBe('failed');
    expect(await row(FIRE)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: '57P01',
      nextAttemptAt: plus(MINUTE),
    });
    const b = replica('b', { catchUp: true, run: async () => void calls++ });
    now = plus(30_000); // before the backoff
    expect((await b.sweep())[0]?.outcome).toBe('not-claimed');
    now = plus(MINUTE);
    expect((await b.sweep())[0]).toMatchObject({ outcome: 'done', attempt: 2 });
    now = plus(5 * MINUTE);
    await Promise.all([flaky.sweep(), b.sweep()]);
    expect(calls).toBe(2);
    expect(await row(FIRE)).toMatchObject({ status: 'done', attempts: 2, claimedBy: 'b', lastError: null });
    // The log says the code, not the error's message (which could hold a query's parameters).
    const failure = lines.find((l) => l.msg === 'scheduled run failed; it will be retried');
    expect(failure).toMatchObject({ job: 'weekly-digest', attempt: 1, error: '57P01' });
    expect(JSON.stringify(lines)).not.toContain('terminating connection');
  });

  it('a fire missed while no replica was up runs late, once, while its window is open', async () => {
    await ranLastWeek();
    let runs = 0;
    const job = { catchUp: true, run: async () => void runs++ };
    // The app comes back on Wednesday: two replicas sweep at start.
    now = new Date('2026-11-18T14:00:00Z');
    await Promise.all([replica('a', job).sweep(), replica('b', job).sweep()]);
    expect(runs).toBe(1);
    expect(await row(FIRE)).toMatchObject({ status: 'done', attempts: 1 });
    expect(lines.filter((l) => String(l.msg).startsWith('scheduled run missed at its minute'))).toHaveLength(
      1,
    );
    now = new Date('2026-11-19T14:00:00Z');
    await replica('a', job).sweep();
    expect(runs).toBe(1);
  });

  it('a fire whose window closed is not run: it is recorded as missed and logged, once', async () => {
    await ranLastWeek();
    let runs = 0;
    const job = { catchUp: true, run: async () => void runs++ };
    // Down from before 16 Nov 09:00 until Tuesday 24 Nov: the 16th's window closed on the 23rd.
    now = new Date('2026-11-24T10:00:00Z');
    await replica('a', job).sweep();
    await replica('b', job).sweep();
    expect(await row(FIRE)).toMatchObject({ status: 'missed', attempts: 0 });
    const missed = lines.filter(
      (l) => l.msg === 'scheduled run missed: its window closed before it was done; it will not run',
    );
    expect(missed).toEqual([
      expect.objectContaining({ job: 'weekly-digest', fire: FIRE.toISOString(), was: 'absent' }),
    ]);
    // The 23rd's own fire is still in its window: it runs (once), as a late run.
    expect(runs).toBe(1);
    expect(await row(NEXT_WEEK)).toMatchObject({ status: 'done' });
  });

  it('a failed run whose window closes before a retry is recorded as missed', async () => {
    const failing = replica('a', {
      catchUp: true,
      run: async () => {
        throw Object.assign(new Error('x'), { code: '08006' });
      },
    });
    await ranLastWeek();
    await failing.fire('weekly-digest');
    now = plus(7 * 24 * 60 * MINUTE + 2 * MINUTE); // past the next fire, which fails as well
    await failing.sweep();
    expect(await row(FIRE)).toMatchObject({
      status: 'missed',
      attempts: 1,
      lastError: expect.stringContaining('08006'),
    });
    expect(lines).toContainEqual(expect.objectContaining({ fire: FIRE.toISOString(), was: 'unfinished' }));
  });

  it('a fresh install does not run a catch-up job at once; a job without catch-up only runs at its minute', async () => {
    let runs = 0;
    now = new Date('2026-11-18T14:00:00Z');
    await replica('a', { catchUp: true, run: async () => void runs++ }).sweep();
    expect(runs).toBe(0);
    await ranLastWeek();
    await replica('a', { catchUp: false, run: async () => void runs++ }).sweep();
    expect(runs).toBe(0);
    expect(await row(FIRE)).toBeUndefined();
    // A sweep in the fire's own minute leaves it to the fire's task.
    now = plus(30_000);
    await replica('a', { catchUp: true, run: async () => void runs++ }).sweep();
    expect(runs).toBe(0);
  });

  it('stop releases a run still in flight after the grace, so another replica retries it at once', async () => {
    let started = false;
    const a = replica('a', {
      catchUp: true,
      run: () => {
        started = true;
        return new Promise(() => {});
      },
    });
    void a.fire('weekly-digest');
    await expect.poll(() => started).toBe(true);
    now = plus(5_000);
    await a.stop(10);
    expect(await row(FIRE)).toMatchObject({
      status: 'failed',
      lastError: 'interrupted by shutdown',
      nextAttemptAt: plus(5_000),
    });
    expect((await a.sweep())[0]?.outcome).toBe('stopping');
    let ranOnB = 0;
    expect((await replica('b', { catchUp: true, run: async () => void ranOnB++ }).sweep())[0]?.outcome).toBe(
      'done',
    );
    expect(ranOnB).toBe(1);
  });
});
