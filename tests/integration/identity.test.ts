import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { bots, employeeHistory, employees } from '../../src/db/schema.js';
import { ensureEmployee, type SlackProfile } from '../../src/domain/roster.js';
import { applySlackMember } from '../../src/domain/roster-sync.js';
import { DRIVERS } from '../helpers/db.js';
import { useSuite } from '../helpers/suite.js';

/**
 * Issue 11, part 3: one person, one record. A roster row with no Slack account yet (imported from
 * HR) is linked by email on first contact; a row already linked to another Slack account is never
 * taken over: the new account gets a row of its own, without that email, flagged for HR.
 */
describe.each(DRIVERS)('identity on %s', (driver) => {
  const NOW = new Date('2026-11-20T10:00:00.000Z');

  const suite = useSuite(driver, { app: { now: () => NOW } });
  beforeEach(async () => {
    await db().delete(bots);
    await db().delete(employeeHistory);
    await db().delete(employees);
  });

  const db = () => suite.db;
  const roster = () =>
    db()
      .select({
        slackUserId: employees.slackUserId,
        email: employees.email,
        name: employees.name,
        review: employees.identityReviewNeeded,
        activeUntil: employees.activeUntil,
      })
      .from(employees)
      .orderBy(asc(employees.id));
  const profile = (slackUserId: string, email: string, name: string): SlackProfile => ({
    slackUserId,
    name,
    email,
    timezone: null,
    title: null,
    isGuest: false,
  });
  const first = (p: SlackProfile) =>
    ensureEmployee(db(), p.slackUserId, async () => p, { ...p, email: null }, NOW);

  it('a re-used address: a new account never takes over the row linked to another account', async () => {
    const [ann] = await db()
      .insert(employees)
      .values({ name: 'Ann Old', email: 'shared@example.com', slackUserId: 'UANN', activeFrom: '2025-01-01' })
      .returning();
    if (!ann) throw new Error('not inserted');
    await db().insert(bots).values({ ownerId: ann.id, name: 'Ann’s private bot', description: 'Only Ann’s' });
    // The new account writes to the app: it must not become Ann.
    suite.app.slack.users.set('UNEW', {
      id: 'UNEW',
      name: 'new',
      real_name: 'Somebody New',
      profile: { email: 'Shared@Example.com' },
    });
    await suite.app.command('UNEW', 'submit Newcomer bot | none | Something new and useful every day');
    expect(JSON.stringify(await suite.app.nextResponse())).toContain('Newcomer bot');
    await suite.app.command('UNEW', 'list');
    const reply = JSON.stringify(await suite.app.nextResponse());
    expect(reply).toContain('Newcomer bot');
    expect(reply).not.toContain('Ann’s private bot');
    const [newcomerBot] = await db().select().from(bots).where(eq(bots.name, 'Newcomer bot'));
    expect(newcomerBot?.ownerId).not.toBe(ann.id);
    expect(await roster()).toEqual([
      { slackUserId: 'UANN', email: 'shared@example.com', name: 'Ann Old', review: false, activeUntil: null },
      { slackUserId: 'UNEW', email: null, name: 'Somebody New', review: true, activeUntil: null },
    ]);
    // The same through team_join / the sync.
    const outcome = await applySlackMember(
      db(),
      { id: 'UOTHER', real_name: 'Other Person', profile: { email: 'shared@example.com' } },
      { includeGuests: false, now: NOW },
    );
    expect(outcome).toBe('created');
    const rows = await roster();
    expect(rows[2]).toEqual({
      slackUserId: 'UOTHER',
      email: null,
      name: 'Other Person',
      review: true,
      activeUntil: null,
    });
    expect(rows[0]).toMatchObject({ slackUserId: 'UANN', name: 'Ann Old' });
  });

  it('a rehire with a new account gets a new row for HR to review; the old record stays as it was', async () => {
    await db().insert(employees).values({
      name: 'Bo Returning',
      email: 'bo@example.com',
      slackUserId: 'UBO_OLD',
      activeFrom: '2024-01-01',
      activeUntil: '2025-06-30',
    });
    const id = await first(profile('UBO_NEW', 'bo@example.com', 'Bo Returning'));
    const rows = await roster();
    expect(rows).toEqual([
      {
        slackUserId: 'UBO_OLD',
        email: 'bo@example.com',
        name: 'Bo Returning',
        review: false,
        activeUntil: '2025-06-30',
      },
      { slackUserId: 'UBO_NEW', email: null, name: 'Bo Returning', review: true, activeUntil: null },
    ]);
    const [row] = await db().select().from(employees).where(eq(employees.slackUserId, 'UBO_NEW'));
    expect(row?.id).toBe(id);
    // Asking again finds the same row (no second row, still flagged).
    expect(await first(profile('UBO_NEW', 'bo@example.com', 'Bo Returning'))).toBe(id);
    expect(await roster()).toHaveLength(2);
  });

  it('an HR row without Slack is linked by email on first contact', async () => {
    const [hr] = await db()
      .insert(employees)
      .values({ name: '王伟', email: 'wang.wei@example.com', hrEmployeeId: 'E001', orgSource: 'hr' })
      .returning();
    expect(await first(profile('UWANG', 'Wang.Wei@example.com', 'Wang Wei'))).toBe(hr?.id);
    expect(await roster()).toMatchObject([
      { slackUserId: 'UWANG', email: 'wang.wei@example.com', review: false },
    ]);
  });

  it('first contact reads the language with users.info (include_locale), also when linking an HR row', async () => {
    await db()
      .insert(employees)
      .values({ name: '陈静', email: 'chen.jing@example.com', hrEmployeeId: 'E002', orgSource: 'hr' });
    suite.app.slack.users.set('UCHEN', {
      id: 'UCHEN',
      real_name: 'Chen Jing',
      locale: 'zh-CN',
      profile: { email: 'chen.jing@example.com' },
    });
    suite.app.slack.users.set('UPAT', { id: 'UPAT', real_name: 'Pat Doe', locale: 'en-US', profile: {} });
    await suite.app.command('UCHEN', 'remind off');
    await suite.app.nextResponse();
    await suite.app.command('UPAT', 'remind off');
    await suite.app.nextResponse();

    const infoCalls = suite.app.slack
      .callsTo('users.info')
      .filter((c) => ['UCHEN', 'UPAT'].includes(String(c.args.user)));
    expect(infoCalls.map((c) => String(c.args.include_locale))).toEqual(['true', 'true']);
    const locales = await db()
      .select({ slackUserId: employees.slackUserId, name: employees.name, locale: employees.locale })
      .from(employees)
      .orderBy(asc(employees.id));
    expect(locales).toEqual([
      { slackUserId: 'UCHEN', name: '陈静', locale: 'zh-CN' },
      { slackUserId: 'UPAT', name: 'Pat Doe', locale: 'en' },
    ]);
  });

  it('two first contacts at once with one address: one links the HR row, the other gets its own flagged row', async () => {
    const [hr] = await db()
      .insert(employees)
      .values({ name: 'Chen Jie', email: 'chen@example.com', hrEmployeeId: 'E004', orgSource: 'hr' })
      .returning();
    for (let round = 0; round < 3; round++) {
      if (round > 0) {
        await db().delete(employeeHistory);
        await db().delete(employees).where(eq(employees.identityReviewNeeded, true));
        await db().update(employees).set({ slackUserId: null });
      }
      // Both drivers of first contact at once: a command (ensureEmployee) and an event (applySlackMember).
      const [viaCommand] = await Promise.all([
        first(profile('UCHEN_A', 'chen@example.com', 'Chen A')),
        applySlackMember(
          db(),
          { id: 'UCHEN_B', real_name: 'Chen B', profile: { email: 'chen@example.com' } },
          { includeGuests: false, now: NOW },
        ),
        first(profile('UCHEN_C', 'CHEN@example.com', 'Chen C')),
      ]);
      const rows = await db().select().from(employees).orderBy(asc(employees.id));
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((r) => r.slackUserId))).toEqual(new Set(['UCHEN_A', 'UCHEN_B', 'UCHEN_C']));
      const linked = rows.filter((r) => r.id === hr?.id);
      expect(linked).toHaveLength(1);
      expect(linked[0]).toMatchObject({ email: 'chen@example.com', identityReviewNeeded: false });
      const others = rows.filter((r) => r.id !== hr?.id);
      for (const other of others) expect(other).toMatchObject({ email: null, identityReviewNeeded: true });
      expect(typeof viaCommand).toBe('number');
    }
  });

  it('the same account twice at once is one row', async () => {
    const p = profile('USAME', 'same@example.com', 'Same Person');
    const ids = await Promise.all([first(p), first(p), first(p)]);
    expect(new Set(ids).size).toBe(1);
    expect(await roster()).toEqual([
      {
        slackUserId: 'USAME',
        email: 'same@example.com',
        name: 'Same Person',
        review: false,
        activeUntil: null,
      },
    ]);
  });
});
