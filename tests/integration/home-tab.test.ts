import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bots, employees, reviews } from '../../src/db/schema.js';
import { at, seedSmallCompany } from '../fixtures/small-company.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import type { FakeSlackCall } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import {
  blockAction,
  buttonsIn,
  decisionSubmission,
  jsonArg,
  openHome,
  type SentBlock,
} from '../helpers/review-payloads.js';

/**
 * The Home tab on the hand-computed small company (docs/metrics.md), read on the last evening of
 * 2026-Q3, so the current period is Q3 and its figures are those of the worked example, plus Zed,
 * alone in Ops. Cat's "Pending thing" (b4) waits for Ann's review.
 */
const NOW = new Date('2026-09-30T18:00:00Z');

interface HomeView {
  type: string;
  blocks: SentBlock[];
}

describe.each(DRIVERS)('Home tab on %s', (driver) => {
  let testDb: TestDatabase;
  let app: TestApp;
  let ids: Awaited<ReturnType<typeof seedSmallCompany>>;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    ids = await seedSmallCompany(testDb.database.db);
    await testDb.database.db
      .insert(employees)
      .values({ name: 'Zed', slackUserId: 'UZED', department: 'Ops', activeFrom: '2025-01-01' });
    await testDb.database.db
      .update(bots)
      .set({ reviewerId: ids.people.ann, reviewRequestedAt: at('2026-09-20') })
      .where(eq(bots.id, ids.bots.b4));
    app = await startTestApp(testDb.database, {
      env: { HR_USER_IDS: 'UHRBOSS', HR_USERGROUP_ID: 'S0PEOPLE', MIN_GROUP_SIZE: '3' },
      now: () => NOW,
    });
    app.slack.usergroups.set('S0PEOPLE', ['UHRGROUP']);
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });

  const publishedTo = async (user: string, nth = 0) => {
    const call = await app.slack.waitFor(
      () => app.slack.callsTo('views.publish').filter((c) => c.args.user_id === user)[nth],
    );
    return jsonArg<HomeView>(call as FakeSlackCall, 'view');
  };
  const texts = (view: HomeView) =>
    view.blocks.flatMap((b) => [
      ...(b.text ? [b.text.text] : []),
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).flatMap((e) => (typeof e.text === 'string' ? [e.text] : [])),
    ]);
  const shown = (view: HomeView) => texts(view).join('\n');

  it('shows an employee their status for the current period and their bots with colleague uses', async () => {
    expect((await openHome(app, 'UANN')).status).toBe(200);
    const view = await publishedTo('UANN');
    expect(view.type).toBe('home');
    const text = shown(view);
    expect(text).toContain('*Your record for 2026-Q3* (2026-07-01 – 2026-09-30)');
    expect(text).toContain('Requirement met: 1 approved bot, 1 needed.');
    expect(text).toContain('*Bots submitted*\n2');
    expect(text).toContain('*Uses by colleagues*\n6 by 4 people');
    expect(text).toContain('*Your bots* (3)');
    // b1: Ben ×2, Cat, Eve, Ivy, an unknown user and Dan (June) — never Ann herself.
    expect(text).toContain(`*#${ids.bots.b1}* *Deal summariser* — Approved · 7 uses by colleagues`);
    expect(text).toContain(`*#${ids.bots.b8}* *Rejected idea* — Rejected · 0 uses by colleagues`);
    expect(text).not.toContain('Whole company');

    await openHome(app, 'UBEN');
    const ben = shown(await publishedTo('UBEN'));
    expect(ben).toContain('Not yet: 1 more approved bot needed by 2026-09-30 (0 days left)');
    expect(ben).toContain(`*#${ids.bots.b3}* *Gone soon* — Withdrawn · 1 use by colleagues`);
    expect(ben).not.toContain('Reviews waiting for you');
  });

  it('shows a reviewer the reviews waiting for them, with the same buttons as the DM', async () => {
    const before = app.slack.callsTo('views.publish').filter((c) => c.args.user_id === 'UANN').length;
    await openHome(app, 'UANN');
    const view = await publishedTo('UANN', before);
    expect(shown(view)).toContain('*Reviews waiting for you* (1)');
    expect(shown(view)).toContain(`*#${ids.bots.b4}* *Pending thing* by *Cat* · waiting for 10 days`);
    const b4 = ids.bots.b4;
    expect(buttonsIn(view.blocks)).toEqual([
      `review_approve:${b4}:1`,
      `review_request_changes:${b4}:1`,
      `review_reject:${b4}:1`,
    ]);

    // Approving from the Home tab: the modal remembers where the click came from, the decision is
    // stored, Cat is told, and Ann's Home tab is published again without the review.
    const opened = app.slack.callsTo('views.open').length;
    await app.interaction(blockAction('UANN', 'review_approve', b4, { kind: 'home' }));
    const call = await app.slack.waitFor(() => app.slack.callsTo('views.open')[opened]);
    expect(JSON.parse(jsonArg<{ private_metadata: string }>(call, 'view').private_metadata)).toEqual({
      botId: b4,
      decision: 'approved',
      version: 1,
      fromHome: true,
    });
    await app.interaction(decisionSubmission('UANN', b4, 'approved', { score: 4, fromHome: true }));
    const after = await publishedTo('UANN', before + 1);
    expect(shown(after)).not.toContain('Reviews waiting for you');
    expect(buttonsIn(after.blocks)).toEqual([]);
    const rows = await testDb.database.db.select().from(reviews).where(eq(reviews.botId, b4));
    expect(rows).toEqual([
      expect.objectContaining({ decision: 'approved', score: 4, reviewerId: ids.people.ann }),
    ]);
    await app.slack.waitFor(() =>
      app.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'UCAT'),
    );
  });

  it('shows HR the company figures and the departments furthest behind, small ones as "fewer than N"', async () => {
    await openHome(app, 'UHRBOSS');
    const view = await publishedTo('UHRBOSS');
    const text = shown(view);
    expect(text).toContain('You are not counted in this period'); // HR's own record: not on the roster
    expect(text).toContain('*Whole company* · 2026-Q3 (2026-07-01 – 2026-09-30)');
    // The worked example's Q3 figures, with Zed (Ops, no bots) added to the headcount.
    for (const figure of [
      '*Headcount*\n7',
      '*Builders*\n4 · 57%',
      '*Qualified*\n2 · 29%',
      '*New bots*\n5',
      '*Approved bots*\n2',
      '*Waiting for review*\n2',
      '*Uses by colleagues*\n7 by 5 people',
      '*Adopted bots*\n1',
    ]) {
      expect(text).toContain(figure);
    }
    // Sales and Eng both have 33% qualified; Sales builds less (1 of 3 against 3 of 3).
    expect(text).toContain(
      '*Departments furthest behind*\n1. *Sales* — 33% qualified · 33% building · 3 people\n2. *Eng* — 33% qualified · 100% building · 3 people',
    );
    expect(text).toContain('Not ranked, fewer than 3 people: Ops.');
    // The first look computes the figures (and stores them for the next): the view says so.
    expect(text).toMatch(/As of \d\d:\d\d UTC, \d+ \w+: computed live\./);
    expect(text).not.toMatch(/Ops\* —/);
  });

  it('shows members of the HR user group the company figures too, and nobody else', async () => {
    await openHome(app, 'UHRGROUP');
    expect(shown(await publishedTo('UHRGROUP'))).toContain('*Whole company* · 2026-Q3');
    await openHome(app, 'UOUTSIDER');
    expect(shown(await publishedTo('UOUTSIDER'))).not.toContain('*Whole company*');
  });

  it('ignores the Messages tab', async () => {
    const before = app.slack.callsTo('views.publish').length;
    expect((await openHome(app, 'UZED', 'messages')).status).toBe(200);
    await openHome(app, 'UZED');
    await publishedTo('UZED');
    expect(app.slack.callsTo('views.publish').length).toBe(before + 1);
  });
});

