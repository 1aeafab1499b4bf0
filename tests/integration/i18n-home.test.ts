import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bots, deliveries, employees, trainingSessions } from '../../src/db/schema.js';
import { translator } from '../../src/i18n/index.js';
import { run as runSessionReminders } from '../../src/jobs/session-reminders.js';
import { createLogger } from '../../src/logger.js';
import { renderBotLine } from '../../src/slack/blocks/bot-messages.js';
import { renderMyRecord } from '../../src/slack/blocks/my-record.js';
import { pendingReviewBlocks } from '../../src/slack/blocks/review.js';
import { freshnessLine } from '../../src/slack/blocks/stats.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlackCall } from '../helpers/fake-slack.js';
import { startTestApp, type TestApp, viewSubmission } from '../helpers/harness.js';
import { englishWords, expectChinese, visibleText } from '../helpers/language.js';
import { jsonArg, openHome, type SentBlock } from '../helpers/review-payloads.js';

/**
 * Issue 13 for the Home tab and training sessions: a mixed workspace where 王伟 (a manager and
 * reviewer) and 李娜 (HR) read Chinese and Ann and Ben read English. Each gets their own language:
 * the Home tab (with the team, the reviews waiting and HR's company figures), `/bot learn`, Join and
 * Leave, HR's `session` commands, the attendance modal, and the session DMs (reminder with its .ics,
 * seat given, cancelled), which the outbox writes when it sends them. TIMEZONE is Europe/Berlin;
 * the Chinese readers are in Asia/Shanghai.
 */
const HR = 'ULINA';
const WANG = 'UWANG';
let clock = new Date('2026-12-01T09:00:00Z');

const ANN_BOT = { name: 'Invoice helper', description: 'Drafts invoice reminders for overdue accounts.' };
/** Latin the walk may meet in Chinese text: people's names and what they typed, the zones shown with a time. */
const NAMES = [
  'Ann',
  'Ben',
  'Sales',
  '2026-Q4',
  'Asia/Shanghai',
  'Europe/Berlin',
  ANN_BOT.name,
  ANN_BOT.description,
];

interface HomeView {
  type: string;
  blocks: SentBlock[];
}

/**
 * The Home shows pieces the other areas render: the `/bot me` record (i18n-bot), bot lines (i18n-bot),
 * waiting reviews (i18n-review), HR's freshness line (i18n-hr). The walk checks each piece once its
 * renderer speaks Chinese (asked here with a sample), so it tightens by itself as the areas merge;
 * with all four, the whole Home.
 */
function sharedPiecesInChinese() {
  const zh = translator('zh-CN');
  const now = new Date('2026-12-01T09:00:00Z');
  const pieces = {
    freshness: freshnessLine({ source: 'live', computedAt: now, asOf: now }, 'UTC', null, zh),
    botLine: renderBotLine(
      {
        id: 1,
        name: '助手',
        status: 'approved',
        link: null,
        submittedAt: now,
        colleagueUses: 2,
        enteredByName: null,
        ownerConfirmation: null,
        reportedUses: 0,
      },
      zh,
    ),
    review: visibleText(
      pendingReviewBlocks(
        {
          botId: 1,
          version: 1,
          name: '助手',
          description: '说明',
          link: null,
          platform: null,
          category: null,
          hoursSavedPerWeek: null,
          ownerName: '同事',
          ownerSlackUserId: 'U1',
          requestedAt: now,
        },
        now,
        zh,
      ),
    ),
    record: visibleText(
      renderMyRecord(
        '/bot',
        {
          period: {
            name: '2026-Q4',
            start: '2026-10-01',
            end: '2026-12-31',
            kind: 'quarter',
            requiredApprovedBots: 1,
            stored: false,
          },
          today: '2026-12-01',
          record: null,
        },
        zh,
      ),
    ),
  };
  const chinese = (text: string) => englishWords(text).length === 0;
  return {
    freshness: chinese(pieces.freshness),
    botLine: chinese(pieces.botLine),
    review: chinese(pieces.review),
    record: chinese(pieces.record),
  };
}
const IN_CHINESE = sharedPiecesInChinese();
const SHARED_PIECES_IN_CHINESE = Object.values(IN_CHINESE).every(Boolean);

