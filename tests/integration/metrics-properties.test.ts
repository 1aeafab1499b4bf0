import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../src/db/client.js';
import { recordOrgState } from '../../src/db/queries/employee-history.js';
import {
  adoptionFigures,
  adoptionFiguresByDepartment,
  figuresByDepartment,
  type MetricsWindow,
} from '../../src/db/queries/metrics.js';
import { bots, employees, reviews, usageEvents } from '../../src/db/schema.js';
import { DRIVERS, type TestDatabase } from '../helpers/db.js';
import { useSuite } from '../helpers/suite.js';

/**
 * Properties of the metrics on random small companies: rates stay within 0–100%, departments
 * add up to the company, and a withdrawn bot counts exactly like a bot that never existed.
 * Each case runs in a transaction that is rolled back.
 */
const WINDOW: MetricsWindow = {
  start: '2026-07-01',
  end: '2026-09-30',
  timezone: 'UTC',
  now: new Date('2026-11-15T00:00:00Z'),
  requiredApprovedBots: 1,
  includeGuests: false,
};
const DEPARTMENTS = ['Sales', '研发中心', 'Ops'];
// Days relative to 2026-07-01, from well before the period to after it.
const day = fc.integer({ min: -200, max: 150 });
const toDate = (offset: number) => new Date(Date.UTC(2026, 6, 1 + offset, 10));
const toIsoDay = (offset: number) => toDate(offset).toISOString().slice(0, 10);

const company = fc.record({
  people: fc.array(
    fc.record({
      department: fc.constantFrom(...DEPARTMENTS),
      movedTo: fc.option(fc.record({ department: fc.constantFrom(...DEPARTMENTS), on: day }), { nil: null }),
      hired: day,
      leftAfter: fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
      guest: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  bots: fc.array(
    fc.record({
      owner: fc.nat(),
      submitted: day,
      withdrawnAfter: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
      decision: fc.option(fc.record({ after: fc.integer({ min: 0, max: 30 }), approved: fc.boolean() }), {
        nil: null,
      }),
      hours: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    }),
    { maxLength: 15 },
  ),
  uses: fc.array(fc.record({ bot: fc.nat(), user: fc.option(fc.nat(), { nil: null }), on: day }), {
    maxLength: 30,
  }),
});
type Company = typeof company extends fc.Arbitrary<infer T> ? T : never;

async function insertCompany(tx: Tx, c: Company): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, p] of c.people.entries()) {
    const [row] = await tx
      .insert(employees)
      .values({
        name: `P${i}`,
        department: p.movedTo?.department ?? p.department,
        activeFrom: toIsoDay(p.hired),
        activeUntil: p.leftAfter === null ? null : toIsoDay(p.hired + p.leftAfter),
        isGuest: p.guest,
      })
      .returning({ id: employees.id });
    if (!row) throw new Error('insert failed');
    ids.push(row.id);
    await recordOrgState(
      tx,
      row.id,
      { department: p.department, managerId: null, active: true },
      toDate(-400),
    );
    if (p.movedTo)
      await recordOrgState(
        tx,
        row.id,
        { department: p.movedTo.department, managerId: null, active: true },
        toDate(p.movedTo.on),
      );
  }
  const botIds: number[] = [];
  for (const [i, b] of c.bots.entries()) {
    const owner = ids[b.owner % ids.length] ?? 0;
    const [row] = await tx
      .insert(bots)
      .values({
        ownerId: owner,
        name: `Bot ${i}`,
        description: 'A generated bot for properties',
        submittedAt: toDate(b.submitted),
        withdrawnAt: b.withdrawnAfter === null ? null : toDate(b.submitted + b.withdrawnAfter),
        status: b.withdrawnAfter === null ? 'submitted' : 'withdrawn',
        hoursSavedPerWeek: b.hours,
      })
      .returning({ id: bots.id });
    if (!row) throw new Error('insert failed');
    botIds.push(row.id);
    if (b.decision) {
      await tx.insert(reviews).values({
        botId: row.id,
        reviewerId: owner,
        decision: b.decision.approved ? 'approved' : 'rejected',
        score: b.decision.approved ? 3 : null,
        decidedAt: toDate(b.submitted + b.decision.after),
      });
    }
  }
  for (const u of c.uses) {
    const botId = botIds[u.bot % Math.max(botIds.length, 1)];
    if (botId === undefined) continue;
    await tx.insert(usageEvents).values({
      botId,
      userId: u.user === null ? null : (ids[u.user % ids.length] ?? null),
      source: 'slash',
      occurredAt: toDate(u.on),
    });
  }
  return botIds;
}

