import { asc, eq, like } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bots, deliveries, employees, reviews } from '../../src/db/schema.js';
import { deliverySenders } from '../../src/jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../../src/jobs/outbox/worker.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlackCall, httpReply } from '../helpers/fake-slack.js';
import { formValues, startTestApp, type TestApp, viewSubmission } from '../helpers/harness.js';
import {
  blockAction,
  buttonsIn,
  type Decision,
  decisionSubmission,
  jsonArg,
  type SentBlock,
} from '../helpers/review-payloads.js';

const NOW = new Date('2026-11-16T09:00:00Z');
const NOW_TEXT = '2026-11-16 09:00 UTC';

const FORM = {
  name: 'Invoice matcher',
  description: 'Matches supplier invoices to purchase orders',
  link: 'https://copilot.example.com/invoice',
  category: 'team',
  platform: 'copilot_studio',
  hoursSavedPerWeek: '3',
};

/**
 * The review loop end to end: submissions assign a reviewer and DM them; signed block_actions and
 * view_submission payloads decide; the submitter hears the decision; the reviewer's DM loses its
 * buttons. Roster: Ann reports to Mona; Sam and Chris have no manager; Ned's manager Olga has left.
 * Champions: Chris (on the roster) and Cleo (added from users.info). HR: Hana (not on the roster).
 */
