import { request } from 'node:http';
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bots, employees, reportedUses } from '../../src/db/schema.js';
import { issueUsageToken } from '../../src/domain/bot-tokens.js';
import { createTestDatabase, DRIVERS } from '../helpers/db.js';
import { startTestApp } from '../helpers/harness.js';
import { useSuite } from '../helpers/suite.js';

/** POST /api/v1/usage over real HTTP against the running app, on every driver. */
describe.each(DRIVERS)('usage API on %s', (driver) => {
  const START = new Date('2026-11-20T10:00:00.000Z');
  let clock = START;
  let owner: number;
  let colleague: number;

  const suite = useSuite(driver, { app: { now: () => clock } });
  beforeAll(async () => {
    const people = await db()
      .insert(employees)
      .values([
        { name: 'Alice Wang', email: 'alice@example.com', slackUserId: 'UALICE' },
        { name: 'Li Ming', email: 'Li.Ming@Example.com', slackUserId: 'UBOB' },
        { name: 'Driver Without Slack', email: 'driver@example.com' },
      ])
      .returning({ id: employees.id });
    owner = people[0]?.id ?? 0;
    colleague = people[1]?.id ?? 0;
  });
  beforeEach(async () => {
    clock = START;
    await db().delete(reportedUses);
    await db().delete(bots);
  });

  const db = () => suite.db;
  const url = () => `${suite.app.baseUrl}/api/v1/usage`;
  let botCounter = 0;
  /** A fresh bot of Alice's (its own rate-limit bucket) and its token. */
  const botWithToken = async (status: 'submitted' | 'approved' = 'approved') => {
    const [bot] = await db()
      .insert(bots)
      .values({
        ownerId: owner,
        name: `API bot ${++botCounter}`,
        description: 'Reports its own uses',
        status,
        submittedAt: new Date('2026-11-01T00:00:00.000Z'),
      })
      .returning();
    if (!bot) throw new Error('bot not inserted');
    const issued = await issueUsageToken(db(), owner, bot.id, clock);
    if (issued.kind !== 'issued') throw new Error(`no token: ${issued.kind}`);
    return { bot, token: issued.token };
  };
  const post = async (
    token: string | null,
    body: string | undefined,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(url(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...headers,
      },
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
  const allUses = () => db().select().from(reportedUses).orderBy(reportedUses.id);

  describe('accepted reports', () => {
    it('stores a use by the person with that email (any case), at the time given', async () => {
      const { bot, token } = await botWithToken();
      const res = await post(
        token,
        '{"user_email": "li.ming@EXAMPLE.com", "occurred_at": "2026-11-20T17:30:00+08:00"}',
      );
      expect(res).toMatchObject({ status: 202, body: { status: 'accepted' } });
      expect(res.headers.get('content-type')).toContain('application/json');
      const uses = await allUses();
      expect(uses).toHaveLength(1);
      expect(uses[0]).toMatchObject({ botId: bot.id, userId: colleague, reportId: null });
      expect(uses[0]?.occurredAt.toISOString()).toBe('2026-11-20T09:30:00.000Z');
    });

    it('stores an anonymous use at the current time when the body is empty or {}', async () => {
      const { bot, token } = await botWithToken();
      expect((await post(token, undefined)).status).toBe(202);
      expect((await post(token, '{}')).status).toBe(202);
      const uses = await allUses();
      expect(uses).toHaveLength(2);
      for (const use of uses) {
        expect(use).toMatchObject({ botId: bot.id, userId: null });
        expect(use.occurredAt.toISOString()).toBe(START.toISOString());
      }
    });

    it('stores the owner’s own report too (never counted as a use) and every report, without folding repeats', async () => {
      const { token } = await botWithToken('submitted');
      for (let i = 0; i < 3; i++)
        expect((await post(token, '{"user_email":"alice@example.com"}')).status).toBe(202);
      expect((await allUses()).map((u) => u.userId)).toEqual([owner, owner, owner]);
    });

    it('accepts a body of exactly the size limit, and the scheme name in any case', async () => {
      const { token } = await botWithToken();
      const json = '{"user_email":"driver@example.com"}';
      const body = json + ' '.repeat(10 * 1024 - json.length);
      expect((await post(token, body)).status).toBe(202);
      const res = await fetch(url(), { method: 'POST', headers: { authorization: `bearer ${token}` } });
      expect(res.status).toBe(202);
      expect(await allUses()).toHaveLength(2);
    });
  });

  describe('refused reports store nothing and say why', () => {
    it.each([
      ['no Authorization header', null, {}],
      ['another scheme', null, { authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' }],
      ['an unknown token', 'aab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {}],
      ['a malformed token', 'not-a-token', {}],
      ['an empty bearer', null, { authorization: 'Bearer ' }],
    ])('401 for %s', async (_case, token, headers) => {
      await botWithToken();
      const res = await post(token, '{}', headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(typeof res.body.error).toBe('string');
      expect(await allUses()).toHaveLength(0);
    });

    it.each([
      ['bad JSON', '{"user_email": ', 'body is not valid JSON'],
      ['an array', '[]', 'body must be a JSON object'],
      ['an unknown field', '{"user_email":"li.ming@example.com","uses":5}', 'unknown field "uses"'],
      ['a wrong type', '{"user_email": 7}', 'user_email must be a string'],
      [
        'a time without zone',
        '{"occurred_at": "2026-11-20T09:00:00"}',
        'occurred_at must be an ISO 8601 time',
      ],
      ['a future time', '{"occurred_at": "2026-11-20T10:06:00Z"}', 'occurred_at is in the future'],
      [
        'a time over a year old',
        '{"occurred_at": "2025-11-01T00:00:00Z"}',
        'occurred_at is more than one year ago',
      ],
      ['an id too long', `{"id": "${'x'.repeat(101)}"}`, 'id must be a string of 1 to 100 characters'],
    ])('400 for %s', async (_case, body, message) => {
      const { token } = await botWithToken();
      const res = await post(token, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toContain(message);
      expect(await allUses()).toHaveLength(0);
    });

    it('413 for a body over 10 KB, declared or streamed', async () => {
      const { token } = await botWithToken();
      const big = JSON.stringify({ user_email: 'li.ming@example.com', occurred_at: 'x'.repeat(11 * 1024) });
      const declared = await post(token, big);
      expect(declared.status).toBe(413);
      expect(declared.body.error).toContain('larger than 10240 bytes');
      // Chunked, without Content-Length: the cap applies while reading.
      const streamed = await rawPost(url(), token, [
        Buffer.alloc(6 * 1024, 0x20),
        Buffer.alloc(6 * 1024, 0x20),
      ]);
      expect(streamed.status).toBe(413);
      // A much bigger upload is cut off too, and the server keeps serving.
      const huge = await post(token, ' '.repeat(5 * 1024 * 1024));
      expect(huge.status).toBe(413);
      expect((await post(token, '{}')).status).toBe(202);
      expect(await allUses()).toHaveLength(1);
    });

    it('403 for a withdrawn or rejected bot', async () => {
      const { bot, token } = await botWithToken();
      await db().update(bots).set({ status: 'withdrawn' }).where(eq(bots.id, bot.id));
      const withdrawn = await post(token, '{}');
      expect(withdrawn).toMatchObject({
        status: 403,
        body: { error: `bot #${bot.id} has been withdrawn; it takes no uses` },
      });
      await db().update(bots).set({ status: 'rejected' }).where(eq(bots.id, bot.id));
      expect((await post(token, '{}')).body.error).toContain('was not accepted in review');
      expect(await allUses()).toHaveLength(0);
    });

    it('405 for another method', async () => {
      const res = await fetch(url(), { method: 'GET' });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    });
  });

  describe('rate limit', () => {
    it('allows 60 reports a minute per bot, then answers 429 with Retry-After; other bots are unaffected', async () => {
      const { token } = await botWithToken();
      const other = await botWithToken();
      for (let i = 0; i < 60; i++) expect((await post(token, '{}')).status).toBe(202);
      const limited = await post(token, '{}');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(limited.body.error).toBe('rate limit exceeded');
      expect((await post(other.token, '{}')).status).toBe(202);
      clock = new Date(START.getTime() + 1000);
      expect((await post(token, '{}')).status).toBe(202);
      expect((await post(token, '{}')).status).toBe(429);
      expect(await allUses()).toHaveLength(62);
    });

    it('keeps the limit across a token rotation (the bucket belongs to the bot)', async () => {
      const { bot, token } = await botWithToken();
      for (let i = 0; i < 60; i++) await post(token, '{}');
      const rotated = await issueUsageToken(db(), owner, bot.id, clock);
      if (rotated.kind !== 'issued') throw new Error('not issued');
      expect((await post(rotated.token, '{}')).status).toBe(429);
    });
  });

  it('answers 503, saying nothing was recorded, while the database is down', async () => {
    const downDb = await createTestDatabase(driver);
    const downApp = await startTestApp(downDb.database, { now: () => clock, slack: suite.app.slack });
    try {
      const [person] = await downDb.database.db
        .insert(employees)
        .values({ name: 'Owner' })
        .returning({ id: employees.id });
      const [bot] = await downDb.database.db
        .insert(bots)
        .values({ ownerId: person?.id ?? 0, name: 'Doomed', description: 'Will lose its database' })
        .returning();
      const issued = await issueUsageToken(downDb.database.db, person?.id ?? null, bot?.id ?? 0, clock);
      if (issued.kind !== 'issued') throw new Error('not issued');
      await downDb.database.close();
      const res = await fetch(`${downApp.baseUrl}/api/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${issued.token}` },
        body: '{}',
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toContain('nothing was recorded');
    } finally {
      await downApp.stop();
      await downDb.destroy().catch(() => {});
    }
  });
});

/** A chunked POST (no Content-Length), written piece by piece. */
function rawPost(target: string, token: string, chunks: Buffer[]): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'transfer-encoding': 'chunked' } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0 });
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}