describe.each(DRIVERS)('the Home tab and training sessions in each person’s language on %s', (driver) => {
  let testDb: TestDatabase;
  let app: TestApp;
  const ids: Record<string, number> = {};
  const db = () => testDb.database.db;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const add = async (
      key: string,
      values: Omit<typeof employees.$inferInsert, 'activeFrom'> & { activeFrom?: string },
    ) => {
      const [row] = await db()
        .insert(employees)
        .values({ activeFrom: '2025-01-01', ...values })
        .returning();
      if (!row) throw new Error('insert failed');
      ids[key] = row.id;
    };
    await add('Lina', {
      slackUserId: HR,
      name: '李娜',
      department: '人事部',
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    });
    await add('Wang', {
      slackUserId: WANG,
      name: '王伟',
      department: 'Sales',
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
    });
    await add('Ann', {
      slackUserId: 'UANN',
      name: 'Ann',
      department: 'Sales',
      locale: 'en',
      managerId: ids.Wang,
    });
    await add('Ben', { slackUserId: 'UBEN', name: 'Ben', department: 'Sales', locale: 'en' });
    await add('Zhou', { name: '周敏', department: 'Sales', managerId: ids.Wang });
    await db()
      .insert(bots)
      .values([
        {
          ownerId: ids.Wang as number,
          name: '周报助手',
          description: '把本周的销售数据整理成周报。',
          status: 'approved',
          submittedAt: new Date('2026-11-02T08:00:00Z'),
          decidedAt: new Date('2026-11-03T08:00:00Z'),
        },
        {
          ownerId: ids.Ann as number,
          ...ANN_BOT,
          status: 'submitted',
          reviewerId: ids.Wang as number,
          submittedAt: new Date('2026-11-28T08:00:00Z'),
          reviewRequestedAt: new Date('2026-11-28T08:00:00Z'),
        },
      ]);
    app = await startTestApp(testDb.database, {
      env: { HR_USER_IDS: HR, TIMEZONE: 'Europe/Berlin', MIN_GROUP_SIZE: '3' },
      now: () => clock,
    });
    app.slack.on('conversations.open', (args) => ({ ok: true, channel: { id: `D${String(args.users)}` } }));
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    clock = new Date('2026-12-01T09:00:00Z');
    await db().delete(deliveries);
    await db().delete(trainingSessions);
  });

  const homeOf = async (user: string): Promise<HomeView> => {
    const before = app.slack.callsTo('views.publish').filter((c) => c.args.user_id === user).length;
    expect((await openHome(app, user)).status).toBe(200);
    const call = await app.slack.waitFor(
      () => app.slack.callsTo('views.publish').filter((c) => c.args.user_id === user)[before],
    );
    return jsonArg<HomeView>(call as FakeSlackCall, 'view');
  };
  /**
   * The Home's text the walk can check: its parts split at the dividers, less what the other areas
   * render while they still speak English (the record under the header, the bot lines, each waiting
   * review's line and buttons, the freshness line).
   */
  const ownHomeText = (view: HomeView) => {
    const parts: SentBlock[][] = [[]];
    for (const block of view.blocks)
      if (block.type === 'divider') parts.push([]);
      else parts.at(-1)?.push(block);
    const own = parts.flatMap((part, index) => {
      if (index === 0) return IN_CHINESE.record ? part : part.slice(0, 1); // the header, then /bot me's record
      if (index === 1)
        return IN_CHINESE.botLine
          ? part
          : part
              .filter((b) => b.type !== 'section' || /我的 AI 助手|Your bots/.test(b.text?.text ?? ''))
              .slice(0, 1)
              .concat(part.filter((b) => b.type === 'context'));
      const heading = part[0]?.text?.text ?? '';
      if (/等你审核的|Reviews waiting/.test(heading) && !IN_CHINESE.review)
        return [part[0] as SentBlock, ...part.filter((b) => b.type === 'context')];
      if (/全公司|Whole company/.test(heading) && !IN_CHINESE.freshness) return part.slice(0, -1);
      return part;
    });
    return visibleText(own);
  };
  const hr = (user: string, text: string) => app.command(user, text, { command: '/adoption' });
  const reply = async () => (await app.nextResponse()) as Record<string, unknown>;
  const replyText = async () => visibleText(await reply());
  const press = (user: string, actionId: 'session_join' | 'session_leave', sessionId: number) =>
    app.interaction({
      type: 'block_actions',
      team: { id: 'T0TEAM', domain: 'test' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0TEAM' },
      api_app_id: 'A0APP',
      token: 'deprecated-verification-token',
      trigger_id: 'trigger.1',
      container: { type: 'message', message_ts: '1.2', channel_id: `D${user}`, is_ephemeral: true },
      channel: { id: `D${user}`, name: 'directmessage' },
      response_url: app.slack.newResponseUrl(),
      actions: [
        {
          type: 'button',
          action_id: actionId,
          block_id: `session:${sessionId}`,
          value: String(sessionId),
          text: { type: 'plain_text', text: 'x' },
          action_ts: '1.3',
        },
      ],
    });
  const dms = (user: string) => app.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user);
  const dmText = (call: FakeSlackCall | undefined) =>
    visibleText({
      text: call?.args.text,
      blocks: call?.args.blocks ? JSON.parse(String(call.args.blocks)) : [],
    });
  const create = async (title: string, seats: number) => {
    await hr(HR, `session create ${title} | 2026-12-03 14:00 | 60 | 4.01 会议室 | ${seats}`);
    const text = await replyText();
    const [row] = await db()
      .select()
      .from(trainingSessions)
      .where(eq(trainingSessions.title, title))
      .orderBy(asc(trainingSessions.id));
    if (!row) throw new Error(`not created: ${text}`);
    return { id: row.id, text };
  };
  it('a zh-CN manager and reviewer sees the Home tab in Chinese: team, reviews waiting, next session', async () => {
    const view = await homeOf(WANG);
    const own = ownHomeText(view);
    expectChinese(own, { allow: NAMES });
    expect(own).toContain('我的 AI 助手进度');
    expect(own).toContain('*我的 AI 助手（1）*');
    expect(own).toContain('*等你审核的（1）*');
    expect(own).toContain('*我的团队* · 本考核周期 *2 人中 0 人* 已达标');
    expect(own).toContain('*周敏* · 没有 Slack');
    expect(own).toContain('*我的下一场 AI 培训*\n还没有。');
    expect(own).toContain('为 周敏 代提交 AI 助手'); // the button under the team
    if (SHARED_PIECES_IN_CHINESE) expectChinese(visibleText(view), { allow: NAMES });
  });

  it('a zh-CN HR user sees the company figures and the departments behind in Chinese', async () => {
    const view = await homeOf(HR);
    const own = ownHomeText(view);
    expectChinese(own, { allow: NAMES });
    expect(own).toContain('*全公司*');
    expect(own).toContain('*人数*\n5');
    expect(own).toContain('*最落后的部门*');
    expect(own).toMatch(/1\. \*Sales\* — 达标率 \d+% · 参与率 \d+% · 4 人/);
    expect(own).toContain('人数不足 3 人，不参与排名：人事部。');
    if (SHARED_PIECES_IN_CHINESE) expectChinese(visibleText(view), { allow: NAMES });
  });

  it('an en person in the same workspace gets the Home tab in English', async () => {
    const text = visibleText(await homeOf('UANN'));
    expect(text).toContain('Your AI adoption');
    expect(text).toContain('*Your bots* (1)');
    expect(text).toContain('*Your next AI session*\nNone yet.');
    expect(text).not.toMatch(/\p{Script=Han}/u);
  });

  it('sessions: HR’s replies, /bot learn, Join and Leave, the waiting list and the seat-given DM, each in the reader’s language', async () => {
    const { id, text } = await create('提示词入门', 1);
    expectChinese(text, { allow: NAMES });
    expect(text).toContain('2026年12月3日周四 14:00（Europe/Berlin 时间）');
    expect(text).toContain('主讲：李娜');

    await hr(HR, 'session list');
    const list = await replyText();
    expectChinese(list, { allow: NAMES });
    expect(list).toContain('已报名 0/1 · 候补 0 人');

    await hr(HR, 'session create X | 2026-12-04 10:30 | 90 | 4.01 | 8');
    expect(await replyText()).toContain('培训标题需要 3–120 个字符。格式：`session create &lt;标题&gt;');
    await hr(HR, 'session create 复盘会 | 2026-11-30 10:30 | 60 | 4.01 | 5');
    const past = await replyText();
    expectChinese(past, { allow: NAMES });
    expect(past).toContain('2026-11-30 10:30（Europe/Berlin）已经过去了');

    await app.command(WANG, 'learn');
    const learn = await reply();
    expectChinese(visibleText(learn), { allow: NAMES });
    expect(visibleText(learn)).toContain('2026年12月3日周四 21:00（Asia/Shanghai 时间）');
    expect(JSON.stringify(learn)).toContain('"text":"报名"');

    await press(WANG, 'session_join', id);
    const joined = visibleText(await reply());
    expectChinese(joined, { allow: NAMES });
    expect(joined).toContain('你已报名');
    expect(joined).toContain('退出');
    await press('UANN', 'session_join', id);
    const waiting = visibleText(await reply());
    expect(waiting).toContain('is full, so you are on the *waiting list*, number 1');
    expect(waiting).not.toContain('你已');

    await press(WANG, 'session_leave', id);
    const left = visibleText(await reply());
    expectChinese(left, { allow: NAMES });
    expect(left).toContain('你已退出 提示词入门，名额已让给其他人。');
    const annDm = await app.slack.waitFor(() => dms('UANN')[0]);
    expect(dmText(annDm)).toContain('A seat freed up: you now have a seat at 提示词入门');

    await press(WANG, 'session_join', id);
    const wangWaits = visibleText(await reply());
    expectChinese(wangWaits, { allow: NAMES });
    expect(wangWaits).toContain('你已进入候补名单，排第 1 位');
    await press(WANG, 'session_join', id);
    expect(visibleText(await reply())).toContain('你已经在 提示词入门 的候补名单上（第 1 位）');
    await press('UANN', 'session_leave', id);
    expect(visibleText(await reply())).toContain('You left 提示词入门; your seat is free for someone else.');
    const wangDm = await app.slack.waitFor(() => dms(WANG)[0]);
    expectChinese(dmText(wangDm), { allow: NAMES });
    expect(dmText(wangDm)).toContain('有名额空出来了');

    // The Home tab now shows the session on 王伟's clock, in Chinese.
    const home = ownHomeText(await homeOf(WANG));
    expect(home).toContain('*我的下一场 AI 培训*\n*');
    expect(home).toContain('2026年12月3日周四 21:00（Asia/Shanghai 时间）');
    expectChinese(home, { allow: NAMES });

    // The day-before reminder, with the calendar file, in Chinese.
    clock = new Date('2026-12-02T13:05:00Z');
    await runSessionReminders({
      db: db(),
      client: deliveryClientFor(app.slack),
      logger: createLogger('silent'),
      now: () => clock,
      timezone: 'Europe/Berlin',
      botCommand: '/bot',
      locales: { default: 'en', digest: 'en' },
    });
    const upload = [...app.slack.uploads.values()].find((u) => u.channelId === `D${WANG}`);
    expect(upload?.filename).toBe(`ai-session-${id}.ics`);
    expectChinese(upload?.initialComment ?? '', { allow: NAMES });
    expect(upload?.initialComment).toContain(
      '培训提醒：提示词入门，2026年12月3日周四 21:00（Asia/Shanghai 时间）',
    );
    const ics = upload?.bytes.toString('utf8') ?? '';
    expect(ics).toContain('DESCRIPTION:AI 培训，主讲：李娜。');
    expect(ics).toContain('SUMMARY:提示词入门');
  });

  it('attendance: the modal, its answer and its refusals in Chinese', async () => {
    const { id } = await create('数据分析实战', 5);
    await press(WANG, 'session_join', id);
    await reply();
    await press('UBEN', 'session_join', id);
    await reply();
    await hr(HR, `session attendance ${id}`);
    const early = await replyText();
    expect(early).toContain('培训'); // opened: it is only refused when saved before it took place
    const opened = app.slack.callsTo('views.open').at(-1);
    const modal = JSON.parse(String(opened?.args.view)) as Record<string, unknown>;
    expectChinese(visibleText(modal), { allow: NAMES });
    expect(JSON.stringify(modal)).toContain('"text":"谁来了"');
    expect(JSON.stringify(modal)).toContain('"text":"其他来参加的人"');

    const submit = (ticked: number[]) =>
      app.interaction(
        viewSubmission(HR, {
          callback_id: 'session_attendance',
          private_metadata: String(id),
          values: {
            attended_0: {
              attended: {
                type: 'checkboxes',
                selected_options: ticked.map((v) => ({
                  value: String(v),
                  text: { type: 'plain_text', text: 'x' },
                })),
              },
            },
            attended_others: { attended: { type: 'multi_users_select', selected_users: [] } },
          },
        }),
      );
    const tooEarly = JSON.stringify((await submit([ids.Wang as number])).body);
    expect(tooEarly).toContain('“数据分析实战”还没开始：请在培训结束后再签到。');
    clock = new Date('2026-12-03T15:00:00Z');
    const saved = (await submit([ids.Wang as number, ids.Ben as number])).body as Record<string, unknown>;
    expectChinese(visibleText(saved), { allow: NAMES });
    expect(JSON.stringify(saved)).toContain('数据分析实战 的签到已保存：2 人参加。');
    expect(JSON.stringify(saved)).toContain('"text":"完成"');
  });

  it('cancel: HR’s answer in Chinese; each person told in their own language; a late Join refused in Chinese', async () => {
    const { id } = await create('智能体工作坊', 1);
    await press(WANG, 'session_join', id);
    await reply();
    await press('UBEN', 'session_join', id);
    await reply();
    await hr(HR, `session cancel ${id}`);
    const cancelled = await replyText();
    expectChinese(cancelled, { allow: NAMES });
    expect(cancelled).toContain('已取消；会通知已报名和候补的 2 人');
    await app.slack.waitFor(() => dms(WANG).some((c) => String(c.args.text).includes('智能体工作坊')));
    await app.slack.waitFor(() => dms('UBEN').length > 0);
    const wang = dms(WANG).find((c) => String(c.args.text).includes('智能体工作坊'));
    expectChinese(dmText(wang), { allow: NAMES });
    expect(dmText(wang)).toContain('已取消。抱歉！');
    expect(dmText(dms('UBEN')[0])).toContain('Cancelled: 智能体工作坊');
    expect(dmText(dms('UBEN')[0])).toContain('is *cancelled*. Sorry!');

    await press(WANG, 'session_join', id);
    const refused = await replyText();
    expectChinese(refused, { allow: NAMES });
    expect(refused).toContain('“智能体工作坊”已取消。');
    await hr(HR, `session cancel ${id}`);
    expect(await replyText()).toContain('“智能体工作坊”之前已经取消了。');
    await hr(HR, 'session attendance 999999');
    expect(await replyText()).toContain('没有编号为 999999 的培训。');
  });
});
