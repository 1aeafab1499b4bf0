import { parse } from 'csv-parse/sync';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOrgState } from '../../src/db/queries/employee-history.js';
import { employees, reviewPeriods } from '../../src/db/schema.js';
import { EXPORT_COLUMNS } from '../../src/domain/export.js';
import { run as runPeriodEnd } from '../../src/jobs/period-end.js';
import { createLogger } from '../../src/logger.js';
import { at, seedSmallCompany } from '../fixtures/small-company.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { englishWords, expectChinese, visibleText } from '../helpers/language.js';
import { useSuite } from '../helpers/suite.js';

const NOW = new Date('2026-11-15T09:00:00Z');

/** Latin letters a Chinese answer may show: names typed by people, and how periods and times are written. */
const NAMES = [
  ...['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Ivy', 'Hal', 'Gus', 'Fay', 'Sales', 'Eng', 'Ops'],
  // 2026-Q3, 2026-W46, UTC / GMT+8, and an export cell's ISO time (2026-09-25T12:00:00Z).
  ...['Q', 'W', 'UTC', 'GMT', 'T', 'Z'],
];
const chinese = (text: string) => {
  // The words themselves first (a failure names them), then the helper's own check.
  expect(englishWords(text, { allow: NAMES })).toEqual([]);
  expectChinese(text, { allow: NAMES });
};

type Message = {
  text: string;
  blocks?: Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
};

/**
 * Issue 13, HR's surfaces: a zh-CN HR user walks `/adoption` (help with its Chinese words, stats and
 * the funnel, person, lagging and its next page, export, periods, digest preview and send, errors),
 * a zh-CN employee is refused in Chinese (and told in Chinese when access cannot be checked), and
 * English speakers in the same workspace keep English. Through the real Bolt receiver.
 */
