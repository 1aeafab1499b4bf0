import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bots, deliveries, employees } from '../../src/db/schema.js';
import { forgetPerson } from '../../src/domain/forget.js';
import { deliverySenders } from '../../src/jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../../src/jobs/outbox/worker.js';
import { planReviewReminders, run } from '../../src/jobs/review-reminders.js';
import { createLogger } from '../../src/logger.js';
import type { DeliveryClient } from '../../src/slack/delivery-client.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { buttonsIn, jsonArg, type SentBlock } from '../helpers/review-payloads.js';

const NOW = new Date('2026-11-16T09:00:00Z');
const days = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const hours = (n: number) => 3_600_000 * n;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const logger = createLogger('silent');

/**
 * The reminder job as the scheduler calls it: it plans one `review-reminder` delivery per reviewer
 * in the outbox, which sends it. Mona has three bots to review: one waiting 4 days, one 2 days, one
 * re-requested 1 day ago after changes (submitted 10 days ago: the clock restarts with each round).
 * Omar has one waiting 6 days (and one decided, never reminded).
 */
describe.each(DRIVERS)('review reminders on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let client: DeliveryClient;
  const botIds: Record<string, number> = {};
  const people: Record<string, number> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    client = deliveryClientFor(slack);
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    const db = testDb.database.db;
    await db.delete(deliveries);
    await db.delete(bots);
    await db.delete(employees);
    slack.calls.length = 0;
    slack.on('chat.postMessage', (args) => ({ ok: true, channel: args.channel, ts: '1.1' }));
    const [ann, mona, omar] = await db
      .insert(employees)
      .values([
        { name: 'Ann', slackUserId: 'UANN', email: 'ann@example.com' },
        { name: 'Mona', slackUserId: 'UMONA', email: 'mona@example.com' },
        { name: 'Omar', slackUserId: 'UOMAR', email: 'omar@example.com' },
      ])
      .returning();
    if (!ann || !mona || !omar) throw new Error('insert failed');
    Object.assign(people, { ann: ann.id, mona: mona.id, omar: omar.id });
    const bot = async (name: string, reviewerId: number, submitted: Date, requested: Date) => {
      const [row] = await db
        .insert(bots)
        .values({
          ownerId: ann.id,
          name,
          description: `${name} helps`,
          status: 'submitted',
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

  const deps = (now: Date) => ({
    db: testDb.database.db,
    client,
    logger,
    now: () => now,
    timezone: 'UTC',
    botCommand: '/bot',
  });
  const job = async (now: Date) => {
    const { reviewers, reviews, sent } = await run(deps(now));
    return { reviewers, reviews, sent: sent.sent, retrying: sent.retrying, failed: sent.failed };
  };
  const plan = (now: Date) => planReviewReminders(deps(now));
  const worker = (now: Date) => sendDueDeliveries({ ...deps(now), senders: deliverySenders });
  const dms = (channel: string) =>
    slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const reminderRows = () =>
    testDb.database.db.select().from(deliveries).where(eq(deliveries.kind, 'review-reminder'));

  it('sends each reviewer one DM listing the reviews waiting more than 3 days, with the buttons', async () => {
    expect(await job(NOW)).toEqual({ reviewers: 2, reviews: 2, sent: 2, retrying: 0, failed: 0 });
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

  it('plans one delivery per reviewer whose payload holds ids only, and stamps the bots it claims', async () => {
    expect(await plan(NOW)).toEqual({ reviewers: 2, reviews: 2 });
    const rows = await reminderRows();
    const mona = rows.find((r) => r.recipient === 'UMONA');
    expect(mona).toMatchObject({
      job: 'review-reminders',
      status: 'pending',
      key: `review-reminder:${NOW.getTime()}:e${people.mona}`,
    });
    expect(mona?.payload).toEqual({
      recipientEmployeeId: people.mona,
      aboutEmployeeIds: [people.ann],
      botIds: [botIds['Four days']],
      claimedAt: NOW.toISOString(),
    });
    expect(JSON.stringify(rows.map((r) => r.payload))).not.toMatch(/Ann|Four days|Omar old/);
    const stamped = await testDb.database.db
      .select({ name: bots.name, remindedAt: bots.reviewRemindedAt })
      .from(bots)
      .orderBy(bots.name);
    expect(stamped.filter((b) => b.remindedAt).map((b) => [b.name, b.remindedAt?.toISOString()])).toEqual([
      ['Four days', NOW.toISOString()],
      ['Omar old', NOW.toISOString()],
    ]);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0); // planning sends nothing
  });

  it('reminds once a day: a second run the same day plans nothing, the next day plans again', async () => {
    await job(NOW);
    expect(await job(at(hours(2)))).toEqual({ reviewers: 0, reviews: 0, sent: 0, retrying: 0, failed: 0 });
    expect(await job(at(hours(24)))).toEqual({ reviewers: 2, reviews: 2, sent: 2, retrying: 0, failed: 0 });
    // Three days later the resubmitted bot has waited more than 3 days since its new request too.
    const later = await job(at(hours(24 * 3)));
    expect(later.reviews).toBe(4);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2 + 2 + 2);
    expect(await reminderRows()).toHaveLength(6);
  });

  it('two runs at once (two replicas) plan and send each reminder once', async () => {
    const [a, b] = await Promise.all([job(NOW), job(NOW)]);
    expect(a.reviews + b.reviews).toBe(2);
    expect(a.sent + b.sent).toBe(2);
    expect(await reminderRows()).toHaveLength(2);
    expect(dms('UMONA')).toHaveLength(1);
    expect(dms('UOMAR')).toHaveLength(1);
    // And a worker run after them (the minute tick on another replica) finds nothing left.
    expect((await worker(at(60_000))).sent).toBe(0);
  });

  it('is rendered when sent: an edit shows (name, the buttons’ version), a bot decided meanwhile is left out', async () => {
    await plan(NOW);
    const db = testDb.database.db;
    await db
      .update(bots)
      .set({ name: 'Four days, renamed', version: 2 })
      .where(eq(bots.id, Number(botIds['Four days'])));
    await db
      .update(bots)
      .set({ status: 'approved' })
      .where(eq(bots.id, Number(botIds['Omar old'])));
    expect((await worker(at(60_000))).sent).toBe(2);
    const [mona] = dms('UMONA');
    expect(JSON.stringify(jsonArg(mona, 'blocks'))).toContain('Four days, renamed');
    expect(buttonsIn(jsonArg<SentBlock[]>(mona, 'blocks'))).toContain(
      `review_approve:${botIds['Four days']}:2`,
    );
    expect(dms('UOMAR')).toHaveLength(0); // nothing left to remind Omar of
    const omar = (await reminderRows()).find((r) => r.recipient === 'UOMAR');
    expect(omar).toMatchObject({ status: 'sent', result: { skipped: 'no review left waiting' } });
  });

  it('a passing failure is retried by the outbox, not planned again', async () => {
    slack.on('chat.postMessage', (args) =>
      args.channel === 'UMONA'
        ? { ok: false, error: 'internal_error' }
        : { ok: true, channel: args.channel, ts: '1.1' },
    );
    expect(await job(NOW)).toEqual({ reviewers: 2, reviews: 2, sent: 1, retrying: 1, failed: 0 });
    slack.on('chat.postMessage', (args) => ({ ok: true, channel: args.channel, ts: '1.2' }));
    expect(await job(at(hours(1)))).toEqual({ reviewers: 0, reviews: 0, sent: 1, retrying: 0, failed: 0 });
    expect(dms('UMONA')).toHaveLength(2); // the failed attempt and the retry
    expect(dms('UOMAR')).toHaveLength(1);
  });

  it('a reminder that fails for good leaves its bots due again on the next day’s run', async () => {
    slack.on('chat.postMessage', (args) =>
      args.channel === 'UMONA'
        ? { ok: false, error: 'channel_not_found' }
        : { ok: true, channel: args.channel, ts: '1.1' },
    );
    expect(await job(NOW)).toEqual({ reviewers: 2, reviews: 2, sent: 1, retrying: 0, failed: 1 });
    slack.on('chat.postMessage', (args) => ({ ok: true, channel: args.channel, ts: '1.2' }));
    expect((await job(at(hours(1)))).reviews).toBe(0);
    expect(await job(at(hours(24)))).toMatchObject({ reviewers: 2, reviews: 2, sent: 2 });
    expect(dms('UMONA')).toHaveLength(2);
  });

  it('forget: an erased reviewer’s pending reminder is cancelled; an erased owner’s bots are left out', async () => {
    const db = testDb.database.db;
    await plan(NOW);
    const mona = await forgetPerson(db, { kind: 'slack', slackUserId: 'UMONA' }, 'UHR', at(1000));
    expect(mona.messages).toBe(1);
    expect((await reminderRows()).map((r) => r.recipient)).toEqual(['UOMAR']);
    await forgetPerson(db, { kind: 'slack', slackUserId: 'UANN' }, 'UHR', at(2000));
    const [omar] = await reminderRows();
    expect(omar?.payload).toMatchObject({ recipientEmployeeId: people.omar, aboutEmployeeIds: [] });
    expect((await worker(at(60_000))).sent).toBe(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect((await reminderRows())[0]).toMatchObject({
      status: 'sent',
      result: { skipped: 'no review left waiting' },
    });
  });
});
