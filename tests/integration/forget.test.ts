import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/db/client.js';
import { adoptionFigures, figuresByDepartment } from '../../src/db/queries/metrics.js';
import { queryRows } from '../../src/db/rows.js';
import { auditLog, bots, deliveries, employees, reviews, usageEvents } from '../../src/db/schema.js';
import { audit } from '../../src/domain/access.js';
import { forgetPerson } from '../../src/domain/forget.js';
import { deliverySenders } from '../../src/jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../../src/jobs/outbox/worker.js';
import { planWeeklyDigest } from '../../src/jobs/weekly-digest.js';
import { createLogger } from '../../src/logger.js';
import { seedSmallCompany } from '../fixtures/small-company.js';
import { CLI_TIMEOUT, handToCli, runNpmScript } from '../helpers/cli.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';

const execFileAsync = promisify(execFile);

const Q3 = {
  start: '2026-07-01',
  end: '2026-09-30',
  timezone: 'UTC',
  now: new Date('2026-11-15T09:00:00Z'),
  requiredApprovedBots: 1,
  includeGuests: false,
};

/** Every text and jsonb cell of every table in the schema that contains `needle` (case-insensitive). */
async function cellsContaining(db: Db, needle: string): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'jsonb', 'character varying')`,
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [hit] = await queryRows<{ n: number | string }>(
      db,
      sql`select count(*) as n from ${sql.identifier(table_name)} where ${sql.identifier(column_name)}::text ilike ${`%${needle}%`}`,
    );
    if (Number(hit?.n) > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

describe.each(DRIVERS)('npm run forget and npm run audit on %s', (driver) => {
  let testDb: TestDatabase;
  let env: Record<string, string>;
  let reopened: Database | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver, { onDisk: true });
    const db = testDb.database.db;
    const { people, bots } = await seedSmallCompany(db);
    // Ann wrote a review comment, and someone commented on her bot; an HR user looked her up.
    await db.insert(reviews).values([
      {
        botId: bots.b5,
        reviewerId: people.ann,
        decision: 'changes_requested',
        comment: 'Ann says: add tests',
        decidedAt: new Date('2026-07-22T12:00:00Z'),
      },
      {
        botId: bots.b1,
        reviewerId: people.fay,
        decision: 'changes_requested',
        comment: 'Dear Ann, nice bot',
        decidedAt: new Date('2026-07-11T12:00:00Z'),
      },
    ]);
    await audit(
      db,
      {
        actor: 'UHRBOSS',
        action: 'person_viewed',
        via: 'command',
        subjectEmployeeId: people.ann,
        detail: { period: '2026-Q3' },
      },
      new Date('2026-11-01T10:00:00Z'),
    );
    // Scheduled messages (references, rendered when sent): a sent manager digest naming Ann, a nudge
    // to Ann not sent yet, and a channel digest that names nobody.
    await db.insert(deliveries).values([
      {
        job: 'manager-digest',
        kind: 'manager-digest',
        key: 'manager-digest:2026-W40:e99',
        recipient: 'UMGR',
        payload: {
          recipientEmployeeId: null,
          aboutEmployeeIds: [people.ann],
          periodName: '2026-Q4',
          week: '2026-W40',
          reports: [{ employeeId: people.ann, status: 'approved' }],
        },
        status: 'sent',
      },
      {
        job: 'nudges',
        kind: 'nudge',
        key: `nudge:FY26-Q3:14:e${people.ann}`,
        recipient: 'UANN',
        payload: { recipientEmployeeId: people.ann, aboutEmployeeIds: [people.ann], daysLeft: 14 },
        status: 'pending',
      },
      {
        job: 'weekly-digest',
        kind: 'weekly-digest',
        key: 'weekly-digest:2026-W40:C0DIGEST',
        recipient: 'C0DIGEST',
        payload: { recipientEmployeeId: null, aboutEmployeeIds: [] },
        status: 'sent',
      },
    ]);
    env = await handToCli(testDb);
  });
  afterAll(async () => {
    await reopened?.close();
    await testDb?.destroy();
  });

  it(
    'erases Ann’s name, email, Slack id and free text, keeps every total, and audits it',
    async () => {
      let database = driver === 'pglite' ? testDb.reopen() : testDb.database;
      const before = {
        company: await adoptionFigures(database.db, Q3, { kind: 'company' }),
        departments: await figuresByDepartment(database.db, Q3),
      };
      for (const needle of ['Ann', 'ann@example.com', 'UANN', 'Deal summariser'])
        expect(await cellsContaining(database.db, needle), needle).not.toEqual([]);
      if (driver === 'pglite') await database.close();

      expect((await runNpmScript('forget', ['nobody@example.com'], env)).code).toBe(1);
      const run = await runNpmScript('forget', ['ANN@example.com'], env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        'forgotten: employee #1 (3 bot(s), 2 review comment(s) erased; 1 scheduled message(s) cancelled or sent without them; counts kept)',
      );

      database = driver === 'pglite' ? testDb.reopen() : testDb.database;
      if (driver === 'pglite') reopened = database;
      // Ann never acted as HR, so her Slack id is gone everywhere (actor ids stay in the audit log: docs/privacy.md).
      for (const needle of [
        'Ann',
        'ann@example.com',
        'UANN',
        'Deal summariser',
        'Old helper',
        'Rejected idea',
        'add tests',
      ])
        expect(await cellsContaining(database.db, needle), needle).toEqual([]);
      const messages = await database.db.select().from(deliveries).orderBy(deliveries.id);
      // The nudge to Ann is cancelled; the sent digest that named her holds ids only and stays.
      expect(messages.map((m) => [m.recipient, m.status, m.kind])).toEqual([
        ['UMGR', 'sent', 'manager-digest'],
        ['C0DIGEST', 'sent', 'weekly-digest'],
      ]);
      expect(await adoptionFigures(database.db, Q3, { kind: 'company' })).toEqual(before.company);
      expect(await figuresByDepartment(database.db, Q3)).toEqual(before.departments);
      const [forgotten] = await database.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.action} = 'person_forgotten'`);
      expect(forgotten).toMatchObject({
        via: 'cli',
        subjectEmployeeId: 1,
        actorSlackUserId: expect.stringMatching(/^cli:/),
      });
    },
    CLI_TIMEOUT,
  );

  it(
    'keeps the audit log append-only in the database, and prints it with npm run audit',
    async () => {
      const database = reopened ?? testDb.database;
      await expect(database.db.update(auditLog).set({ action: 'nothing' })).rejects.toThrow();
      await expect(database.db.delete(auditLog)).rejects.toThrow();
      const rows = await database.db.select().from(auditLog);
      expect(rows.map((r) => r.action).sort()).toEqual(['person_forgotten', 'person_viewed']);
      if (driver === 'pglite') {
        await database.close();
        reopened = undefined;
      }
      const table = await runNpmScript('audit', ['--since', '2026-11-01'], env);
      expect(table.code).toBe(0);
      const lines = table.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^at \(UTC\)\s+actor\s+via\s+action\s+subject\s+detail$/);
      expect(lines[2]).toMatch(
        /^2026-11-01 10:00:00\s+UHRBOSS\s+command\s+person_viewed\s+#1 Former employee #1\s+\{"period":"2026-Q3"\}$/,
      );
      expect(lines[3]).toMatch(/cli:\S+\s+cli\s+person_forgotten\s+#1 Former employee #1/);
      expect(lines.at(-1)).toBe('2 entries');
      const json = await runNpmScript('audit', ['--since', '2026-11-02', '--json'], env);
      expect(JSON.parse(json.stdout).map((e: { action: string }) => e.action)).toEqual(['person_forgotten']);
      expect((await runNpmScript('audit', ['--since', 'yesterday'], env)).code).toBe(1);
      if (driver === 'pglite') reopened = testDb.reopen();
    },
    CLI_TIMEOUT,
  );
});

