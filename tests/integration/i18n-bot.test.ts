import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bots, employees } from '../../src/db/schema.js';
import { translator } from '../../src/i18n/index.js';
import { renderNotSaved, renderRestarting } from '../../src/slack/blocks/bot-messages.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { formValues, startTestApp, viewSubmission } from '../helpers/harness.js';
import { englishWords, expectChinese, visibleText } from '../helpers/language.js';
import { useSuite } from '../helpers/suite.js';

/**
 * Issue 13, the `/bot` surfaces in Simplified Chinese: a zh-CN employee (Slack locale zh-CN, put on
 * the roster on first contact) walks help, inline and modal submit, every validation error, list,
 * edit, withdraw, use, token, me, remind, the digest's "I used this", and the busy / working /
 * out-of-date answers; every text is Chinese with no English prose left. An English colleague in
 * the same workspace keeps English. Through the real Bolt receiver, signed requests, fake Slack.
 */
const WEN = 'UWEN';
const MAYA = 'UMAYA';
/** Maya's bot and name are English data, which a Chinese text quotes as they are. */
const MAYA_DATA = ['Invoice matcher', 'Maya Lee'];

const wen = {
  id: WEN,
  name: 'wen',
  real_name: '李文',
  tz: 'Asia/Shanghai',
  locale: 'zh-CN',
  profile: { email: 'wen@example.com' },
};
const maya = {
  id: MAYA,
  name: 'maya',
  real_name: 'Maya Lee',
  tz: 'Asia/Shanghai',
  locale: 'en-US',
  profile: { email: 'maya@example.com' },
};

const VALID = {
  name: '合同审核助手',
  description: '帮法务同事检查合同里的风险条款',
  link: 'https://coze.example.com/store/bot/42',
  category: 'cross_team',
  platform: 'coze',
  hoursSavedPerWeek: '2.5',
};

