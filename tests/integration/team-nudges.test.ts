import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bots, deliveries, employees, reviewPeriods, reviews } from '../../src/db/schema.js';
import { planNudges, run as runNudges } from '../../src/jobs/nudges.js';
import { deliverySenders } from '../../src/jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../../src/jobs/outbox/worker.js';
import { createLogger } from '../../src/logger.js';
import type { DeliveryClient } from '../../src/slack/delivery-client.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';

/**
 * Deadline nudges for people without Slack go to their manager, once per nudge day, as one list
 * (issue 14). Period FY26-N: 2026-10-01 … 2026-11-30, ≥ 1 approved bot; nudge days Mon 11-16 (14
 * days before) and Mon 11-23 (7). Company zone Europe/Berlin (10:00 there is 09:00Z).
 * Maya manages Diego and Rosa (no Slack; Rosa met the requirement) and Leo (on Slack).
 * Omar said `/bot remind off` and manages Pat (no Slack).
 */
const logger = createLogger('silent');

describe.each(DRIVERS)('team nudges for people without Slack on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let client: DeliveryClient;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    client = deliveryClientFor(slack);
    const db = testDb.database.db;
    await db
      .insert(reviewPeriods)
      .values({ name: 'FY26-N', startsOn: '2026-10-01', endsOn: '2026-11-30', requiredApprovedBots: 1 });
    const add = async (key: string, values: Partial<typeof employees.$inferInsert>) => {
      const [row] = await db
        .insert(employees)
        .values({ name: key, activeFrom: '2025-01-01', ...values })
        .returning();
      if (!row) throw new Error('insert failed');
      ids[key] = row.id;
      return row.id;
    };
    const maya = await add('Maya', { slackUserId: 'UMAYA' });
    await add('Diego', { email: 'diego@example.com', managerId: maya });
    const rosa = await add('Rosa', { email: 'rosa@example.com', managerId: maya });
    await add('Leo', { slackUserId: 'ULEO', managerId: maya });
    const omar = await add('Omar', { slackUserId: 'UOMAR', nudgeOptOut: true });
    await add('Pat', { email: 'pat@example.com', managerId: omar });
    const [approved] = await db
      .insert(bots)
      .values({
        ownerId: rosa,
        enteredById: maya,
        name: 'Rosa bot',
        description: 'Plans the kitchen prep list',
        status: 'approved',
        submittedAt: new Date('2026-10-10T10:00:00Z'),
      })
      .returning();
    if (!approved) throw new Error('insert failed');
    await db.insert(reviews).values({
      botId: approved.id,
      reviewerId: omar,
      decision: 'approved',
      score: 4,
      decidedAt: new Date('2026-10-11T10:00:00Z'),
    });
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });

  const deps = (iso: string) => ({
    db: testDb.database.db,
    client,
    logger,
    now: () => new Date(iso),
    timezone: 'Europe/Berlin',
    includeGuests: false,
    botCommand: '/bot',
  });
  const posts = () => slack.callsTo('chat.postMessage');
  const teamRows = () =>
    testDb.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.kind, 'team-nudge'))
      .orderBy(deliveries.id);

  it('sends each manager one list of their reports without Slack who have not met the requirement, once a nudge day', async () => {
    await runNudges(deps('2026-11-16T09:00:00Z'));
    await runNudges(deps('2026-11-16T09:15:00Z')); // a later tick the same day adds nothing
    const channels = posts().map((c) => String(c.args.channel));
    expect(channels.sort()).toEqual(['ULEO', 'UMAYA', 'UMAYA']);
    const list = posts().find((c) => String(c.args.text).includes('without Slack'));
    expect(String(list?.args.text)).toBe(
      'FY26-N ends in 14 days: 1 person in your team without Slack has not met the requirement.',
    );
    const blocks = String(list?.args.blocks);
    expect(blocks).toContain('*Diego* (diego@example.com) · 0 of 1 approved, 0 submitted');
    expect(blocks).not.toContain('Rosa');
    expect(blocks).not.toContain('Pat');
    expect(blocks).toContain('/bot submit for diego@example.com');
    const [row] = await teamRows();
    expect(row).toMatchObject({
      key: `nudge-team:2026-10-01..2026-11-30:d14:e${ids.Maya}`,
      recipient: 'UMAYA',
      status: 'sent',
      payload: {
        periodStart: '2026-10-01',
        periodEnd: '2026-11-30',
        daysLeft: 14,
        recipientEmployeeId: ids.Maya,
        aboutEmployeeIds: [ids.Diego],
      },
    });
    expect(await teamRows()).toHaveLength(1);
  });

  it('is rendered when sent: someone who met the requirement since is left out, and an empty list is not sent', async () => {
    slack.calls.length = 0;
    const plan = await planNudges(deps('2026-11-23T09:00:00Z'));
    expect(plan.planned).toBe(3); // Maya's and Leo's own nudges, and Maya's list
    // Before the worker sends it, a bot entered for Diego is approved.
    const db = testDb.database.db;
    const [diegoBot] = await db
      .insert(bots)
      .values({
        ownerId: ids.Diego ?? -1,
        enteredById: ids.Maya,
        name: 'Diego bot',
        description: 'Plans the delivery routes',
        status: 'approved',
        submittedAt: new Date('2026-11-20T10:00:00Z'),
      })
      .returning();
    if (!diegoBot) throw new Error('insert failed');
    await db.insert(reviews).values({
      botId: diegoBot.id,
      reviewerId: ids.Omar ?? -1,
      decision: 'approved',
      score: 5,
      decidedAt: new Date('2026-11-21T10:00:00Z'),
    });
    await sendDueDeliveries({
      senders: deliverySenders,
      db,
      client,
      logger,
      now: () => new Date('2026-11-23T09:01:00Z'),
    });
    expect(
      posts()
        .map((c) => String(c.args.channel))
        .sort(),
    ).toEqual(['ULEO', 'UMAYA']);
    expect(posts().some((c) => String(c.args.text).includes('without Slack'))).toBe(false);
    const rows = await teamRows();
    expect(rows[1]).toMatchObject({ status: 'sent', result: { skipped: 'nothing to send' } });
  });
});
