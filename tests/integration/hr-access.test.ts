import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema.js';
import { seedSmallCompany } from '../fixtures/small-company.js';
import { createTestDatabase, DRIVERS } from '../helpers/db.js';
import { startTestApp } from '../helpers/harness.js';
import { useSuite } from '../helpers/suite.js';

const NOW = new Date('2026-11-15T09:00:00Z');
const REFUSED = 'is for the People team';
const UNAVAILABLE = "can't check your access";

/** Every `/adoption` subcommand, as typed (mentions arrive escaped: should_escape is true). */
const SUBCOMMANDS: Array<{ text: string; answer: string }> = [
  { text: 'help', answer: '/adoption stats' },
  { text: 'stats 2026-Q3', answer: 'Headcount' },
  { text: 'person <@UANN|ann> 2026-Q3', answer: 'Requirement met' },
  { text: 'lagging 2026-Q3', answer: 'have not met the requirement' },
  { text: 'export 2026-Q3', answer: 'is in your direct messages' },
  { text: 'period list', answer: 'review period' },
  { text: 'period create FY26 H2 2026-07-01..2026-12-31 require=1', answer: 'FY26 H2' },
  { text: 'digest preview', answer: 'Preview, only you see this' },
  { text: 'digest send', answer: 's digest (2026-W46)' },
];

/**
 * The access matrix: an employee and a reviewer (AI champion) are refused every subcommand and
 * audited; HR by user id and HR by user group get every one. Through the real Bolt receiver.
 */
describe.each(DRIVERS)('/adoption access on %s', (driver) => {
  const suite = useSuite(driver, {
    smallCompany: true,
    app: {
      env: {
        HR_USER_IDS: 'UHRBOSS',
        HR_USERGROUP_ID: 'S0PEOPLE',
        REVIEWER_USER_IDS: 'UCHAMP',
        DIGEST_CHANNEL: 'C0DIGEST',
      },
      now: () => NOW,
    },
  });
  beforeAll(async () => {
    suite.app.slack.usergroups.set('S0PEOPLE', ['UHRGROUP', 'USOMEONE']);
    suite.app.slack.on('conversations.open', (args) => ({
      ok: true,
      channel: { id: `D${String(args.users)}` },
    }));
  });

  const ask = async (user: string, text: string) => {
    const ack = await suite.app.command(user, text, { command: '/adoption' });
    expect(ack.status).toBe(200);
    return JSON.stringify(await suite.app.nextResponse());
  };
  const auditOf = (user: string) =>
    suite.db.select().from(auditLog).where(eq(auditLog.actorSlackUserId, user)).orderBy(auditLog.id);

  for (const user of ['UANN', 'UCHAMP']) {
    it(`refuses ${user === 'UANN' ? 'an employee' : 'a reviewer'} every subcommand, and audits each attempt`, async () => {
      for (const { text, answer } of SUBCOMMANDS) {
        const reply = await ask(user, text);
        expect(reply, text).toContain(REFUSED);
        expect(reply, text).not.toContain(answer);
      }
      const rows = await auditOf(user);
      expect(rows.map((r) => [r.action, r.via, r.subjectEmployeeId, r.detail])).toEqual(
        SUBCOMMANDS.map(({ text }) => [
          'hr_command_refused',
          'command',
          null,
          { text: text.replace('<@UANN|ann>', '<@UANN>') },
        ]),
      );
      expect(suite.app.slack.uploads.size).toBe(0);
      expect(suite.app.slack.callsTo('chat.postMessage')).toHaveLength(0);
    });
  }

  for (const user of ['UHRBOSS', 'UHRGROUP']) {
    it(`answers HR ${user === 'UHRBOSS' ? 'by user id' : 'by user group'} on every subcommand, auditing person-level looks`, async () => {
      const uploadsBefore = suite.app.slack.uploads.size;
      for (const { text, answer } of SUBCOMMANDS) {
        const reply = await ask(user, text.replace('FY26 H2', `FY26 H2 ${user}`));
        expect(reply, text).not.toContain(REFUSED);
        expect(reply, text).toContain(answer);
      }
      expect(suite.app.slack.uploads.size).toBe(uploadsBefore + 1);
      const rows = await auditOf(user);
      const actions = rows.map((r) => r.action);
      expect(actions.filter((a) => a === 'person_viewed')).toHaveLength(1);
      expect(rows.find((r) => r.action === 'person_viewed')).toMatchObject({
        via: 'command',
        subjectEmployeeId: expect.any(Number),
        detail: { period: '2026-Q3' },
      });
      // Q3 lagging: Ben, Cat, Eve, Ivy (Ann and Dan qualified): one row per person shown.
      expect(actions.filter((a) => a === 'lagging_viewed')).toHaveLength(4);
      expect(rows.find((r) => r.action === 'export_sent')?.detail).toEqual({
        period: '2026-Q3',
        rows: 6,
        filename: 'adoption-2026-Q3-2026-11-15.csv',
      });
      expect(actions).not.toContain('hr_command_refused');
      expect(actions.filter((a) => a === 'digest_send')).toHaveLength(1);
      // Aggregates, periods and the digest preview are not person-level: not audited.
      expect(actions).toHaveLength(7);
    });
  }
});

