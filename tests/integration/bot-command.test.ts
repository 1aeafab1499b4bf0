import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bots, employees, usageEvents } from '../../src/db/schema.js';
import { DRIVERS } from '../helpers/db.js';
import { startTestApp } from '../helpers/harness.js';
import { useSuite } from '../helpers/suite.js';

/** `/bot` end to end: signed slash commands in; stored rows and what the app said to Slack out. */
describe.each(DRIVERS)('/bot command on %s', (driver) => {
  const suite = useSuite(driver, { app: true });
  beforeAll(async () => {
    suite.app.slack.users.set('UALICE', {
      id: 'UALICE',
      name: 'alice',
      real_name: 'Alice Wang',
      tz: 'Asia/Shanghai',
      profile: { email: 'alice@example.com', title: 'Sales lead' },
    });
    suite.app.slack.users.set('UBOB', {
      id: 'UBOB',
      name: 'bob',
      real_name: '李明',
      profile: { email: 'li.ming@example.com' },
    });
  });
  beforeEach(async () => {
    await suite.db.delete(usageEvents);
    await suite.db.delete(bots);
  });

  const db = () => suite.db;
  const allBots = () => db().select().from(bots).orderBy(bots.id);
  const shown = (message: unknown) => JSON.stringify(message);
  /** Sends a command and returns its answer (in the ack, or through response_url when slow). */
  const run = async (user: string, text: string) => {
    const ack = await suite.app.command(user, text);
    expect(ack.status).toBe(200);
    return suite.app.nextResponse();
  };
  const submit = async (
    user: string,
    name: string,
    link = 'none',
    description = 'Does something useful daily',
  ) => {
    await run(user, `submit ${name} | ${link} | ${description}`);
    const [bot] = await db().select().from(bots).where(eq(bots.name, name));
    if (!bot) throw new Error(`bot ${name} was not stored`);
    return bot;
  };

  describe('submit in one line', () => {
    it('stores the bot and replies, only to the submitter, with its #id', async () => {
      const reply = await run(
        'UALICE',
        'submit Weekly report helper | https://gpt.example.com/g/123 | Drafts my weekly sales report',
      );
      const stored = await allBots();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        name: 'Weekly report helper',
        link: 'https://gpt.example.com/g/123',
        description: 'Drafts my weekly sales report',
        status: 'submitted',
        platform: null,
      });
      expect(reply.response_type).toBe('ephemeral');
      expect(shown(reply)).toContain(`#${stored[0]?.id}`);
    });

    it('adds the submitter to the roster from users.info on first contact, once', async () => {
      await submit('UALICE', 'Roster check');
      await submit('UALICE', 'Roster check two');
      const rows = await db().select().from(employees).where(eq(employees.slackUserId, 'UALICE'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        name: 'Alice Wang',
        email: 'alice@example.com',
        timezone: 'Asia/Shanghai',
        title: 'Sales lead',
      });
    });

    it('makes one users.info call and one roster row for a burst of first commands', async () => {
      suite.app.slack.users.set('UBURST', {
        id: 'UBURST',
        real_name: 'Burst Person',
        profile: { email: 'burst@example.com' },
      });
      const before = suite.app.slack.callsTo('users.info').length;
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          suite.app.command('UBURST', `submit Burst bot ${i} | none | One of a burst of submissions`),
        ),
      );
      for (let i = 0; i < 12; i++) await suite.app.nextResponse();
      expect(suite.app.slack.callsTo('users.info').length - before).toBe(1);
      expect(await db().select().from(employees).where(eq(employees.slackUserId, 'UBURST'))).toHaveLength(1);
      expect(await allBots()).toHaveLength(12);
    });

    it('still stores the bot when users.info fails, with the name Slack sent', async () => {
      const reply = await run('UNOPROFILE', 'submit Orphan helper | none | Works without a profile');
      expect(shown(reply)).toContain('Saved');
      const [person] = await db().select().from(employees).where(eq(employees.slackUserId, 'UNOPROFILE'));
      expect(person?.name).toBe('unoprofile');
      expect(await allBots()).toHaveLength(1);
    });

    it.each([
      [
        'a name that is too short',
        'submit ab | none | Long enough description',
        /Name is too short \(2\).*3–80/,
      ],
      [
        'a name that is too long',
        `submit ${'x'.repeat(81)} | none | Long enough description`,
        /Name is too long \(81\)/,
      ],
      [
        'a link that is not http(s)',
        'submit Good name | ftp://files.example.com | Long enough description',
        /http:\/\/ or https:\/\//,
      ],
      [
        'a link that is not a URL',
        'submit Good name | my bot on coze | Long enough description',
        /http:\/\/ or https:\/\//,
      ],
      [
        'a description that is too short',
        'submit Good name | none | Too short',
        /Description is too short \(9\).*10–2000/,
      ],
      [
        'a description that is too long',
        `submit Good name | none | ${'d'.repeat(2001)}`,
        /Description is too long \(2001\)/,
      ],
      ['too few parts', 'submit Good name | https://example.com', /three parts separated by/],
    ])('refuses %s with a message saying how to fix it, storing nothing', async (_case, text, message) => {
      const ack = await suite.app.command('UALICE', text);
      expect(ack.status).toBe(200);
      // Parse and validation errors alike are answered in the ack itself.
      expect(ack.body).toMatchObject({ response_type: 'ephemeral' });
      const answer = await suite.app.nextResponse();
      expect(shown(answer)).toMatch(message);
      expect(await allBots()).toHaveLength(0);
    });

    it('stores a duplicate (same name in another case, or same link) once and says so', async () => {
      const first = await submit('UALICE', 'Deck Builder', 'https://coze.example.com/bot/1');
      const sameName = await run('UALICE', 'submit deck builder | none | Another description here');
      const sameLink = await run(
        'UALICE',
        'submit Another name | HTTPS://coze.example.com/bot/1 | Another description here',
      );
      expect(await allBots()).toHaveLength(1);
      for (const reply of [sameName, sameLink])
        expect(shown(reply)).toContain(`already submitted this bot as *#${first.id}*`);
    });

    it('lets two people submit bots with the same name', async () => {
      await submit('UALICE', 'Meeting notes');
      await submit('UBOB', 'Meeting notes');
      expect(await allBots()).toHaveLength(2);
    });

    it('stores Unicode, SQL-looking and markup-looking text exactly as written, and shows it escaped', async () => {
      const chinese = await submit('UBOB', '周报助手 🤖', 'none', '每周自动生成销售周报，节省两个小时');
      expect(chinese).toMatchObject({
        name: '周报助手 🤖',
        description: '每周自动生成销售周报，节省两个小时',
      });

      const sql = "Robert'); DROP TABLE bots;--";
      const sqlBot = await submit('UBOB', sql, 'none', "x' OR '1'='1 -- still just a description");
      expect(sqlBot.description).toBe("x' OR '1'='1 -- still just a description");

      // Slack escapes &, < and > in command text; the app stores what the user typed.
      const reply = await run(
        'UBOB',
        'submit &lt;!channel&gt; *bold* &amp; co | none | &lt;script&gt;alert(1)&lt;/script&gt; text',
      );
      const [markup] = await db().select().from(bots).where(eq(bots.name, '<!channel> *bold* & co'));
      expect(markup?.description).toBe('<script>alert(1)</script> text');
      expect(shown(reply)).not.toContain('<!channel>');
      expect(shown(reply)).toContain('&lt;!channel&gt;');
    });

    it('accepts a link Slack wrapped in angle brackets', async () => {
      await run(
        'UALICE',
        'submit Wrapped link | <https://dify.example.com/app?a=1&amp;b=2> | Link arrives wrapped by Slack',
      );
      const [bot] = await allBots();
      expect(bot?.link).toBe('https://dify.example.com/app?a=1&b=2');
    });
  });

  describe('list', () => {
    it('shows my bots with id, status and uses by colleagues, but not other people’s bots', async () => {
      const mine = await submit('UALICE', 'Contract checker');
      await submit('UBOB', 'Bob private bot');
      const [alice] = await db().select().from(employees).where(eq(employees.slackUserId, 'UALICE'));
      const [bob] = await db().select().from(employees).where(eq(employees.slackUserId, 'UBOB'));
      if (!alice || !bob) throw new Error('roster rows missing');
      await db()
        .insert(usageEvents)
        .values([
          { botId: mine.id, userId: bob.id, source: 'slash' },
          { botId: mine.id, userId: bob.id, source: 'button' },
          { botId: mine.id, userId: alice.id, source: 'slash' }, // the owner's own use does not count
        ]);
      const reply = shown(await run('UALICE', 'list'));
      expect(reply).toContain(`*#${mine.id}*`);
      expect(reply).toContain('Contract checker');
      expect(reply).toContain('Waiting for review');
      expect(reply).toContain('2 uses by colleagues');
      expect(reply).not.toContain('Bob private bot');
    });

    it('tells someone with no bots how to submit one', async () => {
      expect(shown(await run('UNEWCOMER', 'list'))).toContain('not submitted any bots yet');
    });

    it('cuts a long list within Slack’s 50-block limit with an "and N more" line', async () => {
      const [alice] = await db().select().from(employees).where(eq(employees.slackUserId, 'UALICE'));
      if (!alice) throw new Error('alice missing');
      await db()
        .insert(bots)
        .values(
          Array.from({ length: 60 }, (_, i) => ({
            ownerId: alice.id,
            name: `Bulk bot ${i}`,
            description: 'Bulk inserted bot',
          })),
        );
      const reply = (await run('UALICE', 'list')) as { blocks: unknown[] };
      expect(reply.blocks.length).toBeLessThanOrEqual(50);
      expect(shown(reply)).toMatch(/and 1\d more/);
    });
  });

  describe('edit and withdraw', () => {
    it('opens the edit modal prefilled for the owner', async () => {
      const bot = await submit('UALICE', 'Prefill me', 'https://example.com/prefill');
      const ack = await suite.app.command('UALICE', `edit #${bot.id}`);
      expect(ack.status).toBe(200);
      const open = await suite.app.slack.waitFor(() => suite.app.slack.callsTo('views.open').at(-1));
      const view = JSON.parse(String(open.args.view));
      expect(view.callback_id).toBe('bot_edit');
      expect(JSON.parse(view.private_metadata)).toEqual({ botId: bot.id });
      expect(shown(view)).toContain('"initial_value":"Prefill me"');
      expect(shown(view)).toContain('"initial_value":"https://example.com/prefill"');
    });

    it('refuses to edit or withdraw someone else’s bot, changing nothing', async () => {
      const bot = await submit('UALICE', 'Not yours');
      const opensBefore = suite.app.slack.callsTo('views.open').length;
      expect(shown(await run('UBOB', `edit ${bot.id}`))).toContain(`Bot #${bot.id} belongs to someone else`);
      expect(shown(await run('UBOB', `withdraw #${bot.id}`))).toContain(
        `Bot #${bot.id} belongs to someone else`,
      );
      expect(suite.app.slack.callsTo('views.open')).toHaveLength(opensBefore);
      const [after] = await allBots();
      expect(after?.status).toBe('submitted');
    });

    it('says when a bot id does not exist', async () => {
      expect(shown(await run('UALICE', 'withdraw #999999'))).toContain('There is no bot #999999');
      expect(shown(await run('UALICE', 'edit 999999'))).toContain('There is no bot #999999');
    });

    it('withdraws my bot, keeps it in history, and refuses a second withdrawal', async () => {
      const bot = await submit('UALICE', 'Short lived');
      expect(shown(await run('UALICE', `withdraw #${bot.id}`))).toContain(`Withdrew *#${bot.id}*`);
      const [after] = await allBots();
      expect(after).toMatchObject({ status: 'withdrawn' });
      expect(after?.withdrawnAt).toBeInstanceOf(Date);
      expect(shown(await run('UALICE', `withdraw ${bot.id}`))).toContain('has been withdrawn');
      expect(shown(await run('UALICE', 'list'))).toContain('Withdrawn');
      // A withdrawn bot no longer blocks its name.
      await submit('UALICE', 'short lived');
      expect(await allBots()).toHaveLength(2);
    });
  });

  describe('help', () => {
    it.each(['help', '', 'frobnicate now', 'edit', 'withdraw banana'])(
      'answers "%s" with usage in the ack',
      async (text) => {
        const ack = await suite.app.command('UALICE', text);
        expect(ack.status).toBe(200);
        const body = ack.body as { response_type: string; text: string; blocks: unknown[] };
        expect(body.response_type).toBe('ephemeral');
        expect(shown(body.blocks)).toContain('/bot submit');
        expect(shown(body.blocks)).toContain('/bot withdraw');
      },
    );

    it('uses the configured command name', async () => {
      const renamed = await startTestApp(suite.testDb.database, {
        env: { BOT_COMMAND: '/aibot' },
        slack: suite.app.slack,
      });
      try {
        const ack = await renamed.command('UALICE', 'help', { command: '/aibot' });
        expect(shown(ack.body)).toContain('/aibot submit');
      } finally {
        await renamed.stop();
      }
    });
  });
});
