import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { SINCE_EVER } from '../../src/db/queries/employee-history.js';
import { employeeHistory, employees } from '../../src/db/schema.js';
import { importRoster } from '../../src/domain/roster-import/index.js';
import { applySlackMember, type SlackMember } from '../../src/domain/roster-sync.js';
import { run as runRosterSync } from '../../src/jobs/roster-sync.js';
import { createLogger } from '../../src/logger.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';

/**
 * The daily users.list sync, through the WebClient the app itself builds, against a small fake
 * of Slack's Web API that can answer with HTTP 429 (the shared fake always answers 200).
 */
interface UsersListCall {
  cursor: string | null;
  limit: string | null;
  includeLocale: string | null;
  at: number;
}

interface FakeDirectory {
  apiUrl: string;
  calls: UsersListCall[];
  /** Pages of users, by cursor ('' for the first page). */
  pages: Map<string, { members: SlackMember[]; next: string }>;
  /** Cursors whose next request is answered with 429 once. */
  rateLimitOnce: Set<string>;
  close(): Promise<void>;
}

async function startFakeDirectory(): Promise<FakeDirectory> {
  const fake: Omit<FakeDirectory, 'apiUrl' | 'close'> = {
    calls: [],
    pages: new Map(),
    rateLimitOnce: new Set(),
  };
  const server: Server = createServer(async (req, res) => {
    const args = new URLSearchParams(await readBody(req));
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/api/auth.test') return json(200, { ok: true, user_id: 'UBOTUSER', team_id: 'T0TEAM' });
    if (req.url !== '/api/users.list') return json(200, { ok: false, error: 'unknown_method' });
    const cursor = args.get('cursor') ?? '';
    fake.calls.push({
      cursor: args.get('cursor'),
      limit: args.get('limit'),
      includeLocale: args.get('include_locale'),
      at: Date.now(),
    });
    if (fake.rateLimitOnce.delete(cursor))
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    const page = fake.pages.get(cursor);
    if (!page) return json(200, { ok: false, error: 'invalid_cursor' });
    // Like Slack: a member's locale only when asked for.
    const members =
      args.get('include_locale') === 'true' ? page.members : page.members.map(({ locale: _, ...m }) => m);
    return json(200, { ok: true, members, response_metadata: { next_cursor: page.next } });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    ...fake,
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const EARLIER = new Date('2026-03-01T08:00:00Z');
const SYNCED = new Date('2026-03-10T03:00:00Z');
const SYNCED_AGAIN = new Date('2026-03-11T03:00:00Z');
const HEADER = 'employee_id,email,name,department,manager_email,title,hire_date,status';

const member = (id: string, extra: Partial<SlackMember> = {}): SlackMember => ({
  id,
  name: id.toLowerCase(),
  real_name: `Real ${id}`,
  tz: 'Asia/Shanghai',
  profile: { email: `${id.toLowerCase()}@example.com`, title: `Title ${id}` },
  ...extra,
});

describe.each(DRIVERS)('roster sync from Slack users.list on %s', (driver) => {
  let testDb: TestDatabase;
  let directory: FakeDirectory;
  let server: RunningServer;
  const logger = createLogger('silent');

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    directory = await startFakeDirectory();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      SLACK_API_URL: directory.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    // The client exactly as the app builds it: its retry and rate-limit settings are under test.
    server = await startServer(config, { database: testDb.database, logger, now: () => SYNCED });
  });
  afterAll(async () => {
    await server?.stop();
    await directory?.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await db().delete(employeeHistory);
    await db().delete(employees);
    directory.calls.length = 0;
    directory.rateLimitOnce.clear();
  });

  const db = () => testDb.database.db;
  const roster = () => db().select().from(employees).orderBy(employees.id);
  const bySlackId = async (slackUserId: string) =>
    (await roster()).find((e) => e.slackUserId === slackUserId);
  const historyOf = async (id: number) =>
    (await db().select().from(employeeHistory).orderBy(employeeHistory.validFrom))
      .filter((h) => h.employeeId === id)
      .map(({ validFrom, validTo, active }) => ({ validFrom, validTo, active }));
  const sync = (includeGuests: boolean, now: Date) =>
    runRosterSync({ db: db(), client: server.app.client, includeGuests, logger, now: () => now });

  /** Three pages; with `rateLimited`, the second answers 429 (Retry-After: 1) the first time. */
  const threePages = ({ rateLimited = false } = {}) => {
    directory.pages.set('', {
      members: [
        member('UALICE', { real_name: 'Alice W.', profile: { email: 'Alice@Example.com', title: 'CMO' } }),
        member('UBOTX', { is_bot: true }),
        member('USLACKBOT', { real_name: 'Slackbot', profile: {} }),
      ],
      next: 'page-2',
    });
    directory.pages.set('page-2', {
      members: [
        member('UGUEST', { is_restricted: true }),
        member('UULTRA', { is_ultra_restricted: true }),
        member('UBOB', { real_name: '周博', profile: { email: 'bob@example.com', title: '工程师' } }),
      ],
      next: 'page-3',
    });
    directory.pages.set('page-3', {
      members: [
        member('UGONE', { deleted: true }),
        member('UNEVER', { deleted: true }),
        member('UHRGONE', { deleted: true }),
      ],
      next: '',
    });
    if (rateLimited) directory.rateLimitOnce.add('page-2');
  };

  /** On the roster before the sync: an HR-only Alice, a Slack-only leaver, an HR-managed Slack user. */
  const seedRoster = async () => {
    await importRoster(
      db(),
      `${HEADER}\nE1,alice@example.com,Alice Wang,Marketing,,Head of Marketing,2021-09-01,active\n` +
        'E2,uhrgone@example.com,Hu Rong,Finance,,,2020-02-01,active\n',
      EARLIER,
    );
    await applySlackMember(db(), member('UGONE') as SlackMember & { id: string }, {
      includeGuests: false,
      now: EARLIER,
    });
    await applySlackMember(db(), member('UHRGONE') as SlackMember & { id: string }, {
      includeGuests: false,
      now: EARLIER,
    });
  };

  it('pages through users.list, waits out a 429, and applies every kind of user', async () => {
    await seedRoster();
    threePages({ rateLimited: true });

    const counts = await sync(false, SYNCED);

    expect(counts).toEqual({
      pages: 3,
      users: 9,
      created: 1,
      linked: 1,
      updated: 0,
      unchanged: 0,
      left: 1,
      keptByHr: 1,
      skippedBots: 2,
      skippedGuests: 2,
      skippedDeleted: 1,
      failed: 0,
    });
    expect(directory.calls.map(({ cursor, limit }) => [cursor, limit])).toEqual([
      [null, '200'],
      ['page-2', '200'],
      ['page-2', '200'],
      ['page-3', '200'],
    ]);
    const [, limited, retried] = directory.calls;
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);

    // Linked to the HR row by email (any case); HR keeps name, email, title and department.
    expect(await bySlackId('UALICE')).toMatchObject({
      hrEmployeeId: 'E1',
      name: 'Alice Wang',
      email: 'alice@example.com',
      title: 'Head of Marketing',
      department: 'Marketing',
      timezone: 'Asia/Shanghai',
      orgSource: 'hr',
      updatedAt: SYNCED,
    });
    const bob = await bySlackId('UBOB');
    expect(bob).toMatchObject({
      name: '周博',
      email: 'bob@example.com',
      title: '工程师',
      timezone: 'Asia/Shanghai',
      department: null,
      managerId: null,
      isGuest: false,
      activeFrom: '2026-03-10',
      activeUntil: null,
      orgSource: 'slack',
      createdAt: SYNCED,
    });
    expect(await historyOf(bob?.id ?? -1)).toEqual([{ validFrom: SINCE_EVER, validTo: null, active: true }]);
    // A deactivated Slack-only account has left today.
    const gone = await bySlackId('UGONE');
    expect(gone).toMatchObject({ activeFrom: '2026-03-01', activeUntil: '2026-03-10', updatedAt: SYNCED });
    expect(await historyOf(gone?.id ?? -1)).toEqual([
      { validFrom: SINCE_EVER, validTo: SYNCED, active: true },
      { validFrom: SYNCED, validTo: null, active: false },
    ]);
    // Deactivated in Slack, but HR manages this person: HR decides whether they left.
    expect(await bySlackId('UHRGONE')).toMatchObject({ activeUntil: null, department: 'Finance' });
    for (const skipped of ['UBOTX', 'USLACKBOT', 'UGUEST', 'UULTRA', 'UNEVER']) {
      expect(await bySlackId(skipped)).toBeUndefined();
    }
    expect(await roster()).toHaveLength(4);
  });

  it('changes nothing when run again on the same directory', async () => {
    await seedRoster();
    threePages();
    await sync(false, SYNCED);
    const before = await roster();
    const historyBefore = await db().select().from(employeeHistory).orderBy(employeeHistory.id);

    const counts = await sync(false, SYNCED_AGAIN);

    expect(counts).toMatchObject({ created: 0, linked: 0, updated: 0, unchanged: 3, left: 0, keptByHr: 1 });
    expect(await roster()).toEqual(before);
    expect(await db().select().from(employeeHistory).orderBy(employeeHistory.id)).toEqual(historyBefore);
  });

  it('adds guests, flagged as guests, only with INCLUDE_GUESTS', async () => {
    threePages();

    const counts = await sync(true, SYNCED);

    expect(counts).toMatchObject({ created: 4, skippedGuests: 0 });
    expect(await bySlackId('UGUEST')).toMatchObject({ isGuest: true, name: 'Real UGUEST' });
    expect(await bySlackId('UULTRA')).toMatchObject({ isGuest: true });
    expect(await bySlackId('UBOB')).toMatchObject({ isGuest: false });
  });

  it('updates a Slack-managed row and counts a reactivated account again', async () => {
    await applySlackMember(db(), member('UCAROL') as SlackMember & { id: string }, {
      includeGuests: false,
      now: EARLIER,
    });
    directory.pages.set('', { members: [member('UCAROL', { deleted: true })], next: '' });
    await sync(false, SYNCED);
    directory.pages.set('', {
      members: [member('UCAROL', { real_name: 'Carol Chen', profile: { title: 'Lead' } })],
      next: '',
    });

    const counts = await sync(false, SYNCED_AGAIN);

    expect(counts).toMatchObject({ updated: 1 });
    const carol = await bySlackId('UCAROL');
    // No email from Slack this time: the one we had is kept.
    expect(carol).toMatchObject({
      name: 'Carol Chen',
      title: 'Lead',
      email: 'ucarol@example.com',
      activeUntil: null,
      updatedAt: SYNCED_AGAIN,
    });
    expect(await historyOf(carol?.id ?? -1)).toEqual([
      { validFrom: SINCE_EVER, validTo: SYNCED, active: true },
      { validFrom: SYNCED, validTo: SYNCED_AGAIN, active: false },
      { validFrom: SYNCED_AGAIN, validTo: null, active: true },
    ]);
  });

  it('keeps each person’s language from their Slack locale (include_locale), whoever manages the row', async () => {
    await seedRoster();
    threePages();
    const page1 = directory.pages.get('');
    const page2 = directory.pages.get('page-2');
    if (!page1 || !page2) throw new Error('pages missing');
    page1.members[0] = { ...page1.members[0], locale: 'en-US' }; // UALICE, an HR-managed row
    page2.members[2] = { ...page2.members[2], locale: 'zh-CN' }; // UBOB, new

    await sync(false, SYNCED);

    expect(directory.calls.every((call) => call.includeLocale === 'true')).toBe(true);
    expect(await bySlackId('UALICE')).toMatchObject({ locale: 'en' });
    expect(await bySlackId('UBOB')).toMatchObject({ locale: 'zh-CN' });

    // Alice switches Slack to Chinese (Taiwan): Chinese. Bob's answer lacks a locale: his is kept.
    page1.members[0] = { ...page1.members[0], locale: 'zh-TW' };
    page2.members[2] = member('UBOB', {
      real_name: '周博',
      profile: { email: 'bob@example.com', title: '工程师' },
    });
    const counts = await sync(false, SYNCED_AGAIN);

    expect(counts).toMatchObject({ updated: 1, unchanged: 2 });
    expect(await bySlackId('UALICE')).toMatchObject({ locale: 'zh-CN', updatedAt: SYNCED_AGAIN });
    expect(await bySlackId('UBOB')).toMatchObject({ locale: 'zh-CN', updatedAt: SYNCED });
  });
});