describe.each(DRIVERS)('/bot in Chinese on %s', (driver) => {
  const suite = useSuite(driver, { app: true });
  beforeAll(() => {
    suite.app.slack.users.set(WEN, wen);
    suite.app.slack.users.set(MAYA, maya);
  });

  const app = () => suite.app;
  const answer = async (user: string, text: string) => {
    const ack = await app().command(user, text);
    expect(ack.status).toBe(200);
    return app().nextResponse();
  };
  /** A command's answer, all of it Chinese. */
  const chinese = async (text: string, allow: string[] = []) => {
    const reply = await answer(WEN, text);
    expect(reply.response_type).toBe('ephemeral');
    expectChinese(visibleText(reply), { allow });
    return reply;
  };
  const botNamed = async (name: string) => {
    const [bot] = await suite.db.select().from(bots).where(eq(bots.name, name));
    if (!bot) throw new Error(`no bot ${name}`);
    return bot;
  };
  const lastViewOpened = async (before: number) => {
    const open = await app().slack.waitFor(() => app().slack.callsTo('views.open')[before]);
    return JSON.parse(String(open.args.view)) as { callback_id: string; private_metadata: string };
  };
  const submitForm = (
    values: Record<string, string | null>,
    view: { callback_id: string; private_metadata?: string },
  ) => app().interaction(viewSubmission(WEN, { ...view, values: formValues(values) }));
  const press = (user: string, actionId: string, value: string, onHome = false) =>
    app().interaction({
      type: 'block_actions',
      team: { id: 'T0TEAM', domain: 'test' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0TEAM' },
      api_app_id: 'A0APP',
      token: 'deprecated-verification-token',
      trigger_id: `trigger.${Math.random().toString(36).slice(2)}`,
      ...(onHome
        ? {
            container: { type: 'view', view_id: 'VHOME' },
            view: { id: 'VHOME', type: 'home', callback_id: '' },
          }
        : {
            container: { type: 'message', message_ts: '1763200000.000100', channel_id: 'C0DIGEST' },
            channel: { id: 'C0DIGEST', name: 'ai-adoption' },
            message: { type: 'message', ts: '1763200000.000100', text: 'digest' },
            response_url: app().slack.newResponseUrl(),
          }),
      actions: [
        { type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1763200000.000200' },
      ],
    });

  it('inline submit with an alias: first contact stores zh-CN, and the answer is Chinese', async () => {
    const reply = await answer(
      WEN,
      '提交 周报助手 | https://coze.example.com/b/1 | 每周帮我写好销售周报草稿',
    );
    const [row] = await suite.db.select().from(employees).where(eq(employees.slackUserId, WEN));
    expect(row?.locale).toBe('zh-CN');
    const bot = await botNamed('周报助手');
    // The reply's first block and its text are this surface's (the reviewer line after it is the review's).
    const saved = { text: reply.text, blocks: (reply.blocks as unknown[]).slice(0, 1) };
    expectChinese(visibleText(saved));
    expect(visibleText(saved)).toContain(`#${bot.id}`);
    expect(visibleText(saved)).toContain('等待审核');
  });

  it('help is Chinese and shows the aliases; a problem is said in Chinese too', async () => {
    const help = visibleText(await chinese('帮助'));
    for (const alias of ['提交', '列表', '我的', '帮助', '撤回', '使用', '修改', '提醒'])
      expect(help).toContain(`/bot ${alias}`);
    expect(visibleText(await chinese(''))).toContain('/bot 提交');
    expect(visibleText(await chinese('上传 东西'))).toContain('上传');
    expect(visibleText(await chinese('撤回 abc'))).toContain('撤回 #12');
    await chinese('提醒 也许');
    await chinese('提交 只有名称');
    await chinese('培训 现在');
    await chinese('submit for @someone');
    await chinese('submit for wen@example.com 名称');
  });

  it('every validation error of a one-line submission is Chinese', async () => {
    for (const line of [
      '提交 ab | none | 帮我整理每周的会议记录',
      `提交 ${'长'.repeat(81)} | none | 帮我整理每周的会议记录`,
      '提交  | none | 帮我整理每周的会议记录',
      '提交 会议记录助手 | none | 太短',
      '提交 会议记录助手 | none | ',
      `提交 会议记录助手 | none | ${'长'.repeat(2001)}`,
      '提交 会议记录助手 | 不是链接 | 帮我整理每周的会议记录',
      '提交 会议\u0007助手 | none | 帮我整理每周的会议记录',
    ])
      await chinese(line);
    expect(await suite.db.select().from(bots).where(eq(bots.name, '会议记录助手'))).toHaveLength(0);
    // The same bot twice: "already submitted", in Chinese.
    expect(
      visibleText(await chinese('提交 周报助手 | https://coze.example.com/b/1 | 每周帮我写好销售周报草稿')),
    ).toContain('已经提交过');
  });

  it('the form opens in Chinese, shows every field error in Chinese, and saves in Chinese', async () => {
    const before = app().slack.callsTo('views.open').length;
    await app().command(WEN, '提交');
    const view = await lastViewOpened(before);
    expect(view.callback_id).toBe('bot_submit');
    expectChinese(visibleText(view), { allow: ['Coze', 'ChatGPT', 'GPT', 'Dify', 'Copilot', 'Studio'] });
    const placeholders = JSON.stringify(view);
    expect(placeholders).toContain('例如：周报助手');
    expect(placeholders).toContain('我自己的工作'); // an option

    const errorsOf = async (values: Record<string, string | null>) => {
      const ack = await submitForm(values, { callback_id: 'bot_submit' });
      const body = ack.body as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      // The values typed are quoted as they are.
      for (const message of Object.values(body.errors))
        expectChinese(message, { allow: ['myspace', 'everyone'] });
      return body.errors;
    };
    const all = await errorsOf({
      name: 'ab',
      description: '太短',
      link: 'not a link',
      category: 'everyone',
      platform: 'myspace',
      hoursSavedPerWeek: '200',
    });
    expect(Object.keys(all).sort()).toEqual([
      'category',
      'description',
      'hoursSavedPerWeek',
      'link',
      'name',
      'platform',
    ]);
    await errorsOf({ ...VALID, name: null, description: null });
    await errorsOf({ ...VALID, name: '\ud800坏字符', description: '含有\u0001控制字符的说明文字' });
    await errorsOf({ ...VALID, name: '长'.repeat(81), description: '长'.repeat(2001) });

    const ack = await submitForm(VALID, { callback_id: 'bot_submit' });
    const done = ack.body as { response_action: string; view: unknown };
    expect(done.response_action).toBe('update');
    expectChinese(visibleText(done.view));
    expect(visibleText(done.view)).toContain(`#${(await botNamed(VALID.name)).id}`);
  });

  it('list, edit (with its errors), withdraw are Chinese', async () => {
    const list = visibleText(await chinese('列表'));
    expect(list).toContain('周报助手');
    expect(list).toContain('待审核');
    expect(list).toMatch(/提交于 \d{4}年\d{1,2}月\d{1,2}日/);

    const bot = await botNamed(VALID.name);
    const before = app().slack.callsTo('views.open').length;
    await app().command(WEN, `修改 #${bot.id}`);
    const form = await lastViewOpened(before);
    expect(form.callback_id).toBe('bot_edit');
    expectChinese(visibleText(form), { allow: ['Coze'] });
    // The other bot's name: a duplicate, shown in Chinese beside the name.
    const duplicate = await submitForm({ ...VALID, name: '周报助手', link: null }, form);
    const errors = (duplicate.body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors)).toEqual(['name']);
    expectChinese(errors.name ?? '');
    const saved = await submitForm({ ...VALID, description: '帮法务同事检查合同条款，并标出风险' }, form);
    expectChinese(visibleText((saved.body as { view: unknown }).view));

    await chinese('修改 #99999');
    expect(visibleText(await chinese(`撤回 #${bot.id}`))).toContain('已撤回');
    expect(visibleText(await chinese(`撤回 #${bot.id}`))).toContain('不能撤回');
    await chinese(`修改 ${bot.id}`); // withdrawn: cannot be edited
    const stale = await submitForm(VALID, form); // the form was opened before the withdrawal
    expectChinese(Object.values((stale.body as { errors: Record<string, string> }).errors).join('\n'));
    expectChinese(visibleText(await chinese('列表')));
  });

  it('use, token, me and remind are Chinese; so is a refusal about someone else’s bot', async () => {
    await answer(MAYA, 'submit Invoice matcher | none | Matches supplier invoices to purchase orders');
    const mayas = await botNamed('Invoice matcher');
    const mine = await botNamed('周报助手');
    const withdrawn = await botNamed(VALID.name);

    expect(visibleText(await chinese(`使用 #${mayas.id}`, MAYA_DATA))).toContain('谢谢');
    expect(visibleText(await chinese(`use ${mayas.id}`, MAYA_DATA))).toContain('已经记过了');
    await chinese(`使用 #${mine.id}`);
    await chinese(`使用 #${withdrawn.id}`);
    await chinese('使用 #99999');

    const token = await chinese(`令牌 #${mine.id}`);
    expect(JSON.stringify(token)).toMatch(/aab_[A-Za-z0-9_-]{43}/);
    expect(visibleText(await chinese(`令牌 #${mine.id}`))).toContain('之前的令牌已经失效');
    await chinese(`令牌 #${mayas.id}`);
    await chinese(`令牌 #${withdrawn.id}`);
    await chinese('令牌 #99999');
    await chinese(`修改 #${mayas.id}`);
    await chinese(`撤回 #${mayas.id}`);

    const me = visibleText(await chinese('我的', [quarterName()]));
    expect(me).toContain('还没达标');
    expect(me).toContain('同事使用次数');
    await chinese('我的 2020-Q1', ['Q']);
    // A period that does not parse is the HR area's error (periods' parse errors, i18n-hr).

    expect(visibleText(await chinese('提醒 关'))).toContain('截止提醒已关闭');
    expect(visibleText(await chinese('提醒 开'))).toContain('截止提醒已开启');
    const [row] = await suite.db.select().from(employees).where(eq(employees.slackUserId, WEN));
    expect(row?.nudgeOptOut).toBe(false);
  });

  it('the digest’s "I used this" button and out-of-date buttons and forms answer in Chinese', async () => {
    const mayas = await botNamed('Invoice matcher');
    await press(WEN, 'digest_used_bot', String(mayas.id));
    expectChinese(visibleText(await app().nextResponse()), { allow: MAYA_DATA });
    await press(WEN, 'digest_used_bot', 'not-a-bot');
    expectChinese(visibleText(await app().nextResponse()));

    await press(WEN, 'an_old_button', '1');
    expectChinese(visibleText(await app().nextResponse()));
    const before = app().slack.callsTo('views.open').length;
    await press(WEN, 'an_old_button', '1', true); // on Home: no response_url, a note opens
    expectChinese(visibleText(await lastViewOpened(before)));
    const form = await submitForm(VALID, { callback_id: 'an_old_form' });
    expectChinese(visibleText((form.body as { view: unknown }).view));
    const edit = await submitForm(VALID, { callback_id: 'bot_edit', private_metadata: 'tampered' });
    expectChinese(visibleText((edit.body as { view: unknown }).view));
  });

  it('an English colleague in the same workspace keeps English', async () => {
    const help = visibleText(await answer(MAYA, 'help'));
    expect(help).toContain('*/bot submit* — open the form to submit an AI bot you built');
    expect(help).not.toMatch(/\p{Script=Han}/u);
    const list = visibleText(await answer(MAYA, 'list'));
    expect(list).toContain('*Your bots* (1)');
    expect(list).toContain('Waiting for review');
    expect(visibleText(await answer(MAYA, 'withdraw #99999'))).toContain('There is no bot #99999.');
    const before = app().slack.callsTo('views.open').length;
    await app().command(MAYA, 'submit');
    const view = await lastViewOpened(before);
    expect(visibleText(view)).toContain('Submit your AI bot');
    expect(englishWords(visibleText(await answer(WEN, '列表')))).toEqual([]);
  });

  it('the answers given without the roster say the same in Chinese (not saved, restarting)', () => {
    const zh = translator('zh-CN');
    for (const message of [renderNotSaved(true, zh), renderNotSaved(false, zh), renderRestarting(zh)])
      expectChinese(visibleText(message));
  });
});

/** Busy and "working on it": a lane of one, held by a slow Slack, for a zh-CN employee. */
describe.each(DRIVERS)('/bot busy answers in Chinese on %s', (driver) => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  let testDb: TestDatabase;

  function hold(slack: FakeSlack, method: string, answerWith: Record<string, unknown>) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    slack.on(method, async () => {
      await released;
      return answerWith;
    });
    return release;
  }

  it('says "working on it" and "busy" in the employee’s language', async () => {
    testDb = await createTestDatabase(driver);
    cleanups.push(() => testDb.destroy());
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    slack.users.set(WEN, wen);
    const app = await startTestApp(testDb.database, {
      env: { ACK_BUDGET_MS: '150', QUICK_WORK_LIMIT: '1', REVIEWER_USER_IDS: 'UCHAMP' },
      slack,
    });
    cleanups.push(() => app.stop());
    // First contact (no review routing): Wen is on the roster, in Chinese.
    await app.command(WEN, '提醒 关');
    expectChinese(visibleText(await app.nextResponse()));

    // The champion's first users.info is slow: Wen's submission outlasts the ack budget.
    const release = hold(slack, 'users.info', {
      ok: true,
      user: { id: 'UCHAMP', name: 'champ', real_name: '赵敏' },
    });
    const slow = await app.command(WEN, '提交 排班助手 | none | 自动排出下周的值班表');
    expect(visibleText(slow.body)).toContain(translator('zh-CN').t('common.working'));
    expectChinese(visibleText(slow.body));
    const busy = await app.command(WEN, '提醒 开');
    expectChinese(visibleText(busy.body));
    expect(visibleText(busy.body)).toContain('系统繁忙');
    release();
    const late = await app.nextResponse(); // the busy answer, as the harness counts it
    expectChinese(visibleText(late));
    const saved = await app.nextResponse();
    expectChinese(visibleText({ text: saved.text, blocks: (saved.blocks as unknown[]).slice(0, 1) }));
  });
});

function quarterName(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}