describe.each(DRIVERS)('review workflow on %s', (driver) => {
  let testDb: TestDatabase;
  let app: TestApp;
  const people: Record<string, number> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const add = async (
      slackUserId: string,
      name: string,
      extra: Partial<typeof employees.$inferInsert> = {},
    ) => {
      const [row] = await db()
        .insert(employees)
        .values({ slackUserId, name, activeFrom: '2025-01-01', ...extra })
        .returning();
      if (!row) throw new Error('insert failed');
      people[name] = row.id;
      return row.id;
    };
    const mona = await add('UMONA', 'Mona');
    await add('UANN', 'Ann', { managerId: mona });
    await add('USAM', 'Sam');
    await add('UCHRIS', 'Chris');
    await add('UMALLORY', 'Mallory');
    const olga = await add('UOLGA', 'Olga', { activeUntil: '2026-10-01' });
    await add('UNED', 'Ned', { managerId: olga });
    app = await startTestApp(testDb.database, {
      env: { REVIEWER_USER_IDS: 'UCHRIS,UCLEO', HR_USER_IDS: 'UHANA' },
      now: () => NOW,
    });
    app.slack.users.set('UCLEO', { id: 'UCLEO', real_name: 'Cleo', profile: { email: 'cleo@example.com' } });
    app.slack.users.set('UHANA', { id: 'UHANA', real_name: 'Hana', profile: { email: 'hana@example.com' } });
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await db().delete(reviews);
    await db().delete(bots);
    app.slack.calls.length = 0;
  });

  const db = () => testDb.database.db;
  const botRow = async (id: number) => {
    const [row] = await db().select().from(bots).where(eq(bots.id, id));
    if (!row) throw new Error(`no bot ${id}`);
    return row;
  };
  const reviewRows = () => db().select().from(reviews).orderBy(asc(reviews.id));
  const slack = () => app.slack;
  const posts = (channel: string) =>
    slack()
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === channel);
  const blocksOf = (call: FakeSlackCall | undefined) => jsonArg<SentBlock[]>(call, 'blocks');
  const textOf = (call: FakeSlackCall | undefined) => JSON.stringify(blocksOf(call));

  /** Submits through the modal; resolves once the post-ack review request is done. */
  const submitModal = async (user: string, values: typeof FORM = FORM) => {
    const ack = await app.interaction(
      viewSubmission(user, { callback_id: 'bot_submit', values: formValues(values) }),
    );
    expect((ack.body as { response_action: string }).response_action).toBe('update');
    const [bot] = await db().select().from(bots).where(eq(bots.name, values.name));
    if (!bot) throw new Error('not stored');
    return bot.id;
  };
  const submitInline = async (user: string, name: string) => {
    await app.command(user, `submit ${name} | none | Does something useful every day`);
    const reply = JSON.stringify(await app.nextResponse());
    const [bot] = await db().select().from(bots).where(eq(bots.name, name));
    if (!bot) throw new Error('not stored');
    return { id: bot.id, reply };
  };
  /** The review request DM a reviewer got for a bot (the n-th, for resubmissions). */
  const reviewDm = (reviewer: string, botId: number, nth = 0) =>
    slack().waitFor(
      () =>
        posts(reviewer).filter((c) =>
          buttonsIn(blocksOf(c)).some((b) => b.startsWith(`review_approve:${botId}:`)),
        )[nth],
    );
  const click = (user: string, action: Parameters<typeof blockAction>[1], botId: number) =>
    app.interaction(blockAction(user, action, botId));
  const decide = (
    user: string,
    botId: number,
    decision: Decision,
    form: Parameters<typeof decisionSubmission>[3],
  ) => app.interaction(decisionSubmission(user, botId, decision, form));
  /** Where the reviewer's DM was stored (written just after Slack answered the post). */
  const storedTs = async (botId: number) => {
    for (let i = 0; i < 200; i++) {
      const row = await botRow(botId);
      if (row.reviewMessageTs) return row.reviewMessageTs;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`the review DM of bot ${botId} was never stored`);
  };
  /**
   * Runs `start` (which sends requests) while another connection holds the bot's row lock, and
   * lets go only once `waiters` transactions queue behind it: the requests then truly overlap.
   * On PGlite (one connection, transactions run one at a time) it just runs them.
   */
  const overlapping = async <T>(botId: number, waiters: number, start: () => Promise<T>): Promise<T> => {
    if (driver !== 'postgres') return start();
    const other = postgres(testDb.location, { max: 1, onnotice: () => {} });
    try {
      let running: Promise<T> | undefined;
      await other.begin(async (tx) => {
        await tx`select id from bots where id = ${botId} for update`;
        running = start();
        for (let i = 0; ; i++) {
          const [row] = await tx`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`;
          if ((row?.n ?? 0) >= waiters) break;
          if (i > 500) throw new Error('the requests never queued behind the lock');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      });
      return await (running as Promise<T>);
    } finally {
      await other.end();
    }
  };
  const deliveryByKey = async (key: string | undefined) => {
    const [row] = await db()
      .select()
      .from(deliveries)
      .where(eq(deliveries.key, key ?? ''));
    return row;
  };
  const opened = (from: number) => slack().waitFor(() => slack().callsTo('views.open')[from]);
  const updatesOf = (channel: string, ts: string) =>
    slack()
      .callsTo('chat.update')
      .filter((c) => c.args.channel === channel && c.args.ts === ts);

  it('approve with a score: manager reviews, submitter is told, the DM loses its buttons', async () => {
    const botId = await submitModal('UANN');
    const dm = await reviewDm('UMONA', botId);
    expect(textOf(dm)).toContain('You are asked as Ann’s manager.');
    expect(textOf(dm)).toContain('Matches supplier invoices to purchase orders');
    expect(buttonsIn(blocksOf(dm))).toEqual([
      `review_approve:${botId}:1`,
      `review_request_changes:${botId}:1`,
      `review_reject:${botId}:1`,
    ]);
    const ts = await storedTs(botId);
    expect(await botRow(botId)).toMatchObject({
      reviewerId: people.Mona,
      reviewRequestedAt: NOW,
      reviewMessageChannel: 'UMONA',
    });

    // The click opens the modal with a 1–5 score and an optional comment.
    const before = slack().callsTo('views.open').length;
    expect((await click('UMONA', 'review_approve', botId)).status).toBe(200);
    const modal = jsonArg<{ callback_id: string; private_metadata: string; blocks: SentBlock[] }>(
      await opened(before),
      'view',
    );
    expect(modal.callback_id).toBe('review_decision');
    expect(JSON.parse(modal.private_metadata)).toEqual({
      botId,
      decision: 'approved',
      version: 1,
      fromHome: false,
    });
    expect(modal.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(['score', 'comment']);

    // Approving without a score is refused inside the modal; nothing is stored.
    const missing = await decide('UMONA', botId, 'approved', { score: null });
    expect(missing.body).toEqual({
      response_action: 'errors',
      errors: { score: 'Choose a score from 1 to 5.' },
    });
    expect(await reviewRows()).toHaveLength(0);

    const ack = await decide('UMONA', botId, 'approved', { score: 4, comment: 'Saves our AP team a lot <3' });
    expect((ack.body as { response_action: string }).response_action).toBe('update');
    expect(JSON.stringify(ack.body)).toContain('Decision saved');
    expect(await reviewRows()).toEqual([
      expect.objectContaining({
        botId,
        reviewerId: people.Mona,
        decision: 'approved',
        score: 4,
        comment: 'Saves our AP team a lot <3',
        decidedAt: NOW,
      }),
    ]);
    expect(await botRow(botId)).toMatchObject({ status: 'approved', decidedAt: NOW });

    const told = await slack().waitFor(() => posts('UANN')[0]);
    expect(textOf(told)).toContain('was approved by *Mona* · score *4/5*');
    expect(textOf(told)).toContain('&lt;3'); // the comment, escaped
    const update = await slack().waitFor(() => updatesOf('UMONA', ts)[0]);
    expect(buttonsIn(blocksOf(update))).toEqual([]);
    expect(textOf(update)).toContain(`Approved by *Mona* on <!date^${NOW.getTime() / 1000}^`);
    expect(textOf(update)).toContain(`|${NOW_TEXT}>`);
  });

  it('request changes → /bot edit → back to the same reviewer → approve', async () => {
    const botId = await submitModal('USAM');
    const first = await reviewDm('UCHRIS', botId); // Sam has no manager: the first champion
    expect(textOf(first)).toContain('You are asked as an AI champion.');
    const firstTs = await storedTs(botId);

    // A comment is required to request changes.
    const empty = await decide('UCHRIS', botId, 'changes_requested', { comment: '   ' });
    expect(empty.body).toMatchObject({ response_action: 'errors', errors: { comment: expect.any(String) } });
    expect(await reviewRows()).toHaveLength(0);

    await decide('UCHRIS', botId, 'changes_requested', { comment: 'Please add the purchase order link' });
    expect(await botRow(botId)).toMatchObject({ status: 'changes_requested' });
    const asked = await slack().waitFor(() => posts('USAM')[0]);
    expect(textOf(asked)).toContain('*Chris* asked for changes');
    expect(textOf(asked)).toContain('Please add the purchase order link');
    expect(textOf(asked)).toContain(`/bot edit ${botId}`);
    const redrawn = await slack().waitFor(() => updatesOf('UCHRIS', firstTs)[0]);
    expect(buttonsIn(blocksOf(redrawn))).toEqual([]);

    // The owner edits it through the edit modal: it goes back for review, to Chris again.
    const before = slack().callsTo('views.open').length;
    await app.command('USAM', `edit ${botId}`);
    const editForm = jsonArg<{ callback_id: string }>(await opened(before), 'view');
    expect(editForm.callback_id).toBe('bot_edit');
    const edited = await app.interaction(
      viewSubmission('USAM', {
        callback_id: 'bot_edit',
        private_metadata: JSON.stringify({ botId }),
        values: formValues({ ...FORM, description: 'Matches invoices to purchase orders, with links' }),
      }),
    );
    expect(JSON.stringify(edited.body)).toContain('sent back for review');
    const second = await reviewDm('UCHRIS', botId, 1);
    expect(textOf(second)).toContain('It is back for review after changes were requested.');
    expect(textOf(second)).toContain('with links');
    expect(await botRow(botId)).toMatchObject({ status: 'submitted', reviewerId: people.Chris });

    // The edit made it version 2: the new DM's buttons and form decide on that version.
    expect(buttonsIn(blocksOf(second))).toContain(`review_approve:${botId}:2`);
    await decide('UCHRIS', botId, 'approved', { score: 5, version: 2 });
    expect(await botRow(botId)).toMatchObject({ status: 'approved' });
    expect((await reviewRows()).map((r) => [r.decision, r.score, r.reviewerId])).toEqual([
      ['changes_requested', null, people.Chris],
      ['approved', 5, people.Chris],
    ]);
    const approved = await slack().waitFor(() => posts('USAM')[1]);
    expect(textOf(approved)).toContain('was approved by *Chris* · score *5/5*');
  });

  it('reject: stored with its reason, the submitter told', async () => {
    const botId = await submitModal('UANN');
    await reviewDm('UMONA', botId);
    const ack = await decide('UMONA', botId, 'rejected', { comment: 'This is a copy of #3' });
    expect(JSON.stringify(ack.body)).toContain('rejected');
    expect(await reviewRows()).toEqual([
      expect.objectContaining({ decision: 'rejected', score: null, comment: 'This is a copy of #3' }),
    ]);
    expect(await botRow(botId)).toMatchObject({ status: 'rejected', decidedAt: NOW });
    const told = await slack().waitFor(() => posts('UANN')[0]);
    expect(textOf(told)).toContain('was not accepted by *Mona*');
    expect(textOf(told)).toContain('This is a copy of #3');
    expect(textOf(told)).toContain('/bot submit');
  });

  it('a double click records one decision; the later one is told who decided and when', async () => {
    const botId = await submitModal('UANN');
    await reviewDm('UMONA', botId);
    const ts = await storedTs(botId);

    // The same button twice: two modals open (nothing is decided by a click).
    const before = slack().callsTo('views.open').length;
    await Promise.all([click('UMONA', 'review_approve', botId), click('UMONA', 'review_approve', botId)]);
    await opened(before + 1);
    expect(await reviewRows()).toHaveLength(0);

    const first = await decide('UMONA', botId, 'approved', { score: 3 });
    const second = await decide('UMONA', botId, 'approved', { score: 5 });
    expect(JSON.stringify(first.body)).toContain('Decision saved');
    const later = JSON.stringify(second.body);
    expect(later).toContain('Already decided');
    expect(later).toContain('was already approved by *Mona* on');
    expect(later).toContain(NOW_TEXT);
    expect(later).toContain('score *3/5*');
    expect(await reviewRows()).toEqual([expect.objectContaining({ decision: 'approved', score: 3 })]);
    expect(posts('UANN').length).toBeLessThanOrEqual(1);

    // A click on the stale DM afterwards: a note instead of a modal. The DM was redrawn without
    // buttons once for this decision; the click plans the same redraw again, which adds nothing.
    const notes = slack().callsTo('views.open').length;
    await click('UMONA', 'review_reject', botId);
    const note = jsonArg<{ callback_id?: string }>(await opened(notes), 'view');
    expect(note.callback_id).toBeUndefined();
    expect(JSON.stringify(note)).toContain('was already approved by *Mona*');
    const updates = await slack().waitFor(() =>
      updatesOf('UMONA', ts).length >= 1 ? updatesOf('UMONA', ts) : null,
    );
    for (const update of updates) expect(buttonsIn(blocksOf(update))).toEqual([]);
    const redraws = await db()
      .select()
      .from(deliveries)
      .where(like(deliveries.key, `review-refresh:b${botId}:%`));
    expect(redraws.map((r) => r.status)).toEqual(['sent']);
    expect(await reviewRows()).toHaveLength(1);
    await slack().waitFor(() => posts('UANN')[0]);
    expect(posts('UANN')).toHaveLength(1);
  });

  it('two approvals at once (reviewer and HR) record one decision; the other is told who won', async () => {
    const botId = await submitModal('UANN');
    await reviewDm('UMONA', botId);
    const acks = await overlapping(botId, 2, () =>
      Promise.all([
        decide('UMONA', botId, 'approved', { score: 4 }),
        decide('UHANA', botId, 'approved', { score: 2 }),
      ]),
    );
    const rows = await reviewRows();
    expect(rows).toHaveLength(1);
    const winner = rows[0]?.reviewerId === people.Mona ? 'Mona' : 'Hana';
    const bodies = acks.map((a) => JSON.stringify(a.body));
    expect(bodies.filter((b) => b.includes('Decision saved'))).toHaveLength(1);
    const loser = bodies.find((b) => b.includes('Already decided'));
    expect(loser).toContain(`was already approved by *${winner}* on`);
    expect(loser).toContain(NOW_TEXT);
    expect(await botRow(botId)).toMatchObject({ status: 'approved' });
    // Hana, HR and never seen before, was added to the roster from users.info to sign her review.
    const [hana] = await db().select().from(employees).where(eq(employees.slackUserId, 'UHANA'));
    expect(hana?.name).toBe('Hana');
  });

  it('two concurrent submissions of the same modal by the reviewer record one decision', async () => {
    const botId = await submitModal('UANN');
    await reviewDm('UMONA', botId);
    const acks = await overlapping(botId, 2, () =>
      Promise.all([
        decide('UMONA', botId, 'rejected', { comment: 'No' }),
        decide('UMONA', botId, 'rejected', { comment: 'No' }),
      ]),
    );
    expect(await reviewRows()).toHaveLength(1);
    expect(
      acks.map((a) => JSON.stringify(a.body)).filter((b) => b.includes('was already rejected by *Mona*')),
    ).toHaveLength(1);
  });

  it('refuses a non-reviewer’s click and a forged decision, storing nothing; the owner cannot decide either', async () => {
    const botId = await submitModal('UANN');
    await reviewDm('UMONA', botId);
    const before = slack().callsTo('views.open').length;
    await click('UMALLORY', 'review_approve', botId);
    const note = jsonArg(await opened(before), 'view');
    expect(JSON.stringify(note)).toContain('Only its reviewer, *Mona*,');
    expect(JSON.stringify(note)).not.toContain('review_decision');

    const forged = await decide('UMALLORY', botId, 'approved', { score: 5 });
    expect(JSON.stringify(forged.body)).toContain('Not your review');
    const own = await decide('UANN', botId, 'approved', { score: 5 });
    expect(JSON.stringify(own.body)).toContain('never its owner');
    const stranger = await decide('UNOBODY', botId, 'rejected', { comment: 'x' });
    expect(JSON.stringify(stranger.body)).toContain('Not your review');

    expect(await reviewRows()).toHaveLength(0);
    expect(await botRow(botId)).toMatchObject({ status: 'submitted', decidedAt: null });
    expect(await db().select().from(employees).where(eq(employees.slackUserId, 'UNOBODY'))).toHaveLength(0);
  });

  it('champions take turns by open assignments, never review their own bot, and are added to the roster', async () => {
    const a = await submitInline('USAM', 'Sam bot one');
    expect(a.reply).toContain('*Chris* has been asked to review it.');
    const b = await submitInline('USAM', 'Sam bot two');
    expect(b.reply).toContain('*Cleo* has been asked to review it.');
    const c = await submitInline('UNED', 'Ned bot'); // Ned's manager has left: a champion, Chris (tie, listed first)
    expect(c.reply).toContain('*Chris*');
    const own = await submitInline('UCHRIS', 'Chris own bot'); // never the submitter
    expect(own.reply).toContain('*Cleo*');

    const [cleo] = await db().select().from(employees).where(eq(employees.slackUserId, 'UCLEO'));
    expect(cleo?.name).toBe('Cleo');
    expect((await botRow(a.id)).reviewerId).toBe(people.Chris);
    expect((await botRow(b.id)).reviewerId).toBe(cleo?.id);
    expect((await botRow(c.id)).reviewerId).toBe(people.Chris);
    expect((await botRow(own.id)).reviewerId).toBe(cleo?.id);
    await reviewDm('UCLEO', b.id);
  });

  it('two submissions at the same moment go to different champions', async () => {
    await Promise.all([
      app.command('USAM', 'submit Twin one | none | Does something useful every day'),
      app.command('UNED', 'submit Twin two | none | Does something useful every day'),
    ]);
    await app.nextResponse();
    await app.nextResponse();
    const rows = await db().select().from(bots).orderBy(bots.id);
    const [cleo] = await db().select().from(employees).where(eq(employees.slackUserId, 'UCLEO'));
    expect(rows.map((r) => r.reviewerId).sort()).toEqual([people.Chris, cleo?.id].sort());
  });

  it('a decision applies to the version the reviewer saw: an edit in between decides nothing', async () => {
    const botId = await submitModal('UANN');
    await reviewDm('UMONA', botId);
    const ts = await storedTs(botId);

    // Mona opens the score form on version A…
    const before = slack().callsTo('views.open').length;
    await click('UMONA', 'review_approve', botId);
    const form = jsonArg<{ private_metadata: string }>(await opened(before), 'view');
    expect(JSON.parse(form.private_metadata)).toMatchObject({ botId, version: 1 });

    // …Ann edits name and link (version B)…
    const edited = await app.interaction(
      viewSubmission('UANN', {
        callback_id: 'bot_edit',
        private_metadata: JSON.stringify({ botId }),
        values: formValues({ ...FORM, name: 'Invoice payer', link: 'https://copilot.example.com/pay' }),
      }),
    );
    expect((edited.body as { response_action: string }).response_action).toBe('update');
    expect(await botRow(botId)).toMatchObject({ version: 2, name: 'Invoice payer', status: 'submitted' });

    // …Mona submits the score she chose for A: nothing is approved, she is told and shown B.
    const stale = await decide('UMONA', botId, 'approved', { score: 5, version: 1 });
    const told = JSON.stringify(stale.body);
    expect(told).toContain('Bot changed');
    expect(told).toContain('Nothing was saved');
    expect(told).toContain('Invoice payer');
    expect(told).toContain('https://copilot.example.com/pay');
    expect(await reviewRows()).toHaveLength(0);
    expect(await botRow(botId)).toMatchObject({ status: 'submitted', decidedAt: null });
    // Her DM is redrawn with B and buttons for version 2.
    const redrawn = await slack().waitFor(() =>
      updatesOf('UMONA', ts).find((u) => textOf(u).includes('Invoice payer')),
    );
    expect(buttonsIn(blocksOf(redrawn))).toEqual([
      `review_approve:${botId}:2`,
      `review_request_changes:${botId}:2`,
      `review_reject:${botId}:2`,
    ]);

    // Request changes and Reject on A, HR's override on A, a click on an A button, and a form or a
    // button from before versions existed: none decides anything.
    for (const [user, decision, form] of [
      ['UMONA', 'changes_requested', { comment: 'Add a link', version: 1 }],
      ['UMONA', 'rejected', { comment: 'No', version: 1 }],
      ['UHANA', 'approved', { score: 4, version: 1 }],
      ['UMONA', 'approved', { score: 4, version: null }],
    ] as const) {
      const answer = JSON.stringify((await decide(user, botId, decision, form)).body);
      expect(answer, `${user} ${decision}`).toContain('Bot changed');
    }
    for (const value of [botId, String(botId)]) {
      const notes = slack().callsTo('views.open').length;
      await app.interaction(blockAction('UMONA', 'review_approve', value));
      const note = jsonArg<{ callback_id?: string }>(await opened(notes), 'view');
      expect(note.callback_id).toBeUndefined();
      expect(JSON.stringify(note)).toContain('Invoice payer');
    }
    expect(await reviewRows()).toHaveLength(0);

    // Approving B works, and Ann hears about B.
    const approved = await decide('UMONA', botId, 'approved', { score: 4, version: 2 });
    expect(JSON.stringify(approved.body)).toContain('Decision saved');
    expect((await reviewRows()).map((r) => [r.decision, r.score])).toEqual([['approved', 4]]);
    const dm = await slack().waitFor(() => posts('UANN')[0]);
    expect(textOf(dm)).toContain('Invoice payer');
  });

  it('a crash or a Slack outage right after a submission never loses the reviewer’s DM', async () => {
    // Slack refuses every message: the submission is stored and answered all the same.
    slack().on('chat.postMessage', () => httpReply(503, { ok: false }));
    const { id: botId, reply } = await submitInline('UANN', 'Outage bot');
    expect(reply).toContain('*Mona* has been asked to review it.');
    const [planned] = await db()
      .select()
      .from(deliveries)
      .where(like(deliveries.key, `review-request:b${botId}:%`));
    expect(planned).toMatchObject({ kind: 'review-request', recipient: 'UMONA' });
    expect(planned?.payload).toEqual({
      recipientEmployeeId: people.Mona,
      aboutEmployeeIds: [people.Ann],
      botId,
      requestedAt: NOW.toISOString(),
      source: 'manager',
    });
    // The kick after the commit tried and failed; the row waits for its retry.
    for (let i = 0; (await deliveryByKey(planned?.key))?.lastError == null; i++) {
      if (i > 500) throw new Error('the kicked worker never tried');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await deliveryByKey(planned?.key)).toMatchObject({ status: 'pending', attempts: 1 });

    // Slack is back; the worker's next tick (any replica, after a restart) sends it, once.
    const accepted: string[] = [];
    slack().on('chat.postMessage', (args) => {
      accepted.push(String(args.channel));
      return { ok: true, channel: args.channel, ts: `${Date.now() / 1000}` };
    });
    const worker = (ms: number) =>
      sendDueDeliveries({
        senders: deliverySenders,
        db: db(),
        client: deliveryClientFor(slack()),
        logger: createLogger('silent'),
        now: () => new Date(NOW.getTime() + ms),
      });
    expect(await worker(60_000)).toMatchObject({ sent: 1 });
    expect(await worker(120_000)).toMatchObject({ sent: 0 });
    expect(accepted).toEqual(['UMONA']);
    expect(textOf(posts('UMONA').at(-1))).toContain('Outage bot');
    const sent = await deliveryByKey(planned?.key);
    expect(sent?.status).toBe('sent');
    // Where the DM landed is stored, for redrawing it after the decision.
    expect(await botRow(botId)).toMatchObject({
      reviewMessageChannel: 'UMONA',
      reviewMessageTs: (sent?.result as { ts?: string } | undefined)?.ts,
    });
  });

  it('withdrawing a bot waiting for review takes the buttons off the reviewer’s DM', async () => {
    const botId = await submitModal('UANN');
    await reviewDm('UMONA', botId);
    const ts = await storedTs(botId);
    await app.command('UANN', `withdraw ${botId}`);
    await app.nextResponse();
    const update = await slack().waitFor(() => updatesOf('UMONA', ts)[0]);
    expect(buttonsIn(blocksOf(update))).toEqual([]);
    expect(textOf(update)).toContain('Withdrawn by its owner');

    const before = slack().callsTo('views.open').length;
    await click('UMONA', 'review_approve', botId);
    expect(JSON.stringify(jsonArg(await opened(before), 'view'))).toContain('withdrawn by its owner');
    const late = await decide('UMONA', botId, 'approved', { score: 4 });
    expect(JSON.stringify(late.body)).toContain('Nothing to decide');
    expect(await reviewRows()).toHaveLength(0);
  });
});

describe.each(DRIVERS)('review workflow without reviewers on %s', (driver) => {
  it('keeps the bot waiting and tells the submitter honestly, in the reply or by DM', async () => {
    const testDb = await createTestDatabase(driver);
    const app = await startTestApp(testDb.database, { now: () => NOW });
    try {
      await app.command('ULONE', 'submit Lonely bot | none | Nobody can review this one');
      const reply = JSON.stringify(await app.nextResponse());
      expect(reply).toContain('Nobody can review');
      expect(reply).toContain('REVIEWER_USER_IDS');

      await app.interaction(viewSubmission('ULONE', { callback_id: 'bot_submit', values: formValues(FORM) }));
      const dm = await app.slack.waitFor(() =>
        app.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'ULONE'),
      );
      expect(String(dm.args.text)).toContain('Nobody can review');

      const stored = await testDb.database.db.select().from(bots).orderBy(bots.id);
      expect(stored.map((b) => [b.status, b.reviewerId])).toEqual([
        ['submitted', null],
        ['submitted', null],
      ]);
    } finally {
      await app.stop();
      await testDb.destroy();
    }
  });
});
