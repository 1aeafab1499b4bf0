import { and, asc, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  auditLog,
  deliveries,
  employees,
  sessionAttendance,
  sessionSeats,
  trainingSessions,
} from '../../src/db/schema.js';
import { deliverySenders } from '../../src/jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../../src/jobs/outbox/worker.js';
import { planSessionReminders } from '../../src/jobs/session-reminders.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp, viewSubmission } from '../helpers/harness.js';
import { openHome } from '../helpers/review-payloads.js';

/**
 * AI sessions end to end through the signed receiver: HR and champions schedule, list, cancel and
 * mark attendance (others are refused and audited); everyone joins and leaves from `/bot learn`;
 * the waiting list, the race for the last seat, reminders once across two replicas, with an .ics.
 * TIMEZONE is Europe/Berlin (UTC+1 in December); Ann's own zone is Asia/Shanghai (UTC+8).
 */
const HR = 'UHANA';
const CHAMPION = 'UCHAMP';
let clock = new Date('2026-12-01T09:00:00Z');

describe.each(DRIVERS)('AI sessions on %s', (driver) => {
  let testDb: TestDatabase;
  let app: TestApp;
  const ids: Record<string, number> = {};
  const db = () => testDb.database.db;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    for (const [slack, name, tz] of [
      ['UANN', 'Ann', 'Asia/Shanghai'],
      ['UBEN', 'Ben', null],
      ['UCAT', 'Cat', null],
      ['UDAN', 'Dan', null],
      [CHAMPION, 'Chloe', null],
      ['UHOST', 'Hugo', null],
      ['UMAL', 'Mallory', null],
    ] as const) {
      const [row] = await db()
        .insert(employees)
        .values({ slackUserId: slack, name, timezone: tz, activeFrom: '2025-01-01' })
        .returning();
      if (!row) throw new Error('insert failed');
      ids[name] = row.id;
    }
    app = await startTestApp(testDb.database, {
      env: { HR_USER_IDS: HR, REVIEWER_USER_IDS: CHAMPION, TIMEZONE: 'Europe/Berlin' },
      now: () => clock,
    });
    app.slack.on('conversations.open', (args) => ({ ok: true, channel: { id: `D${String(args.users)}` } }));
    app.slack.users.set(HR, { id: HR, real_name: 'Hana', profile: { email: 'hana@example.com' } });
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    clock = new Date('2026-12-01T09:00:00Z');
    await db().delete(deliveries);
    await db().delete(trainingSessions);
    app.slack.calls.length = 0;
  });

  const hr = (user: string, text: string) => app.command(user, text, { command: '/adoption' });
  const reply = async () => JSON.stringify(await app.nextResponse());
  const press = (user: string, actionId: 'session_join' | 'session_leave', sessionId: number) =>
    app.interaction({
      type: 'block_actions',
      team: { id: 'T0TEAM', domain: 'test' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0TEAM' },
      api_app_id: 'A0APP',
      token: 'deprecated-verification-token',
      trigger_id: 'trigger.1',
      container: { type: 'message', message_ts: '1.2', channel_id: `D${user}`, is_ephemeral: true },
      channel: { id: `D${user}`, name: 'directmessage' },
      response_url: app.slack.newResponseUrl(),
      actions: [
        {
          type: 'button',
          action_id: actionId,
          block_id: `session:${sessionId}`,
          value: String(sessionId),
          text: { type: 'plain_text', text: 'x' },
          action_ts: '1.3',
        },
      ],
    });
  const create = async (seats: number, when = '2026-12-03 14:00', extra = '') => {
    await hr(HR, `session create Prompting 101 | ${when} | 60 | Room 4.01 | ${seats}${extra}`);
    const text = await reply();
    const [row] = await db().select().from(trainingSessions).orderBy(asc(trainingSessions.id));
    if (!row) throw new Error(`not created: ${text}`);
    return { id: row.id, text };
  };
  const seats = (sessionId: number) =>
    db()
      .select({ employeeId: sessionSeats.employeeId, status: sessionSeats.status })
      .from(sessionSeats)
      .where(eq(sessionSeats.sessionId, sessionId))
      .orderBy(asc(sessionSeats.id));
  const keys = async () =>
    (await db().select().from(deliveries).orderBy(asc(deliveries.key))).map((d) => d.key);
  const dms = (user: string) => app.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);

  it('HR schedules a session in TIMEZONE, the creator hosts; list shows joined and waiting counts', async () => {
    const { id, text } = await create(20);
    const [row] = await db().select().from(trainingSessions).where(eq(trainingSessions.id, id));
    // 14:00 in Berlin on 3 Dec is 13:00 UTC.
    expect(row?.startsAt.toISOString()).toBe('2026-12-03T13:00:00.000Z');
    expect(row).toMatchObject({ title: 'Prompting 101', minutes: 60, location: 'Room 4.01', seats: 20 });
    const [hana] = await db().select().from(employees).where(eq(employees.slackUserId, HR));
    expect(row?.hostId).toBe(hana?.id);
    expect(text).toContain('Thu 3 Dec 2026, 14:00 (Europe/Berlin)');
    expect(text).toContain('hosted by Hana');

    await press('UANN', 'session_join', id);
    await app.nextResponse();
    await hr(HR, 'session list');
    const list = await reply();
    expect(list).toContain('Prompting 101');
    expect(list).toContain('1/20 joined · 0 waiting');
  });

  it('a champion may schedule with host=@user; bad input stores nothing; others are refused and audited', async () => {
    await hr(
      CHAMPION,
      'session create Agents lab | 2026-12-04 10:30 | 90 | https://meet.example.com/x | 8 host=<@UHOST|hugo>',
    );
    expect(await reply()).toContain('hosted by Hugo');
    const [row] = await db().select().from(trainingSessions);
    expect(row?.hostId).toBe(ids.Hugo);
    expect(row?.location).toBe('https://meet.example.com/x');

    for (const bad of [
      'session create X | 2026-12-04 10:30 | 90 | Room | 8', // title too short
      'session create Lab | 2026-13-04 10:30 | 90 | Room | 8', // no such month
      'session create Lab | 2026-12-04 10:30 | 2 | Room | 8', // too short
      'session create Lab | 2026-12-04 10:30 | 60 | Room | 0', // no seats
      'session create Lab | 2026-11-30 10:30 | 60 | Room | 5', // in the past
      'session create Lab | 2026-12-04 10:30 | 60', // parts missing
    ]) {
      await hr(CHAMPION, bad);
      expect(await reply()).toContain(':warning:');
    }
    expect(await db().select().from(trainingSessions)).toHaveLength(1);

    await hr('UMAL', 'session create Mine | 2026-12-04 10:30 | 60 | Room | 5');
    expect(await reply()).toContain('is for the People team');
    await hr('UMAL', 'session list');
    expect(await reply()).toContain('is for the People team');
    expect(await db().select().from(trainingSessions)).toHaveLength(1);
    const refusals = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorSlackUserId, 'UMAL'), eq(auditLog.action, 'hr_command_refused')));
    expect(refusals).toHaveLength(2);
  });

  it('/bot learn shows times in each person’s zone; Join and Leave; past the seats a waiting list; a freed seat goes to the first waiting, who gets a DM', async () => {
    const { id } = await create(1);
    await app.command('UANN', 'learn');
    const learn = await reply();
    expect(learn).toContain('Thu 3 Dec 2026, 21:00 (Asia/Shanghai)');
    expect(learn).toContain('"action_id":"session_join"');
    await app.command('UBEN', 'learn');
    expect(await reply()).toContain('14:00 (Europe/Berlin)'); // Ben's zone is unknown: the company's

    await press('UANN', 'session_join', id);
    const joined = await reply();
    expect(joined).toContain('You have a seat');
    expect(joined).toContain('"action_id":"session_leave"');
    await press('UBEN', 'session_join', id);
    expect(await reply()).toContain('waiting list*, number 1');
    await press('UCAT', 'session_join', id);
    expect(await reply()).toContain('number 2');
    await press('UCAT', 'session_join', id); // a second press changes nothing
    expect(await reply()).toContain('already on the waiting list for Prompting 101 (number 2)');
    expect(await seats(id)).toEqual([
      { employeeId: ids.Ann, status: 'joined' },
      { employeeId: ids.Ben, status: 'waiting' },
      { employeeId: ids.Cat, status: 'waiting' },
    ]);
    expect(await keys()).toEqual([
      `session-reminder:${id}:day-before:e${ids.Ann}`,
      `session-reminder:${id}:hour-before:e${ids.Ann}`,
    ]);

    await press('UANN', 'session_leave', id);
    expect(await reply()).toContain('your seat is free for someone else');
    expect(await seats(id)).toEqual([
      { employeeId: ids.Ben, status: 'joined' },
      { employeeId: ids.Cat, status: 'waiting' },
    ]);
    const dm = await app.slack.waitFor(() => dms('UBEN')[0]);
    expect(String(dm.args.text)).toContain('A seat freed up: you now have a seat at Prompting 101');
    expect(dms('UCAT')).toHaveLength(0);
    // Ben's reminders are planned; Ann's stay but will not be sent (she left).
    expect(await keys()).toContain(`session-reminder:${id}:day-before:e${ids.Ben}`);

    await press('UCAT', 'session_leave', id); // leaving the waiting list frees no seat
    expect(await reply()).toContain('You left the waiting list');
    expect(await seats(id)).toEqual([{ employeeId: ids.Ben, status: 'joined' }]);
  });

  it('two people pressing Join for the last seat at once: exactly one gets it', async () => {
    const { id } = await create(2);
    await press('UANN', 'session_join', id);
    await reply();
    const both = async () => {
      await Promise.all([press('UBEN', 'session_join', id), press('UCAT', 'session_join', id)]);
      return [await reply(), await reply()];
    };
    let answers: string[];
    if (driver === 'postgres') {
      // Hold the session's row lock from a second connection until both joins queue behind it.
      const other = postgres(testDb.location, { max: 1, onnotice: () => {} });
      try {
        let running: Promise<string[]> | undefined;
        await other.begin(async (tx) => {
          await tx`select id from training_sessions where id = ${id} for update`;
          running = both();
          for (let i = 0; ; i++) {
            const [row] = await tx`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`;
            if ((row?.n ?? 0) >= 2) break;
            if (i > 500) throw new Error('the joins never queued behind the lock');
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        });
        answers = await (running as Promise<string[]>);
      } finally {
        await other.end();
      }
    } else {
      answers = await both();
    }
    expect(answers.filter((a) => a.includes('You have a seat'))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('waiting list*, number 1'))).toHaveLength(1);
    const rows = await seats(id);
    expect(rows.filter((r) => r.status === 'joined')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(1);
  });

  it('cancel tells everyone joined or waiting once, through the outbox; the session leaves the lists', async () => {
    const { id } = await create(1);
    await press('UANN', 'session_join', id);
    await reply();
    await press('UBEN', 'session_join', id);
    await reply();
    await hr('UMAL', `session cancel ${id}`);
    expect(await reply()).toContain('is for the People team');
    await hr(CHAMPION, `session cancel ${id}`);
    expect(await reply()).toContain('2 people who joined or waited will be told');
    await app.slack.waitFor(() => dms('UANN').length > 0 && dms('UBEN').length > 0);
    expect(String(dms('UANN')[0]?.args.text)).toContain('Cancelled: Prompting 101');
    expect(await keys()).toContain(`session-cancelled:${id}:e${ids.Ben}`);
    const cancelled = (await db().select().from(deliveries)).filter((d) => d.kind === 'session-cancelled');
    expect(cancelled.map((d) => d.payload)).toContainEqual({
      sessionId: id,
      recipientEmployeeId: ids.Ann,
      aboutEmployeeIds: [ids.Ann],
    });
    await hr(CHAMPION, `session cancel ${id}`);
    expect(await reply()).toContain('was cancelled already');
    await app.command('UCAT', 'learn');
    expect(await reply()).toContain('No AI sessions are scheduled');
    await press('UCAT', 'session_join', id);
    expect(await reply()).toContain('was cancelled');
    // Reminders planned before the cancel are dropped when their time comes.
    clock = new Date('2026-12-02T13:00:00Z');
    await sendDueDeliveries({
      senders: deliverySenders,
      db: db(),
      client: deliveryClientFor(app.slack),
      logger: createLogger('silent'),
      now: () => clock,
    });
    expect(app.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
  });

  it('attendance: a checklist of who joined plus a user picker; HR, champions and the host may, others not', async () => {
    const { id } = await create(5, '2026-12-03 14:00', ' host=<@UHOST|hugo>');
    for (const user of ['UANN', 'UBEN']) {
      await press(user, 'session_join', id);
      await reply();
    }
    clock = new Date('2026-12-03T15:00:00Z'); // it has taken place
    await hr('UMAL', `session attendance ${id}`);
    expect(await reply()).toContain('is for the People team');
    await hr('UHOST', `session attendance ${id}`);
    expect(await reply()).toContain('attendance form for session');
    const opened = app.slack.callsTo('views.open').at(-1);
    const view = JSON.parse(String(opened?.args.view)) as { blocks: Array<Record<string, unknown>> };
    const checklist = JSON.stringify(view.blocks);
    expect(checklist).toContain('"text":"Ann"');
    expect(checklist).toContain('"text":"Ben"');
    expect(checklist).toContain('multi_users_select');

    const submit = (user: string, ticked: number[], picked: string[]) =>
      app.interaction(
        viewSubmission(user, {
          callback_id: 'session_attendance',
          private_metadata: String(id),
          values: {
            attended_0: {
              attended: {
                type: 'checkboxes',
                selected_options: ticked.map((v) => ({
                  value: String(v),
                  text: { type: 'plain_text', text: 'x' },
                })),
              },
            },
            attended_others: { attended: { type: 'multi_users_select', selected_users: picked } },
          },
        }),
      );
    const refused = await submit('UMAL', [ids.Ann as number], []);
    expect(JSON.stringify(refused.body)).toContain('is for the People team');
    const saved = await submit('UHOST', [ids.Ann as number], ['UDAN']);
    expect(JSON.stringify(saved.body)).toContain('2 people attended');
    const marked = await db()
      .select({ employeeId: sessionAttendance.employeeId, markedBy: sessionAttendance.markedBy })
      .from(sessionAttendance)
      .orderBy(asc(sessionAttendance.employeeId));
    expect(marked).toEqual([
      { employeeId: ids.Ann, markedBy: 'UHOST' },
      { employeeId: ids.Dan, markedBy: 'UHOST' },
    ]);
    const audited = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'session_attendance_marked'));
    expect(audited.map((a) => a.subjectEmployeeId).sort()).toEqual([ids.Ann, ids.Dan].sort());
    // A champion corrects it: Dan did not come after all.
    const corrected = await submit(CHAMPION, [ids.Ann as number], []);
    expect(JSON.stringify(corrected.body)).toContain('1 person attended');
    expect(await db().select().from(sessionAttendance)).toHaveLength(1);
    await app.command('UANN', 'me 2026-Q4');
    const me = await reply();
    expect(me).toContain('*AI sessions attended*\\n1');
  });

  it('reminders: the day before with an .ics, an hour before, once each across two replicas; none for who left', async () => {
    const { id } = await create(5);
    for (const user of ['UANN', 'UBEN']) {
      await press(user, 'session_join', id);
      await reply();
    }
    await press('UBEN', 'session_leave', id);
    await reply();
    const logger = createLogger('silent');
    const second = testDb.driver === 'postgres' ? testDb.reopen() : null;
    const replicas = [db(), second?.db ?? db()];
    const client = deliveryClientFor(app.slack);
    const runBoth = async (at: Date) => {
      clock = at;
      await Promise.all(
        replicas.map(async (replicaDb) => {
          await planSessionReminders({ db: replicaDb, now: () => at });
          await sendDueDeliveries({
            senders: deliverySenders,
            db: replicaDb,
            client,
            logger,
            now: () => at,
            timezone: 'Europe/Berlin',
          });
        }),
      );
    };
    try {
      await runBoth(new Date('2026-12-02T12:00:00Z')); // nothing due yet
      expect(app.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
      await runBoth(new Date('2026-12-02T13:00:00Z')); // the day before, twice over
      await runBoth(new Date('2026-12-02T13:15:00Z'));
      const uploads = [...app.slack.uploads.values()].filter((u) => u.channelId);
      expect(uploads).toHaveLength(1);
      const ics = uploads[0]?.bytes.toString('utf8') ?? '';
      expect(uploads[0]?.filename).toBe(`ai-session-${id}.ics`);
      expect(ics).toContain('BEGIN:VEVENT');
      expect(ics).toContain('DTSTART:20261203T130000Z');
      expect(ics).toContain('SUMMARY:Prompting 101');
      expect(uploads[0]?.channelId).toBe('DUANN');
      expect(uploads[0]?.initialComment).toContain(
        'Reminder: Prompting 101 at Thu 3 Dec 2026, 21:00 (Asia/Shanghai)',
      );
      const opens = app.slack.callsTo('conversations.open');
      expect(opens.map((c) => c.args.users)).toEqual(['UANN']);

      await runBoth(new Date('2026-12-03T12:00:00Z')); // an hour before
      await runBoth(new Date('2026-12-03T12:30:00Z'));
      expect(dms('UANN')).toHaveLength(1);
      expect(String(dms('UANN')[0]?.args.text)).toContain('Reminder: Prompting 101');
      expect(dms('UBEN')).toHaveLength(0);
      const [benDay] = await db()
        .select()
        .from(deliveries)
        .where(eq(deliveries.key, `session-reminder:${id}:day-before:e${ids.Ben}`));
      expect(benDay).toMatchObject({ status: 'sent', result: { skipped: 'not joined' } });
    } finally {
      await second?.close();
    }
  });

  it('the Home tab shows my next session; the digest lists the week’s sessions with free seats', async () => {
    const { id } = await create(3);
    await press('UANN', 'session_join', id);
    await reply();
    await openHome(app, 'UANN');
    const published = await app.slack.waitFor(() => app.slack.callsTo('views.publish')[0]);
    const home = String(published.args.view);
    expect(home).toContain('Your next AI session');
    expect(home).toContain('Prompting 101');
    expect(home).toContain('21:00 (Asia/Shanghai)');

    await hr(HR, 'digest preview');
    const digest = await reply();
    expect(digest).toContain('AI sessions this week with free seats');
    expect(digest).toContain('2 seats free');
  });
});