/** Every row of every table in the public schema as JSON text, with its table: "table\t{…}". */
async function dumpRows(db: Db): Promise<string[]> {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const lines: string[] = [];
  for (const { table_name } of tables) {
    const rows = await queryRows<{ row: string }>(
      db,
      sql`select to_jsonb(t)::text as row from ${sql.identifier(table_name)} t`,
    );
    for (const { row } of rows) lines.push(`${table_name}\t${row}`);
  }
  return lines.sort();
}

const NOW = new Date('2026-11-16T09:00:00Z');

/**
 * Forget is exact (issue 11, part 5): deliveries are references rendered when sent, so forgetting
 * 王伟 (a two-character name) and Art (a substring of "participation", "smart", "art club") touches
 * exactly the rows about them — and after it, no byte of the database names them.
 */
describe.each(DRIVERS)('forget is exact on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  const ids: Record<string, number> = {};
  const botIds: Record<string, number> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    const db = testDb.database.db;
    const add = async (key: string, values: Partial<typeof employees.$inferInsert> & { name: string }) => {
      const [row] = await db
        .insert(employees)
        .values({ department: 'Sales', activeFrom: '2025-01-01', ...values })
        .returning();
      if (!row) throw new Error('insert failed');
      ids[key] = row.id;
      return row.id;
    };
    const mia = await add('mia', { name: 'Mia', slackUserId: 'UMIA', email: 'mia@example.com' });
    await add('wang', {
      name: '王伟',
      slackUserId: 'UWANG',
      email: 'wang@example.com',
      hrEmployeeId: 'HR-8801',
      managerId: mia,
      locale: 'zh-CN',
    });
    await add('art', {
      name: 'Art',
      slackUserId: 'UART',
      email: 'art@example.com',
      hrEmployeeId: 'HR-8802',
      managerId: mia,
    });
    await add('bea', { name: 'Bea', slackUserId: 'UBEA', email: 'bea@example.com', managerId: mia });
    await add('cy', { name: 'Cy', slackUserId: 'UCY', email: 'cy@example.com' });
    const bot = async (
      key: string,
      owner: string,
      name: string,
      description: string,
      status = 'submitted',
    ) => {
      const [row] = await db
        .insert(bots)
        .values({
          ownerId: ids[owner] as number,
          name,
          description,
          status: status as 'submitted',
          submittedAt: new Date('2026-11-12T10:00:00Z'),
        })
        .returning();
      if (!row) throw new Error('insert failed');
      botIds[key] = row.id;
    };
    await bot('wang', 'wang', '报表助手', '每周自动生成销售报表');
    await bot('art', 'art', 'Smart quoting', 'Drafts quotes from the CRM', 'changes_requested');
    await bot('bea', 'bea', 'Participation tracker', 'Tracks who joined the art club', 'approved');
    await db.insert(reviews).values([
      {
        botId: botIds.art as number,
        reviewerId: ids.cy as number,
        decision: 'changes_requested',
        comment: 'Art, please add the pricing sheet',
        decidedAt: new Date('2026-11-13T10:00:00Z'),
      },
      {
        botId: botIds.bea as number,
        reviewerId: ids.mia as number,
        decision: 'approved',
        score: 4,
        comment: 'Smart work, Bea',
        decidedAt: new Date('2026-11-13T11:00:00Z'),
      },
    ]);
    await db.insert(usageEvents).values([
      {
        botId: botIds.art as number,
        userId: ids.cy,
        source: 'slash',
        occurredAt: new Date('2026-11-14T10:00:00Z'),
      },
      {
        botId: botIds.bea as number,
        userId: ids.cy,
        source: 'slash',
        occurredAt: new Date('2026-11-14T11:00:00Z'),
      },
    ]);
    // This week's digest, its chart and Mia's manager digest, planned by the job itself.
    await planWeeklyDigest({
      db,
      logger: createLogger('silent'),
      now: () => NOW,
      channel: 'C0DIGEST',
      timezone: 'UTC',
      includeGuests: false,
      minGroupSize: 3,
      chartFont: undefined,
    });
    // A nudge Art got last week, one still to come, and one to Cy; last week's digest, sent.
    const nudge = (employeeId: number, daysLeft: number) => ({
      recipientEmployeeId: employeeId,
      aboutEmployeeIds: [employeeId],
      period: {
        name: '2026-Q4',
        start: '2026-10-01',
        end: '2026-12-31',
        kind: 'quarter',
        requiredApprovedBots: 1,
        stored: false,
      },
      daysLeft,
      botsApproved: 0,
      botsSubmitted: 1,
      botCommand: '/bot',
    });
    await db.insert(deliveries).values([
      {
        job: 'nudge',
        kind: 'nudge',
        key: `nudge:2026-10-01..2026-12-31:d14:e${ids.art}`,
        recipient: 'UART',
        payload: nudge(ids.art as number, 14),
        status: 'sent',
        result: { channel: 'UART', ts: '1.1' },
        sentAt: new Date('2026-11-10T10:00:00Z'),
      },
      {
        job: 'nudge',
        kind: 'nudge',
        key: `nudge:2026-10-01..2026-12-31:d7:e${ids.art}`,
        recipient: 'UART',
        payload: nudge(ids.art as number, 7),
        nextAttemptAt: new Date('2026-12-24T10:00:00Z'),
      },
      {
        job: 'nudge',
        kind: 'nudge',
        key: `nudge:2026-10-01..2026-12-31:d7:e${ids.cy}`,
        recipient: 'UCY',
        payload: nudge(ids.cy as number, 7),
        nextAttemptAt: new Date('2026-12-24T10:00:00Z'),
      },
      {
        job: 'weekly-digest',
        kind: 'weekly-digest',
        key: 'weekly-digest:2026-W46:C0DIGEST',
        recipient: 'C0DIGEST',
        payload: { recipientEmployeeId: null, aboutEmployeeIds: [ids.bea] },
        status: 'sent',
        result: { channel: 'C0DIGEST', ts: '0.9' },
      },
    ]);
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });

  /** The full text of the data: pg_dump --data-only on Postgres, every table's rows on PGlite. */
  const dataText = async () => {
    if (driver === 'postgres') {
      const { stdout } = await execFileAsync('pg_dump', ['--data-only', testDb.location], {
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout;
    }
    return (await dumpRows(testDb.database.db)).join('\n');
  };

  const traces = {
    wang: ['王伟', 'UWANG', 'wang@example.com', 'HR-8801', '报表助手', '每周自动生成销售报表'],
    art: [
      /\bArt\b/,
      'UART',
      'art@example.com',
      'HR-8802',
      'Smart quoting',
      'Drafts quotes from the CRM',
      'add the pricing sheet',
    ],
  };
  const found = (text: string, needles: Array<string | RegExp>) =>
    needles.filter((n) => (typeof n === 'string' ? text.includes(n) : n.test(text))).map(String);

  it('leaves no trace of either person, changes no other row, and the digest still goes out without them', async () => {
    const db = testDb.database.db;
    const before = await dataText();
    expect(found(before, traces.wang)).toHaveLength(traces.wang.length);
    expect(found(before, traces.art)).toHaveLength(traces.art.length);
    // The planned digest rows hold references only: no name, bot text or rendered text.
    const planned = await db.select().from(deliveries).where(sql`${deliveries.status} = 'pending'`);
    expect(planned.map((d) => d.kind).sort()).toEqual([
      'manager-digest',
      'nudge',
      'nudge',
      'participation-chart',
      'weekly-digest',
    ]);
    const plannedText = JSON.stringify(planned.map((d) => [d.key, d.payload]));
    expect(
      found(plannedText, [...traces.wang, ...traces.art, 'Bea', 'Mia', 'Participation tracker']),
    ).toEqual([]);

    const rowsBefore = await dumpRows(db);
    const wang = await forgetPerson(db, { kind: 'slack', slackUserId: 'UWANG' }, 'cli:test', NOW);
    const art = await forgetPerson(db, { kind: 'email', email: 'art@example.com' }, 'cli:test', NOW);
    // 王伟: named in the digest and Mia's digest. Art: the same, plus his two nudges (one sent).
    expect(wang.messages).toBe(2);
    expect(art.messages).toBe(4);

    const after = await dataText();
    expect(found(after, traces.wang)).toEqual([]);
    // Nor the language they read: it says where they come from.
    const [wangRow] = await db.select().from(employees).where(sql`${employees.id} = ${ids.wang}`);
    expect(wangRow?.locale).toBeNull();
    expect(found(after, traces.art)).toEqual([]);

    // Every row that is not about them is byte for byte the same; only the audit log grew.
    const forgotten = new Set([ids.wang, ids.art]);
    const theirBots = new Set([botIds.wang, botIds.art]);
    const aboutThem = (line: string) => {
      const [table, json] = line.split('\t') as [string, string];
      const row = JSON.parse(json) as Record<string, unknown>;
      switch (table) {
        case 'employees':
          return forgotten.has(row.id as number);
        case 'bots':
          return forgotten.has(row.owner_id as number);
        case 'reviews':
          return theirBots.has(row.bot_id as number) || forgotten.has(row.reviewer_id as number);
        case 'deliveries': {
          const payload = row.payload as { recipientEmployeeId: number | null; aboutEmployeeIds: number[] };
          return (
            forgotten.has(payload.recipientEmployeeId as number) ||
            payload.aboutEmployeeIds.some((id) => forgotten.has(id))
          );
        }
        default:
          return false;
      }
    };
    const rowsAfter = await dumpRows(db);
    const untouched = rowsBefore.filter((line) => !aboutThem(line));
    expect(untouched.length).toBeGreaterThanOrEqual(9); // Mia, Bea, Cy, Bea’s bot and review, 2 uses, 2 deliveries
    const afterSet = new Set(rowsAfter);
    expect(untouched.filter((line) => !afterSet.has(line))).toEqual([]);
    const beforeSet = new Set(rowsBefore);
    const added = rowsAfter.filter((line) => !beforeSet.has(line));
    // New lines: the rewritten rows about them, and two person_forgotten audit rows.
    expect(added.filter((line) => line.startsWith('audit_log\t'))).toHaveLength(2);
    expect(rowsAfter.length).toBe(rowsBefore.length + 2 - 1); // Art's pending nudge is cancelled

    // The digest and Mia's DM still go out, rendered now, without them.
    const result = await sendDueDeliveries({
      senders: deliverySenders,
      db,
      client: deliveryClientFor(slack),
      logger: createLogger('silent'),
      now: () => new Date(NOW.getTime() + 60_000),
    });
    expect(result).toMatchObject({ sent: 3, failed: 0 });
    const posts = slack.callsTo('chat.postMessage');
    expect(posts.map((p) => p.args.channel).sort()).toEqual(['C0DIGEST', 'UMIA']);
    const sent = JSON.stringify(slack.calls.map((c) => c.args));
    expect(found(sent, [...traces.wang, ...traces.art])).toEqual([]);
    expect(sent).toContain('Participation tracker');
    expect(JSON.stringify(posts.find((p) => p.args.channel === 'UMIA')?.args)).toContain('Bea');
    expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });
});
