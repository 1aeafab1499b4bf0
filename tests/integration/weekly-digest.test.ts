import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import {
  auditLog,
  bots,
  deliveries,
  employees,
  reviewPeriods,
  reviews,
  usageEvents,
} from '../../src/db/schema.js';
import { deliverySenders } from '../../src/jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../../src/jobs/outbox/worker.js';
import { createRunCoordinator } from '../../src/jobs/run-coordinator.js';
import { run as runWeeklyDigest } from '../../src/jobs/weekly-digest.js';
import { createLogger } from '../../src/logger.js';
import type { DeliveryClient } from '../../src/slack/delivery-client.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { startTestApp } from '../helpers/harness.js';

/**
 * A company of 14 on Monday 2026-11-16 09:00 UTC, in review period FY26-Q4 (Oct–Dec, ≥ 1 approved
 * bot). 研发部 has 7 (manager Mei and six reports), Sales 5 (manager Sam and four), Legal 2.
 * Worked out by hand, now vs a week ago (2026-11-09 09:00):
 *   研发部 builders Rae, Rob, Roy = 3/7 = 43% (a week ago Rae: 14%, +29); qualified Rae, Roy 29% (14%, +15)
 *   Sales  builders Sue = 1/5 = 20% (20%, ±0); qualified 0% (±0)
 *   Legal  fewer than 5
 *   Company builders 5/14 = 36% (2/14 = 14%, +22); qualified Rae, Roy, Lea = 3/14 = 21% (1/14 = 7%, +14)
 */
const NOW = new Date('2026-11-16T09:00:00Z');
const CHANNEL = 'C0DIGEST';
const logger = createLogger('silent');

async function seedCompany(db: Db) {
  await db.insert(reviewPeriods).values({
    name: 'FY26-Q4',
    startsOn: '2026-10-01',
    endsOn: '2026-12-31',
    requiredApprovedBots: 1,
  });
  const person = async (name: string, department: string, managerId: number | null = null) => {
    const [row] = await db
      .insert(employees)
      .values({
        name,
        department,
        slackUserId: `U${name.toUpperCase()}`,
        activeFrom: '2025-01-01',
        managerId,
      })
      .returning();
    if (!row) throw new Error('insert failed');
    return row.id;
  };
  const mei = await person('Mei', '研发部');
  const [rae, rob, roy] = [
    await person('Rae', '研发部', mei),
    await person('Rob', '研发部', mei),
    await person('Roy', '研发部', mei),
  ];
  for (const name of ['Ria', 'Rex', 'Rud']) await person(name, '研发部', mei);
  const sam = await person('Sam', 'Sales');
  const sue = await person('Sue', 'Sales', sam);
  const [sid, sky] = [await person('Sid', 'Sales', sam), await person('Sky', 'Sales', sam)];
  await person('Sol', 'Sales', sam);
  const lea = await person('Lea', 'Legal');
  await person('Lou', 'Legal');

  const bot = async (
    ownerId: number,
    name: string,
    submitted: string,
    status: 'submitted' | 'approved' | 'changes_requested',
    decided?: { at: string; decision: 'approved' | 'changes_requested' },
  ) => {
    const [row] = await db
      .insert(bots)
      .values({
        ownerId,
        name,
        description: `${name} does things`,
        status,
        reviewerId: mei,
        submittedAt: new Date(submitted),
        reviewRequestedAt: new Date(submitted),
      })
      .returning();
    if (!row) throw new Error('insert failed');
    if (decided)
      await db.insert(reviews).values({
        botId: row.id,
        reviewerId: mei,
        decision: decided.decision,
        score: decided.decision === 'approved' ? 4 : null,
        decidedAt: new Date(decided.at),
      });
    return row.id;
  };
  const raeBot = await bot(rae, 'Rae helper', '2026-10-05T10:00:00Z', 'approved', {
    at: '2026-10-06T10:00:00Z',
    decision: 'approved',
  });
  await bot(rob, 'Rob drafts', '2026-11-14T10:00:00Z', 'submitted');
  const royBot = await bot(roy, 'Roy sorts', '2026-11-13T10:00:00Z', 'approved', {
    at: '2026-11-14T10:00:00Z',
    decision: 'approved',
  });
  await bot(sue, 'Sue quotes', '2026-10-20T10:00:00Z', 'changes_requested', {
    at: '2026-10-21T10:00:00Z',
    decision: 'changes_requested',
  });
  await bot(lea, 'Lea checks', '2026-11-10T10:00:00Z', 'approved', {
    at: '2026-11-11T10:00:00Z',
    decision: 'approved',
  });
  const use = (botId: number, userId: number, at: string) =>
    db.insert(usageEvents).values({ botId, userId, source: 'slash', occurredAt: new Date(at) });
  await use(raeBot, sue, '2026-11-12T10:00:00Z');
  await use(raeBot, sid, '2026-11-12T11:00:00Z');
  await use(raeBot, sky, '2026-11-13T10:00:00Z');
  await use(royBot, sue, '2026-11-15T10:00:00Z');
  return { raeBot, royBot };
}

