import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bots, employees, reportedUses, usageEvents } from '../../src/db/schema.js';
import { recordSlackUse } from '../../src/domain/usage.js';
import { DRIVERS } from '../helpers/db.js';
import { useSuite } from '../helpers/suite.js';

/** `/bot use`, `/bot token` and `/bot remind` end to end, on every driver, with a controlled clock. */
describe.each(DRIVERS)('/bot use, token and remind on %s', (driver) => {
  const START = new Date('2026-11-20T10:00:00.000Z');
  let clock = START;

  const suite = useSuite(driver, { app: { now: () => clock } });
  beforeAll(async () => {
    suite.app.slack.users.set('UALICE', {
      id: 'UALICE',
      name: 'alice',
      real_name: 'Alice Wang',
      profile: { email: 'alice@example.com' },
    });
    suite.app.slack.users.set('UBOB', {
      id: 'UBOB',
      name: 'bob',
      real_name: '李明',
      profile: { email: 'li.ming@example.com' },
    });
  });
  beforeEach(async () => {
    clock = START;
    await db().delete(usageEvents);
    await db().delete(bots);
  });

  const db = () => suite.db;
  const shown = (message: unknown) => JSON.stringify(message);
  const run = async (user: string, text: string) => {
    const ack = await suite.app.command(user, text);
    expect(ack.status).toBe(200);
    return suite.app.nextResponse();
  };
  const submit = async (user: string, name: string) => {
    await run(user, `submit ${name} | none | Does something useful daily`);
    const [bot] = await db().select().from(bots).where(eq(bots.name, name));
    if (!bot) throw new Error(`bot ${name} was not stored`);
    return bot;
  };
  const employeeId = async (slackUserId: string) => {
    const [row] = await db().select().from(employees).where(eq(employees.slackUserId, slackUserId));
    if (!row) throw new Error(`${slackUserId} is not on the roster`);
    return row.id;
  };
  const usesOf = (botId: number) =>
    db().select().from(usageEvents).where(eq(usageEvents.botId, botId)).orderBy(usageEvents.id);
  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  describe('use', () => {
    it('records a colleague’s use with source slash and thanks them, naming the bot and its owner', async () => {
      const bot = await submit('UALICE', 'Weekly report helper');
      const reply = await run('UBOB', `use #${bot.id}`);
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toBe(
        `Thanks — recorded that you used #${bot.id} Weekly report helper (by Alice Wang).`,
      );
      const uses = await usesOf(bot.id);
      expect(uses).toHaveLength(1);
      expect(uses[0]).toMatchObject({ userId: await employeeId('UBOB'), source: 'slash' });
      expect(uses[0]?.occurredAt.toISOString()).toBe(START.toISOString());
    });

    it('adds a first-time user to the roster from their Slack profile', async () => {
      const bot = await submit('UALICE', 'Roster on use');
      suite.app.slack.users.set('UCAROL', {
        id: 'UCAROL',
        name: 'carol',
        real_name: 'Carol Diaz',
        profile: { email: 'carol@example.com' },
      });
      await run('UCAROL', `use ${bot.id}`);
      const [carol] = await db().select().from(employees).where(eq(employees.slackUserId, 'UCAROL'));
      expect(carol).toMatchObject({ name: 'Carol Diaz', email: 'carol@example.com' });
      expect((await usesOf(bot.id))[0]?.userId).toBe(carol?.id);
    });

    it('politely refuses the owner’s own bot, storing nothing', async () => {
      const bot = await submit('UALICE', 'My own helper');
      const reply = await run('UALICE', `use #${bot.id}`);
      expect(shown(reply)).toContain('is your own bot, so nothing was recorded');
      expect(await usesOf(bot.id)).toHaveLength(0);
    });

    it('counts repeated presses within a minute once, and a press 61 s later again', async () => {
      const bot = await submit('UALICE', 'Pressed often');
      await run('UBOB', `use ${bot.id}`);
      later(30_000);
      const again = await run('UBOB', `use ${bot.id}`);
      expect(shown(again)).toContain('Already counted');
      later(31_000); // 61 s after the recorded press
      expect(shown(await run('UBOB', `use ${bot.id}`))).toContain('Thanks — recorded');
      const uses = await usesOf(bot.id);
      expect(uses.map((u) => u.occurredAt.toISOString())).toEqual([
        '2026-11-20T10:00:00.000Z',
        '2026-11-20T10:01:01.000Z',
      ]);
    });

    it('counts two presses that arrive at the same moment once', async () => {
      const bot = await submit('UALICE', 'Double clicked');
      await run('UBOB', 'list'); // Bob is on the roster before the race
      const acks = await Promise.all([
        suite.app.command('UBOB', `use ${bot.id}`),
        suite.app.command('UBOB', `use ${bot.id}`),
      ]);
      expect(acks.map((a) => a.status)).toEqual([200, 200]);
      const replies = [shown(await suite.app.nextResponse()), shown(await suite.app.nextResponse())];
      expect(replies.filter((r) => r.includes('Thanks — recorded'))).toHaveLength(1);
      expect(replies.filter((r) => r.includes('Already counted'))).toHaveLength(1);
      expect(await usesOf(bot.id)).toHaveLength(1);
    });

    it('stores one row for many simultaneous presses by one person, one row each for different people', async () => {
      const bot = await submit('UALICE', 'Stampede');
      await submit('UBOB', 'Bob makes a bot');
      const bob = await employeeId('UBOB');
      const [carol] = await db().insert(employees).values({ name: 'Carol' }).returning({ id: employees.id });
      if (!carol) throw new Error('carol not inserted');
      const presses = [
        ...Array.from({ length: 8 }, () =>
          recordSlackUse(db(), { botId: bot.id, userId: bob, source: 'slash', now: clock }),
        ),
        ...Array.from({ length: 8 }, () =>
          recordSlackUse(db(), { botId: bot.id, userId: carol.id, source: 'button', now: clock }),
        ),
      ];
      const outcomes = await Promise.all(presses);
      expect(outcomes.filter((o) => o.kind === 'recorded')).toHaveLength(2);
      expect(outcomes.filter((o) => o.kind === 'already-recorded')).toHaveLength(14);
      const uses = await usesOf(bot.id);
      expect(uses.map((u) => u.userId).sort()).toEqual([bob, carol.id].sort());
    });

    it('does not fold a use the bot reported itself into a press', async () => {
      const bot = await submit('UALICE', 'Reported and pressed');
      await run('UBOB', 'list');
      const bob = await employeeId('UBOB');
      await db()
        .insert(reportedUses)
        .values({ botId: bot.id, userId: bob, occurredAt: clock, reportId: null });
      expect(shown(await run('UBOB', `use ${bot.id}`))).toContain('Thanks — recorded');
      expect(await usesOf(bot.id)).toMatchObject([{ userId: bob, source: 'slash' }]);
    });

    it('accepts bots waiting for review, approved or with changes requested; refuses rejected and withdrawn ones', async () => {
      const bot = await submit('UALICE', 'Status tour');
      for (const status of ['submitted', 'approved', 'changes_requested'] as const) {
        await db().update(bots).set({ status }).where(eq(bots.id, bot.id));
        later(61_000);
        expect(shown(await run('UBOB', `use ${bot.id}`))).toContain('Thanks — recorded');
      }
      expect(await usesOf(bot.id)).toHaveLength(3);
    });

    it('answers a withdrawn, rejected or unknown id with the same neutral line and records nothing', async () => {
      suite.app.slack.users.set('UCAROL', {
        id: 'UCAROL',
        name: 'carol',
        real_name: 'Carol Secret-Owner',
        profile: { email: 'carol@example.com' },
      });
      const rejected = await submit('UCAROL', 'Confidential payroll helper');
      const withdrawn = await submit('UCAROL', 'Layoff planning assistant');
      await db().update(bots).set({ status: 'rejected' }).where(eq(bots.id, rejected.id));
      await db().update(bots).set({ status: 'withdrawn' }).where(eq(bots.id, withdrawn.id));
      const unknownId = withdrawn.id + 1000;
      for (const id of [rejected.id, withdrawn.id, unknownId]) {
        later(61_000);
        const reply = await run('UBOB', `use #${id}`);
        const expected = `There is no bot #${id} you can use.`;
        expect(reply.text).toBe(expected);
        expect(reply.blocks).toEqual([
          { type: 'section', text: { type: 'mrkdwn', text: `:warning: ${expected}` } },
        ]);
        for (const secret of [
          'Confidential',
          'Layoff',
          'Carol',
          'Secret-Owner',
          'rejected',
          'withdrawn',
          'accepted',
        ])
          expect(shown(reply)).not.toContain(secret);
      }
      expect(await db().select().from(usageEvents)).toHaveLength(0);
    });

    it('escapes bot and owner names in the reply', async () => {
      suite.app.slack.users.set('UMAL', {
        id: 'UMAL',
        name: 'mal',
        real_name: '<!channel> Mal',
        profile: {},
      });
      await run('UMAL', 'submit Sneaky &lt;!here&gt; bot | none | Does something useful daily');
      const [bot] = await db().select().from(bots).where(eq(bots.name, 'Sneaky <!here> bot'));
      if (!bot) throw new Error('bot not stored');
      const reply = shown(await run('UBOB', `use ${bot.id}`));
      expect(reply).not.toContain('<!channel>');
      expect(reply).not.toContain('<!here>');
      expect(reply).toContain('&lt;!channel&gt; Mal');
    });
  });

  describe('token', () => {
    const TOKEN = /aab_[A-Za-z0-9_-]{43}/;
    const tokenIn = (reply: unknown) => {
      const match = TOKEN.exec(shown(reply));
      if (!match) throw new Error(`no token in ${shown(reply)}`);
      return match[0];
    };
    const report = (token: string) =>
      fetch(`${suite.app.baseUrl}/api/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

    it('gives the owner a token once, stores only its sha256, and the API accepts it', async () => {
      const bot = await submit('UALICE', 'Token holder');
      const reply = await run('UALICE', `token #${bot.id}`);
      expect(reply.response_type).toBe('ephemeral');
      const token = tokenIn(reply);
      expect(String(reply.text)).not.toContain(token); // not in the notification text
      expect(shown(reply)).toContain('curl -X POST https://YOUR-PUBLIC-HOST/api/v1/usage');
      const [stored] = await db().select().from(bots).where(eq(bots.id, bot.id));
      expect(stored?.usageTokenHash).toBe(sha256(token));
      expect(shown(stored)).not.toContain(token);
      expect((await report(token)).status).toBe(202);
      // A report is the owner's word: stored apart as a reported use, never as a colleague's use.
      expect(await usesOf(bot.id)).toEqual([]);
      expect(await db().select().from(reportedUses).where(eq(reportedUses.botId, bot.id))).toMatchObject([
        { userId: null },
      ]);
    });

    it('rotates: a second token replaces the first, which stops working', async () => {
      const bot = await submit('UALICE', 'Rotating');
      const first = tokenIn(await run('UALICE', `token ${bot.id}`));
      const secondReply = await run('UALICE', `token ${bot.id}`);
      const second = tokenIn(secondReply);
      expect(second).not.toBe(first);
      expect(shown(secondReply)).toContain('previous token of this bot has stopped working');
      expect((await report(first)).status).toBe(401);
      expect((await report(second)).status).toBe(202);
    });

    it('refuses anyone but the owner, leaving the token as it was', async () => {
      const bot = await submit('UALICE', 'Not Bob’s');
      const token = tokenIn(await run('UALICE', `token ${bot.id}`));
      const reply = await run('UBOB', `token ${bot.id}`);
      expect(shown(reply)).toContain(`Bot #${bot.id} belongs to someone else`);
      expect(TOKEN.test(shown(reply))).toBe(false);
      const [stored] = await db().select().from(bots).where(eq(bots.id, bot.id));
      expect(stored?.usageTokenHash).toBe(sha256(token));
      // Someone not even on the roster is refused the same way.
      expect(shown(await run('UNOBODY', `token ${bot.id}`))).toContain('belongs to someone else');
    });

    it('refuses withdrawn and rejected bots, and unknown ids', async () => {
      const bot = await submit('UALICE', 'Gone soon');
      await run('UALICE', `withdraw ${bot.id}`);
      expect(shown(await run('UALICE', `token ${bot.id}`))).toContain(
        'has been withdrawn, so it cannot report uses',
      );
      const rejected = await submit('UALICE', 'Rejected one');
      await db().update(bots).set({ status: 'rejected' }).where(eq(bots.id, rejected.id));
      expect(shown(await run('UALICE', `token ${rejected.id}`))).toContain('was not accepted in review');
      expect(shown(await run('UALICE', 'token 999999'))).toContain('There is no bot #999999');
      const hashes = await db().select({ hash: bots.usageTokenHash }).from(bots);
      expect(hashes.every((h) => h.hash === null)).toBe(true);
    });
  });

  describe('remind', () => {
    const optOut = async (slackUserId: string) => {
      const [row] = await db()
        .select({ optOut: employees.nudgeOptOut })
        .from(employees)
        .where(and(eq(employees.slackUserId, slackUserId)));
      return row?.optOut;
    };

    it('turns deadline reminders off and on again for the caller only', async () => {
      await run('UBOB', 'list');
      await submit('UALICE', 'Alice is on the roster');
      const off = await run('UALICE', 'remind off');
      expect(shown(off)).toContain('Deadline reminders are off');
      expect(shown(off)).toContain('/bot remind on');
      expect(await optOut('UALICE')).toBe(true);
      expect(await optOut('UBOB')).toBe(false);
      expect(shown(await run('UALICE', 'remind off'))).toContain('off'); // idempotent
      expect(await optOut('UALICE')).toBe(true);
      expect(shown(await run('UALICE', 'REMIND ON'))).toContain('Deadline reminders are on');
      expect(await optOut('UALICE')).toBe(false);
    });

    it('works for someone not yet on the roster, adding them', async () => {
      suite.app.slack.users.set('UDAN', {
        id: 'UDAN',
        name: 'dan',
        real_name: 'Dan Ho',
        profile: { email: 'dan@example.com' },
      });
      await run('UDAN', 'remind off');
      expect(await optOut('UDAN')).toBe(true);
    });

    it('answers remind without on/off with usage in the ack', async () => {
      const ack = await suite.app.command('UALICE', 'remind please');
      expect(shown(ack.body)).toContain('`remind` needs `on` or `off`');
    });
  });

  it('lists the new subcommands in help', async () => {
    const ack = await suite.app.command('UALICE', 'help');
    const text = shown(ack.body);
    for (const line of ['/bot use*', '/bot token*', '/bot remind off*', '/bot remind on*'])
      expect(text).toContain(line);
  });
});
