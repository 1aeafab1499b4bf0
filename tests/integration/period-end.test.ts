import { parse } from 'csv-parse/sync';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, deliveries, employees, reviewPeriods } from '../../src/db/schema.js';
import { deliverySenders, planDeliveries } from '../../src/jobs/outbox/kinds.js';
import type { ReviewSummaryPayload } from '../../src/jobs/outbox/senders/period-end.js';
import { sendDueDeliveries } from '../../src/jobs/outbox/worker.js';
import { planPeriodEnd, run as runPeriodEnd } from '../../src/jobs/period-end.js';
import { createLogger } from '../../src/logger.js';
import type { DeliveryClient } from '../../src/slack/delivery-client.js';
import { seedSmallCompany } from '../fixtures/small-company.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, httpReply, startFakeSlack } from '../helpers/fake-slack.js';

/**
 * The performance-review tie-in: the day after a stored review period ends, each HR user (by id and
 * by user group) gets the period's export in a DM and each manager a summary of their direct
 * reports, exactly once, through the deliveries outbox. The small company's Q3 2026 figures are
 * worked out by hand in docs/metrics.md; Mia manages Ann and Ben, Nat (no Slack) manages Dan.
 */
const logger = createLogger('silent');
const DAY_AFTER = new Date('2026-10-01T08:00:00Z');

