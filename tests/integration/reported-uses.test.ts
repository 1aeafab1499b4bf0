import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { mostUsedBotsBetween } from '../../src/db/queries/digest.js';
import {
  adoptionFigures,
  adoptionFiguresByDepartment,
  type MetricsWindow,
  personRecords,
} from '../../src/db/queries/metrics.js';
import { bots, employees, reportedUses, reviewPeriods, reviews, usageEvents } from '../../src/db/schema.js';
import { issueUsageToken } from '../../src/domain/bot-tokens.js';
import { EXPORT_COLUMNS, exportRow } from '../../src/domain/export.js';
import { usageApiRoute } from '../../src/http/usage-api.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { openHome } from '../helpers/review-payloads.js';
import { useSuite } from '../helpers/suite.js';

/**
 * Issue 11, part 1: what a bot reports about itself is the owner's word. It is kept and shown as
 * "reported uses", never counted as a colleague's use, cannot be back-dated, replays are stored
 * once, the answer says nothing about who is on the roster, and wrong tokens are throttled per
 * client address before the database is asked anything.
 */
describe.each(DRIVERS)('reported uses on %s', (driver) => {
  const NOW = new Date('2026-11-20T10:00:00.000Z');
  const SUBMITTED = new Date('2026-11-02T08:00:00.000Z');
  let owner: number;
  let colleagues: number[];

  // The current period (running) and the one before (ended on 30 September).
  const Q4: MetricsWindow = {
    start: '2026-10-01',
    end: '2026-12-31',
    timezone: 'UTC',
    now: NOW,
    requiredApprovedBots: 1,
    includeGuests: false,
  };

  const suite = useSuite(driver, { app: { now: () => NOW, env: { HR_USER_IDS: 'UHR' } } });
  beforeAll(async () => {
    const people = await db()
      .insert(employees)
      .values([
        { name: 'Alice Wang', email: 'alice@example.com', slackUserId: 'UALICE', activeFrom: '2026-01-01' },
        { name: 'Bob Li', email: 'bob@example.com', slackUserId: 'UBOB', activeFrom: '2026-01-01' },
        { name: 'Carol Xu', email: 'carol@example.com', slackUserId: 'UCAROL', activeFrom: '2026-01-01' },
        { name: 'Dan Wu', email: 'dan@example.com', slackUserId: 'UDAN', activeFrom: '2026-01-01' },
      ])
      .returning({ id: employees.id });
    owner = people[0]?.id ?? 0;
    colleagues = people.slice(1).map((p) => p.id);
    await db()
      .insert(reviewPeriods)
      .values([
        { name: '2026-Q3', startsOn: '2026-07-01', endsOn: '2026-09-30', createdBy: 'UHR' },
        { name: '2026-Q4', startsOn: '2026-10-01', endsOn: '2026-12-31', createdBy: 'UHR' },
      ]);
  });
  beforeEach(async () => {
    await db().delete(reportedUses);
    await db().delete(usageEvents);
    await db().delete(reviews);
    await db().delete(bots);
  });

  const db = () => suite.db;
  let counter = 0;
  /** Alice's approved bot (submitted 2 November, approved 3 November) and its token. */
  const aliceBot = async (submittedAt = SUBMITTED) => {
    const [bot] = await db()
      .insert(bots)
      .values({
        ownerId: owner,
        name: `Reporter ${++counter}`,
        description: 'Reports its own uses',
        status: 'approved',
        submittedAt,
      })
      .returning();
    if (!bot) throw new Error('bot not inserted');
    await db()
      .insert(reviews)
      .values({
        botId: bot.id,
        reviewerId: colleagues[0] ?? 0,
        decision: 'approved',
        score: 4,
        decidedAt: new Date(submittedAt.getTime() + 86_400_000),
      });
    const issued = await issueUsageToken(db(), owner, bot.id, NOW);
    if (issued.kind !== 'issued') throw new Error(`no token: ${issued.kind}`);
    return { bot, token: issued.token };
  };
  const post = async (token: string, body: object) => {
    const res = await fetch(`${suite.app.baseUrl}/api/v1/usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stored = () => db().select().from(reportedUses).orderBy(reportedUses.id);

  it('three reports naming colleagues, one anonymous and a replay: colleague_uses 0, not adopted, 4 reported', async () => {
    const { bot, token } = await aliceBot();
    const at = '2026-11-19T09:00:00Z';
    for (const [i, email] of ['bob@example.com', 'carol@example.com', 'dan@example.com'].entries())
      expect((await post(token, { user_email: email, occurred_at: at, id: `r${i + 1}` })).status).toBe(202);
    expect((await post(token, { occurred_at: '2026-11-19T10:00:00Z', id: 'r4' })).status).toBe(202);
    // The replay of r1 is answered as a success and stored once.
    const replay = await post(token, { user_email: 'bob@example.com', occurred_at: at, id: 'r1' });
    expect([200, 202]).toContain(replay.status);

    expect(await db().select().from(usageEvents)).toHaveLength(0);
    const rows = await stored();
    expect(rows.map((r) => [r.botId, r.userId, r.reportId])).toEqual([
      [bot.id, colleagues[0], 'r1'],
      [bot.id, colleagues[1], 'r2'],
      [bot.id, colleagues[2], 'r3'],
      [bot.id, null, 'r4'],
    ]);

    const [record] = await personRecords(db(), Q4, { kind: 'employee', employeeId: owner });
    if (!record) throw new Error('Alice has no record');
    expect(record).toMatchObject({ colleagueUses: 0, distinctColleagueUsers: 0, reportedUses: 4 });
    const company = await adoptionFigures(db(), Q4, { kind: 'company' });
    expect(company).toMatchObject({ uses: 0, distinctColleagueUsers: 0, adoptedBots: 0 });
    // What the snapshots (HR stats, the Home dashboard) are computed from.
    const snapshot = await adoptionFiguresByDepartment(db(), Q4);
    expect(snapshot.company).toMatchObject({ uses: 0, distinctColleagueUsers: 0, adoptedBots: 0 });
    const mostUsed = await mostUsedBotsBetween(db(), {
      since: new Date('2026-11-01T00:00:00Z'),
      asOf: NOW,
      limit: 5,
    });
    expect(mostUsed).toEqual([]);

    // The export: reported_uses comes right after the columns that were there before it.
    expect(EXPORT_COLUMNS.indexOf('reported_uses')).toBe(EXPORT_COLUMNS.indexOf('requirement_met') + 1);
    const row = exportRow(record, {
      name: '2026-Q4',
      start: Q4.start,
      end: Q4.end,
      kind: 'quarter',
      requiredApprovedBots: 1,
      stored: true,
    });
    expect(row).toMatchObject({ colleague_uses: '0', distinct_colleague_users: '0', reported_uses: '4' });

    // Shown apart, in the owner's own words: `/bot list` and `/bot me`.
    await suite.app.command('UALICE', 'list');
    const list = JSON.stringify(await suite.app.nextResponse());
    expect(list).toContain('0 uses by colleagues');
    expect(list).toContain('4 reported by the bot');
    await suite.app.command('UALICE', 'me');
    const me = JSON.stringify(await suite.app.nextResponse());
    expect(me).toContain('Reported by the bot');
    expect(me).toMatch(/Uses by colleagues\*\\n0 by 0 people/);
    expect(me).toContain('Reported by the bot*\\n4 (');
    // HR's look-up and the Home tab show the same row.
    await suite.app.command('UHR', 'person <@UALICE>', { command: '/adoption' });
    const person = JSON.stringify(await suite.app.nextResponse());
    expect(person).toMatch(/Uses by colleagues\*\\n0 by 0 people/);
    expect(person).toContain('Reported by the bot*\\n4 (');
    await openHome(suite.app, 'UALICE');
    const home = JSON.stringify(
      await suite.app.slack.waitFor(() =>
        suite.app.slack.callsTo('views.publish').find((c) => c.args.user_id === 'UALICE'),
      ),
    );
    expect(home).toContain('Reported by the bot');
    expect(home).toContain('reported by the bot');
  });

  it('refuses a report dated before the bot was submitted, or inside a review period that has ended', async () => {
    const { bot, token } = await aliceBot();
    const early = await post(token, { occurred_at: '2026-11-01T23:59:00Z' });
    expect(early.status).toBe(400);
    expect(early.body.error).toBe(
      `occurred_at is before bot #${bot.id} was submitted (2026-11-02T08:00:00Z); a use cannot come before the bot`,
    );
    // The issue's own example: a report dated in August for a bot submitted today.
    const august = await post(token, { occurred_at: '2026-08-03T10:00:00Z' });
    expect(august.status).toBe(400);

    const old = await aliceBot(new Date('2026-09-01T00:00:00Z'));
    const ended = await post(old.token, { occurred_at: '2026-09-15T12:00:00Z' });
    expect(ended.status).toBe(400);
    expect(ended.body.error).toBe(
      'occurred_at falls in review period 2026-Q3, which ended on 2026-09-30; its figures are closed',
    );
    // The same bot may still report a use in the running period.
    expect((await post(old.token, { occurred_at: '2026-10-01T00:00:00Z' })).status).toBe(202);
    expect((await stored()).map((r) => r.botId)).toEqual([old.bot.id]);
  });

  it('answers a roster address and an unknown one alike; the unknown one is kept without a person', async () => {
    const { token } = await aliceBot();
    const known = await post(token, { user_email: 'bob@example.com' });
    const unknown = await post(token, { user_email: 'nobody-here@example.com' });
    expect(unknown).toEqual(known);
    expect(known.status).toBe(202);
    expect((await stored()).map((r) => r.userId)).toEqual([colleagues[0], null]);
  });

  it('stores a replay once per bot; the same id from another bot is another report', async () => {
    const first = await aliceBot();
    const second = await aliceBot();
    expect((await post(first.token, { id: 'evt-1' })).status).toBe(202);
    const replay = await post(first.token, { id: 'evt-1' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ status: 'already recorded' });
    expect((await post(second.token, { id: 'evt-1' })).status).toBe(202);
    expect((await stored()).map((r) => [r.botId, r.reportId])).toEqual([
      [first.bot.id, 'evt-1'],
      [second.bot.id, 'evt-1'],
    ]);
    const tooLong = await post(first.token, { id: 'x'.repeat(101) });
    expect(tooLong).toEqual({
      status: 400,
      body: { error: 'id must be a string of 1 to 100 characters' },
    });
  });
});

