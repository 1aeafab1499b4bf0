import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bots, employees } from '../../src/db/schema.js';
import { deliverySenders } from '../../src/jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../../src/jobs/outbox/worker.js';
import { planReviewReminders } from '../../src/jobs/review-reminders.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlackCall } from '../helpers/fake-slack.js';
import { formValues, startTestApp, type TestApp, viewSubmission } from '../helpers/harness.js';
import { englishWords, expectChinese, visibleText } from '../helpers/language.js';
import {
  blockAction,
  buttonsIn,
  decisionSubmission,
  jsonArg,
  type ReviewButton,
  type SentBlock,
} from '../helpers/review-payloads.js';

const NOW = new Date('2026-11-16T09:00:00Z');

/**
 * Issue 13 for the review loop and entries for others, through the signed Bolt receiver and the
 * fake Slack. A mixed workspace: 周敏 (zh-CN) manages Ann (en) and 董强 (no Slack); Mona (en)
 * manages 文丽 and 兰芳 (zh-CN); 李雷 (zh-CN) has no manager and there is no AI champion; Hana (en)
 * is HR. Every DM is written in its recipient's language, every modal and answer in the clicking
 * or typing person's: Chinese with no English prose left (names and bot texts people typed aside),
 * English as before.
 */
describe.each(DRIVERS)('review and entries in each reader’s language on %s', (driver) => {
  let testDb: TestDatabase;
  let app: TestApp;
  const people: Record<string, number> = {};
  const db = () => testDb.database.db;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const add = async (
      key: string,
      values: { name: string; slackUserId: string | null; locale: 'en' | 'zh-CN' | null; managerId?: number },
    ) => {
      const [row] = await db()
        .insert(employees)
        .values({ ...values, email: `${key}@example.com`, activeFrom: '2025-01-01' })
        .returning();
      if (!row) throw new Error('insert failed');
      people[key] = row.id;
      return row.id;
    };
    const zhou = await add('zhou', { name: '周敏', slackUserId: 'UZHOU', locale: 'zh-CN' });
    await add('ann', { name: 'Ann', slackUserId: 'UANN', locale: 'en', managerId: zhou });
    await add('dong', { name: '董强', slackUserId: null, locale: null, managerId: zhou });
    const mona = await add('mona', { name: 'Mona', slackUserId: 'UMONA', locale: 'en' });
    await add('wen', { name: '文丽', slackUserId: 'UWEN', locale: 'zh-CN', managerId: mona });
    await add('lan', { name: '兰芳', slackUserId: 'ULAN', locale: 'zh-CN', managerId: mona });
    await add('li', { name: '李雷', slackUserId: 'ULI', locale: 'zh-CN' });
    await add('hana', { name: 'Hana', slackUserId: 'UHANA', locale: 'en' });
    app = await startTestApp(testDb.database, { env: { HR_USER_IDS: 'UHANA' }, now: () => NOW });
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });

  const slack = () => app.slack;
  const posts = (channel: string) =>
    slack()
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === channel);
  /** What a person reads in a posted or updated message: its text and its blocks. */
  const read = (call: FakeSlackCall | undefined) =>
    visibleText({ text: call?.args.text, blocks: jsonArg<SentBlock[]>(call, 'blocks') });
  const buttonLabels = (call: FakeSlackCall | undefined) =>
    (jsonArg<SentBlock[]>(call, 'blocks') ?? [])
      .filter((b) => b.type === 'actions')
      .flatMap((b) =>
        (b as { elements: Array<{ text: { text: string } }> }).elements.map((e) => e.text.text),
      );
  const botNamed = async (name: string) => {
    const [row] = await db().select().from(bots).where(eq(bots.name, name));
    if (!row) throw new Error(`no bot ${name}`);
    return row;
  };
  const command = async (user: string, text: string) => {
    await app.command(user, text);
    return (await app.nextResponse()) as { text: string; blocks: SentBlock[] };
  };
  /** The review request a reviewer got for a bot. */
  const reviewDm = (reviewer: string, botId: number) =>
    slack().waitFor(() =>
      posts(reviewer).find((c) =>
        buttonsIn(jsonArg<SentBlock[]>(c, 'blocks')).some((b) => b.startsWith(`review_approve:${botId}:`)),
      ),
    );
  /** Clicks a review button; resolves with the modal it opened. */
  const click = async (user: string, action: ReviewButton, botId: number, version = 1) => {
    const before = slack().callsTo('views.open').length;
    const ack = await app.interaction(
      blockAction(user, action, botId, { kind: 'message', channel: `D${user}`, ts: '1.1' }, version),
    );
    expect(ack.status).toBe(200);
    const opened = await slack().waitFor(() => slack().callsTo('views.open')[before]);
    return jsonArg<Record<string, unknown>>(opened, 'view');
  };
  const updatesTo = (channel: string) =>
    slack()
      .callsTo('chat.update')
      .filter((c) => c.args.channel === channel);
  /** An entry's "Yes, this is mine" / "Not mine", answered through response_url. */
  const press = async (user: string, actionId: string, botId: number) => {
    const payload = {
      ...blockAction(user, actionId as ReviewButton, String(botId)),
      response_url: slack().newResponseUrl(),
    };
    expect((await app.interaction(payload)).status).toBe(200);
    return (await app.nextResponse()) as { text: string; blocks: SentBlock[] };
  };

  it('a zh-CN reviewer gets a Chinese review DM, buttons, modal, errors and saved view for an English submitter’s bot; the submitter hears in English', async () => {
    const typed = [
      'Ann',
      'Invoice',
      'matcher',
      'Matches',
      'supplier',
      'invoices',
      'to',
      'purchase',
      'orders',
    ];
    const reply = await command(
      'UANN',
      'submit Invoice matcher | none | Matches supplier invoices to purchase orders',
    );
    expect(JSON.stringify(reply)).toContain('*周敏* has been asked to review it.');
    const bot = await botNamed('Invoice matcher');

    const dm = await reviewDm('UZHOU', bot.id);
    expectChinese(read(dm), { allow: typed });
    expect(read(dm)).toContain('请你审核');
    expect(read(dm)).toContain('你是 Ann 的主管，所以请你审核。');
    expect(buttonLabels(dm)).toEqual(['通过', '退回修改', '不通过']);

    // A click on an older version: refused in Chinese, the bot shown as it is now.
    const changed = await click('UZHOU', 'review_approve', bot.id, 2);
    expectChinese(visibleText(changed), { allow: typed });
    expect(visibleText(changed)).toContain('AI 助手已修改');

    // No such bot.
    expectChinese(visibleText(await click('UZHOU', 'review_reject', 999_999)));

    // The modal, in Chinese.
    const modal = await click('UZHOU', 'review_approve', bot.id);
    expectChinese(visibleText(modal), { allow: typed });
    expect(visibleText(modal)).toContain('评分');
    expect(visibleText(modal)).toContain('5 — 非常好');
    const rejecting = await click('UZHOU', 'review_reject', bot.id);
    expectChinese(visibleText(rejecting), { allow: typed });
    expect(visibleText(rejecting)).toContain('为什么不通过？');

    // Its errors, in Chinese.
    const missing = await app.interaction(decisionSubmission('UZHOU', bot.id, 'approved', { score: null }));
    expect(missing.body).toEqual({ response_action: 'errors', errors: { score: '请选择 1 到 5 的评分。' } });
    const noReason = await app.interaction(decisionSubmission('UZHOU', bot.id, 'rejected', { comment: ' ' }));
    expect(noReason.body).toEqual({
      response_action: 'errors',
      errors: { comment: '请说明不通过的原因，让提交人明白。' },
    });

    // Saved: in Chinese for the reviewer.
    const saved = await app.interaction(
      decisionSubmission('UZHOU', bot.id, 'approved', { score: 4, comment: '很实用，节省了不少时间' }),
    );
    const savedText = visibleText((saved.body as { view: unknown }).view);
    expectChinese(savedText, { allow: typed });
    expect(savedText).toContain('决定已保存');
    expect(savedText).toContain('已私信告知 Ann。');

    // The English submitter's decision DM is English.
    const told = await slack().waitFor(() => posts('UANN')[0]);
    expect(read(told)).toContain(`#${bot.id} Invoice matcher was approved by 周敏.`);
    expect(read(told)).toContain('was approved by *周敏* · score *4/5*.');
    expect(read(told)).toContain('It counts toward your record for the review period (`/bot me`).');
    expect(read(told).replace(/周敏|很实用，节省了不少时间/g, '')).not.toMatch(/\p{Script=Han}/u); // names and comments aside

    // The reviewer's DM is redrawn without buttons, in Chinese.
    // (The stale click above redrew it first, as the bot stood.)
    const redrawn = await slack().waitFor(() => updatesTo('UZHOU').find((c) => read(c).includes('已于')));
    expectChinese(read(redrawn), { allow: typed });
    expect(read(redrawn)).toContain('*周敏* 已于');
    expect(read(redrawn)).toContain('通过 · 评分 *4/5*');
    expect(buttonLabels(redrawn)).toEqual([]);

    // A later click is told who decided, in Chinese.
    const again = await click('UZHOU', 'review_reject', bot.id);
    expectChinese(visibleText(again), { allow: typed });
    expect(visibleText(again)).toContain('已有决定');
  });

  it('an English reviewer for a zh-CN submitter: English DM and modal, Chinese decision DM and refusal', async () => {
    const reply = await command('UWEN', 'submit 周报助手 | none | 每周自动整理团队周报');
    expect(JSON.stringify(reply)).toContain('已请 *Mona* 审核。');
    const bot = await botNamed('周报助手');

    const dm = await reviewDm('UMONA', bot.id);
    expect(read(dm)).toContain('Review requested');
    expect(read(dm)).toContain('You are asked as 文丽’s manager.');
    expect(buttonLabels(dm)).toEqual(['Approve', 'Request changes', 'Reject']);
    const modal = await click('UMONA', 'review_request_changes', bot.id);
    expect(visibleText(modal)).toContain('What should change?');
    expect(visibleText(modal)).toContain('Cancel');

    // The owner may not decide: told in her language.
    const refused = await click('UWEN', 'review_approve', bot.id);
    expectChinese(visibleText(refused), { allow: ['Mona'] });
    expect(visibleText(refused)).toContain('不是你的审核');

    const saved = await app.interaction(
      decisionSubmission('UMONA', bot.id, 'changes_requested', { comment: 'Please add an example' }),
    );
    expect(JSON.stringify(saved.body)).toContain('Decision saved');
    const told = await slack().waitFor(() => posts('UWEN')[0]);
    expectChinese(read(told), { allow: ['Mona', 'Please', 'add', 'an', 'example'] });
    expect(read(told)).toContain('*Mona* 退回了');
    expect(read(told)).toContain(`\`/bot edit ${bot.id}\``);
  });

  it('a withdrawn bot: the zh-CN reviewer’s DM is redrawn and their click refused, in Chinese', async () => {
    await command('UANN', 'submit Expense checker | none | Checks expense claims');
    const bot = await botNamed('Expense checker');
    await reviewDm('UZHOU', bot.id);
    const before = updatesTo('UZHOU').length;
    await command('UANN', `withdraw ${bot.id}`);
    const redrawn = await slack().waitFor(() => updatesTo('UZHOU')[before]);
    const typed = ['Ann', 'Expense', 'checker', 'Checks', 'expense', 'claims'];
    expectChinese(read(redrawn), { allow: typed });
    expect(read(redrawn)).toContain('提交人已于');
    const refused = await click('UZHOU', 'review_approve', bot.id);
    expectChinese(visibleText(refused), { allow: typed });
    expect(visibleText(refused)).toContain('无需决定');
  });

  it('the review reminder and the no-reviewer DM are in Chinese for a zh-CN recipient', async () => {
    const [waiting] = await db()
      .insert(bots)
      .values({
        ownerId: people.ann ?? -1,
        name: 'Old request',
        description: 'Waiting a while',
        status: 'submitted',
        reviewerId: people.zhou ?? -1,
        submittedAt: new Date(NOW.getTime() - 5 * 86_400_000),
        reviewRequestedAt: new Date(NOW.getTime() - 5 * 86_400_000),
      })
      .returning();
    if (!waiting) throw new Error('insert failed');
    const deps = {
      db: db(),
      client: deliveryClientFor(slack()),
      logger: createLogger('silent'),
      now: () => NOW,
      timezone: 'UTC',
      botCommand: '/bot',
      locales: app.config.locales,
    };
    expect(await planReviewReminders(deps)).toMatchObject({ reviewers: 1, reviews: 1 });
    const before = posts('UZHOU').length;
    await sendDueDeliveries({ ...deps, senders: deliverySenders });
    const reminder = posts('UZHOU')[before];
    expectChinese(read(reminder), { allow: ['Ann', 'Old', 'request'] });
    expect(read(reminder)).toContain('等你审核已超过 3 天');
    expect(read(reminder)).toContain('已等待 5 天');
    expect(buttonLabels(reminder)).toEqual(['通过', '退回修改', '不通过']);

    // 李雷 has no manager and there is no AI champion: nobody can review.
    await app.interaction(
      viewSubmission('ULI', {
        callback_id: 'bot_submit',
        values: formValues({ name: '会议纪要', description: '自动整理会议纪要并发给参会的人', link: null }),
      }),
    );
    const nobody = await slack().waitFor(() =>
      posts('ULI').find((c) => read(c).includes('REVIEWER_USER_IDS')),
    );
    expectChinese(read(nobody));
    expect(read(nobody)).toContain('暂时没有人能审核');
  });

  it('submit for someone: refusals, answers, the confirmation DM and the decision told to the enterer, each in the reader’s language', async () => {
    // Refusals, in the language of the one typing.
    for (const [text, expected] of [
      ['submit for <@UMONA|mona> | 报表助手 | none | 每周一自动生成团队的工作报表', '只有对方的主管'],
      ['submit for nobody@example.com | 报表助手 | none | 每周一自动生成团队的工作报表', '不在名册上'],
      ['submit for <@UZHOU|zhou> | 报表助手 | none | 每周一自动生成团队的工作报表', '这是你自己'],
    ] as const) {
      const refused = await command('UZHOU', text);
      expectChinese(visibleText(refused));
      expect(visibleText(refused)).toContain(expected);
    }
    const english = await command('UANN', 'submit for <@UMONA|mona> | Report | none | Weekly report');
    expect(visibleText(english)).toContain(
      'Only their manager (on the roster), an AI champion or HR may enter',
    );

    // The form for someone else: its title and note in Chinese.
    const before = slack().callsTo('views.open').length;
    await app.command('UZHOU', 'submit for dong@example.com');
    const form = jsonArg<{ title: { text: string }; blocks: SentBlock[] }>(
      await slack().waitFor(() => slack().callsTo('views.open')[before]),
      'view',
    );
    expect(form.title.text).toBe('代 董强 提交');
    expectChinese(visibleText(form.blocks[0]));

    // 周敏 enters a bot for 董强 (no Slack): saved, and HR is asked to review, in Chinese.
    const saved = await command(
      'UZHOU',
      'submit for dong@example.com | 路线规划 | none | 规划每天的送货路线和顺序',
    );
    expectChinese(visibleText(saved), { allow: ['Hana'] });
    expect(visibleText(saved)).toContain('已代 *董强* 保存');
    expect(visibleText(saved)).toContain('已请 *Hana* 审核。');
    const route = await botNamed('路线规划');
    const hrDm = await reviewDm('UHANA', route.id);
    expect(read(hrDm)).toContain('You are asked as HR: it was entered for 董强');
    await app.interaction(decisionSubmission('UHANA', route.id, 'approved', { score: 5 }));
    const toEnterer = await slack().waitFor(() =>
      posts('UZHOU').find((c) => read(c).includes(`#${route.id}`) && read(c).includes('Hana')),
    );
    expectChinese(read(toEnterer), { allow: ['Hana'] });
    expect(read(toEnterer)).toContain('你代 *董强* 提交的');

    // Mona (en) enters one for 兰芳 (zh-CN, on Slack): English answer, Chinese confirmation DM.
    const forLan = await command(
      'UMONA',
      'submit for <@ULAN|lan> | 报销助手 | none | 帮大家填写和检查报销单',
    );
    expect(visibleText(forLan)).toContain('I asked them to confirm it is theirs');
    const expense = await botNamed('报销助手');
    const ask = await slack().waitFor(() => posts('ULAN')[0]);
    expectChinese(read(ask), { allow: ['Mona'] });
    expect(buttonLabels(ask)).toEqual(['是的，是我的', '不是我的']);

    const answered = await press('ULAN', 'entry_confirm', expense.id);
    expectChinese(visibleText(answered));
    expect(visibleText(answered)).toContain('是你的');
    const toMona = await slack().waitFor(() =>
      posts('UMONA').find((c) => read(c).includes(`confirmed bot #${expense.id}`)),
    );
    expect(read(toMona)).toContain('confirmed');
    expect(englishWords(read(toMona)).length).toBeGreaterThan(5);
    const twice = await press('ULAN', 'entry_confirm', expense.id);
    expectChinese(visibleText(twice));
    expect(visibleText(twice)).toContain('你已经确认过了。');
  });
});
