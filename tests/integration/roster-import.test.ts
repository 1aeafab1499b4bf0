import { createReadStream, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { SINCE_EVER } from '../../src/db/queries/employee-history.js';
import { employeeHistory, employees } from '../../src/db/schema.js';
import { importRoster, RosterFileError } from '../../src/domain/roster-import/index.js';
import { applySlackMember } from '../../src/domain/roster-sync.js';
import { DRIVERS } from '../helpers/db.js';
import { useSuite } from '../helpers/suite.js';

/**
 * The HR import against a real database. Expected rows and history are written out by hand from
 * tests/fixtures/roster/*.csv.
 */
const FIXTURES = new URL('../fixtures/roster/', import.meta.url);
const fixturePath = (name: string) => new URL(name, FIXTURES).pathname;
const fixture = (name: string) => readFileSync(fixturePath(name));

const SLACK_FIRST_SEEN = new Date('2026-02-01T09:00:00Z');
const IMPORTED = new Date('2026-03-02T10:00:00Z');
const IMPORTED_AGAIN = new Date('2026-03-03T08:30:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const HEADER = 'employee_id,email,name,department,manager_email,title,hire_date,status';

describe.each(DRIVERS)('HR roster import on %s', (driver) => {
  const suite = useSuite(driver);
  beforeEach(async () => {
    await db().delete(employeeHistory);
    await db().delete(employees);
  });

  const db = () => suite.db;
  const roster = () => db().select().from(employees).orderBy(employees.id);
  const history = () =>
    db().select().from(employeeHistory).orderBy(employeeHistory.employeeId, employeeHistory.validFrom);
  const byEmail = async (email: string) => {
    const row = (await roster()).find((e) => e.email === email);
    if (!row) throw new Error(`${email} is not on the roster`);
    return row;
  };
  const historyOf = async (id: number) =>
    (await history())
      .filter((h) => h.employeeId === id)
      .map(({ validFrom, validTo, department, managerId, active }) => ({
        validFrom,
        validTo,
        department,
        managerId,
        active,
      }));
  /** Alice, already on the roster from Slack before HR's first import. */
  const aliceJoinsSlack = () =>
    applySlackMember(
      db(),
      {
        id: 'UALICE',
        real_name: 'Alice W.',
        tz: 'Asia/Shanghai',
        profile: { email: 'alice@example.com', title: 'Marketing' },
      },
      { includeGuests: false, now: SLACK_FIRST_SEEN },
    );

  it('imports the fixture company: BOM, quoted commas and line breaks, Chinese text, a manager listed after their reports, people without Slack, a leaver', async () => {
    await aliceJoinsSlack();
    const report = await importRoster(db(), fixture('company.csv'), IMPORTED);

    expect(report).toEqual({
      rows: 5,
      matched: 1,
      created: 4,
      updated: 1,
      rejected: 0,
      rejections: [],
      warnings: [],
      dryRun: false,
    });
    const liNa = await byEmail('li.na@example.com');
    const hr = { orgSource: 'hr', slackUserId: null, timezone: null, isGuest: false };
    expect(liNa).toMatchObject({
      ...hr,
      hrEmployeeId: 'E003',
      name: '李娜',
      department: '销售部',
      managerId: null,
      title: 'Head of Sales,\nGreater China',
      activeFrom: '2020-01-06',
      activeUntil: null,
      createdAt: IMPORTED,
      updatedAt: IMPORTED,
    });
    expect(await byEmail('wang.wei@example.com')).toMatchObject({
      ...hr,
      hrEmployeeId: 'E001',
      name: '王伟',
      department: '销售部',
      managerId: liNa.id,
      title: 'Sales Rep, North',
      activeFrom: '2024-03-01',
      activeUntil: null,
    });
    // A driver without Slack: on the roster, counts in headcount.
    expect(await byEmail('zhang.min@example.com')).toMatchObject({
      ...hr,
      hrEmployeeId: 'E002',
      name: '张敏',
      department: '物流部',
      managerId: liNa.id,
      title: 'Driver',
      activeFrom: '2023-07-15',
      activeUntil: null,
    });
    const chenJie = await byEmail('chen.jie@example.com');
    expect(chenJie).toMatchObject({
      ...hr,
      hrEmployeeId: 'E004',
      name: '陈杰',
      department: 'Research, AI',
      managerId: liNa.id,
      activeFrom: '2022-05-01',
      activeUntil: '2026-01-31',
    });
    // Matched by email in another letter case; HR's name, title, department and hire date win.
    const alice = await byEmail('alice@example.com');
    expect(alice).toMatchObject({
      slackUserId: 'UALICE',
      hrEmployeeId: 'E005',
      name: 'Alice Wang',
      department: 'Marketing',
      managerId: liNa.id,
      title: 'Marketing lead, "brand"',
      timezone: 'Asia/Shanghai',
      activeFrom: '2021-09-01',
      activeUntil: null,
      orgSource: 'hr',
      createdAt: SLACK_FIRST_SEEN,
      updatedAt: IMPORTED,
    });
    expect(await roster()).toHaveLength(5);

    expect(await historyOf(liNa.id)).toEqual([
      { validFrom: SINCE_EVER, validTo: null, department: '销售部', managerId: null, active: true },
    ]);
    expect(await historyOf((await byEmail('wang.wei@example.com')).id)).toEqual([
      { validFrom: SINCE_EVER, validTo: null, department: '销售部', managerId: liNa.id, active: true },
    ]);
    expect(await historyOf(chenJie.id)).toEqual([
      {
        validFrom: SINCE_EVER,
        validTo: day('2026-01-31'),
        department: 'Research, AI',
        managerId: liNa.id,
        active: true,
      },
      {
        validFrom: day('2026-01-31'),
        validTo: null,
        department: 'Research, AI',
        managerId: liNa.id,
        active: false,
      },
    ]);
    // Slack never told us Alice's department: HR's first answer stands for her past too.
    expect(await historyOf(alice.id)).toEqual([
      { validFrom: SINCE_EVER, validTo: null, department: 'Marketing', managerId: liNa.id, active: true },
    ]);
  });

  it('changes nothing when the same file is imported again (read as a stream this time)', async () => {
    await aliceJoinsSlack();
    await importRoster(db(), fixture('company.csv'), IMPORTED);
    const [rowsBefore, historyBefore] = [await roster(), await history()];

    const again = await importRoster(db(), createReadStream(fixturePath('company.csv')), IMPORTED_AGAIN);

    expect(again).toMatchObject({ rows: 5, matched: 5, created: 0, updated: 0, rejected: 0 });
    expect(await roster()).toEqual(rowsBefore);
    expect(await history()).toEqual(historyBefore);
  });

  it.each([
    ['a required column missing', 'missing-column.csv', /lacks the columns manager_email, status/],
    ['an unclosed quote after valid rows', 'unclosed-quote.csv', /not a valid CSV file: Quote Not Closed/],
    ['GBK instead of UTF-8', 'gbk.csv', /line 2 is not UTF-8 text/],
  ])('changes nothing for a structurally bad file: %s', async (_case, name, message) => {
    await importRoster(db(), fixture('company.csv'), IMPORTED);
    const [rowsBefore, historyBefore] = [await roster(), await history()];

    const attempt = importRoster(db(), fixture(name), IMPORTED_AGAIN);

    await expect(attempt).rejects.toThrow(RosterFileError);
    await expect(importRoster(db(), fixture(name), IMPORTED_AGAIN)).rejects.toThrow(message);
    expect(await roster()).toEqual(rowsBefore);
    expect(await history()).toEqual(historyBefore);
  });

  it.each([
    ['an empty file', '', /the file is empty/],
    [
      'a spreadsheet (zip) file',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      /not UTF-8 text/,
    ],
    ['a header naming a column twice', `${HEADER},email\n`, /names the column email twice/],
  ])('refuses %s', async (_case, content, message) => {
    await expect(importRoster(db(), content, IMPORTED)).rejects.toThrow(message);
    expect(await roster()).toEqual([]);
  });

  it('applies the valid rows and lists each rejected row with its line and reason', async () => {
    const report = await importRoster(db(), fixture('with-errors.csv'), IMPORTED);

    const statuses = 'use active, or left / inactive / terminated / resigned / retired';
    expect(report.rejections).toEqual([
      { line: 4, message: 'needs an email or an employee_id' },
      { line: 5, message: 'email "not-an-email" is not a valid email address' },
      { line: 6, message: 'hire_date "2025/01/01" is not a date written YYYY-MM-DD' },
      { line: 7, message: 'email dup@example.com is on several lines (7, 8)' },
      { line: 8, message: 'email DUP@example.com is on several lines (7, 8)' },
      { line: 10, message: `status "on leave" is not known; ${statuses}` },
      { line: 11, message: 'is their own manager' },
      { line: 12, message: 'manager cycle: cyc.a@example.com → cyc.b@example.com → cyc.a@example.com' },
      { line: 13, message: 'manager cycle: cyc.a@example.com → cyc.b@example.com → cyc.a@example.com' },
      { line: 15, message: 'has 3 fields but the header has 8' },
      { line: 16, message: 'hire_date "2025-02-30" is not a date written YYYY-MM-DD' },
      { line: 17, message: `status is empty; ${statuses}` },
    ]);
    expect(report.warnings).toEqual([
      {
        line: 14,
        message: 'manager nobody@example.com is not on the roster or in the file; manager left empty',
      },
      {
        line: 18,
        message: 'manager bad.date@example.com is on line 6, which was rejected; manager left empty',
      },
    ]);
    expect(report).toMatchObject({ rows: 15, matched: 0, created: 3, updated: 0, rejected: 12 });
    expect((await roster()).map((e) => [e.email, e.title, e.managerId])).toEqual([
      ['ok.one@example.com', 'Multi\nline title', null],
      ['orphan@example.com', null, null],
      ['late@example.com', null, null],
    ]);
  });

  it('matches by employee_id when HR changed the email, and rejects a row whose email and employee_id name two people', async () => {
    await importRoster(
      db(),
      `${HEADER}\nE200,old.mail@example.com,Zhao Lei,运营部,,,2025-01-01,active\nE201,other@example.com,Other Person,运营部,,,2025-01-01,active\n`,
      IMPORTED,
    );
    const zhao = await byEmail('old.mail@example.com');

    const report = await importRoster(
      db(),
      `${HEADER}\nE200,new.mail@example.com,Zhao Lei,运营部,,,2025-01-01,active\nE201,old.mail@example.com,Other Person,运营部,,,2025-01-01,active\n`,
      IMPORTED_AGAIN,
    );

    expect(report).toMatchObject({ rows: 2, matched: 1, created: 0, updated: 1, rejected: 1 });
    expect(report.rejections).toEqual([
      {
        line: 3,
        message:
          'email old.mail@example.com belongs to Zhao Lei <old.mail@example.com> but employee_id E201 belongs to Other Person <other@example.com> on the roster',
      },
    ]);
    expect(await byEmail('new.mail@example.com')).toMatchObject({
      id: zhao.id,
      hrEmployeeId: 'E200',
      updatedAt: IMPORTED_AGAIN,
    });
    expect(await byEmail('other@example.com')).toMatchObject({ hrEmployeeId: 'E201', updatedAt: IMPORTED });
  });

  it('makes a leaver inactive from the import date when the file has no left_date, and keeps that date on later runs', async () => {
    await importRoster(
      db(),
      `${HEADER}\nE300,driver@example.com,刘洋,物流部,,,2025-01-01,active\n`,
      IMPORTED,
    );
    const leaving = `${HEADER}\nE300,driver@example.com,刘洋,物流部,,,2025-01-01,Terminated\n`;

    const first = await importRoster(db(), leaving, new Date('2026-03-05T15:00:00Z'));
    const second = await importRoster(db(), leaving, new Date('2026-03-09T15:00:00Z'));

    expect(first).toMatchObject({ matched: 1, updated: 1 });
    expect(second).toMatchObject({ matched: 1, updated: 0 });
    const liuYang = await byEmail('driver@example.com');
    expect(liuYang).toMatchObject({ activeFrom: '2025-01-01', activeUntil: '2026-03-05' });
    expect(await historyOf(liuYang.id)).toEqual([
      {
        validFrom: SINCE_EVER,
        validTo: day('2026-03-05'),
        department: '物流部',
        managerId: null,
        active: true,
      },
      { validFrom: day('2026-03-05'), validTo: null, department: '物流部', managerId: null, active: false },
    ]);
  });

  it('records a later change of department from the import time, keeping the earlier one for the past', async () => {
    const zhao = (department: string) =>
      `${HEADER}\nE500,zhao.lei@example.com,赵磊,${department},,,2025-01-01,active\n`;
    await importRoster(db(), zhao('运营部'), IMPORTED);

    const report = await importRoster(db(), zhao('销售部'), IMPORTED_AGAIN);

    expect(report).toMatchObject({ matched: 1, updated: 1 });
    const row = await byEmail('zhao.lei@example.com');
    expect(row).toMatchObject({ department: '销售部', updatedAt: IMPORTED_AGAIN });
    expect(await historyOf(row.id)).toEqual([
      { validFrom: SINCE_EVER, validTo: IMPORTED_AGAIN, department: '运营部', managerId: null, active: true },
      { validFrom: IMPORTED_AGAIN, validTo: null, department: '销售部', managerId: null, active: true },
    ]);
  });

  it('rejects a manager cycle that closes through someone who is only on the roster', async () => {
    await importRoster(
      db(),
      `${HEADER}\nE400,boss@example.com,Boss,Ops,,,2025-01-01,active\nE401,deputy@example.com,Deputy,Ops,boss@example.com,,2025-01-01,active\n`,
      IMPORTED,
    );

    const report = await importRoster(
      db(),
      `${HEADER}\nE400,boss@example.com,Boss,Ops,deputy@example.com,,2025-01-01,active\n`,
      IMPORTED_AGAIN,
    );

    expect(report.rejections).toEqual([
      { line: 2, message: 'manager cycle: boss@example.com → deputy@example.com → boss@example.com' },
    ]);
    expect(await byEmail('boss@example.com')).toMatchObject({ managerId: null, updatedAt: IMPORTED });
  });

  it('counts and checks everything in a dry run but saves nothing', async () => {
    const report = await importRoster(db(), fixture('company.csv'), IMPORTED, { dryRun: true });

    expect(report).toMatchObject({ rows: 5, created: 5, rejected: 0, dryRun: true });
    expect(await roster()).toEqual([]);
    expect(await history()).toEqual([]);
  });
});