describe.each(DRIVERS)('/adoption in Chinese on %s', (driver) => {
  const suite = useSuite(driver, {
    smallCompany: true,
    app: {
      env: {
        HR_USER_IDS: 'UHRBOSS,UHRZH',
        HR_USERGROUP_ID: 'S0PEOPLE',
        HR_ACCESS_CACHE_SECONDS: '0',
        MIN_GROUP_SIZE: '3',
        DIGEST_CHANNEL: 'C0DIGEST',
      },
      now: () => NOW,
    },
  });

  beforeAll(async () => {
    const db = suite.db;
    // 王芳 in HR reads Chinese; Ann (an employee) too; Ben reads English; UHRBOSS is not on the roster.
    await db.insert(employees).values({
      name: '王芳',
      email: 'wang.fang@example.com',
      slackUserId: 'UHRZH',
      department: '人力资源部',
      activeFrom: '2020-01-01',
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    });
    await db.update(employees).set({ locale: 'zh-CN' }).where(eq(employees.slackUserId, 'UANN'));
    await db.update(employees).set({ locale: 'en' }).where(eq(employees.slackUserId, 'UBEN'));
    // 物流部: 45 people who have built nothing, for a second page of `lagging`.
    const rows = await db
      .insert(employees)
      .values(
        Array.from({ length: 45 }, (_, i) => ({
          name: `司机${String(i).padStart(2, '0')}`,
          email: `driver${i}@example.com`,
          department: '物流部',
          activeFrom: '2020-01-01',
        })),
      )
      .returning();
    for (const row of rows)
      await recordOrgState(
        db,
        row.id,
        { department: '物流部', managerId: null, active: true },
        at('2020-01-01'),
      );
    suite.app.slack.usergroups.set('S0PEOPLE', []);
    suite.app.slack.on('conversations.open', (args) => ({
      ok: true,
      channel: { id: `D${String(args.users)}` },
    }));
  });

  const ask = async (text: string, user = 'UHRZH'): Promise<Message> => {
    const ack = await suite.app.command(user, text, { command: '/adoption' });
    expect(ack.status).toBe(200);
    return (await suite.app.nextResponse()) as Message;
  };
  const shown = (message: Message) => visibleText(message);

  it('help: in Chinese, naming the Chinese subcommands; `help` and `帮助` both answer', async () => {
    for (const word of ['帮助', 'help', '']) {
      const help = shown(await ask(word));
      chinese(help);
      for (const alias of [
        '统计',
        '个人',
        '未达标',
        '导出',
        '周期 列表',
        '周期 新建',
        '周报 预览',
        '周报 发送',
      ])
        expect(help).toContain(alias);
    }
    // What it did not understand, said in Chinese above the help.
    const unknown = shown(await ask('frobnicate'));
    chinese(unknown);
    expect(unknown).toContain('无法识别 `frobnicate`');
    chinese(shown(await ask('周报 明天')));
    chinese(shown(await ask('个人')));
    chinese(shown(await ask('周期 删除 x')));
  });

  it('stats and the learning funnel, by the Chinese word or the English one', async () => {
    for (const text of ['统计 2026-Q3', 'stats 2026-Q3']) {
      const stats = shown(await ask(text));
      chinese(stats);
      expect(stats).toContain('*全公司* · 考核周期 2026-Q3（2026-07-01 – 2026-09-30）');
      expect(stats).toContain('*人数*');
      expect(stats).toContain('*参与人数*');
      expect(stats).toContain('*培训转化*');
      // Times in the reader's own zone (Asia/Shanghai): 09:00 UTC is 17:00 there.
      expect(stats).toContain('17:00');
    }
    chinese(shown(await ask('统计 Sales 2026-Q3')));
    const unknownDepartment = shown(await ask('统计 市场部 2026-Q3'));
    chinese(unknownDepartment);
    expect(unknownDepartment).toContain('没有叫“市场部”的部门');
    const badPeriod = shown(await ask('统计 2026-13'));
    chinese(badPeriod);
    expect(badPeriod).toContain('没有 13 月');
  });

  it('person: the record in Chinese, and who is not on the roster', async () => {
    const ben = shown(await ask('个人 <@UBEN|ben> 2026-Q3'));
    chinese(ben);
    expect(ben).toContain('*Ben* (<@UBEN>)');
    expect(ben).toContain('*已通过的 AI 助手*');
    const eve = shown(await ask('person <mailto:eve@example.com|eve@example.com> 2026-Q3'));
    chinese(eve);
    const nobody = shown(await ask('个人 <@UNOBODY|x>'));
    chinese(nobody);
    expect(nobody).toContain('<@UNOBODY> 不在员工名单中');
  });

  it('lagging: a page in Chinese, and the next page by its button', async () => {
    const first = await ask('未达标 物流部 2026-Q3');
    chinese(shown(first));
    expect(shown(first)).toContain('*45* 人尚未达标 · 第 1–40 人（第 1 页，共 2 页）');
    const button = (first.blocks ?? [])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'hr_lagging_page');
    expect(button?.value).toBeDefined();
    expect(shown(first)).toContain('下 5 人');
    await suite.app.interaction({
      type: 'block_actions',
      team: { id: 'T0TEAM', domain: 'test' },
      user: { id: 'UHRZH', username: 'wang', name: 'wang', team_id: 'T0TEAM' },
      api_app_id: 'A0APP',
      token: 'deprecated-verification-token',
      trigger_id: 'trigger.lagging',
      response_url: suite.app.slack.newResponseUrl(),
      container: { type: 'message', message_ts: '1.2', channel_id: 'C0GENERAL', is_ephemeral: true },
      actions: [
        {
          type: 'button',
          action_id: 'hr_lagging_page',
          block_id: 'b',
          value: button?.value,
          action_ts: '1.3',
        },
      ],
    });
    const second = shown((await suite.app.nextResponse()) as Message);
    chinese(second);
    expect(second).toContain('第 41–45 人（第 2 页，共 2 页）');
    chinese(shown(await ask('落后 2026-Q3')));
  });

  it('export: the file name and the words around it in Chinese, the CSV columns unchanged', async () => {
    const reply = shown(await ask('导出 2026-Q3'));
    chinese(reply);
    expect(reply).toContain('`AI应用情况-2026-Q3-2026-11-15.csv`');
    const upload = [...suite.app.slack.uploads.values()].find((u) => u.channelId === 'DUHRZH');
    expect(upload?.filename).toBe('AI应用情况-2026-Q3-2026-11-15.csv');
    chinese(upload?.initialComment ?? '');
    const [header] = (upload?.bytes.toString('utf8') ?? '').replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(header).toBe(EXPORT_COLUMNS.join(','));
    const rows = parse(upload?.bytes.toString('utf8') ?? '', { bom: true, columns: true }) as unknown[];
    expect(rows.length).toBeGreaterThan(45);
  });

  it('periods: list, create and their errors in Chinese', async () => {
    const none = shown(await ask('周期 列表'));
    chinese(none);
    expect(none).toContain('还没有考核周期');
    const created = shown(await ask('周期 新建 下半年考核 2026-07-01..2026-12-31 require=2'));
    chinese(created);
    expect(created).toContain('已新建考核周期 *下半年考核*');
    const list = shown(await ask('period list'));
    chinese(list);
    expect(list).toContain('*下半年考核* 2026-07-01 – 2026-12-31 · 要求 2 个已通过的 AI 助手 · _当前_');
    for (const text of [
      '周期 新建 下半年考核 2026-07-01..2026-12-31',
      '周期 新建 倒过来 2026-12-31..2026-01-01',
      '周期 新建 太长 2020-01-01..2026-01-01',
      '周期 新建 坏要求 2026-07-01..2026-12-31 require=x',
      '周期 新建 只有名字',
    ])
      chinese(shown(await ask(text)));
    expect(shown(await ask('周期 新建 下半年考核 2026-07-01..2026-12-31'))).toContain('已有名为“下半年考核”');
    await suite.db.delete(reviewPeriods);
  });

  it('digest preview and send: the words to the caller in Chinese (the digest itself in DIGEST_LOCALE)', async () => {
    const preview = await ask('周报 预览');
    expect(preview.text.startsWith('预览：')).toBe(true);
    chinese(visibleText(preview.blocks?.[0]));
    const send = shown(await ask('周报 发送'));
    chinese(send);
    expect(send).toContain('<#C0DIGEST>');
  });

  it('an English reader in the same workspace keeps English', async () => {
    const help = shown(await ask('help', 'UHRBOSS'));
    expect(help).toContain('*/adoption stats* `[department] [period]` — headcount');
    expect(help).not.toMatch(/\p{Script=Han}/u);
    const stats = shown(await ask('stats 2026-Q3', 'UHRBOSS'));
    expect(stats).toContain('*Whole company* · 2026-Q3 (2026-07-01 – 2026-09-30)');
    expect(shown(await ask('stats', 'UBEN'))).toContain('is for the People team');
  });

  it('refuses a Chinese-reading employee in Chinese, and says in Chinese when access cannot be checked', async () => {
    const refused = shown(await ask('统计', 'UANN'));
    chinese(refused);
    expect(refused).toContain('仅供 HR 团队使用');
    expect(refused).not.toContain('人数');
    suite.app.slack.on('usergroups.users.list', () => ({ ok: false, error: 'internal_error' }));
    const unchecked = shown(await ask('stats', 'UANN'));
    chinese(unchecked);
    expect(unchecked).toContain('无法确认你是否有权使用 /adoption');
    // The lagging button, pressed by someone who may not: refused in their language too.
    await suite.app.interaction({
      type: 'block_actions',
      team: { id: 'T0TEAM', domain: 'test' },
      user: { id: 'UANN', username: 'ann', name: 'ann', team_id: 'T0TEAM' },
      api_app_id: 'A0APP',
      token: 'deprecated-verification-token',
      trigger_id: 'trigger.lagging',
      response_url: suite.app.slack.newResponseUrl(),
      container: { type: 'message', message_ts: '1.2', channel_id: 'C0GENERAL', is_ephemeral: true },
      actions: [
        {
          type: 'button',
          action_id: 'hr_lagging_page',
          block_id: 'b',
          value: JSON.stringify({ args: [], page: 2 }),
          action_ts: '1.3',
        },
      ],
    });
    chinese(shown((await suite.app.nextResponse()) as Message));
  });
});

