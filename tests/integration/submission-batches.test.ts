import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { bots, deliveries, employees } from '../../src/db/schema.js';
import { type SubmitResult, submitBot } from '../../src/domain/submissions.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';

/**
 * Submissions that arrive together share one transaction (issue 12: src/domain/submissions.ts).
 * Whatever the batch, each submission gets what it would have got alone: its own bot or its
 * duplicate, its reviewer in the usual order (manager, then the champions in turn), one planned
 * DM per assigned reviewer, and a failure of its own that never sinks the others.
 */
describe.each(DRIVERS)('submissions in batches on %s', (driver) => {
  let testDb: TestDatabase;
  let db: Db;
  const now = new Date('2026-11-30T10:00:00Z');
  const today = '2026-11-30';
  let ids: Record<string, number>;

  const person = async (name: string, values: { slack?: boolean; managerId?: number } = {}) => {
    const [row] = await db
      .insert(employees)
      .values({
        name,
        slackUserId: values.slack === false ? null : `U${name.toUpperCase()}`,
        managerId: values.managerId ?? null,
      })
      .returning({ id: employees.id });
    return row?.id as number;
  };

  const draft = (name: string, link: string | null = null) => ({
    name,
    link,
    description: 'Answers the questions people ask every day',
  });

  beforeEach(async () => {
    testDb = await createTestDatabase(driver);
    db = testDb.database.db;
    const mona = await person('Mona');
    const ghost = await person('Ghost', { slack: false });
    ids = {
      mona,
      ann: await person('Ann', { managerId: mona }),
      bob: await person('Bob'),
      cid: await person('Cid', { managerId: ghost }),
      chris: await person('Chris'),
      cleo: await person('Cleo'),
    };
  });

  afterEach(async () => {
    await testDb.destroy();
  });

  const routing = (championIds: number[]) => ({ championIds, today, dmWhenNoReviewer: false });

  it('gives each submission its own result: manager first, champions in turn, duplicates found, one DM each', async () => {
    const champions = routing([ids.chris as number, ids.cleo as number]);
    // Started in one go: the first two each start a batch, the rest wait and share the next ones.
    const submissions: Array<[number, ReturnType<typeof draft>]> = [
      [ids.ann as number, draft('Ann one')],
      [ids.bob as number, draft('Bob one')],
      [ids.bob as number, draft('Bob two', 'https://example.com/bob')],
      [ids.bob as number, draft('BOB TWO')], // the same name in another case: a duplicate
      [ids.cid as number, draft('Cid one', 'https://example.com/bob')], // another owner: not a duplicate
      [ids.chris as number, draft('Chris one')], // a champion's own bot goes to the other champion
      [ids.ann as number, draft('Ann two')],
      [ids.cid as number, draft('Cid two')],
      [ids.bob as number, draft('Bob three', 'https://example.com/bob')], // the same link: a duplicate
    ];
    const results = await Promise.all(
      submissions.map(([owner, d]) => submitBot(db, owner, d, now, champions)),
    );

    const [annOne, bobOne, bobTwo, bobTwoAgain, cidOne, chrisOne, annTwo, cidTwo, bobThree] =
      results as SubmitResult[];
    expect(results.map((r) => r.created)).toEqual([true, true, true, false, true, true, true, true, false]);
    expect(bobTwoAgain?.bot.id).toBe(bobTwo?.bot.id);
    expect(bobThree?.bot.id).toBe(bobTwo?.bot.id);

    const reviewer = (r: SubmitResult | undefined) =>
      r?.review?.kind === 'assigned' ? r.review.context.reviewer?.id : null;
    const source = (r: SubmitResult | undefined) => (r?.review?.kind === 'assigned' ? r.review.source : null);
    expect([reviewer(annOne), source(annOne), reviewer(annTwo), source(annTwo)]).toEqual([
      ids.mona,
      'manager',
      ids.mona,
      'manager',
    ]);
    expect(reviewer(chrisOne)).toBe(ids.cleo);
    // Bob (no manager) and Cid (a manager not on Slack) share the champions, never 2 apart.
    const championPicks = [bobOne, bobTwo, cidOne, chrisOne, cidTwo].map(reviewer);
    expect(championPicks.every((id) => id === ids.chris || id === ids.cleo)).toBe(true);
    const chrisCount = championPicks.filter((id) => id === ids.chris).length;
    expect(Math.abs(chrisCount - (championPicks.length - chrisCount))).toBeLessThanOrEqual(1);

    // What the replies say is what is stored, and each assigned bot has exactly one planned DM.
    const stored = await db.select().from(bots).orderBy(bots.id);
    expect(stored).toHaveLength(7);
    for (const r of results.filter((x) => x.created)) {
      const row = stored.find((b) => b.id === r.bot.id);
      expect(row).toMatchObject({ reviewerId: reviewer(r), status: 'submitted', version: 1 });
      expect(row?.reviewRequestedAt?.getTime()).toBe(now.getTime());
      expect(r.bot).toEqual(row);
    }
    const planned = await db.select().from(deliveries).where(eq(deliveries.kind, 'review-request'));
    expect(planned).toHaveLength(7);
    expect(new Set(planned.map((d) => (d.payload as { botId: number }).botId)).size).toBe(7);
    const slackIdOf = async (id: number | null | undefined) =>
      (
        await db
          .select()
          .from(employees)
          .where(eq(employees.id, id as number))
      )[0]?.slackUserId;
    for (const d of planned) {
      const bot = stored.find((b) => b.id === (d.payload as { botId: number }).botId);
      expect(d.recipient).toBe(await slackIdOf(bot?.reviewerId));
    }
  });

  it('without champions, a bot nobody can review waits without a reviewer; the DM only when asked for', async () => {
    const results = await Promise.all([
      submitBot(db, ids.bob as number, draft('Bob alone'), now, routing([])),
      submitBot(db, ids.cid as number, draft('Cid alone'), now, routing([])),
      submitBot(db, ids.bob as number, draft('Bob told'), now, { ...routing([]), dmWhenNoReviewer: true }),
      submitBot(db, ids.ann as number, draft('Ann managed'), now, routing([])),
    ]);
    expect(results.map((r) => r.review?.kind)).toEqual([
      'no-reviewer',
      'no-reviewer',
      'no-reviewer',
      'assigned',
    ]);
    const planned = await db.select().from(deliveries).orderBy(deliveries.id);
    expect(planned.map((d) => [d.kind, d.recipient]).sort()).toEqual([
      ['no-reviewer', 'UBOB'],
      ['review-request', 'UMONA'],
    ]);
  });

  it('a submission that fails fails alone: the others of its batch are stored', async () => {
    const results = await Promise.allSettled(
      [ids.ann, ids.bob, ids.bob, ids.cid, 999_999, ids.ann, ids.bob].map((owner, i) =>
        submitBot(db, owner as number, draft(`Bot number ${i}`), now, routing([ids.chris as number])),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected', // no such owner
      'fulfilled',
      'fulfilled',
    ]);
    const stored = await db.select({ name: bots.name }).from(bots).orderBy(bots.id);
    expect(stored.map((b) => b.name).sort()).toEqual(
      ['Bot number 0', 'Bot number 1', 'Bot number 2', 'Bot number 3', 'Bot number 5', 'Bot number 6'].sort(),
    );
    expect(await db.select().from(deliveries)).toHaveLength(6);
  });
});