describe.each(DRIVERS)('usage API throttles wrong tokens before the database on %s', (driver) => {
  let testDb: TestDatabase;
  let server: Server;
  let queries = 0;
  const NOW = new Date('2026-11-20T10:00:00.000Z');
  let clock = NOW;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    // Every query the route makes goes through one of these; count them.
    const real = testDb.database.db;
    const counted = new Proxy(real, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (
          typeof value === 'function' &&
          ['select', 'insert', 'execute', 'transaction'].includes(String(property))
        )
          return (...args: unknown[]) => {
            queries++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        return value;
      },
    }) as Db;
    const route = usageApiRoute({
      db: counted,
      now: () => clock,
      logger: createLogger('silent'),
      timezone: 'UTC',
      wrongTokensPerMinute: 5,
    });
    server = createServer((req, res) => route.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await testDb?.destroy();
  });

  const post = async (token: string) => {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/usage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: '{}',
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after') };
  };
  const wrong = (i: number) => `aab_${String(i).padStart(43, 'A')}`;

  it('after 5 wrong tokens a minute from one address, answers 429 without asking the database', async () => {
    for (let i = 0; i < 5; i++) expect((await post(wrong(i))).status).toBe(401);
    const asked = queries;
    expect(asked).toBe(5);
    for (let i = 5; i < 25; i++) {
      const res = await post(wrong(i));
      expect(res.status).toBe(429);
      expect(Number(res.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    expect(queries).toBe(asked);
    // The bucket refills: a minute later the address may try again (and the database is asked).
    clock = new Date(NOW.getTime() + 60_000);
    expect((await post(wrong(99))).status).toBe(401);
    expect(queries).toBe(asked + 1);
    // Still nothing stored.
    expect(await testDb.database.db.select().from(bots).where(eq(bots.id, 1))).toEqual([]);
  });
});