describe.each(DRIVERS)('weekly digest on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let client: DeliveryClient;
  let ids: { raeBot: number; royBot: number };

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    client = deliveryClientFor(slack);
    ids = await seedCompany(testDb.database.db);
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await testDb.database.db.delete(deliveries);
    slack.calls.length = 0;
    slack.uploads.clear();
    slack.responses.length = 0;
  });

  const job = (now: Date) =>
    runWeeklyDigest({
      db: testDb.database.db,
      client,
      logger,
      now: () => now,
      channel: CHANNEL,
      timezone: 'UTC',
      includeGuests: false,
      minGroupSize: 5,
      chartFont: undefined,
    });
  const posts = (channel: string) =>
    slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const blockText = (call: { args: Record<string, unknown> } | undefined) =>
    JSON.stringify(JSON.parse(String(call?.args.blocks ?? '[]')));

  it('posts the channel digest: departments with the change since last week, small groups hidden, bots, backlog', async () => {
    const result = await job(NOW);
    expect(result.digest.week).toBe('2026-W47');
    const [digest] = posts(CHANNEL);
    expect(posts(CHANNEL)).toHaveLength(1);
    const text = blockText(digest);
    expect(text).toContain('*Company* · participation *36%* (+22) · qualified *21%* (+14) · 14 people');
    expect(text).toContain('*研发部* · 43% (+29) · qualified 29% (+15) · 7');
    expect(text).toContain('*Sales* · 20% (±0) · qualified 0% (±0) · 5');
    expect(text).toContain('*Legal* · fewer than 5 people');
    expect(text).toContain('*New bots this week* (3)');
    expect(text).toMatch(/Rob drafts.*Roy sorts.*Lea checks/); // newest first
    const buttons = (
      JSON.parse(String(digest?.args.blocks)) as Array<{ accessory?: { action_id: string; value: string } }>
    ).flatMap((b) => (b.accessory ? [`${b.accessory.action_id}:${b.accessory.value}`] : []));
    expect(buttons).toContain(`digest_used_bot:${ids.royBot}`);
    expect(text).toContain(`1. *#${ids.raeBot} Rae helper* by Rae — 3 uses by 3 colleagues`);
    expect(text).toContain('*Review backlog*: 1 bot waiting for review, 0 for more than 3 days');
  });

  it('DMs each manager their direct reports’ status', async () => {
    await job(NOW);
    const mei = blockText(posts('UMEI')[0]);
    expect(mei).toContain('2 of 6 met the requirement · 1 waiting for review · 0 submitted · 3 nothing yet');
    expect(mei).toMatch(/Nothing yet\* \(3\)\\n• Rex\\n• Ria\\n• Rud/);
    expect(mei).toMatch(/Waiting for review\* \(1\)\\n• Rob/);
    expect(mei).toMatch(/Requirement met\* \(2\)\\n• Rae\\n• Roy/);
    expect(blockText(posts('USAM')[0])).toContain(
      '0 of 4 met the requirement · 0 waiting for review · 1 submitted · 3 nothing yet',
    );
    expect(posts('URAE')).toHaveLength(0); // not a manager
  });

  it('uploads the chart of participation by week as a PNG to the digest channel, after the message', async () => {
    await job(NOW);
    expect(slack.uploads.size).toBe(0); // the chart follows a few seconds later
    expect(
      await sendDueDeliveries({
        senders: deliverySenders,
        db: testDb.database.db,
        client,
        logger,
        now: () => new Date(NOW.getTime() + 10_000),
      }),
    ).toMatchObject({ sent: 1 });
    const [upload] = [...slack.uploads.values()];
    expect(upload?.channelId).toBe(CHANNEL);
    expect(upload?.filename).toBe('participation-2026-W47.png');
    expect(upload?.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    const [row] = await testDb.database.db
      .select()
      .from(deliveries)
      .where(eqKey('weekly-digest-chart:2026-W47:C0DIGEST'));
    // Seven weekly points (Oct 5 … Nov 16) for the company, 研发部 and Sales; Legal is too small to draw.
    const points =
      (row?.payload as { points: Array<{ group: string; week: string }> } | undefined)?.points ?? [];
    expect(new Set(points.map((p) => p.group))).toEqual(new Set(['Company', '研发部', 'Sales']));
    expect(points.filter((p) => p.group === 'Company').map((p) => p.week)).toEqual([
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
  });

  it('two app instances on one database send one digest', async () => {
    // The fire goes to one of them (the run coordinator)…
    const fired: string[] = [];
    const coordinators = ['a', 'b'].map((id) =>
      createRunCoordinator(
        {
          db: testDb.database.db,
          logger: createLogger('silent'),
          now: () => NOW,
          timezone: 'UTC',
          replicaId: id,
        },
        [{ name: 'weekly-digest', cron: '0 9 * * 1', catchUp: true, run: async () => void fired.push(id) }],
      ),
    );
    await Promise.all(coordinators.map((c) => c.fire('weekly-digest')));
    expect(fired).toHaveLength(1);
    // …and even if both ran the job (a manual send at the same moment), the week has one digest.
    await Promise.all([job(NOW), job(NOW)]);
    await job(new Date(NOW.getTime() + 3 * 3_600_000)); // a later fire the same week
    expect(posts(CHANNEL)).toHaveLength(1);
    expect(posts('UMEI')).toHaveLength(1);
    // Next week is a new digest.
    await job(new Date(NOW.getTime() + 7 * 86_400_000));
    expect(posts(CHANNEL)).toHaveLength(2);
  });

  it('/adoption digest preview shows the HR caller the digest and sends nothing', async () => {
    const app = await startTestApp(testDb.database, {
      slack,
      now: () => NOW,
      env: { HR_USER_IDS: 'UHR', DIGEST_CHANNEL: CHANNEL },
    });
    try {
      const ack = await app.command('UHR', 'digest preview', { command: '/adoption' });
      expect(ack.status).toBe(200);
      const reply = await app.nextResponse();
      expect(reply.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply.blocks)).toContain('Preview, only you see this');
      expect(JSON.stringify(reply.blocks)).toContain('*Legal* · fewer than 5 people');
      expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
      // Not for everyone.
      await app.command('URAE', 'digest preview', { command: '/adoption' });
      expect(JSON.stringify(await app.nextResponse())).toContain('is for the People team');
      expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
    } finally {
      await app.stop();
    }
  });

  it('/adoption digest send sends this week’s digest now, once', async () => {
    const app = await startTestApp(testDb.database, {
      slack,
      now: () => NOW,
      env: { HR_USER_IDS: 'UHR', DIGEST_CHANNEL: CHANNEL },
    });
    try {
      await app.command('UHR', 'digest send', { command: '/adoption' });
      expect(JSON.stringify((await app.nextResponse()).blocks)).toContain(
        'Sending this week’s digest (2026-W47)',
      );
      await slack.waitFor(() => posts(CHANNEL).length === 1 && posts('UMEI').length === 1);
      await app.command('UHR', 'digest send', { command: '/adoption' });
      expect(JSON.stringify((await app.nextResponse()).blocks)).toContain('was already sent');
      expect(posts(CHANNEL)).toHaveLength(1);
      const audits = await testDb.database.db.select().from(auditLog);
      expect(audits.filter((a) => a.action === 'digest_send')).toHaveLength(2);
    } finally {
      await app.stop();
    }
  });

  it('"I used this" under a showcased bot records a use, answered only to the presser', async () => {
    const app = await startTestApp(testDb.database, { slack, now: () => NOW });
    try {
      const before = await testDb.database.db.select().from(usageEvents);
      const responseUrl = slack.newResponseUrl();
      const ack = await app.interaction({
        type: 'block_actions',
        team: { id: 'T0TEAM', domain: 'test' },
        user: { id: 'USID', username: 'sid', name: 'sid', team_id: 'T0TEAM' },
        api_app_id: 'A0APP',
        token: 'deprecated-verification-token',
        trigger_id: 'trigger.1',
        response_url: responseUrl,
        channel: { id: CHANNEL, name: 'adoption' },
        container: { type: 'message', message_ts: '1.1', channel_id: CHANNEL },
        actions: [
          {
            type: 'button',
            action_id: 'digest_used_bot',
            block_id: 'b1',
            value: String(ids.royBot),
            text: { type: 'plain_text', text: 'I used this' },
            action_ts: '1.2',
          },
        ],
      });
      expect(ack.status).toBe(200);
      const reply = await app.nextResponse();
      expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(String(reply.text)).toContain('recorded that you used');
      const after = await testDb.database.db.select().from(usageEvents);
      expect(after.length - before.length).toBe(1);
      expect(after.at(-1)).toMatchObject({ botId: ids.royBot, source: 'button' });
    } finally {
      await app.stop();
    }
  });
});

const eqKey = (key: string) => eq(deliveries.key, key);