describe.each(DRIVERS)('period-end deliveries on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let client: DeliveryClient;
  let people: Awaited<ReturnType<typeof seedSmallCompany>>['people'];

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const db = testDb.database.db;
    ({ people } = await seedSmallCompany(db));
    await db.insert(reviewPeriods).values({
      name: 'FY26-Q3',
      startsOn: '2026-07-01',
      endsOn: '2026-09-30',
      requiredApprovedBots: 1,
    });
    const [mia] = await db
      .insert(employees)
      .values({ name: 'Mia', slackUserId: 'UMIA', department: 'Sales', activeFrom: '2026-10-01' })
      .returning();
    const [nat] = await db
      .insert(employees)
      .values({ name: 'Nat', department: 'Eng', activeFrom: '2026-10-01' })
      .returning();
    await db
      .update(employees)
      .set({ managerId: mia?.id })
      .where(inArray(employees.id, [people.ann, people.ben]));
    await db.update(employees).set({ managerId: nat?.id }).where(eq(employees.id, people.dan));
    slack = await startFakeSlack();
    slack.usergroups.set('S0PEOPLE', ['UHRGROUP', 'UHRBOSS']);
    slack.on('conversations.open', (args) => ({ ok: true, channel: { id: `D${String(args.users)}` } }));
    client = deliveryClientFor(slack);
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });

  const deps = (now: Date) => ({
    db: testDb.database.db,
    client,
    logger,
    now: () => now,
    timezone: 'UTC',
    includeGuests: false,
    hrUserIds: ['UHRBOSS'],
    hrUsergroupId: 'S0PEOPLE',
  });
  const summaries = () => slack.callsTo('chat.postMessage');
  const text = (call: { args: Record<string, unknown> } | undefined) =>
    JSON.stringify(JSON.parse(String(call?.args.blocks ?? '[]')));

  it('plans nothing while the period runs, nor for a period that ended more than two weeks ago', async () => {
    expect(await planPeriodEnd(deps(new Date('2026-09-30T23:00:00Z')))).toEqual({ periods: [], planned: 0 });
    expect(await planPeriodEnd(deps(new Date('2026-10-15T08:00:00Z')))).toEqual({ periods: [], planned: 0 });
    expect(await testDb.database.db.select().from(deliveries)).toHaveLength(0);
  });

  it('plans nothing when the HR user group cannot be read; the next run plans it all', async () => {
    slack.on('usergroups.users.list', () => httpReply(500, { ok: false }));
    await expect(planPeriodEnd(deps(DAY_AFTER))).rejects.toThrow();
    expect(await testDb.database.db.select().from(deliveries)).toHaveLength(0);
    slack.on('usergroups.users.list', (args) => ({
      ok: true,
      users: args.usergroup === 'S0PEOPLE' ? ['UHRGROUP', 'UHRBOSS'] : [],
    }));
  });

  it('sends each HR user the export and each manager a summary, once, even when two runs overlap', async () => {
    const [first, second] = await Promise.all([runPeriodEnd(deps(DAY_AFTER)), runPeriodEnd(deps(DAY_AFTER))]);
    expect(first.periods).toEqual(['FY26-Q3']);
    // Two exports (UHRBOSS by id and by group counts once; UHRGROUP) and Mia's summary; Nat has no Slack.
    expect(first.planned + second.planned).toBe(3);

    const uploads = [...slack.uploads.values()];
    expect(uploads.map((u) => u.channelId).sort()).toEqual(['DUHRBOSS', 'DUHRGROUP']);
    for (const upload of uploads) {
      expect(upload.filename).toBe('adoption-FY26-Q3-2026-10-01.csv');
      expect(upload.initialComment).toContain('FY26-Q3 has ended');
      const rows = parse(upload.bytes.toString('utf8'), { bom: true, columns: true }) as Record<
        string,
        string
      >[];
      expect(rows.map((r) => r.name).sort()).toEqual(['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Ivy']);
      expect(rows.find((r) => r.name === 'Ann')).toMatchObject({
        bots_submitted: '2',
        bots_approved: '1',
        best_score: '4',
        requirement_met: 'true',
      });
    }

    expect(summaries()).toHaveLength(1);
    const [summary] = summaries();
    expect(summary?.args.channel).toBe('UMIA');
    const shown = text(summary);
    expect(shown).toContain('1 of 2 met the requirement (1 approved bot)');
    expect(shown).toContain('*Ann* — 1 approved of 2 submitted · best score 4/5');
    expect(shown).toMatch(/Not met\* \(1\)\\n• \*Ben\* — 0 approved of 0 submitted/);

    const audits = await testDb.database.db.select().from(auditLog).orderBy(auditLog.id);
    expect(
      audits.filter((a) => a.action === 'export_sent').map((a) => [a.actorSlackUserId, a.via, a.detail]),
    ).toEqual(
      expect.arrayContaining([
        ['UHRBOSS', 'schedule', { period: 'FY26-Q3', rows: 6, filename: 'adoption-FY26-Q3-2026-10-01.csv' }],
        ['UHRGROUP', 'schedule', { period: 'FY26-Q3', rows: 6, filename: 'adoption-FY26-Q3-2026-10-01.csv' }],
      ]),
    );
    expect(
      audits
        .filter((a) => a.action === 'review_summary_sent')
        .map((a) => [a.actorSlackUserId, a.via, a.subjectEmployeeId])
        .sort(),
    ).toEqual(
      [
        ['UMIA', 'schedule', people.ann],
        ['UMIA', 'schedule', people.ben],
      ].sort(),
    );
  });

  it('sends nothing more on later runs within the two weeks', async () => {
    for (const day of ['2026-10-01T09:00:00Z', '2026-10-02T08:00:00Z', '2026-10-14T08:00:00Z']) {
      const result = await runPeriodEnd(deps(new Date(day)));
      expect(result.planned).toBe(0);
    }
    expect(slack.uploads.size).toBe(2);
    expect(summaries()).toHaveLength(1);
    const rows = await testDb.database.db.select().from(deliveries);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('audits a review summary once per delivery, however many attempts it takes', async () => {
    const db = testDb.database.db;
    const [mia] = await db.select().from(employees).where(eq(employees.slackUserId, 'UMIA'));
    if (!mia) throw new Error('no Mia');
    const payload: ReviewSummaryPayload = {
      recipientEmployeeId: mia.id,
      aboutEmployeeIds: [people.ann, people.ben],
      period: {
        name: 'FY26-Q3',
        start: '2026-07-01',
        end: '2026-09-30',
        kind: 'range',
        requiredApprovedBots: 1,
        stored: true,
      },
      asOf: DAY_AFTER.toISOString(),
      timezone: 'UTC',
      includeGuests: false,
    };
    await planDeliveries(db, [
      {
        job: 'period-end:retry',
        kind: 'review-summary',
        key: 'period-end:retry:summary',
        recipient: 'UMIA',
        payload,
        notBefore: DAY_AFTER,
      },
    ]);
    const [row] = await db.select().from(deliveries).where(eq(deliveries.key, 'period-end:retry:summary'));
    let attempts = 0;
    slack.on('chat.postMessage', (args) =>
      ++attempts === 1 ? httpReply(500, { ok: false }) : { ok: true, channel: args.channel, ts: '1.2' },
    );
    const worker = (now: Date) =>
      sendDueDeliveries({ senders: deliverySenders, db, client, logger, now: () => now });
    expect(await worker(DAY_AFTER)).toMatchObject({ sent: 0, retrying: 1 });
    expect(await worker(new Date(DAY_AFTER.getTime() + 60_000))).toMatchObject({ sent: 1 });
    expect(attempts).toBe(2);
    const audits = (await db.select().from(auditLog)).filter(
      (a) => (a.detail as { delivery?: number } | null)?.delivery === row?.id,
    );
    expect(audits.map((a) => [a.action, a.actorSlackUserId, a.subjectEmployeeId]).sort()).toEqual(
      [
        ['review_summary_sent', 'UMIA', people.ann],
        ['review_summary_sent', 'UMIA', people.ben],
      ].sort(),
    );
  });
});
