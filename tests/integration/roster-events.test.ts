import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { employeeHistory, employees, processedSlackEvents } from '../../src/db/schema.js';
import { importRoster } from '../../src/domain/roster-import/index.js';
import type { SlackMember } from '../../src/domain/roster-sync.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { dedupeEvents } from '../../src/slack/middleware/dedupe-events.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { slackSignatureHeaders } from '../helpers/signer.js';

/**
 * team_join / user_change end to end: signed event_callback POSTs to the real app, as Slack sends
 * them (retries included), and the roster rows they leave behind. The app's log is captured to
 * see what it did with a delivery that changes nothing in the database (a dropped repeat).
 */
const SIGNING_SECRET = 'test-signing-secret-0123456789';
const NOW = new Date('2026-03-12T09:00:00Z');
const IMPORTED = new Date('2026-03-02T10:00:00Z');

interface LogLine {
  msg: string;
  eventId?: string;
  event?: string;
  user?: string;
  outcome?: string;
}

describe.each(DRIVERS)('roster events on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let server: RunningServer;
  const logs: LogLine[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
    });
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    server = await startServer(config, { database: testDb.database, logger, now: () => NOW });
  });
  afterAll(async () => {
    await server?.stop();
    await slack?.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await db().delete(processedSlackEvents);
    await db().delete(employeeHistory);
    await db().delete(employees);
    logs.length = 0;
  });

  const db = () => testDb.database.db;
  const bySlackId = async (slackUserId: string) => {
    const [row] = await db().select().from(employees).where(eq(employees.slackUserId, slackUserId));
    return row;
  };
  const user = (id: string, extra: Partial<SlackMember> = {}): SlackMember => ({
    id,
    name: id.toLowerCase(),
    real_name: `Real ${id}`,
    deleted: false,
    tz: 'Asia/Shanghai',
    profile: { email: `${id.toLowerCase()}@example.com`, title: 'Analyst' },
    ...extra,
  });

  /** One event_callback delivery, signed, as Slack posts it (retries carry X-Slack-Retry-Num). */
  const deliver = async (
    type: 'team_join' | 'user_change',
    member: SlackMember,
    eventId: string,
    retry?: number,
  ) => {
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: 'T0TEAM',
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(NOW.getTime() / 1000),
      event: { type, user: { team_id: 'T0TEAM', ...member }, event_ts: '1773306000.000100' },
      authorizations: [
        { team_id: 'T0TEAM', user_id: 'UBOTUSER', is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
    });
    const retryHeaders: Record<string, string> =
      retry === undefined
        ? {}
        : { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' };
    const res = await fetch(`http://127.0.0.1:${server.port}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...slackSignatureHeaders(SIGNING_SECRET, body),
        ...retryHeaders,
      },
      body,
    });
    return res.status;
  };
  /** Events are acknowledged before they are handled: wait for the outcome. */
  const eventually = poll;
  const handled = (type: string, userId: string) =>
    eventually(async () => logs.find((l) => l.event === type && l.user === userId && l.outcome));
  const dropped = (eventId: string) =>
    eventually(async () => logs.find((l) => l.msg.startsWith('dropped a repeated') && l.eventId === eventId));

  it('stores a team_join delivered twice with the same event_id once, and drops the retry', async () => {
    expect(await deliver('team_join', user('UNEW'), 'Ev0001')).toBe(200);
    await handled('team_join', 'UNEW');
    // Slack's retry of the same event (a changed title proves the repeat is never applied).
    const retry = user('UNEW', { profile: { email: 'unew@example.com', title: 'Changed' } });
    expect(await deliver('team_join', retry, 'Ev0001', 1)).toBe(200);
    await dropped('Ev0001');

    const rows = await db().select().from(employees);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ slackUserId: 'UNEW', title: 'Analyst', activeFrom: '2026-03-12' });
    expect(await db().select().from(processedSlackEvents)).toEqual([{ eventId: 'Ev0001', receivedAt: NOW }]);
    expect(logs.filter((l) => l.event === 'team_join' && l.outcome)).toHaveLength(1);
  });

  it('handles one of two simultaneous deliveries of an event', async () => {
    const statuses = await Promise.all([
      deliver('team_join', user('UTWIN'), 'Ev0002'),
      deliver('team_join', user('UTWIN'), 'Ev0002', 1),
    ]);

    expect(statuses).toEqual([200, 200]);
    await dropped('Ev0002');
    await handled('team_join', 'UTWIN');
    expect(logs.filter((l) => l.event === 'team_join' && l.outcome)).toHaveLength(1);
    expect(await db().select().from(employees)).toHaveLength(1);
  });

  it("keeps HR's department, manager, name and title through a later user_change, taking the time zone", async () => {
    await importRoster(
      db(),
      readFileSync(new URL('../fixtures/roster/company.csv', import.meta.url)),
      IMPORTED,
    );
    const [liNa] = await db().select().from(employees).where(eq(employees.email, 'li.na@example.com'));
    // Alice's first Slack event links her account to her HR row by email.
    await deliver('user_change', user('UALICE', { profile: { email: 'alice@example.com' } }), 'Ev0003');
    await handled('user_change', 'UALICE');
    const historyBefore = await db().select().from(employeeHistory).orderBy(employeeHistory.id);

    const changed = user('UALICE', {
      real_name: 'Alice W.',
      tz: 'Europe/Berlin',
      profile: { email: 'alice@example.com', title: 'CMO' },
    });
    await deliver('user_change', changed, 'Ev0004');
    await eventually(async () => (await bySlackId('UALICE'))?.timezone === 'Europe/Berlin');

    expect(await bySlackId('UALICE')).toMatchObject({
      hrEmployeeId: 'E005',
      name: 'Alice Wang',
      title: 'Marketing lead, "brand"',
      department: 'Marketing',
      managerId: liNa?.id,
      orgSource: 'hr',
      updatedAt: NOW,
    });
    expect(await db().select().from(employeeHistory).orderBy(employeeHistory.id)).toEqual(historyBefore);
  });

  it('updates a Slack-only person from user_change, and marks a deactivated account as left', async () => {
    await deliver('team_join', user('UDAN'), 'Ev0005');
    await handled('team_join', 'UDAN');

    await deliver('user_change', user('UDAN', { real_name: 'Dan Li', profile: { title: 'Lead' } }), 'Ev0006');
    await eventually(async () => (await bySlackId('UDAN'))?.name === 'Dan Li');
    await deliver('user_change', user('UDAN', { deleted: true }), 'Ev0007');
    await eventually(async () => (await bySlackId('UDAN'))?.activeUntil);

    expect(await bySlackId('UDAN')).toMatchObject({
      name: 'Dan Li',
      title: 'Lead',
      email: 'udan@example.com',
      activeUntil: '2026-03-12',
    });
  });

  it('takes the language from team_join and user_change, and keeps it when an event omits it', async () => {
    await deliver('team_join', user('UMEI', { real_name: '李梅', locale: 'zh-CN' }), 'Ev0020');
    await handled('team_join', 'UMEI');
    expect(await bySlackId('UMEI')).toMatchObject({ locale: 'zh-CN' });

    await deliver('user_change', user('UMEI', { real_name: '李梅', locale: 'en-GB' }), 'Ev0021');
    await eventually(async () => (await bySlackId('UMEI'))?.locale === 'en');
    await deliver('user_change', user('UMEI', { real_name: 'Li Mei' }), 'Ev0022');
    await eventually(async () => (await bySlackId('UMEI'))?.name === 'Li Mei');

    expect(await bySlackId('UMEI')).toMatchObject({ name: 'Li Mei', locale: 'en' });
  });

  it('adds no guest and no bot from team_join without INCLUDE_GUESTS', async () => {
    await deliver('team_join', user('UGUEST', { is_restricted: true }), 'Ev0008');
    await deliver('team_join', user('UAPP', { is_bot: true }), 'Ev0009');

    expect((await handled('team_join', 'UGUEST'))?.outcome).toBe('skipped_guest');
    expect((await handled('team_join', 'UAPP'))?.outcome).toBe('skipped_bot');
    expect(await db().select().from(employees)).toEqual([]);
  });

  it('lets requests without an event_id (commands, actions) through every time', async () => {
    const middleware = dedupeEvents({ db: db(), logger: pino({ level: 'silent' }), now: () => NOW });
    let calls = 0;
    const next = async () => {
      calls++;
    };
    const run = (body: Record<string, unknown>) => middleware({ body, next } as never);

    await run({ command: '/bot', text: 'list' });
    await run({ command: '/bot', text: 'list' });
    await run({ event_id: 'Ev0010' });
    await run({ event_id: 'Ev0010' });

    expect(calls).toBe(3);
  });
});

async function poll<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the event to be handled');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
