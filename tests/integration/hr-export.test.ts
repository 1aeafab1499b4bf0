import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOrgState } from '../../src/db/queries/employee-history.js';
import { personRecords } from '../../src/db/queries/metrics.js';
import { auditLog, employees } from '../../src/db/schema.js';
import { at, seedSmallCompany } from '../fixtures/small-company.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

const NOW = new Date('2026-11-15T09:00:00Z');
const Q3 = {
  start: '2026-07-01',
  end: '2026-09-30',
  timezone: 'UTC',
  now: NOW,
  requiredApprovedBots: 1,
  includeGuests: false,
};

/** People whose names a spreadsheet would mangle or run, on top of the hand-computed company. */
const AWKWARD = [
  { name: '张伟', email: 'zhang.wei@example.com', department: '研发中心', slack: 'UZHANG' },
  {
    name: '=HYPERLINK("http://evil.example","click")',
    email: 'eq@example.com',
    department: 'Sales',
    slack: 'UEQ',
  },
  { name: '+1 555 0100', email: 'plus@example.com', department: '-Ops', slack: 'UPLUS' },
  { name: '@SUM(A1:A9)', email: '@at@example.com', department: 'Sales', slack: 'UAT' },
  { name: '\tTabbed, "quoted"\r\nname', email: 'tab@example.com', department: 'Sales', slack: 'UTAB' },
];

