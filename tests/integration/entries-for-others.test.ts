import { parse } from 'csv-parse/sync';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOrgState } from '../../src/db/queries/employee-history.js';
import { auditLog, bots, deliveries, employees } from '../../src/db/schema.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import type { FakeSlackCall } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import {
  blockAction,
  buttonsIn,
  decisionSubmission,
  jsonArg,
  openHome,
  type ReviewButton,
  type SentBlock,
} from '../helpers/review-payloads.js';

/**
 * Issue 14 end to end, through the signed Bolt receiver. Roster (Logistics): Maya Chen manages
 * Diego Ruiz (a driver without Slack), Leo Park and Nina Berg (both on Slack); Omar manages Pat
 * (no Slack). Cora is an AI champion (REVIEWER_USER_IDS), Hana is HR (HR_USER_IDS). The period is
 * the current quarter, 2026-Q4, requiring one approved bot.
 */
const START = new Date('2026-11-16T09:00:00Z');

describe.each(DRIVERS)('bots entered for someone else on %s', (driver) => {
  let testDb: TestDatabase;
  let app: TestApp;
  let clock = START;
  const people: Record<string, number> = {};
  const db = () => testDb.database.db;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const add = async (
      key: string,
      values: { name: string; email: string; slackUserId: string | null; managerId?: number },
    ) => {
      const [row] = await db()
        .insert(employees)
        .values({ ...values, department: 'Logistics', activeFrom: '2025-01-01' })
        .returning();
      if (!row) throw new Error('insert failed');
      await recordOrgState(
        db(),
        row.id,
        { department: 'Logistics', managerId: values.managerId ?? null, active: true },
        new Date('2025-01-01T00:00:00Z'),
      );
      people[key] = row.id;
      return row.id;
    };
    const maya = await add('maya', { name: 'Maya Chen', email: 'maya@example.com', slackUserId: 'UMAYA' });
    await add('diego', {
      name: 'Diego Ruiz',
      email: 'diego@example.com',
      slackUserId: null,
      managerId: maya,
    });
    await add('leo', { name: 'Leo Park', email: 'leo@example.com', slackUserId: 'ULEO', managerId: maya });
    await add('nina', {
      name: 'Nina Berg',
      email: 'nina@example.com',
      slackUserId: 'UNINA',
      managerId: maya,
    });
    const omar = await add('omar', { name: 'Omar Haddad', email: 'omar@example.com', slackUserId: 'UOMAR' });
    await add('pat', { name: 'Pat Lee', email: 'pat@example.com', slackUserId: null, managerId: omar });
    await add('cora', { name: 'Cora Champion', email: 'cora@example.com', slackUserId: 'UCORA' });
    await add('hana', { name: 'Hana Kim', email: 'hana@example.com', slackUserId: 'UHANA' });
    await add('sam', { name: 'Sam Ortiz', email: 'sam@example.com', slackUserId: null });
    app = await startTestApp(testDb.database, {
      env: { HR_USER_IDS: 'UHANA', REVIEWER_USER_IDS: 'UCORA' },
      now: () => clock,
    });
    app.slack.on('conversations.open', (args) => ({ ok: true, channel: { id: `D${String(args.users)}` } }));
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });

  const bot = async (text: string, user: string) => {
    await app.command(user, text);
    return (await app.nextResponse()) as { text: string; blocks: SentBlock[] };
  };
  const botsOf = (ownerId: number | undefined) =>
    db()
      .select()
      .from(bots)
      .where(eq(bots.ownerId, ownerId ?? -1))
      .orderBy(asc(bots.id));
  const auditOf = (action: string) =>
    db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));
  const dmsTo = (channel: string) =>
    app.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const dmText = (call: FakeSlackCall | undefined) =>
    `${String(call?.args.text)} ${JSON.stringify(jsonArg(call, 'blocks'))}`;
  /** HR's export of 2026-Q4, parsed: one row per person, by email. */
  const exportRows = async () => {
    const before = app.slack.uploads.size;
    await app.command('UHANA', 'export', { command: '/adoption' });
    await app.nextResponse();
    const upload = [...app.slack.uploads.values()][before];
    if (!upload) throw new Error('nothing was uploaded');
    const rows = parse(upload.bytes, { bom: true, columns: true }) as Record<string, string>[];
    return new Map(rows.map((row) => [row.email, row]));
  };
  const press = async (user: string, actionId: string, value: number) => {
    const payload = {
      ...blockAction(user, actionId as ReviewButton, String(value)), // entry buttons carry the bot id alone
      response_url: app.slack.newResponseUrl(),
    };
    const ack = await app.interaction(payload);
    expect(ack.status).toBe(200);
    return (await app.nextResponse()) as { text: string; blocks: SentBlock[]; replace_original?: boolean };
  };

  it('a manager enters a bot for a driver without Slack; a champion reviews it; the export shows submitted, then approved and met', async () => {
    const reply = await bot(
      'submit for diego@example.com | Route planner | none | Plans the delivery routes for the day',
      'UMAYA',
    );
    const [entered] = await botsOf(people.diego);
    expect(entered).toMatchObject({
      ownerId: people.diego,
      enteredById: people.maya,
      ownerConfirmation: null,
      status: 'submitted',
      reviewerId: people.cora, // never Maya, who entered it, though she is Diego's manager
    });
    if (!entered) throw new Error('not stored');
    expect(JSON.stringify(reply)).toContain(`Saved *#${entered.id}* *Route planner* for *Diego Ruiz*`);
    expect(JSON.stringify(reply)).toContain('Cora Champion');
    const [entry] = await auditOf('bot_entered_for');
    expect(entry).toMatchObject({
      actorSlackUserId: 'UMAYA',
      subjectEmployeeId: people.diego,
      via: 'command',
      detail: { botId: entered.id, role: 'manager', created: true },
    });
    await app.slack.waitFor(() => dmsTo('UCORA').length === 1);
    clock = new Date('2026-11-16T09:05:00Z');
    expect(dmText(dmsTo('UCORA')[0])).toContain('Route planner');

    const submitted = (await exportRows()).get('diego@example.com');
    expect(submitted).toMatchObject({
      bots_submitted: '1',
      bots_approved: '0',
      requirement_met: 'false',
      entered_by_email: 'maya@example.com',
    });

    // Maya may not decide on the bot she entered; Cora does.
    await app.interaction(decisionSubmission('UMAYA', entered.id, 'approved', { score: 5 }));
    expect((await botsOf(people.diego))[0]?.status).toBe('submitted');
    clock = new Date('2026-11-17T10:00:00Z');
    await app.interaction(decisionSubmission('UCORA', entered.id, 'approved', { score: 4 }));
    expect((await botsOf(people.diego))[0]?.status).toBe('approved');
    // The decision goes to whoever entered it (Diego has no Slack).
    await app.slack.waitFor(() => dmsTo('UMAYA').some((c) => dmText(c).includes('was approved')));
    const told = dmsTo('UMAYA').find((c) => dmText(c).includes('was approved'));
    expect(dmText(told)).toContain('which you entered for *Diego Ruiz*');

    clock = new Date('2026-11-17T10:05:00Z'); // figures are as of now: a moment later
    const approved = (await exportRows()).get('diego@example.com');
    expect(approved).toMatchObject({
      bots_submitted: '1',
      bots_approved: '1',
      best_score: '4',
      requirement_met: 'true',
      entered_by_email: 'maya@example.com',
    });
    // Pat (no bot) has the column empty.
    expect((await exportRows()).get('pat@example.com')?.entered_by_email).toBe('');
  });

  it('someone who is not the manager, a champion or HR is refused: nothing stored, the refusal audited', async () => {
    const before = await botsOf(people.diego);
    const reply = await bot(
      'submit for diego@example.com | Shift swapper | none | Finds a colleague to swap shifts',
      'UNINA',
    );
    expect(reply.text).toBe(
      'Only their manager (on the roster), an AI champion or HR may enter a bot for someone else. Nothing was saved.',
    );
    expect(await botsOf(people.diego)).toEqual(before);
    const refusals = await auditOf('bot_entry_refused');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({
      actorSlackUserId: 'UNINA',
      subjectEmployeeId: people.diego,
      detail: { reason: 'not_allowed' },
    });
    // The form is refused the same way, and opens nothing.
    const opens = app.slack.callsTo('views.open').length;
    const form = await bot('submit for diego@example.com', 'UNINA');
    expect(form.text).toContain('Only their manager');
    expect(app.slack.callsTo('views.open')).toHaveLength(opens);
    expect(await auditOf('bot_entry_refused')).toHaveLength(2);
  });

  it('the form opens titled for the person when the manager asks', async () => {
    // The form opens instead of a reply (nothing comes back through response_url).
    await app.command('UMAYA', 'submit for diego@example.com');
    await app.slack.waitFor(() => app.slack.callsTo('views.open').length > 0);
    const view = jsonArg<{ title: { text: string }; callback_id: string; private_metadata: string }>(
      app.slack.callsTo('views.open').at(-1),
      'view',
    );
    expect(view.title.text).toBe('Bot for Diego Ruiz');
    expect(view.callback_id).toBe('bot_submit_for');
    expect(JSON.parse(view.private_metadata)).toEqual({ forEmployeeId: people.diego });
  });

  it('an entry for someone on Slack counts only once they confirm it; "Not mine" never counts and the enterer is told', async () => {
    clock = new Date('2026-11-18T09:00:00Z');
    await bot(
      'submit for <@ULEO|leo> | Standup digest | none | Summarises the morning standup notes',
      'UMAYA',
    );
    const [pending] = await botsOf(people.leo);
    if (!pending) throw new Error('not stored');
    expect(pending).toMatchObject({
      ownerConfirmation: 'pending',
      enteredById: people.maya,
      reviewerId: null,
    });
    const [planned] = await db()
      .select()
      .from(deliveries)
      .where(eq(deliveries.kind, 'entry-confirmation'))
      .orderBy(asc(deliveries.id));
    expect(planned).toMatchObject({
      key: `entry-confirmation:b${pending.id}:e${people.leo}`,
      recipient: 'ULEO',
      payload: {
        botId: pending.id,
        recipientEmployeeId: people.leo,
        aboutEmployeeIds: [people.leo, people.maya],
      },
    });
    await app.slack.waitFor(() => dmsTo('ULEO').length === 1);
    const ask = dmsTo('ULEO')[0];
    expect(dmText(ask)).toContain('*Maya Chen* entered a bot for you');
    expect(buttonsIn(jsonArg<SentBlock[]>(ask, 'blocks'))).toEqual([
      `entry_confirm:${pending.id}`,
      `entry_decline:${pending.id}`,
    ]);
    const leoRow = async () => (await exportRows()).get('leo@example.com');
    expect(await leoRow()).toMatchObject({ bots_submitted: '0', entered_by_email: '' });

    // Someone else's click changes nothing.
    await app.interaction({ ...blockAction('UNINA', 'entry_confirm' as ReviewButton, String(pending.id)) });
    expect((await botsOf(people.leo))[0]?.ownerConfirmation).toBe('pending');

    clock = new Date('2026-11-18T11:00:00Z');
    const confirmed = await press('ULEO', 'entry_confirm', pending.id);
    expect(confirmed.replace_original).toBe(true);
    expect(JSON.stringify(confirmed)).toContain('is yours: it counts from now');
    expect((await botsOf(people.leo))[0]).toMatchObject({
      ownerConfirmation: 'confirmed',
      submittedAt: new Date('2026-11-18T11:00:00Z'),
      reviewerId: people.cora,
    });
    clock = new Date('2026-11-18T11:05:00Z');
    expect(await leoRow()).toMatchObject({ bots_submitted: '1', entered_by_email: 'maya@example.com' });
    await app.slack.waitFor(() => dmsTo('UMAYA').some((c) => dmText(c).includes('confirmed')));
    // A second click is told it was already answered.
    expect(JSON.stringify(await press('ULEO', 'entry_confirm', pending.id))).toContain(
      'You already confirmed it',
    );

    // A second entry, which Leo says is not his.
    await bot('submit for ULEO | Expense helper | none | Files my expense reports from photos', 'UMAYA');
    const second = (await botsOf(people.leo))[1];
    if (!second) throw new Error('not stored');
    await app.slack.waitFor(() => dmsTo('ULEO').length === 2);
    const declined = await press('ULEO', 'entry_decline', second.id);
    expect(JSON.stringify(declined)).toContain('not yours');
    expect((await botsOf(people.leo))[1]).toMatchObject({
      ownerConfirmation: 'declined',
      status: 'withdrawn',
      reviewerId: null,
    });
    await app.slack.waitFor(() => dmsTo('UMAYA').some((c) => dmText(c).includes('is not theirs')));
    expect(await leoRow()).toMatchObject({ bots_submitted: '1' });
    expect((await auditOf('bot_entry_declined'))[0]).toMatchObject({
      actorSlackUserId: 'ULEO',
      subjectEmployeeId: people.leo,
    });
  });

  it('an entry by the only AI champion, for someone with no manager, is reviewed by HR', async () => {
    const reply = await bot(
      'submit for sam@example.com | Kitchen prep list | none | Plans the prep list for the kitchen',
      'UCORA',
    );
    const [entered] = await botsOf(people.sam);
    expect(entered).toMatchObject({ enteredById: people.cora, reviewerId: people.hana });
    expect(JSON.stringify(reply)).toContain('Hana Kim');
    expect((await auditOf('bot_entered_for')).at(-1)).toMatchObject({
      actorSlackUserId: 'UCORA',
      subjectEmployeeId: people.sam,
      detail: { role: 'champion' },
    });
    await app.slack.waitFor(() => dmsTo('UHANA').some((c) => dmText(c).includes('Kitchen prep list')));
    expect(dmText(dmsTo('UHANA').find((c) => dmText(c).includes('Kitchen prep list')))).toContain(
      'You are asked as HR',
    );
  });

  it('whoever entered a bot may withdraw it on the owner’s behalf (audited); a colleague may not', async () => {
    await bot('submit for diego@example.com | Fuel log | none | Logs fuel receipts from a photo', 'UMAYA');
    const fuel = (await botsOf(people.diego)).find((b) => b.name === 'Fuel log');
    if (!fuel) throw new Error('not stored');
    const refused = await bot(`withdraw ${fuel.id}`, 'UNINA');
    expect(refused.text).toContain('belongs to someone else');
    const done = await bot(`withdraw ${fuel.id}`, 'UMAYA');
    expect(done.text).toBe(`Withdrew #${fuel.id}.`);
    expect((await botsOf(people.diego)).find((b) => b.id === fuel.id)?.status).toBe('withdrawn');
    expect((await auditOf('bot_withdrawn_for'))[0]).toMatchObject({
      actorSlackUserId: 'UMAYA',
      subjectEmployeeId: people.diego,
      detail: { botId: fuel.id },
    });
  });

  it('/bot team shows exactly the direct reports, unmet first, and audits each person shown', async () => {
    const before = (await auditOf('team_viewed')).length;
    const team = await bot('team', 'UMAYA');
    const text = JSON.stringify(team);
    // Diego met the requirement; Leo (confirmed, not yet approved) and Nina have not.
    expect(text).toContain('*1 of 3* have met the requirement');
    const lines = team.blocks
      .filter((b) => b.type === 'section')
      .flatMap((b) => (b.text?.text ?? '').split('\n'))
      .filter((line) => line.startsWith('•'));
    expect(lines.map((line) => /\*([^*]+)\*/.exec(line)?.[1])).toEqual([
      'Leo Park',
      'Nina Berg',
      'Diego Ruiz',
    ]);
    expect(lines[2]).toContain('no Slack');
    expect(lines[2]).toContain('entered by Maya Chen');
    expect(text).not.toContain('Pat Lee');
    const audited = (await auditOf('team_viewed')).slice(before);
    expect(audited.map((row) => row.subjectEmployeeId).sort()).toEqual(
      [people.diego, people.leo, people.nina].sort(),
    );
    expect(audited.every((row) => row.actorSlackUserId === 'UMAYA')).toBe(true);

    const omar = JSON.stringify(await bot('team', 'UOMAR'));
    expect(omar).toContain('Pat Lee');
    expect(omar).not.toContain('Diego Ruiz');

    const nobody = await bot('team', 'UCORA');
    expect(nobody.text).toBe('You have no direct reports.');
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'team_viewed'), eq(auditLog.actorSlackUserId, 'UCORA'))),
    ).toHaveLength(0);
  });

  it('the Home tab shows a manager "My team": how many of N met, who has not, and a button to enter a bot for someone without Slack', async () => {
    const publishes = app.slack.callsTo('views.publish').length;
    await openHome(app, 'UOMAR');
    await app.slack.waitFor(() => app.slack.callsTo('views.publish').length > publishes);
    const view = jsonArg<{ blocks: SentBlock[] }>(app.slack.callsTo('views.publish').at(-1), 'view');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*My team* · *0 of 1* have met the requirement');
    expect(text).toContain('*Pat Lee* (no Slack)');
    expect(buttonsIn(view.blocks)).toContain(`home_team_enter_for_${people.pat}:${people.pat}`);
    const seen = await db()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'team_viewed'),
          eq(auditLog.actorSlackUserId, 'UOMAR'),
          eq(auditLog.via, 'home'),
        ),
      );
    expect(seen.map((row) => row.subjectEmployeeId)).toEqual([people.pat]);

    // The button opens the form for Pat.
    const opens = app.slack.callsTo('views.open').length;
    const click = blockAction(
      'UOMAR',
      `home_team_enter_for_${people.pat}` as ReviewButton,
      String(people.pat ?? 0),
      {
        kind: 'home',
      },
    );
    expect((await app.interaction(click)).status).toBe(200);
    await app.slack.waitFor(() => app.slack.callsTo('views.open').length > opens);
    const form = jsonArg<{ title: { text: string } }>(app.slack.callsTo('views.open').at(-1), 'view');
    expect(form.title.text).toBe('Bot for Pat Lee');

    // Cora manages nobody: no "My team".
    const before = app.slack.callsTo('views.publish').length;
    await openHome(app, 'UCORA');
    await app.slack.waitFor(() => app.slack.callsTo('views.publish').length > before);
    expect(JSON.stringify(jsonArg(app.slack.callsTo('views.publish').at(-1), 'view'))).not.toContain(
      'My team',
    );
  });
});
