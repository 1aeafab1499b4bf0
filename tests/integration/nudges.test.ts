import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bots, deliveries, employees, reviewPeriods, reviews } from '../../src/db/schema.js';
import { run as runNudges } from '../../src/jobs/nudges.js';
import { createLogger } from '../../src/logger.js';
import type { DeliveryClient } from '../../src/slack/delivery-client.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';

/**
 * Period FY26-N: 2026-10-01 … Monday 2026-11-30, ≥ 1 approved bot. Nudge days: Mon 11-16 (14 days
 * before), Mon 11-23 (7), and Fri 11-27 (2 days before is Saturday 11-28: moved to Friday).
 * Company zone Europe/Berlin. Ann (no zone → Berlin) and Bob (New York) have nothing approved;
 * Cat said `/bot remind off`; Dan met the requirement; Eve left; Gil is a guest.
 */
const logger = createLogger('silent');

describe.each(DRIVERS)('deadline nudges on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let client: DeliveryClient;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    client = deliveryClientFor(slack);
    const db = testDb.database.db;
    await db
      .insert(reviewPeriods)
      .values({ name: 'FY26-N', startsOn: '2026-10-01', endsOn: '2026-11-30', requiredApprovedBots: 1 });
    const rows = await db
      .insert(employees)
      .values([
        { name: 'Ann', slackUserId: 'UANN', activeFrom: '2025-01-01' },
        { name: 'Bob', slackUserId: 'UBOB', activeFrom: '2025-01-01', timezone: 'America/New_York' },
        { name: 'Cat', slackUserId: 'UCAT', activeFrom: '2025-01-01', nudgeOptOut: true },
        { name: 'Dan', slackUserId: 'UDAN', activeFrom: '2025-01-01' },
        { name: 'Eve', slackUserId: 'UEVE', activeFrom: '2025-01-01', activeUntil: '2026-11-01' },
        { name: 'Gil', slackUserId: 'UGIL', activeFrom: '2025-01-01', isGuest: true },
      ])
      .returning();
    const ann = rows[0];
    const dan = rows[3];
    if (!ann || !dan) throw new Error('insert failed');
    const [approved] = await db
      .insert(bots)
      .values({
        ownerId: dan.id,
        name: 'Dan bot',
        description: 'x',
        status: 'approved',
        submittedAt: new Date('2026-10-10T10:00:00Z'),
      })
      .returning();
    if (!approved) throw new Error('insert failed');
    await db.insert(reviews).values({
      botId: approved.id,
      reviewerId: ann.id,
      decision: 'approved',
      score: 5,
      decidedAt: new Date('2026-10-11T10:00:00Z'),
    });
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await testDb.database.db.delete(deliveries);
    slack.calls.length = 0;
  });

  const job = (iso: string) =>
    runNudges({
      db: testDb.database.db,
      client,
      logger,
      now: () => new Date(iso),
      timezone: 'Europe/Berlin',
      includeGuests: false,
      botCommand: '/bot',
    });
  const dmsTo = () => slack.callsTo('chat.postMessage').map((c) => String(c.args.channel));

  it('nudges at 10:00 in each person’s own zone, only those who miss the requirement and did not opt out', async () => {
    // 09:00Z is 10:00 in Berlin (CET) and 04:00 in New York.
    await job('2026-11-16T08:59:00Z');
    expect(dmsTo()).toEqual([]);
    await job('2026-11-16T09:00:00Z');
    expect(dmsTo()).toEqual(['UANN']);
    const [ann] = slack.callsTo('chat.postMessage');
    expect(String(ann?.args.text)).toBe('FY26-N ends in 14 days: 1 more approved bot to go.');
    expect(String(ann?.args.blocks)).toContain('/bot submit');
    expect(String(ann?.args.blocks)).toContain('/bot remind off');
    // 15:00Z is 10:00 in New York: Bob's turn; Ann is not nudged again.
    await job('2026-11-16T14:45:00Z');
    expect(dmsTo()).toEqual(['UANN']);
    await job('2026-11-16T15:00:00Z');
    await job('2026-11-16T16:00:00Z');
    expect(dmsTo()).toEqual(['UANN', 'UBOB']);
  });

  it('never on a weekend: the nudge two days before a Monday end comes on Friday', async () => {
    await job('2026-11-28T09:00:00Z'); // Saturday 10:00 Berlin
    expect(dmsTo()).toEqual([]);
    await job('2026-11-27T09:00:00Z'); // Friday 10:00 Berlin
    expect(dmsTo()).toEqual(['UANN']);
    expect(String(slack.callsTo('chat.postMessage')[0]?.args.text)).toBe(
      'FY26-N ends in 3 days: 1 more approved bot to go.',
    );
  });

  it('is planned once per period, offset and person, however many replicas run the tick', async () => {
    await Promise.all([
      job('2026-11-23T09:00:00Z'),
      job('2026-11-23T09:00:00Z'),
      job('2026-11-23T09:00:00Z'),
    ]);
    await job('2026-11-23T10:00:00Z'); // a later tick the same day
    expect(dmsTo()).toEqual(['UANN']);
    const rows = await testDb.database.db.select().from(deliveries);
    const [ann] = await testDb.database.db.select().from(employees).where(eq(employees.slackUserId, 'UANN'));
    // Keyed by roster id, and a reference: the figures and ids, never a name or rendered text.
    expect(rows.map((d) => d.key)).toEqual([`nudge:2026-10-01..2026-11-30:d7:e${ann?.id}`]);
    expect(rows[0]?.payload).toMatchObject({
      recipientEmployeeId: ann?.id,
      aboutEmployeeIds: [ann?.id],
      daysLeft: 7,
      botsApproved: 0,
    });
    expect(JSON.stringify(rows[0]?.payload)).not.toContain('Ann');
  });
});
