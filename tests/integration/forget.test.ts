import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/db/client.js';
import { adoptionFigures, figuresByDepartment } from '../../src/db/queries/metrics.js';
import { queryRows } from '../../src/db/rows.js';
import { auditLog, deliveries, reviews } from '../../src/db/schema.js';
import { audit } from '../../src/domain/access.js';
import { seedSmallCompany } from '../fixtures/small-company.js';
import { CLI_TIMEOUT, handToCli, runNpmScript } from '../helpers/cli.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';

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
    // Scheduled messages: a sent manager digest naming Ann and her bot, a nudge to Ann not sent yet,
    // and a channel digest that names nobody.
    await db.insert(deliveries).values([
      {
        job: 'manager-digest',
        kind: 'slack-message',
        key: 'manager-digest:2026-W40:UMGR',
        recipient: 'UMGR',
        payload: {
          text: 'Your team',
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '• Ann: Deal summariser' } }],
        },
        status: 'sent',
      },
      {
        job: 'nudges',
        kind: 'slack-message',
        key: 'nudge:FY26-Q3:14:UANN',
        recipient: 'UANN',
        payload: { text: '14 days left to submit a bot' },
        status: 'pending',
      },
      {
        job: 'weekly-digest',
        kind: 'slack-message',
        key: 'weekly-digest:2026-W40:C0DIGEST',
        recipient: 'C0DIGEST',
        payload: { text: 'Company: 67% building' },
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
        'forgotten: employee #1 (3 bot(s), 2 review comment(s) and 2 scheduled message(s) erased; counts kept)',
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
      expect(messages.map((m) => [m.recipient, m.status, m.payload])).toEqual([
        ['UMGR', 'sent', { erased: true }],
        ['erased', 'failed', { erased: true }],
        ['C0DIGEST', 'sent', { text: 'Company: 67% building' }],
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
