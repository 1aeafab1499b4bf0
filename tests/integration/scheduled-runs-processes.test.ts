import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, jobRuns, reviewPeriods } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';

/**
 * The real entry point (`src/main.ts`) in child processes on one Postgres database, killed with
 * SIGKILL mid-run. Real time, so the digest's cron is set to a minute that has just passed (a
 * daily one): each start's sweep runs it late, inside its window, as after an outage. The one
 * shortcut: instead of waiting out the dead process's 2-minute lease (and its delivery's 5-minute
 * one), the test moves those lease ends into the past, as time would.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const CHANNEL = 'C0DIGEST';

describe.skipIf(!process.env.TEST_DATABASE_URL)('scheduled runs across processes (Postgres)', () => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    slack = await startFakeSlack();
    for (const i of [1, 2, 3, 4, 5])
      slack.users.set(`U${i}`, {
        id: `U${i}`,
        real_name: `Person ${i}`,
        profile: { email: `p${i}@example.com` },
      });
    await testDb.database.db
      .insert(reviewPeriods)
      .values({ name: 'P', startsOn: '2026-01-01', endsOn: '2030-12-31', requiredApprovedBots: 1 });
  });
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await slack?.close();
    await testDb?.destroy();
  });

  const start = (digestCron: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'secret-123456',
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: testDb.location,
        PORT: '0',
        DIGEST_CHANNEL: CHANNEL,
        DIGEST_CRON: digestCron,
        TIMEZONE: 'UTC',
        STATS_REFRESH_MINUTES: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    return { child, output: () => output };
  };
  const fireRow = async (fire: Date) => {
    const [row] = await testDb.database.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, 'weekly-digest'), eq(jobRuns.scheduledFor, fire)));
    return row;
  };

  it('kill -9 of the replica sending the digest: the next replica takes the fire over and the digest goes out once', async () => {
    // A daily digest whose fire was two minutes ago; yesterday's went out (the app was up then).
    const fire = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000);
    const cron = `${fire.getUTCMinutes()} ${fire.getUTCHours()} * * *`;
    await testDb.database.db
      .insert(jobRuns)
      .values({ job: 'weekly-digest', scheduledFor: new Date(fire.getTime() - 86_400_000), claimedBy: 'x' });
    // Slack holds replica A's digest message open: A is mid-run when it is killed.
    let accepting = false;
    let accepted = 0;
    slack.on('chat.postMessage', (args) => {
      if (args.channel !== CHANNEL) return { ok: true, channel: args.channel, ts: '1.1' };
      if (!accepting) return new Promise(() => {});
      accepted++;
      return { ok: true, channel: CHANNEL, ts: '2.2' };
    });

    const a = start(cron);
    await expect
      .poll(() => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL).length, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(1);
    expect(await fireRow(fire)).toMatchObject({
      status: 'running',
      claimedBy: `${hostname()}:${a.child.pid}`,
    });
    expect(a.output()).toContain('scheduled run missed at its minute');
    a.child.kill('SIGKILL');
    await once(a.child, 'exit');

    // Its leases end (the fire's 2 minutes, the message's 5), as time would make them.
    accepting = true;
    await testDb.database.db
      .update(jobRuns)
      .set({ leaseUntil: new Date(Date.now() - 1_000) })
      .where(and(eq(jobRuns.job, 'weekly-digest'), eq(jobRuns.scheduledFor, fire)));
    await testDb.database.db
      .update(deliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 1_000) })
      .where(eq(deliveries.status, 'sending'));

    const b = start(cron);
    await expect
      .poll(async () => (await fireRow(fire))?.status, { timeout: 30_000, interval: 200 })
      .toBe('done');
    expect(await fireRow(fire)).toMatchObject({ claimedBy: `${hostname()}:${b.child.pid}`, attempts: 2 });
    expect(accepted).toBe(1);
    const digestRows = await testDb.database.db
      .select({ status: deliveries.status, attempts: deliveries.attempts })
      .from(deliveries)
      .where(like(deliveries.key, `weekly-digest:%:${CHANNEL}`));
    // One message planned; A's attempt never got Slack's answer, B's was the second.
    expect(digestRows).toEqual([{ status: 'sent', attempts: 2 }]);

    // A clean stop of B, and a third start: nothing more goes out.
    b.child.kill('SIGTERM');
    expect((await once(b.child, 'exit'))[0]).toBe(0);
    const c = start(cron);
    await expect
      .poll(() => c.output().includes('scheduler started: missed and due runs checked'), { timeout: 30_000 })
      .toBe(true);
    expect(accepted).toBe(1);
    c.child.kill('SIGTERM');
    await once(c.child, 'exit');
  }, 120_000);
  it('SIGTERM while the digest is being sent: the process exits, the message is released, not left sending', async () => {
    await testDb.database.db.delete(deliveries);
    const fire = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 90 * 60_000);
    const cron = `${fire.getUTCMinutes()} ${fire.getUTCHours()} * * *`;
    await testDb.database.db
      .insert(jobRuns)
      .values({ job: 'weekly-digest', scheduledFor: new Date(fire.getTime() - 86_400_000), claimedBy: 'x' });
    slack.calls.length = 0;
    slack.on('chat.postMessage', (args) =>
      args.channel === CHANNEL ? new Promise(() => {}) : { ok: true, channel: args.channel, ts: '1.1' },
    );
    const a = start(cron);
    await expect
      .poll(() => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL).length, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(1);
    const stoppedAt = Date.now();
    a.child.kill('SIGTERM');
    expect((await once(a.child, 'exit'))[0]).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    const [message] = await testDb.database.db
      .select()
      .from(deliveries)
      .where(like(deliveries.key, `weekly-digest:%:${CHANNEL}`));
    expect(message).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: 'interrupted by shutdown; outcome unknown',
    });
    expect(a.output()).toContain('send given up at shutdown');
  }, 60_000);
});
