import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordOrgState } from '../../src/db/queries/employee-history.js';
import {
  adoptionFigures,
  adoptionFiguresByDepartment,
  figuresByDepartment,
  type MetricsWindow,
  personRecords,
} from '../../src/db/queries/metrics.js';
import { bots } from '../../src/db/schema.js';
import { DRIVERS } from '../helpers/db.js';
import { useSuite } from '../helpers/suite.js';

const Q3: MetricsWindow = {
  start: '2026-07-01',
  end: '2026-09-30',
  timezone: 'UTC',
  now: new Date('2026-11-15T09:00:00Z'),
  requiredApprovedBots: 1,
  includeGuests: false,
};

/** Expected values are worked out by hand from the fixture (see docs/metrics.md, "Worked example"). */
describe.each(DRIVERS)('adoption metrics on %s', (driver) => {
  const suite = useSuite(driver, { smallCompany: true });
  const db = () => suite.db;

  it('computes the company figures for a past period', async () => {
    expect(await adoptionFigures(db(), Q3, { kind: 'company' })).toEqual({
      headcount: 6, // Ann, Ben, Cat, Dan, Eve, Ivy — not Fay (left), Gus (guest), Hal (joined later)
      builders: 4, // Ann, Cat, Dan, Eve — Ben's only bot was withdrawn
      qualified: 2, // Ann (b1), Dan (b5)
      newBots: 5, // b1 b4 b5 b6 b8
      approvedBots: 2, // b1, b5 — b2 was approved in May, b6 in October
      pendingReviews: 2, // b4, b6 had no decision by the end
      medianReviewTurnaroundHours: 48, // b1 48 h, b5 24 h, b8 48 h
      uses: 7, // b1: Ben ×2, Cat, Eve, Ivy, unknown; b5: Ann
      distinctColleagueUsers: 5, // Ben, Cat, Eve, Ivy, Ann
      adoptedBots: 1, // b1: Cat, Eve, Ivy in the last 28 days
      medianDaysToFirstBot: 50, // Ann 9, Dan 19, Cat 81, Eve 86
      estimatedHoursSavedPerWeek: 6, // b1 2 + b2 1 + b5 3
    });
  });

  it('counts people in the department they belonged to at the period’s end', async () => {
    const sales = await adoptionFigures(db(), Q3, { kind: 'department', department: 'sales' });
    expect(sales).toMatchObject({ headcount: 3, builders: 1, qualified: 1, uses: 6 }); // Ann, Ben, Ivy
    const eng = await adoptionFigures(db(), Q3, { kind: 'department', department: 'Eng' });
    expect(eng).toMatchObject({ headcount: 3, builders: 3, qualified: 1, uses: 1 }); // Cat, Dan, Eve
    expect(await figuresByDepartment(db(), Q3)).toEqual([
      { department: 'Eng', headcount: 3, builders: 3, qualified: 1 },
      { department: 'Sales', headcount: 3, builders: 1, qualified: 1 },
    ]);
  });

  it('includes guests only when asked', async () => {
    const withGuests = await adoptionFigures(db(), { ...Q3, includeGuests: true }, { kind: 'company' });
    expect(withGuests.headcount).toBe(7);
  });

  it('treats a requirement of 2 approved bots and of 0 correctly', async () => {
    expect(
      (await adoptionFigures(db(), { ...Q3, requiredApprovedBots: 2 }, { kind: 'company' })).qualified,
    ).toBe(0);
    expect(
      (await adoptionFigures(db(), { ...Q3, requiredApprovedBots: 0 }, { kind: 'company' })).qualified,
    ).toBe(6);
  });

  it('computes the running period as of now', async () => {
    const q4 = { ...Q3, start: '2026-10-01', end: '2026-12-31' };
    expect(await adoptionFigures(db(), q4, { kind: 'company' })).toMatchObject({
      headcount: 6, // Ann, Ben, Cat, Eve, Hal, Ivy
      builders: 4, // Ann, Cat, Eve, Ivy (b7 in October) — Dan has left
      newBots: 1, // b7
      approvedBots: 1, // b6 on 2 October
      qualified: 1, // Eve
    });
  });

  it('computes every department and the company in one pass, equal to each scope on its own', async () => {
    const q4 = { ...Q3, start: '2026-10-01', end: '2026-12-31' };
    for (const window of [Q3, q4, { ...Q3, includeGuests: true }, { ...Q3, requiredApprovedBots: 2 }]) {
      const grouped = await adoptionFiguresByDepartment(db(), window);
      expect(grouped.company).toEqual(await adoptionFigures(db(), window, { kind: 'company' }));
      for (const d of grouped.departments) {
        expect(d.department).not.toBeNull();
        expect(d.figures).toEqual(
          await adoptionFigures(db(), window, { kind: 'department', department: d.department ?? '' }),
        );
      }
      expect(
        grouped.departments.map((d) => ({
          department: d.department,
          headcount: d.figures.headcount,
          builders: d.figures.builders,
          qualified: d.figures.qualified,
        })),
      ).toEqual(await figuresByDepartment(db(), window));
    }
    // By hand (docs/metrics.md): Sales is Ann, Ben, Ivy; Eng is Cat, Dan, Eve.
    const q3 = await adoptionFiguresByDepartment(db(), Q3);
    expect(q3.company).toMatchObject({ headcount: 6, builders: 4, uses: 7, distinctColleagueUsers: 5 });
    expect(q3.departments.map((d) => [d.department, d.figures.headcount, d.figures.uses])).toEqual([
      ['Eng', 3, 1],
      ['Sales', 3, 6],
    ]);
  });

  it('does not move a past period’s figures when someone changes team or withdraws a bot today', async () => {
    const before = await adoptionFigures(db(), Q3, { kind: 'department', department: 'Sales' });
    const beforeAll = await adoptionFigures(db(), Q3, { kind: 'company' });
    await recordOrgState(
      db(),
      suite.company.people.ann,
      { department: 'Eng', managerId: null, active: true },
      new Date('2026-11-14T00:00:00Z'),
    );
    await db()
      .update(bots)
      .set({ status: 'withdrawn', withdrawnAt: new Date('2026-11-14T00:00:00Z') })
      .where(eq(bots.id, suite.company.bots.b1));
    expect(await adoptionFigures(db(), Q3, { kind: 'department', department: 'Sales' })).toEqual(before);
    expect(await adoptionFigures(db(), Q3, { kind: 'company' })).toEqual(beforeAll);
  });
});