describe.each(DRIVERS)('Home tab limits on %s', (driver) => {
  it('stays within 100 blocks and 3000 characters a section for an HR reviewer with 200 bots and 200 reviews', async () => {
    const testDb = await createTestDatabase(driver);
    const db = testDb.database.db;
    const app = await startTestApp(testDb.database, { env: { HR_USER_IDS: 'UBIG' }, now: () => NOW });
    try {
      const [big] = await db
        .insert(employees)
        .values({ name: 'Big & <Builder>', slackUserId: 'UBIG', department: 'R&D', activeFrom: '2025-01-01' })
        .returning();
      const [other] = await db
        .insert(employees)
        .values({
          name: `<@UHACK> & ${'王'.repeat(60)}`,
          slackUserId: 'UOTHER',
          department: 'R&D',
          activeFrom: '2025-01-01',
        })
        .returning();
      if (!big || !other) throw new Error('insert failed');
      // Long names full of characters that grow when escaped, and the longest links allowed.
      const longName = (i: number) => `${i} ${'<&>周报'.repeat(20)}`.slice(0, 80);
      const longLink = (i: number) => `https://example.com/${i}/${'x'.repeat(1970)}`;
      const many = (ownerId: number, prefix: string, reviewerId: number | null) =>
        Array.from({ length: 200 }, (_, i) => ({
          ownerId,
          name: `${prefix}${longName(i)}`.slice(0, 80),
          description: '描述 <b>&amp;</b> '.repeat(120).slice(0, 2000),
          link: longLink(i),
          status: 'submitted' as const,
          reviewerId,
          submittedAt: new Date(NOW.getTime() - (i + 1) * 3_600_000),
        }));
      await db.insert(bots).values(many(big.id, 'A', null));
      await db.insert(bots).values(many(other.id, 'B', big.id));

      await openHome(app, 'UBIG');
      const call = await app.slack.waitFor(() => app.slack.callsTo('views.publish')[0]);
      const view = jsonArg<HomeView>(call, 'view');
      expect(view.type).toBe('home');
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      for (const block of view.blocks) {
        if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
        for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
        if (block.type === 'context')
          for (const e of block.elements ?? []) expect(String(e.text).length).toBeLessThanOrEqual(3000);
      }
      const blockIds = view.blocks.map((b) => b.block_id).filter(Boolean);
      expect(new Set(blockIds).size).toBe(blockIds.length);
      const text = view.blocks.map((b) => JSON.stringify(b)).join('\n');
      expect(text).toContain('*Your bots* (200)');
      expect(text).toContain('…and 180 more (oldest not shown).');
      expect(text).toContain('*Reviews waiting for you* (200)');
      expect(text).toContain('…and 190 more, longest-waiting first.');
      expect(buttonsIn(view.blocks)).toHaveLength(30);
      expect(text).toContain('Whole company');
      expect(text).toContain('fewer than 5'); // two people: the company is a small group here
      expect(text).toContain('&lt;@UHACK&gt; &amp; 王王'); // user text is escaped, never a mention
      expect(text).not.toContain('<@UHACK>');
    } finally {
      await app.stop();
      await testDb.destroy();
    }
  });
});
