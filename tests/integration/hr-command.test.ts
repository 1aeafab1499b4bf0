import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { adoptionSnapshots, auditLog, reviewPeriods, usageEvents } from '../../src/db/schema.js';
import { run as refreshStats } from '../../src/jobs/snapshot-refresh.js';
import { at, seedSmallCompany } from '../fixtures/small-company.js';
import { createTestDatabase, DRIVERS } from '../helpers/db.js';
import { startTestApp } from '../helpers/harness.js';
import { useSuite } from '../helpers/suite.js';

const NOW = new Date('2026-11-15T09:00:00Z');

/** `/adoption` for HR: access, review periods and stats on the hand-computed small company. */
describe.each(DRIVERS)('/adoption on %s', (driver) => {
  const suite = useSuite(driver, {
    smallCompany: true,
    app: {
      env: { HR_USER_IDS: 'UHRBOSS', MIN_GROUP_SIZE: '3' },
      now: () => NOW,
    },
  });

  const hr = async (text: string, user = 'UHRBOSS') => {
    const ack = await suite.app.command(user, text, { command: '/adoption' });
    expect(ack.status).toBe(200);
    return JSON.stringify(await suite.app.nextResponse());
  };

  it('refuses everyone else politely and audits the attempt', async () => {
    const reply = await hr('stats', 'UANN');
    expect(reply).toContain('is for the People team');
    expect(reply).not.toContain('Headcount');
    const rows = await suite.db.select().from(auditLog);
    expect(rows).toEqual([
      expect.objectContaining({
        actorSlackUserId: 'UANN',
        action: 'hr_command_refused',
        via: 'command',
        detail: { text: 'stats' },
      }),
    ]);
  });

  it('answers help and unknown subcommands with usage', async () => {
    expect(await hr('help')).toContain('/adoption stats');
    expect(await hr('frobnicate')).toContain('I don');
  });

  it('shows company stats for a period with the change from the one before', async () => {
    const reply = await hr('stats 2026-Q3');
    expect(reply).toContain('*Whole company* · 2026-Q3 (2026-07-01 – 2026-09-30)');
    expect(reply).toContain('*Headcount*\\n6');
    expect(reply).toContain('*Builders*\\n4 · 67%');
    expect(reply).toContain('*Qualified*\\n2 · 33%');
    expect(reply).toContain('*Uses by colleagues*\\n7 by 5 people');
    expect(reply).toContain('*Median time to first bot*\\n50 days');
    expect(reply).toContain('compared with 2026-Q2');
  });

  it('shows one department, named in any case, counted as of the period’s end', async () => {
    const reply = await hr('stats sales 2026-Q3');
    expect(reply).toContain('*sales* · 2026-Q3');
    expect(reply).toContain('*Headcount*\\n3');
    expect(reply).toContain('*Builders*\\n1 · 33%');
  });

  it('says which departments exist when one is unknown', async () => {
    const reply = await hr('stats Marketing 2026-Q3');
    expect(reply).toContain('No one is in a department called \\"Marketing\\"');
    expect(reply).toMatch(/Departments: .*Eng/);
  });

  it('explains a malformed period', async () => {
    expect(await hr('stats 2026-13')).toContain('2026-13 has no month 13');
  });

  it('creates and lists review periods, and uses the current one by default', async () => {
    expect(await hr('period create FY26 H2 2026-07-01..2026-12-31 require=2')).toContain(
      'Created review period *FY26 H2*',
    );
    expect(await hr('period create fy26 h2 2026-07-01..2026-12-31')).toContain('already exists');
    expect(await hr('period create Broken 2026-12-31..2026-01-01')).toContain(
      'ends (2026-01-01) before it starts',
    );
    expect(await suite.db.select().from(reviewPeriods)).toHaveLength(1);
    const list = await hr('period list');
    expect(list).toContain('*FY26 H2* 2026-07-01 – 2026-12-31 · requires 2 approved bots · _current_');
    const current = await hr('stats');
    expect(current).toContain('FY26 H2 (2026-07-01 – 2026-12-31)');
    expect(current).toContain('≥ 2 approved bots');
    expect(await hr('stats Eng FY26 H2')).toContain('*Eng* · FY26 H2');
  });
});