class Rollback extends Error {}

async function inRolledBackTransaction(db: TestDatabase['database']['db'], work: (tx: Tx) => Promise<void>) {
  await db
    .transaction(async (tx) => {
      await work(tx);
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

describe.each(DRIVERS)('metric properties on %s', (driver) => {
  const suite = useSuite(driver);

  it('keeps rates within 0–100% and makes departments add up to the company', async () => {
    await fc.assert(
      fc.asyncProperty(company, async (c) => {
        await inRolledBackTransaction(suite.db, async (tx) => {
          await insertCompany(tx, c);
          const all = await adoptionFigures(tx, WINDOW, { kind: 'company' });
          expect(all.builders).toBeLessThanOrEqual(all.headcount);
          expect(all.qualified).toBeLessThanOrEqual(all.headcount);
          expect(all.qualified).toBeLessThanOrEqual(all.builders);
          const departments = await figuresByDepartment(tx, WINDOW);
          const sum = (key: 'headcount' | 'builders' | 'qualified') =>
            departments.reduce((n, d) => n + d[key], 0);
          expect([sum('headcount'), sum('builders'), sum('qualified')]).toEqual([
            all.headcount,
            all.builders,
            all.qualified,
          ]);
          let uses = 0;
          for (const d of departments) {
            if (d.department === null) continue;
            uses += (await adoptionFigures(tx, WINDOW, { kind: 'department', department: d.department }))
              .uses;
          }
          expect(uses).toBe(all.uses);
        });
      }),
      { numRuns: 20 },
    );
  });

  it('gives, in one pass, the same figures as each scope computed on its own', async () => {
    const running: MetricsWindow = { ...WINDOW, end: '2026-12-31', now: new Date('2026-08-20T15:00:00Z') };
    await fc.assert(
      fc.asyncProperty(company, fc.constantFrom(WINDOW, running), async (c, window) => {
        await inRolledBackTransaction(suite.db, async (tx) => {
          await insertCompany(tx, c);
          const grouped = await adoptionFiguresByDepartment(tx, window);
          expect(grouped.company).toEqual(await adoptionFigures(tx, window, { kind: 'company' }));
          const byName = await figuresByDepartment(tx, window);
          expect(grouped.departments.map((d) => d.department)).toEqual(byName.map((d) => d.department));
          for (const d of grouped.departments) {
            if (d.department === null) continue;
            expect(d.figures).toEqual(
              await adoptionFigures(tx, window, { kind: 'department', department: d.department }),
            );
          }
        });
      }),
      { numRuns: 20 },
    );
  });

  it('counts a bot withdrawn before the period’s end exactly like one that never existed', async () => {
    await fc.assert(
      fc.asyncProperty(company, fc.nat(), async (c, pick) => {
        fc.pre(c.bots.length > 0);
        await inRolledBackTransaction(suite.db, async (tx) => {
          const botIds = await insertCompany(tx, c);
          const botId = botIds[pick % botIds.length] ?? 0;
          await tx
            .update(bots)
            .set({ status: 'withdrawn', withdrawnAt: toDate(-300) })
            .where(eq(bots.id, botId));
          const withdrawn = await adoptionFigures(tx, WINDOW, { kind: 'company' });
          await tx.delete(usageEvents).where(eq(usageEvents.botId, botId));
          await tx.delete(reviews).where(eq(reviews.botId, botId));
          await tx.delete(bots).where(eq(bots.id, botId));
          expect(await adoptionFigures(tx, WINDOW, { kind: 'company' })).toEqual(withdrawn);
        });
      }),
      { numRuns: 20 },
    );
  });
});
