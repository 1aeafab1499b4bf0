import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';

/**
 * The scheduler registers each job with its cron pattern in TIMEZONE; node-cron then fires on
 * real time. Its next fire, read with the system clock set, shows the zone (and DST) is applied.
 */
describe('scheduler', () => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    slack = await startFakeSlack();
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const start = (env: Record<string, string>) => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-t',
      SLACK_SIGNING_SECRET: 'secret-123',
      SLACK_API_URL: slack.apiUrl,
      DIGEST_CHANNEL: 'C0DIGEST',
      ...env,
    });
    return startScheduler({
      config,
      db: testDb.database.db,
      client: new webApi.WebClient('xoxb-t', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
      logger: createLogger('silent'),
      now: () => new Date(),
    });
  };

  it('registers the digest, nudges, reviewer reminders, the period-end deliveries and the deliveries worker with their cron patterns', async () => {
    const scheduler = start({ TIMEZONE: 'America/New_York', DIGEST_CRON: '30 8 * * 2' });
    try {
      const patterns = Object.fromEntries(scheduler.tasks.map((task) => [task.name, task.getPattern()]));
      expect(patterns).toMatchObject({
        'weekly-digest': '30 8 * * 2',
        nudges: '*/15 * * * *',
        'review-reminders': '0 10 * * 1-5',
        'period-end': '0 8 * * *',
        deliveries: '* * * * *',
      });
    } finally {
      await scheduler.stop();
    }
  });

  it('fires the weekly digest at 09:00 Monday local time, across the DST changes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // New York springs forward on Sunday 2026-03-08: Monday 09:00 is 14:00Z before, 13:00Z after.
    vi.setSystemTime(new Date('2026-03-03T12:00:00Z'));
    let scheduler = start({ TIMEZONE: 'America/New_York' });
    const digest = () => scheduler.tasks.find((task) => task.name === 'weekly-digest');
    try {
      expect(digest()?.getNextRuns(2)).toEqual([
        new Date('2026-03-09T13:00:00Z'),
        new Date('2026-03-16T13:00:00Z'),
      ]);
      vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
      expect(digest()?.getNextRun()).toEqual(new Date('2026-03-02T14:00:00Z'));
    } finally {
      await scheduler.stop();
    }
    // London falls back on Sunday 2026-10-25: Monday 09:00 is 08:00Z before, 09:00Z after.
    vi.setSystemTime(new Date('2026-10-20T12:00:00Z'));
    scheduler = start({ TIMEZONE: 'Europe/London' });
    try {
      expect(digest()?.getNextRun()).toEqual(new Date('2026-10-26T09:00:00Z'));
      vi.setSystemTime(new Date('2026-10-18T12:00:00Z'));
      expect(digest()?.getNextRun()).toEqual(new Date('2026-10-19T08:00:00Z'));
    } finally {
      await scheduler.stop();
    }
  });
});