describe.each(DRIVERS)('person records on %s', (driver) => {
  const suite = useSuite(driver, { smallCompany: true });

  it('gives each member’s record for the period, worked out by hand', async () => {
    const rows = await personRecords(suite.db, Q3, { kind: 'company' });
    expect(rows.map((r) => [r.department, r.name])).toEqual([
      ['Eng', 'Cat'],
      ['Eng', 'Dan'],
      ['Eng', 'Eve'],
      ['Sales', 'Ann'],
      ['Sales', 'Ben'],
      ['Sales', 'Ivy'],
    ]);
    const ann = rows.find((r) => r.name === 'Ann');
    expect(ann).toEqual({
      rosterId: suite.company.people.ann,
      employeeId: null,
      slackUserId: 'UANN',
      name: 'Ann',
      email: 'ann@example.com',
      department: 'Sales',
      managerEmail: null,
      managerSlackUserId: null,
      botsSubmitted: 2, // b1, b8 (b2 was submitted in May)
      botsApproved: 1, // b1
      firstSubmittedAt: new Date('2026-07-10T12:00:00Z'),
      bestScore: 4, // b1's approval; b2's 3 was in May; b8's rejection has no score
      colleagueUses: 6, // b1: Ben ×2, Cat, Eve, Ivy, unknown
      distinctColleagueUsers: 4,
      estHoursSavedPerWeek: 3, // b1 2 + b2 1
      requirementMet: true,
      enteredBy: [], // Ann entered her own bots
      reportedUses: 0, // the fixture's bots report nothing over the usage API
      sessionsAttended: 0, // nobody in the fixture attended an AI session
    });
    expect(rows.find((r) => r.name === 'Ben')).toMatchObject({
      botsSubmitted: 0,
      requirementMet: false,
      firstSubmittedAt: null,
    });
    expect(rows.find((r) => r.name === 'Dan')).toMatchObject({
      botsApproved: 1,
      bestScore: 5,
      colleagueUses: 1,
    });
    expect(rows.find((r) => r.name === 'Eve')?.slackUserId).toBeNull();
  });

  it('gives one person’s record alone, identical to their row among everyone', async () => {
    const all = await personRecords(suite.db, Q3, { kind: 'company' });
    const [dan] = await personRecords(suite.db, Q3, {
      kind: 'employee',
      employeeId: suite.company.people.dan,
    });
    expect(dan).toEqual(all.find((r) => r.name === 'Dan'));
  });

  it('gives a list of people’s records, identical to their rows among everyone (non-members left out)', async () => {
    const all = await personRecords(suite.db, Q3, { kind: 'company' });
    const { ann, dan, fay, hal } = suite.company.people; // Fay left before Q3, Hal joined after it
    const some = await personRecords(suite.db, Q3, {
      kind: 'employees',
      ids: [dan, ann, fay, hal],
    });
    expect(some.map((r) => r.name)).toEqual(['Dan', 'Ann']); // by department (Eng, Sales), then name
    expect(some).toEqual(all.filter((r) => r.rosterId === ann || r.rosterId === dan));
    expect(await personRecords(suite.db, Q3, { kind: 'employees', ids: [] })).toEqual([]);
  });
});
