import { webApi } from '@slack/bolt';
import { and, eq, like } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { deliveries, jobRuns, reviewPeriods } from '../../src/db/schema.js';
import { type Scheduler, startScheduler } from '../../src/jobs/scheduler.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';

/**
 * The weekly digest through the app's own scheduler (src/jobs/scheduler.ts), replicas on one
 * database, an injected clock. node-cron's timers are stopped right after start: the test makes
 * each fire happen (`coordinator.fire`, what node-cron's tick calls) and each minute's sweep
 * (`coordinator.sweep`), at the times it sets. DIGEST_CRON is the default, Monday 09:00 UTC:
 *   last week's fire  Mon 2026-11-09 09:00 (ISO week 2026-W46)
 *   this week's fire  Mon 2026-11-16 09:00 (2026-W47), its window open until
 *   next week's fire  Mon 2026-11-23 09:00 (2026-W48).
 */
const LAST_WEEK = new Date('2026-11-09T09:00:00Z');
const FIRE = new Date('2026-11-16T09:00:00Z');
const NEXT_WEEK = new Date('2026-11-23T09:00:00Z');
const CHANNEL = 'C0DIGEST';
const plus = (ms: number, from = FIRE) => new Date(from.getTime() + ms);
const LEASE_MS = 2 * 60_000;

