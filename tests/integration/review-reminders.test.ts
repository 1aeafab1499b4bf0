import { webApi } from '@slack/bolt';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bots, employees } from '../../src/db/schema.js';
import { run } from '../../src/jobs/review-reminders.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { buttonsIn, jsonArg, type SentBlock } from '../helpers/review-payloads.js';

const NOW = new Date('2026-11-16T09:00:00Z');
const days = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const hours = (n: number) => 3_600_000 * n;

/**
 * The reminder job as the scheduler (issue 5) will call it: run(deps) with Bolt's client. Mona has
 * three bots to review: one waiting 4 days, one 2 days, one re-requested 1 day ago after changes
 * (submitted 10 days ago: the clock restarts with each round). Omar has one waiting 5 days.
 */
describe.each(DRIVERS)('review reminders on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let client: webApi.WebClient;
  const botIds: Record<string, number> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test-token', {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
    });
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    const db = testDb.database.db;
    await db.delete(bots);
    await db.delete(employees);
    slack.calls.length = 0;
    const [ann, mona, omar] = await db
      .insert(employees)
      .values([
        { name: 'Ann', slackUserId: 'UANN' },
        { name: 'Mona', slackUserId: 'UMONA' },
        { name: 'Omar', slackUserId: 'UOMAR' },
      ])
      .returning();
    if (!ann || !mona || !omar) throw new Error('insert failed');
    const bot = async (
      name: string,
      reviewerId: number,
      submitted: Date,
      requested: Date,
      status = 'submitted' as const,
    ) => {
      const [row] = await db
        .insert(bots)
        .values({
          ownerId: ann.id,
          name,
          description: `${name} helps`,
          status,
          reviewerId,
          submittedAt: submitted,
          reviewRequestedAt: requested,
        })
        .returning();
      if (!row) throw new Error('insert failed');
      botIds[name] = row.id;
    };
    await bot('Four days', mona.id, days(4), days(4));
    await bot('Two days', mona.id, days(2), days(2));
    await bot('Resubmitted', mona.id, days(10), days(1));
    await bot('Five days', omar.id, days(5), days(5));
    await db.update(bots).set({ status: 'approved' }).where(eq(bots.name, 'Five days')); // decided: no reminder
    await bot('Omar old', omar.id, days(6), days(6));
  });

  const job = (now: Date) =>
    run({ db: testDb.database.db, client, logger: createLogger('silent'), now: () => now });
  const dms = (channel: string) =>
    slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

  it('sends each reviewer one DM listing the reviews waiting more than 3 days, with the buttons', async () => {
    expect(await job(NOW)).toEqual({ reviewers: 2, reviews: 2, failed: 0 });
    const [mona] = dms('UMONA');
    expect(dms('UMONA')).toHaveLength(1);
    expect(buttonsIn(jsonArg<SentBlock[]>(mona, 'blocks'))).toEqual([
      `review_approve:${botIds['Four days']}:1`,
      `review_request_changes:${botIds['Four days']}:1`,
      `review_reject:${botIds['Four days']}:1`,
    ]);
    expect(String(mona?.args.text)).toContain(
      '1 review has been waiting for your review for more than 3 days',
    );
    expect(JSON.stringify(jsonArg(mona, 'blocks'))).toContain('waiting for 4 days');
    expect(JSON.stringify(jsonArg(dms('UOMAR')[0], 'blocks'))).toContain(
      '*Omar old* by *Ann* · waiting for 6 days',
    );
  });

  it('reminds once a day: a second run the same day sends nothing, the next day sends again', async () => {
    await job(NOW);
    expect(await job(new Date(NOW.getTime() + hours(2)))).toEqual({ reviewers: 0, reviews: 0, failed: 0 });
    expect(await job(new Date(NOW.getTime() + hours(24)))).toEqual({ reviewers: 2, reviews: 2, failed: 0 });
    // Three days later the resubmitted bot has waited more than 3 days since its new request too.
    const later = await job(new Date(NOW.getTime() + hours(24 * 3)));
    expect(later.reviews).toBe(4);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2 + 2 + 2);
  });

  it('two runs at once (two replicas) send each reminder once', async () => {
    const [a, b] = await Promise.all([job(NOW), job(NOW)]);
    expect(a.reviews + b.reviews).toBe(2);
    expect(dms('UMONA')).toHaveLength(1);
    expect(dms('UOMAR')).toHaveLength(1);
  });

  it('a DM that fails is released and sent on the next run', async () => {
    slack.on('chat.postMessage', (args) =>
      args.channel === 'UMONA'
        ? { ok: false, error: 'channel_not_found' }
        : { ok: true, channel: args.channel, ts: '1.1' },
    );
    try {
      expect(await job(NOW)).toEqual({ reviewers: 2, reviews: 2, failed: 1 });
    } finally {
      slack.on('chat.postMessage', (args) => ({ ok: true, channel: args.channel, ts: '1.2' }));
    }
    expect(await job(new Date(NOW.getTime() + hours(1)))).toEqual({ reviewers: 1, reviews: 1, failed: 0 });
    expect(dms('UMONA')).toHaveLength(2);
    expect(dms('UOMAR')).toHaveLength(1);
  });
});