describe('/adoption when the HR user group cannot be read', () => {
  it('keeps a member in within the cache, then fails closed without calling anyone non-HR', async () => {
    const testDb = await createTestDatabase('pglite');
    await seedSmallCompany(testDb.database.db);
    const app = await startTestApp(testDb.database, {
      env: { HR_USER_IDS: 'UHRBOSS', HR_USERGROUP_ID: 'S0PEOPLE', HR_ACCESS_CACHE_SECONDS: '300' },
      now: () => NOW,
    });
    const ask = async (user: string, text: string) => {
      await app.command(user, text, { command: '/adoption' });
      return JSON.stringify(await app.nextResponse());
    };
    try {
      app.slack.usergroups.set('S0PEOPLE', ['UHRGROUP']);
      expect(await ask('UHRGROUP', 'period list')).toContain('No review periods yet');
      expect(await ask('UANN', 'period list')).toContain(REFUSED);
      // One read of the group for both checks: it is cached.
      expect(app.slack.callsTo('usergroups.users.list')).toHaveLength(1);
      app.slack.on('usergroups.users.list', () => ({ ok: false, error: 'internal_error' }));
      expect(await ask('UHRGROUP', 'period list')).toContain('No review periods yet');
    } finally {
      await app.stop();
      await testDb.destroy();
    }

    const again = await createTestDatabase('pglite');
    const strict = await startTestApp(again.database, {
      env: { HR_USER_IDS: 'UHRBOSS', HR_USERGROUP_ID: 'S0PEOPLE', HR_ACCESS_CACHE_SECONDS: '0' },
      now: () => NOW,
    });
    const askStrict = async (user: string, text: string) => {
      await strict.command(user, text, { command: '/adoption' });
      return JSON.stringify(await strict.nextResponse());
    };
    try {
      strict.slack.usergroups.set('S0PEOPLE', ['UHRGROUP']);
      expect(await askStrict('UHRGROUP', 'period list')).toContain('No review periods yet');
      strict.slack.on('usergroups.users.list', () => ({ ok: false, error: 'internal_error' }));
      // The cached membership has expired (TTL 0): a member is not let in on stale data…
      const member = await askStrict('UHRGROUP', 'period list');
      expect(member).toContain(UNAVAILABLE);
      expect(member).not.toContain('No review periods');
      // …and a non-member is not recorded as refused: the check could not be made.
      expect(await askStrict('UANN', 'stats')).toContain(UNAVAILABLE);
      // HR_USER_IDS needs no lookup.
      expect(await askStrict('UHRBOSS', 'period list')).toContain('No review periods yet');
      const rows = await again.database.db.select().from(auditLog).orderBy(auditLog.id);
      expect(rows.map((r) => [r.actorSlackUserId, r.action])).toEqual([
        ['UHRGROUP', 'hr_access_unchecked'],
        ['UANN', 'hr_access_unchecked'],
      ]);
    } finally {
      await strict.stop();
      await again.destroy();
    }
  });
});
