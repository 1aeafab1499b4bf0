import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EmployeeRow } from '../../src/db/queries/employees.js';
import { planRosterImport, type RosterFile, readRosterFile } from '../../src/domain/roster-import/index.js';

/** Reading and planning an HR import, without a database. */
const HEADER = 'employee_id,email,name,department,manager_email,title,hire_date,status';

describe('readRosterFile', () => {
  it('numbers each row by the line it starts on, through CRLF, quoted line breaks and blank lines', async () => {
    const text = [
      `\uFEFF${HEADER}`, // 1
      'E1,a@example.com,"Wang, Wei",Sales,,"two', // 2
      'lines",2025-01-01,active', // 3
      '', // 4
      'E2,b@example.com,B,Sales,,"crlf\r\ninside",2025-01-01,active', // 5–6
      '   ', // 7 (only spaces: skipped too)
      'E3,c@example.com,C,Sales,,,2025-01-01,active', // 8
    ].join('\r\n');

    const file = await readRosterFile(text);

    expect(file.rows.map((row) => [row.line, row.values.employee_id])).toEqual([
      [2, 'E1'],
      [5, 'E2'],
      [8, 'E3'],
    ]);
    expect(file.rows[0]?.values).toMatchObject({ name: 'Wang, Wei', title: 'two\r\nlines' });
    expect(file.rows[1]?.values.title).toBe('crlf\r\ninside');
  });

  it('finds columns by header name in any order and case, ignoring unknown columns', async () => {
    const file = await readRosterFile(
      'Status, EMAIL ,cost_center,name,employee_id,department,manager_email,title,hire_date,Left_Date\n' +
        'Left,a@example.com,CC-1, 李娜 ,E1,销售部,,,2020-01-06,2026-01-31\n',
    );

    expect(file.rows[0]?.values).toEqual({
      employee_id: 'E1',
      email: 'a@example.com',
      name: '李娜',
      department: '销售部',
      manager_email: '',
      title: '',
      hire_date: '2020-01-06',
      status: 'Left',
      left_date: '2026-01-31',
    });
  });

  it('accepts a trailing empty field but flags a row with too few or too many values', async () => {
    const file = await readRosterFile(
      `${HEADER}\nE1,a@example.com,A,Ops,,,2025-01-01,active,\nE2,b@example.com,B\nE3,c@example.com,C,Ops, Inc,,,2025-01-01,active\n`,
    );

    expect(file.rows.map((row) => row.fieldCountProblem)).toEqual([
      null,
      'has 3 fields but the header has 8',
      'has 9 fields but the header has 8 (quote values that contain commas)',
    ]);
  });

  it('reads a stream whose chunks split a multi-byte character', async () => {
    const bytes = Buffer.from(`${HEADER}\nE1,a@example.com,王伟,销售部,,,2025-01-01,active\n`);
    const cut = bytes.indexOf(Buffer.from('王')) + 1;

    const file = await readRosterFile(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]));

    expect(file.rows[0]?.values.name).toBe('王伟');
  });

  it.each([
    ['a header only', `${HEADER}\n`, 0],
    ['a header without a final line break', HEADER, 0],
  ])('reads %s as a file with no rows', async (_case, text, rows) => {
    expect((await readRosterFile(text)).rows).toHaveLength(rows);
  });

  it('reads UTF-16 when the file starts with its byte order mark', async () => {
    const bytes = Buffer.from(
      `\uFEFF${HEADER}\nE1,a@example.com,王伟,销售部,,,2025-01-01,active\n`,
      'utf16le',
    );

    expect((await readRosterFile(bytes)).rows[0]?.values.name).toBe('王伟');
  });

  it.each([
    ['UTF-16 without a byte order mark', Buffer.from(`${HEADER}\n`, 'utf16le'), /line 1 is not UTF-8 text/],
    ['no header at all', 'just some words\n', /lacks the columns employee_id, email, name, department/],
    [
      'a stray quote',
      `${HEADER}\nE1,a@example.com,A "the" B,Ops,,,2025-01-01,active\n`,
      /not a valid CSV file/,
    ],
  ])('refuses %s', async (_case, input, message) => {
    await expect(readRosterFile(input)).rejects.toThrow(message);
  });
});