describe.each(DRIVERS)('/adoption export on %s', (driver) => {
  let testDb: TestDatabase;
  let app: TestApp;
  let csv: Buffer;
  let rows: Record<string, string>[];

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const db = testDb.database.db;
    await seedSmallCompany(db);
    for (const person of AWKWARD) {
      const [row] = await db
        .insert(employees)
        .values({
          name: person.name,
          email: person.email,
          slackUserId: person.slack,
          department: person.department,
          activeFrom: '2024-01-01',
        })
        .returning();
      if (row)
        await recordOrgState(
          db,
          row.id,
          { department: person.department, managerId: null, active: true },
          at('2020-01-01'),
        );
    }
    app = await startTestApp(testDb.database, { env: { HR_USER_IDS: 'UHRBOSS' }, now: () => NOW });
    app.slack.on('conversations.open', (args) => ({ ok: true, channel: { id: `D${String(args.users)}` } }));
    await app.command('UHRBOSS', 'export 2026-Q3', { command: '/adoption' });
    const reply = JSON.stringify(await app.nextResponse());
    expect(reply).toContain('11 rows');
    const [upload] = [...app.slack.uploads.values()];
    if (!upload) throw new Error('nothing was uploaded');
    expect(upload.channelId).toBe('DUHRBOSS');
    expect(upload.filename).toBe('adoption-2026-Q3-2026-11-15.csv');
    csv = upload.bytes;
    rows = parse(csv, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });

  it('is UTF-8 with a BOM, RFC 4180 (CRLF), with exactly the documented columns', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    // The documented list (docs/export.md), written out: columns are never reordered or renamed.
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(
      'employee_id,slack_user_id,name,email,department,manager_email,period,bots_submitted,bots_approved,' +
        'first_submitted_at,best_score,colleague_uses,distinct_colleague_users,est_hours_saved_per_week,' +
        'requirement_met,reported_uses,entered_by_email,sessions_attended',
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('张伟,zhang.wei@example.com,研发中心');
  });

  it('parses back to the database: one row per member, each equal to the person record', async () => {
    const records = await personRecords(testDb.database.db, Q3, { kind: 'company' });
    expect(rows).toHaveLength(records.length);
    const bySlack = new Map(rows.map((row) => [row.slack_user_id || row.email, row]));
    for (const r of records) {
      const row = bySlack.get(r.slackUserId ?? r.email ?? '');
      const neutral = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
      expect(row, r.name).toEqual({
        employee_id: r.employeeId ?? '',
        slack_user_id: r.slackUserId ?? '',
        name: neutral(r.name),
        email: neutral(r.email ?? ''),
        department: neutral(r.department ?? ''),
        manager_email: r.managerEmail ?? '',
        period: '2026-Q3',
        bots_submitted: String(r.botsSubmitted),
        bots_approved: String(r.botsApproved),
        first_submitted_at: r.firstSubmittedAt ? `${r.firstSubmittedAt.toISOString().slice(0, 19)}Z` : '',
        best_score: r.bestScore === null ? '' : String(r.bestScore),
        colleague_uses: String(r.colleagueUses),
        distinct_colleague_users: String(r.distinctColleagueUsers),
        est_hours_saved_per_week: String(r.estHoursSavedPerWeek),
        requirement_met: String(r.requirementMet),
        entered_by_email: '', // nobody's bots were entered by someone else here
        reported_uses: String(r.reportedUses),
        sessions_attended: String(r.sessionsAttended),
      });
    }
    // Ann's row, worked out by hand in docs/metrics.md.
    expect(bySlack.get('UANN')).toMatchObject({
      name: 'Ann',
      email: 'ann@example.com',
      department: 'Sales',
      bots_submitted: '2',
      bots_approved: '1',
      first_submitted_at: '2026-07-10T12:00:00Z',
      best_score: '4',
      colleague_uses: '6',
      distinct_colleague_users: '4',
      est_hours_saved_per_week: '3',
      requirement_met: 'true',
    });
    // Eve has no Slack account; Dan left during Q3 and still counts.
    expect(bySlack.get('eve@example.com')).toMatchObject({ name: 'Eve', slack_user_id: '' });
    expect(bySlack.get('UDAN')).toMatchObject({ best_score: '5', requirement_met: 'true' });
  });

  it('neutralises cells a spreadsheet would run as formulas, and keeps the rest intact', () => {
    const bySlack = new Map(rows.map((row) => [row.slack_user_id, row]));
    expect(bySlack.get('UEQ')?.name).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(bySlack.get('UPLUS')).toMatchObject({ name: "'+1 555 0100", department: "'-Ops" });
    expect(bySlack.get('UAT')).toMatchObject({ name: "'@SUM(A1:A9)", email: "'@at@example.com" });
    expect(bySlack.get('UTAB')?.name).toBe('\'\tTabbed, "quoted"\r\nname');
    expect(bySlack.get('UZHANG')).toMatchObject({ name: '张伟', department: '研发中心' });
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('shows each employee with /bot me exactly their export row', async () => {
    const withSlack = rows.filter((row) => row.slack_user_id);
    expect(withSlack.length).toBeGreaterThan(5);
    for (const row of withSlack) {
      await app.command(row.slack_user_id as string, 'me 2026-Q3');
      const me = JSON.stringify(await app.nextResponse());
      const shown = (label: string, value: string) =>
        expect(me, `${row.name} ${label}`).toContain(JSON.stringify(`*${label}*\n${value}`).slice(1, -1));
      shown('Bots submitted', row.bots_submitted as string);
      shown('Bots approved', row.bots_approved as string);
      shown('First submitted', row.first_submitted_at || '–');
      shown('Best review score', row.best_score ? `${row.best_score} / 5` : '–');
      const people =
        row.distinct_colleague_users === '1' ? '1 person' : `${row.distinct_colleague_users} people`;
      shown('Uses by colleagues', `${row.colleague_uses} by ${people}`);
      shown('Est. hours saved / week', `${row.est_hours_saved_per_week} (your own estimate)`);
      expect(me).toContain(row.requirement_met === 'true' ? 'Requirement met' : 'Not yet');
    }
  });
});

describe.each(DRIVERS)('/adoption export when Slack refuses the file, on %s', (driver) => {
  it('says it was not delivered, and keeps the audit row written before the upload', async () => {
    const testDb = await createTestDatabase(driver);
    const app = await startTestApp(testDb.database, { env: { HR_USER_IDS: 'UHRBOSS' }, now: () => NOW });
    try {
      await seedSmallCompany(testDb.database.db);
      app.slack.on('conversations.open', (args) => ({ ok: true, channel: { id: `D${String(args.users)}` } }));
      app.slack.on('files.getUploadURLExternal', () => ({ ok: false, error: 'not_allowed_token_type' }));
      await app.command('UHRBOSS', 'export 2026-Q3', { command: '/adoption' });
      expect(JSON.stringify(await app.nextResponse())).toContain(
        'could not be delivered to your direct messages',
      );
      expect(app.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
      const audits = await testDb.database.db.select().from(auditLog);
      expect(audits.map((a) => [a.action, a.actorSlackUserId])).toEqual([['export_sent', 'UHRBOSS']]);
    } finally {
      await app.stop();
      await testDb.destroy();
    }
  });
});