describe.each(DRIVERS)('/adoption stats from snapshots on %s', (driver) => {
  let clock = NOW;
  const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

  const suite = useSuite(driver, {
    smallCompany: true,
    app: {
      env: { HR_USER_IDS: 'UHRBOSS', MIN_GROUP_SIZE: '2', STATS_REFRESH_MINUTES: '10' },
      now: () => clock,
    },
  });

  const stats = async (text: string, when: Date) => {
    clock = when;
    const ack = await suite.app.command('UHRBOSS', text, { command: '/adoption' });
    expect(ack.status).toBe(200);
    return JSON.stringify(await suite.app.nextResponse());
  };
  const refresh = (when: Date) =>
    refreshStats({
      db: suite.db,
      timezone: 'UTC',
      includeGuests: false,
      logger: pino({ level: 'silent' }),
      now: () => when,
    });

  it('computes live on a new install, then serves the stored snapshot and says how old it is', async () => {
    const first = await stats('stats', NOW);
    expect(first).toContain('*Whole company* · 2026-Q4');
    expect(first).toContain('*Uses by colleagues*\\n0 by 0 people');
    expect(first).toContain('As of 09:00 UTC, 15 Nov: computed live.');

    // A use recorded now shows only once the figures are recomputed.
    await suite.db.insert(usageEvents).values({
      botId: suite.company.bots.b1,
      userId: suite.company.people.cat,
      source: 'slash',
      occurredAt: at('2026-11-14'),
    });
    const cached = await stats('stats', later(5));
    expect(cached).toContain('*Uses by colleagues*\\n0 by 0 people');
    expect(cached).toContain('As of 09:00 UTC, 15 Nov: a snapshot, refreshed every 10 minutes.');
    expect(cached).not.toContain('computed live');

    await refresh(later(10));
    const refreshed = await stats('stats', later(12));
    expect(refreshed).toContain('*Uses by colleagues*\\n1 by 1 people');
    expect(refreshed).toContain('As of 09:10 UTC, 15 Nov: a snapshot, refreshed every 10 minutes.');
    expect(await stats('stats sales', later(13))).toContain('As of 09:10 UTC, 15 Nov: a snapshot');

    // No refresh for 21 minutes: too stale to show, so computed live again.
    expect(await stats('stats', later(31))).toContain('As of 09:31 UTC, 15 Nov: computed live.');
  });

  it('computes a period the schedule does not refresh on first request and says so when it reuses it', async () => {
    const first = await stats('stats Eng 2026-Q1', later(40));
    expect(first).toContain('*Eng* · 2026-Q1');
    expect(first).toContain('As of 09:40 UTC, 15 Nov: computed live.');
    const again = await stats('stats Eng 2026-Q1', later(45));
    expect(again).toContain('As of 09:40 UTC, 15 Nov: a snapshot, computed on an earlier request.');
  });

  it('names both times when the two periods were computed at different moments', async () => {
    await suite.db.delete(adoptionSnapshots);
    await stats('stats 2026-Q2', later(50)); // stores Q2 (and Q1) at 09:50
    const reply = await stats('stats 2026-Q3', later(55)); // Q3 live at 09:55, Q2 from the snapshot
    expect(reply).toContain(
      'As of 09:55 UTC, 15 Nov: computed live. 2026-Q2 as of 09:50 UTC, 15 Nov (a snapshot).',
    );
  });
});

describe('/adoption stats with STATS_REFRESH_MINUTES=0', () => {
  it('always computes live and stores no snapshot', async () => {
    const testDb = await createTestDatabase('pglite');
    await seedSmallCompany(testDb.database.db);
    const app = await startTestApp(testDb.database, {
      env: { HR_USER_IDS: 'UHRBOSS', MIN_GROUP_SIZE: '2', STATS_REFRESH_MINUTES: '0' },
      now: () => NOW,
    });
    try {
      for (let i = 0; i < 2; i++) {
        await app.command('UHRBOSS', 'stats 2026-Q3', { command: '/adoption' });
        const reply = JSON.stringify(await app.nextResponse());
        expect(reply).toContain('*Headcount*\\n6');
        expect(reply).toContain('As of 09:00 UTC, 15 Nov: computed live.');
      }
      expect(await testDb.database.db.select().from(adoptionSnapshots)).toEqual([]);
    } finally {
      await app.stop();
      await testDb.destroy();
    }
  });
});

describe('/adoption with the default MIN_GROUP_SIZE', () => {
  it('shows a department smaller than 5 as "fewer than 5"', async () => {
    const testDb = await createTestDatabase('pglite');
    await seedSmallCompany(testDb.database.db);
    const app = await startTestApp(testDb.database, { env: { HR_USER_IDS: 'UHRBOSS' }, now: () => NOW });
    try {
      await app.command('UHRBOSS', 'stats Sales 2026-Q3', { command: '/adoption' });
      const reply = JSON.stringify(await app.nextResponse());
      expect(reply).toContain('fewer than 5');
      expect(reply).not.toContain('Builders');
    } finally {
      await app.stop();
      await testDb.destroy();
    }
  });
});

describe.each(DRIVERS)('/bot me on %s', (driver) => {
  it('shows an employee their own record, the same row HR exports', async () => {
    const testDb = await createTestDatabase(driver);
    await seedSmallCompany(testDb.database.db);
    const app = await startTestApp(testDb.database, { now: () => NOW });
    try {
      await app.command('UANN', 'me 2026-Q3');
      const ann = JSON.stringify(await app.nextResponse());
      expect(ann).toContain('*Your record for 2026-Q3* (2026-07-01 – 2026-09-30)');
      expect(ann).toContain('Requirement met: 1 approved bot, 1 needed.');
      expect(ann).toContain('*Bots submitted*\\n2');
      expect(ann).toContain('*Best review score*\\n4 / 5');
      expect(ann).toContain('*Uses by colleagues*\\n6 by 4 people');
      expect(ann).toContain('*Est. hours saved / week*\\n3');

      await app.command('UBEN', 'me');
      const ben = JSON.stringify(await app.nextResponse());
      expect(ben).toContain('*Your record for 2026-Q4* (2026-10-01 – 2026-12-31)');
      expect(ben).toContain('Not yet: 1 more approved bot needed by 2026-12-31 (46 days left)');

      await app.command('UNOBODY', 'me');
      expect(JSON.stringify(await app.nextResponse())).toContain('You are not counted in this period');
    } finally {
      await app.stop();
      await testDb.destroy();
    }
  });
});