/**
 * When a review period ends, each HR user's export DM and each manager's review-ready summary are
 * rendered when sent, in the recipient's language: Chinese for 王芳 (HR) and Mia (a manager), English
 * for UHRBOSS (not on the roster: DEFAULT_LOCALE) and Max (a manager who reads English).
 */
describe.each(DRIVERS)('period-end messages in each recipient’s language on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const db = testDb.database.db;
    const { people } = await seedSmallCompany(db);
    await db.insert(reviewPeriods).values({
      name: '第三季度',
      startsOn: '2026-07-01',
      endsOn: '2026-09-30',
      requiredApprovedBots: 1,
    });
    const managers = await db
      .insert(employees)
      .values([
        { name: 'Mia', slackUserId: 'UMIA', department: 'Sales', activeFrom: '2026-10-01', locale: 'zh-CN' },
        { name: 'Max', slackUserId: 'UMAX', department: 'Eng', activeFrom: '2026-10-01', locale: 'en' },
        {
          name: '王芳',
          slackUserId: 'UHRZH',
          department: '人力资源部',
          activeFrom: '2020-01-01',
          locale: 'zh-CN',
        },
      ])
      .returning();
    const [mia, max] = managers;
    await db
      .update(employees)
      .set({ managerId: mia?.id })
      .where(inArray(employees.id, [people.ann, people.ben]));
    await db
      .update(employees)
      .set({ managerId: max?.id })
      .where(inArray(employees.id, [people.cat, people.ivy]));
    slack = await startFakeSlack();
    slack.on('conversations.open', (args) => ({ ok: true, channel: { id: `D${String(args.users)}` } }));
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });

  it('sends the export and the summary in Chinese to Chinese readers and in English to the others', async () => {
    await runPeriodEnd({
      db: testDb.database.db,
      client: deliveryClientFor(slack),
      logger: createLogger('silent'),
      now: () => new Date('2026-10-01T08:00:00Z'),
      timezone: 'UTC',
      includeGuests: false,
      hrUserIds: ['UHRBOSS', 'UHRZH'],
      hrUsergroupId: undefined,
      locales: { default: 'en', digest: 'en' },
    });
    const uploads = [...slack.uploads.values()];
    const to = (channel: string) => uploads.find((u) => u.channelId === channel);
    expect(to('DUHRZH')?.filename).toBe('AI应用情况-第三季度-2026-10-01.csv');
    chinese(to('DUHRZH')?.initialComment ?? '');
    expect(to('DUHRZH')?.initialComment).toContain('第三季度 已结束');
    expect(to('DUHRBOSS')?.filename).toBe('adoption-第三季度-2026-10-01.csv');
    expect(to('DUHRBOSS')?.initialComment).toContain('第三季度 has ended (2026-07-01 – 2026-09-30)');
    for (const upload of uploads)
      expect(
        upload.bytes
          .toString('utf8')
          .replace(/^\uFEFF/, '')
          .split(/\r?\n/)[0],
      ).toBe(EXPORT_COLUMNS.join(','));

    const summaries = slack.callsTo('chat.postMessage');
    const summaryTo = (channel: string) => {
      const call = summaries.find((c) => c.args.channel === channel);
      return `${String(call?.args.text)}\n${visibleText(JSON.parse(String(call?.args.blocks ?? '[]')))}`;
    };
    const mia = summaryTo('UMIA');
    chinese(mia);
    expect(mia).toContain('2 人中 1 人已达标（要求 1 个已通过的 AI 助手）');
    expect(mia).toContain('*Ann* — 已提交 2 个，已通过 1 个 · 最高评分 4 分（满分 5 分）');
    const max = summaryTo('UMAX');
    expect(max).not.toMatch(/已达标|考核准备|已提交/);
    expect(max).toContain('met the requirement (1 approved bot)');
    expect(max).toContain('Review-ready: your team · 第三季度');
  });
});