describe.each(DRIVERS)('scheduled digest on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let lines: Array<Record<string, unknown>>;
  const running: Scheduler[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    for (const [i, dept] of ['Eng', 'Eng', 'Eng', 'Sales', 'Sales', 'Sales'].entries())
      slack.users.set(`U${i}`, {
        id: `U${i}`,
        real_name: `Person ${i}`,
        profile: { email: `p${i}@example.com`, title: dept },
      });
    await testDb.database.db
      .insert(reviewPeriods)
      .values({ name: 'FY26-Q4', startsOn: '2026-10-01', endsOn: '2026-12-31', requiredApprovedBots: 1 });
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await testDb.database.db.delete(jobRuns);
    await testDb.database.db.delete(deliveries);
    slack.calls.length = 0;
    lines = [];
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  /** One replica of the app's scheduler, on `db` (default: the test database), at the clock `clock.now`. */
  const replica = async (id: string, clock: { now: Date }, db: Db = testDb.database.db) => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-t',
      SLACK_SIGNING_SECRET: 'secret-123',
      SLACK_API_URL: slack.apiUrl,
      DIGEST_CHANNEL: CHANNEL,
      STATS_REFRESH_MINUTES: '0',
    });
    const scheduler = startScheduler({
      config,
      db,
      client: new webApi.WebClient('xoxb-t', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
      deliveryClient: deliveryClientFor(slack),
      logger: pino(
        { level: 'info' },
        { write: (line: string) => void lines.push({ replica: id, ...JSON.parse(line) }) },
      ),
      now: () => clock.now,
      replicaId: id,
    });
    await Promise.all(scheduler.tasks.map((task) => task.stop()));
    await scheduler.started;
    return scheduler;
  };
  const digestPosts = () => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
  const digestKeys = async () =>
    (
      await testDb.database.db
        .select({ key: deliveries.key, status: deliveries.status })
        .from(deliveries)
        .where(like(deliveries.key, `weekly-digest:%:${CHANNEL}`))
        .orderBy(deliveries.key)
    ).map((row) => `${row.key} ${row.status}`);
  const fireRow = async (scheduledFor: Date) => {
    const [row] = await testDb.database.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, 'weekly-digest'), eq(jobRuns.scheduledFor, scheduledFor)));
    return row;
  };
  /** Last week's digest went out at its fire: the app was up then. */
  const lastWeeksDigest = async () => {
    const clock = { now: LAST_WEEK };
    const scheduler = await replica('earlier', clock);
    expect(await scheduler.coordinator.fire('weekly-digest')).toMatchObject({ outcome: 'done' });
    await scheduler.stop();
    slack.calls.length = 0;
  };

  it('the replica planning the digest dies mid-run: after its lease another replica sends it, once', async () => {
    const clock = { now: FIRE };
    // Replica A freezes once it has claimed the fire: its planning transaction never ends and no
    // write of its own (a lease renewal) ever reaches the database again.
    let frozen = false;
    const a = await replica(
      'a',
      clock,
      new Proxy(testDb.database.db, {
        get(target, prop, receiver) {
          if (frozen && (prop === 'transaction' || prop === 'update')) return () => new Promise(() => {});
          return Reflect.get(target, prop, receiver);
        },
      }),
    );
    const b = await replica('b', clock);
    running.push(b);
    frozen = true;
    void a.coordinator.fire('weekly-digest');
    await expect.poll(async () => (await fireRow(FIRE))?.claimedBy, { timeout: 10_000 }).toBe('a');
    // B's fire in the same minute, and its sweeps while A's lease holds: nothing (never two at once).
    expect((await b.coordinator.fire('weekly-digest')).outcome).toBe('not-claimed');
    clock.now = plus(LEASE_MS - 1_000);
    await b.coordinator.sweep();
    expect(digestPosts()).toHaveLength(0);
    // A's lease has ended: B's next sweep takes the fire over and the digest goes out.
    clock.now = plus(LEASE_MS + 1_000);
    await b.coordinator.sweep();
    expect(digestPosts()).toHaveLength(1);
    expect(await digestKeys()).toEqual([`weekly-digest:2026-W47:${CHANNEL} sent`]);
    expect(await fireRow(FIRE)).toMatchObject({ status: 'done', claimedBy: 'b', attempts: 2 });
    clock.now = plus(LEASE_MS + 10 * 60_000);
    await b.coordinator.sweep();
    expect(digestPosts()).toHaveLength(1);
  });

  it('the app is down at the fire minute: after a restart inside the window the digest goes out, once', async () => {
    await lastWeeksDigest();
    // Nothing runs on Monday 09:00. Two replicas come up on Tuesday afternoon.
    const clock = { now: new Date('2026-11-17T15:30:00Z') };
    running.push(...(await Promise.all([replica('a', clock), replica('b', clock)])));
    expect(digestPosts()).toHaveLength(1);
    expect(await digestKeys()).toEqual([
      `weekly-digest:2026-W46:${CHANNEL} sent`,
      `weekly-digest:2026-W47:${CHANNEL} sent`,
    ]);
    expect(await fireRow(FIRE)).toMatchObject({ status: 'done', attempts: 1 });
    expect(
      lines.filter(
        (l) => l.job === 'weekly-digest' && String(l.msg).startsWith('scheduled run missed at its minute'),
      ),
    ).toHaveLength(1);
    // Later sweeps and another restart the same week send nothing more.
    clock.now = new Date('2026-11-18T08:00:00Z');
    running.push(await replica('c', clock));
    await Promise.all(running.map((s) => s.coordinator.sweep()));
    expect(digestPosts()).toHaveLength(1);
  });

  it('the app is down for the whole window: that week’s digest is not sent late, and the miss is recorded and logged', async () => {
    await lastWeeksDigest();
    // Down from before 16 Nov 09:00 until Tuesday 24 Nov: the 16th's window closed on the 23rd.
    const clock = { now: new Date('2026-11-24T10:00:00Z') };
    running.push(await replica('a', clock));
    expect(await fireRow(FIRE)).toMatchObject({ status: 'missed' });
    expect(lines).toContainEqual(
      expect.objectContaining({
        job: 'weekly-digest',
        fire: FIRE.toISOString(),
        msg: 'scheduled run missed: its window closed before it was done; it will not run',
      }),
    );
    // No W47 digest; the 23rd's fire (W48), whose window is open, runs late.
    expect(await digestKeys()).toEqual([
      `weekly-digest:2026-W46:${CHANNEL} sent`,
      `weekly-digest:2026-W48:${CHANNEL} sent`,
    ]);
    expect(await fireRow(NEXT_WEEK)).toMatchObject({ status: 'done' });
  });

  it('a planning failure (a database error) is retried and then succeeds, once', async () => {
    const clock = { now: FIRE };
    let failures = 0;
    const flaky = new Proxy(testDb.database.db, {
      get(target, prop, receiver) {
        if (prop === 'transaction' && failures === 0)
          return () => {
            failures++;
            // What postgres.js throws when the server goes away mid-statement.
            return Promise.reject(
              Object.assign(new Error('terminating connection due to administrator command'), {
                code: '57P01',
              }),
            );
          };
        return Reflect.get(target, prop, receiver);
      },
    });
    const a = await replica('a', clock, flaky);
    running.push(a);
    failures = 0; // the start's own runs (roster sync) may have met the failure: arm it for the fire
    expect(await a.coordinator.fire('weekly-digest')).toMatchObject({ outcome: 'failed', attempt: 1 });
    expect(digestPosts()).toHaveLength(0);
    expect(await fireRow(FIRE)).toMatchObject({
      status: 'failed',
      lastError: '57P01',
      nextAttemptAt: plus(60_000),
    });
    clock.now = plus(60_000);
    expect((await a.coordinator.sweep()).find((o) => o.job === 'weekly-digest')).toMatchObject({
      outcome: 'done',
      attempt: 2,
    });
    clock.now = plus(30 * 60_000);
    await a.coordinator.sweep();
    expect(failures).toBe(1);
    expect(digestPosts()).toHaveLength(1);
    expect(await digestKeys()).toEqual([`weekly-digest:2026-W47:${CHANNEL} sent`]);
  });
});
