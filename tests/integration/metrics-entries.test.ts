import { beforeAll, describe, expect, it } from 'vitest';
import { newBotsBetween, reviewBacklog } from '../../src/db/queries/digest.js';
import { recordOrgState } from '../../src/db/queries/employee-history.js';
import { adoptionFigures, adoptionFiguresByDepartment, personRecords } from '../../src/db/queries/metrics.js';
import { bots, employees, reviews } from '../../src/db/schema.js';
import { DRIVERS } from '../helpers/db.js';
import { useSuite } from '../helpers/suite.js';

/**
 * Entries made for someone else count only once confirmed (issue 14), in every figure: the SQL of
 * src/db/queries/metrics.ts, read by stats, snapshots, the export and `/bot me`.
 * Q4 2026, as of 2026-11-20. Dept Ops: Mia (manager, on Slack), Ron (on Slack), Sol (no Slack).
 *  - r1: entered by Mia for Ron, pending              → never counts
 *  - r2: entered by Mia for Ron, declined (withdrawn) → never counts
 *  - r3: entered by Mia for Ron, confirmed and approved → counts (Ron: 1 submitted, 1 approved)
 *  - s1: entered by Mia for Sol (no Slack, nothing to confirm), approved → counts
 * So: headcount 3, builders 2 (Ron, Sol), qualified 2, new bots 2, approved 2, pending reviews 0.
 */
const WINDOW = {
  start: '2026-10-01',
  end: '2026-12-31',
  timezone: 'UTC',
  now: new Date('2026-11-20T12:00:00Z'),
  requiredApprovedBots: 1,
  includeGuests: false,
};

describe.each(DRIVERS)('metrics of entries for others on %s', (driver) => {
  const ids: Record<string, number> = {};

  const suite = useSuite(driver);
  beforeAll(async () => {
    const db = suite.db;
    for (const [name, slack] of [
      ['Mia', 'UMIA'],
      ['Ron', 'URON'],
      ['Sol', null],
    ] as const) {
      const [row] = await db
        .insert(employees)
        .values({
          name,
          email: `${name.toLowerCase()}@example.com`,
          slackUserId: slack,
          department: 'Ops',
          activeFrom: '2025-01-01',
        })
        .returning();
      if (!row) throw new Error('insert failed');
      ids[name] = row.id;
      await recordOrgState(
        db,
        row.id,
        { department: 'Ops', managerId: null, active: true },
        new Date('2025-01-01T00:00:00Z'),
      );
    }
    const entry = async (
      owner: number | undefined,
      name: string,
      ownerConfirmation: 'pending' | 'confirmed' | 'declined' | null,
      approved: boolean,
    ) => {
      const [row] = await db
        .insert(bots)
        .values({
          ownerId: owner ?? -1,
          enteredById: ids.Mia,
          ownerConfirmation,
          name,
          description: `${name} does useful things`,
          status: ownerConfirmation === 'declined' ? 'withdrawn' : approved ? 'approved' : 'submitted',
          submittedAt: new Date('2026-11-02T10:00:00Z'),
          withdrawnAt: ownerConfirmation === 'declined' ? new Date('2026-11-03T10:00:00Z') : null,
        })
        .returning();
      if (!row) throw new Error('insert failed');
      if (approved)
        await db.insert(reviews).values({
          botId: row.id,
          reviewerId: ids.Mia ?? -1,
          decision: 'approved',
          score: 3,
          decidedAt: new Date('2026-11-05T10:00:00Z'),
        });
    };
    await entry(ids.Ron, 'r1 pending', 'pending', false);
    await entry(ids.Ron, 'r2 declined', 'declined', false);
    await entry(ids.Ron, 'r3 confirmed', 'confirmed', true);
    await entry(ids.Sol, 's1 no slack', null, true);
  });

  it('counts confirmed entries and entries for people without Slack, never pending or declined ones', async () => {
    const expected = {
      headcount: 3,
      builders: 2,
      qualified: 2,
      newBots: 2,
      approvedBots: 2,
      pendingReviews: 0,
    };
    expect(await adoptionFigures(suite.db, WINDOW, { kind: 'company' })).toMatchObject(expected);
    // The snapshot refresh's one-pass statement agrees.
    const { company, departments } = await adoptionFiguresByDepartment(suite.db, WINDOW);
    expect(company).toMatchObject(expected);
    expect(departments[0]?.figures).toMatchObject(expected);
  });

  it('gives each person’s record (the export row) with who entered their bots', async () => {
    const records = await personRecords(suite.db, WINDOW, { kind: 'company' });
    const byName = new Map(records.map((r) => [r.name, r]));
    expect(byName.get('Ron')).toMatchObject({
      botsSubmitted: 1,
      botsApproved: 1,
      requirementMet: true,
      enteredBy: [{ name: 'Mia', email: 'mia@example.com' }],
    });
    expect(byName.get('Sol')).toMatchObject({
      botsSubmitted: 1,
      botsApproved: 1,
      enteredBy: [{ name: 'Mia' }],
    });
    expect(byName.get('Mia')).toMatchObject({ botsSubmitted: 0, enteredBy: [] });
  });

  it('leaves an entry waiting for its owner out of the digest’s new bots and the review backlog', async () => {
    const asOf = WINDOW.now;
    const fresh = await newBotsBetween(suite.db, {
      since: new Date('2026-10-01T00:00:00Z'),
      asOf,
      limit: 10,
    });
    expect(fresh.bots.map((b) => b.name).sort()).toEqual(['r3 confirmed', 's1 no slack']);
    expect(fresh.total).toBe(2);
    expect(await reviewBacklog(suite.db, { asOf, olderThan: asOf })).toMatchObject({ waiting: 0 });
  });
});