describe('planRosterImport', () => {
  const IMPORT_DATE = '2026-03-02';
  const employee = (id: number, fields: Partial<EmployeeRow>): EmployeeRow => ({
    id,
    slackUserId: null,
    hrEmployeeId: null,
    name: `Person ${id}`,
    email: null,
    department: null,
    managerId: null,
    title: null,
    timezone: null,
    locale: null,
    isGuest: false,
    activeFrom: '2025-01-01',
    activeUntil: null,
    nudgeOptOut: false,
    orgSource: 'hr',
    identityReviewNeeded: false,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    updatedAt: new Date('2025-01-01T00:00:00Z'),
    ...fields,
  });
  const plan = async (csv: string, roster: EmployeeRow[] = []) =>
    planRosterImport(await readRosterFile(`${HEADER}\n${csv}`), roster, IMPORT_DATE);
  const file = (rows: string[]): Promise<RosterFile> => readRosterFile([HEADER, ...rows].join('\n'));

  it('resolves a manager listed after their report, and one already on the roster', async () => {
    const roster = [employee(7, { email: 'ceo@example.com' })];
    const result = await plan(
      'E1,rep@example.com,Rep,Sales,lead@example.com,,2025-01-01,active\n' +
        'E2,lead@example.com,Lead,Sales,CEO@example.com,,2024-01-01,active\n',
      roster,
    );

    expect(result.rejections).toEqual([]);
    expect(result.people.map((p) => [p.key, p.manager])).toEqual([
      ['L2', 'L3'],
      ['L3', '#7'],
    ]);
  });

  it('matches by email before employee_id, keeps roster identifiers the row leaves empty, and dates leavers', async () => {
    const roster = [
      employee(1, { email: 'A@example.com', hrEmployeeId: 'E1', activeFrom: '2026-02-01' }),
      employee(2, { email: 'old@example.com', hrEmployeeId: 'E2' }),
    ];
    const result = await plan(
      ',a@example.com,A,Ops,,,,left\nE2,new@example.com,B,Ops,,,,active\nE3,,Driver,物流部,,,,active\n',
      roster,
    );

    expect(result.people.map((p) => [p.existing?.id ?? null, p.fields])).toEqual([
      [
        1,
        {
          hrEmployeeId: 'E1',
          name: 'A',
          email: 'A@example.com',
          department: 'Ops',
          title: null,
          activeFrom: '2026-02-01',
          activeUntil: IMPORT_DATE,
        },
      ],
      [
        2,
        {
          hrEmployeeId: 'E2',
          name: 'B',
          email: 'new@example.com',
          department: 'Ops',
          title: null,
          activeFrom: '2025-01-01',
          activeUntil: null,
        },
      ],
      [
        null,
        {
          hrEmployeeId: 'E3',
          name: 'Driver',
          email: null,
          department: '物流部',
          title: null,
          activeFrom: IMPORT_DATE,
          activeUntil: null,
        },
      ],
    ]);
  });

  it('rejects leaving before starting, and two rows that reach one person', async () => {
    const roster = [employee(1, { email: 'a@example.com', hrEmployeeId: 'E1', activeFrom: '2026-02-01' })];
    const rows = await file([
      'E9,new@example.com,New,Ops,,,2026-01-01,left',
      'E1,other@example.com,A again,Ops,,,,active',
      ',a@example.com,A,Ops,,,,active',
    ]);
    const withLeftDate = await readRosterFile(
      `${HEADER},left_date\nE7,x@example.com,X,Ops,,,2026-01-10,left,2025-12-31\n,a@example.com,A,Ops,,,,left,2026-01-15\n`,
    );

    expect(planRosterImport(rows, roster, '2025-12-01').rejections).toEqual([
      {
        line: 2,
        message: 'the leaving date 2025-12-01 (the import date) is before hire_date 2026-01-01',
      },
      { line: 3, message: 'lines 3, 4 all match Person 1 <a@example.com> on the roster' },
      { line: 4, message: 'lines 3, 4 all match Person 1 <a@example.com> on the roster' },
    ]);
    expect(planRosterImport(withLeftDate, roster, IMPORT_DATE).rejections).toEqual([
      { line: 2, message: 'left_date 2025-12-31 is before hire_date 2026-01-10' },
      {
        line: 3,
        message:
          'left_date 2026-01-15 is before the start date 2026-02-01 (on the roster); add their hire_date',
      },
    ]);
  });

  it('rejects a row whose left_date contradicts an active status', async () => {
    const rows = await readRosterFile(`${HEADER},left_date\nE1,a@example.com,A,Ops,,,,active,2026-01-31\n`);

    expect(planRosterImport(rows, [], IMPORT_DATE).rejections).toEqual([
      { line: 2, message: 'left_date is set but status is active' },
    ]);
  });

  it('rejects a self-manager found through employee_id, and warns about an unknown manager', async () => {
    const roster = [employee(3, { email: 'boss@example.com', hrEmployeeId: 'E3' })];
    const result = await plan(
      'E3,,Boss,Ops,boss@example.com,,,active\nE4,w@example.com,W,Ops,ghost@example.com,,,active\n',
      roster,
    );

    expect(result.rejections).toEqual([{ line: 2, message: 'is their own manager' }]);
    expect(result.warnings).toEqual([
      {
        line: 3,
        message: 'manager ghost@example.com is not on the roster or in the file; manager left empty',
      },
    ]);
    expect(result.people.map((p) => [p.key, p.manager])).toEqual([['L3', null]]);
  });

  it('re-resolves reports of a row rejected for a cycle', async () => {
    const result = await plan(
      'E1,a@example.com,A,Ops,b@example.com,,,active\n' +
        'E2,b@example.com,B,Ops,a@example.com,,,active\n' +
        'E3,c@example.com,C,Ops,a@example.com,,,active\n',
    );

    expect(result.rejections.map((r) => r.line)).toEqual([2, 3]);
    expect(result.warnings).toEqual([
      { line: 4, message: 'manager a@example.com is on line 2, which was rejected; manager left empty' },
    ]);
  });
});
