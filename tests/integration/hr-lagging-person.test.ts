import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOrgState } from '../../src/db/queries/employee-history.js';
import { auditLog, employees } from '../../src/db/schema.js';
import { at, seedSmallCompany } from '../fixtures/small-company.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

const NOW = new Date('2026-11-15T09:00:00Z');
const BULK = 95;

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ value?: string; action_id?: string }>;
};

describe.each(DRIVERS)('/adoption person and lagging on %s', (driver) => {
  let testDb: TestDatabase;
  let app: TestApp;
  let people: Awaited<ReturnType<typeof seedSmallCompany>>['people'];

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const db = testDb.database.db;
    people = (await seedSmallCompany(db)).people;
    // A department of 95 people, none of whom has built anything, each with a long name and a manager.
    const [boss] = await db
      .insert(employees)
      .values({
        name: 'Bulk Boss',
        email: 'boss@example.com',
        slackUserId: 'UBOSS',
        department: 'Support',
        activeFrom: '2020-01-01',
      })
      .returning();
    if (!boss) throw new Error('insert failed');
    await recordOrgState(
      db,
      boss.id,
      { department: 'Support', managerId: null, active: true },
      at('2020-01-01'),
    );
    const rows = await db
      .insert(employees)
      .values(
        Array.from({ length: BULK }, (_, i) => ({
          name: `Person ${String(i).padStart(3, '0')} ${'<&>*_'.repeat(30)}`,
          email: `bulk${i}@example.com`,
          slackUserId: `UBULK${i}`,
          department: 'Bulk',
          managerId: boss.id,
          activeFrom: '2020-01-01',
        })),
      )
      .returning();
    for (const row of rows)
      await recordOrgState(
        db,
        row.id,
        { department: 'Bulk', managerId: boss.id, active: true },
        at('2020-01-01'),
      );
    app = await startTestApp(testDb.database, { env: { HR_USER_IDS: 'UHRBOSS' }, now: () => NOW });
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });

  const hr = async (text: string) => {
    await app.command('UHRBOSS', text, { command: '/adoption' });
    return (await app.nextResponse()) as { text: string; blocks: Block[]; replace_original?: boolean };
  };
  const auditRows = (action: string) =>
    testDb.database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);

  it('shows one person by mention or by email, the same figures as the export, and audits it', async () => {
    const ann = JSON.stringify(await hr('person <@UANN|ann> 2026-Q3'));
    expect(ann).toContain('*Ann* (<@UANN>)');
    expect(ann).toContain('*Bots approved*\\n1');
    expect(ann).toContain('*Uses by colleagues*\\n6 by 4 people');
    const eve = JSON.stringify(await hr('person <mailto:eve@example.com|eve@example.com> 2026-Q3'));
    expect(eve).toContain('*Eve*');
    expect(eve).toContain('*First submitted*\\n2026-09-25T12:00:00Z');
    expect(JSON.stringify(await hr('person <@UNOBODY|x>'))).toContain('is not on the roster');
    expect(JSON.stringify(await hr('person'))).toContain('person @name');
    const rows = await auditRows('person_viewed');
    expect(rows.map((r) => [r.actorSlackUserId, r.subjectEmployeeId, r.via, r.detail])).toEqual([
      ['UHRBOSS', people.ann, 'command', { period: '2026-Q3' }],
      ['UHRBOSS', people.eve, 'command', { period: '2026-Q3' }],
    ]);
  });

  it('lists who lags with their managers, 40 a page within Block Kit limits, next page by button, audited per person', async () => {
    const first = await hr('lagging bulk 2026-Q3');
    const within = (message: { blocks: Block[] }) => {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const block of message.blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    };
    within(first);
    const text = JSON.stringify(first);
    expect(text).toContain('*95* have not met the requirement · 1–40 (page 1 of 3)');
    expect(text).toContain('manager *Bulk Boss* (<@UBOSS>)');
    expect(text).toContain('Person 000 &lt;&amp;&gt;');
    expect(text).not.toContain('Person 040');
    expect(await auditRows('lagging_viewed')).toHaveLength(40);

    const button = first.blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'hr_lagging_page');
    expect(button?.value).toBeDefined();
    const click = (user: string) =>
      app.interaction({
        type: 'block_actions',
        team: { id: 'T0TEAM', domain: 'test' },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0TEAM' },
        api_app_id: 'A0APP',
        token: 'deprecated-verification-token',
        trigger_id: 'trigger.lagging',
        response_url: app.slack.newResponseUrl(),
        container: { type: 'message', message_ts: '1.2', channel_id: 'C0GENERAL', is_ephemeral: true },
        actions: [
          {
            type: 'button',
            action_id: 'hr_lagging_page',
            block_id: 'b',
            value: button?.value,
            action_ts: '1.3',
          },
        ],
      });
    expect((await click('UHRBOSS')).status).toBe(200);
    const second = (await app.nextResponse()) as { blocks: Block[]; replace_original?: boolean };
    within(second);
    expect(second.replace_original).toBe(true);
    expect(JSON.stringify(second)).toContain('41–80 (page 2 of 3)');
    expect(JSON.stringify(second)).toContain('Person 040');
    expect(await auditRows('lagging_viewed')).toHaveLength(80);

    // A forwarded button is no way in: the same gate refuses and audits.
    await click('UANN');
    expect(JSON.stringify(await app.nextResponse())).toContain('is for the People team');
    expect(await auditRows('lagging_viewed')).toHaveLength(80);
    expect((await auditRows('hr_command_refused')).map((r) => r.actorSlackUserId)).toContain('UANN');
  });

  it('lists small groups by name too (MIN_GROUP_SIZE is for aggregates), and says when everyone qualified', async () => {
    const sales = JSON.stringify(await hr('lagging Sales 2026-Q3'));
    expect(sales).toContain('*2* have not met the requirement'); // Ben, Ivy (Ann qualified)
    expect(sales).toContain('*Ben* (<@UBEN>)');
    expect(sales).toContain('no manager on the roster');
    expect(JSON.stringify(await hr('lagging Marketing'))).toContain('No one is in a department called');
  });
});
