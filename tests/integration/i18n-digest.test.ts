import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chartFontFile,
  participationSpec,
  renderParticipationChart,
  renderSvg,
} from '../../src/charts/participation-chart.js';
import type { Db } from '../../src/db/client.js';
import { bots, deliveries, employees, reviewPeriods, reviews, usageEvents } from '../../src/db/schema.js';
import type { ParticipationPoint } from '../../src/domain/digest.js';
import { translator } from '../../src/i18n/index.js';
import { run as runNudges } from '../../src/jobs/nudges.js';
import { deliverySenders } from '../../src/jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../../src/jobs/outbox/worker.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { startTestApp } from '../helpers/harness.js';
import { englishWords, expectChinese, visibleText } from '../helpers/language.js';

/**
 * Issue 13 for the digest's surfaces: the channel digest and its chart in DIGEST_LOCALE, the manager
 * digest, deadline nudges, team nudges and `/bot team` each in the reader's language, rendered when
 * sent. Monday 2026-11-16 09:00 UTC, review period FY26-N (2026-10-01 … 2026-11-30, ≥ 1 approved
 * bot): the digest's week, and the nudge day 14 days before the end.
 *
 * 研发部 (7): Mei (manager, zh-CN, Asia/Shanghai) and her reports Rae (zh-CN), Rob (en), Roy (zh-CN),
 * Ria, Rex, and Diego (no Slack). Sales (5): Sam (manager, en) and Sue, Sid, Sky, Sol. Legal (1): Lea.
 * Rae's bot 报销助手 was submitted 2026-10-05 20:00 UTC (2026年10月6日 in Shanghai) and approved;
 * Rob's 周报草稿 was submitted on 2026-11-14 and waits for review; Sue's has changes requested. Worked
 * out by hand, now vs a week ago:
 *   研发部 builders Rae, Rob 2/7 = 29% (Rae 1/7 = 14%, +15); qualified Rae 14% (±0)
 *   Sales  builders Sue 1/5 = 20% (±0); qualified 0% (±0)
 *   Legal  fewer than 5
 *   Company builders 3/13 = 23% (2/13 = 15%, +8); qualified 1/13 = 8% (±0)
 */
const NOW = new Date('2026-11-16T09:00:00Z');
const CHANNEL = 'C0DIGEST';
const logger = createLogger('silent');
/** Words the company wrote itself (names, a department, the period), which stay as written. */
const NAMES = ['Mei', 'Rae', 'Rob', 'Roy', 'Ria', 'Rex', 'Diego', 'Sam', 'Sue', 'Sales', 'Legal', 'FY26-N'];

async function seedCompany(db: Db) {
  await db.insert(reviewPeriods).values({
    name: 'FY26-N',
    startsOn: '2026-10-01',
    endsOn: '2026-11-30',
    requiredApprovedBots: 1,
  });
  const person = async (
    name: string,
    department: string,
    extra: Partial<typeof employees.$inferInsert> = {},
  ): Promise<number> => {
    const [row] = await db
      .insert(employees)
      .values({
        name,
        department,
        slackUserId: `U${name.toUpperCase()}`,
        activeFrom: '2025-01-01',
        ...extra,
      })
      .returning();
    if (!row) throw new Error('insert failed');
    return row.id;
  };
  const mei = await person('Mei', '研发部', { locale: 'zh-CN', timezone: 'Asia/Shanghai' });
  const rae = await person('Rae', '研发部', { managerId: mei, locale: 'zh-CN' });
  const rob = await person('Rob', '研发部', { managerId: mei, locale: 'en' });
  await person('Roy', '研发部', { managerId: mei, locale: 'zh-CN' });
  for (const name of ['Ria', 'Rex']) await person(name, '研发部', { managerId: mei });
  await person('Diego', '研发部', {
    managerId: mei,
    slackUserId: null,
    email: 'diego@example.com',
    locale: null,
  });
  const sam = await person('Sam', 'Sales', { locale: 'en' });
  const sue = await person('Sue', 'Sales', { managerId: sam });
  for (const name of ['Sid', 'Sky', 'Sol']) await person(name, 'Sales', { managerId: sam });
  await person('Lea', 'Legal');

  const bot = async (
    ownerId: number,
    name: string,
    submitted: string,
    status: 'submitted' | 'approved' | 'changes_requested',
    decidedAt?: string,
  ) => {
    const [row] = await db
      .insert(bots)
      .values({
        ownerId,
        name,
        description: `${name}：每天用得上`,
        status,
        reviewerId: mei,
        submittedAt: new Date(submitted),
        reviewRequestedAt: new Date(submitted),
      })
      .returning();
    if (!row) throw new Error('insert failed');
    if (decidedAt && status !== 'submitted')
      await db.insert(reviews).values({
        botId: row.id,
        reviewerId: mei,
        decision: status,
        score: status === 'approved' ? 4 : null,
        decidedAt: new Date(decidedAt),
      });
    return row.id;
  };
  const raeBot = await bot(rae, '报销助手', '2026-10-05T20:00:00Z', 'approved', '2026-10-06T10:00:00Z');
  await bot(rob, '周报草稿', '2026-11-14T10:00:00Z', 'submitted');
  await bot(sue, '报价助手', '2026-10-20T10:00:00Z', 'changes_requested', '2026-10-21T10:00:00Z');
  await db
    .insert(usageEvents)
    .values({ botId: raeBot, userId: sue, source: 'slash', occurredAt: new Date('2026-11-12T10:00:00Z') });
}

describe.each(DRIVERS)('the digest, nudges and /bot team in each reader’s language on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    await seedCompany(testDb.database.db);
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await testDb.database.db.delete(deliveries);
    slack.calls.length = 0;
    slack.uploads.clear();
    slack.responses.length = 0;
  });

  const posts = (channel: string) =>
    slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const blocksOf = (call: { args: Record<string, unknown> } | undefined) =>
    JSON.parse(String(call?.args.blocks ?? '[]')) as unknown[];
  /** What a person reads in a posted message: its fallback text and every text of its blocks. */
  const shown = (call: { args: Record<string, unknown> } | undefined) =>
    `${String(call?.args.text ?? '')}\n${visibleText(blocksOf(call))}`;
  const chartPoints = async () => {
    const rows = await testDb.database.db.select().from(deliveries);
    const chart = rows.find((row) => row.kind === 'participation-chart');
    if (!chart) throw new Error('no participation-chart delivery was planned');
    return (chart.payload as { points: ParticipationPoint[] }).points;
  };

  /** `/adoption digest send` through the app (DIGEST_LOCALE as given), then the chart a moment later. */
  async function sendDigest(env: Record<string, string>) {
    const app = await startTestApp(testDb.database, {
      slack,
      now: () => NOW,
      env: { HR_USER_IDS: 'UHR', DIGEST_CHANNEL: CHANNEL, ...env },
    });
    try {
      expect((await app.command('UHR', 'digest send', { command: '/adoption' })).status).toBe(200);
      await slack.waitFor(() => posts(CHANNEL).length === 1 && posts('USAM').length === 1);
      // The chart follows the message; the deliveries tick sends it, with the app's languages.
      const sent = await sendDueDeliveries({
        senders: deliverySenders,
        db: testDb.database.db,
        client: deliveryClientFor(slack),
        logger,
        now: () => new Date(NOW.getTime() + 10_000),
        timezone: app.config.digest.timezone,
        locales: app.config.locales,
      });
      expect(sent).toMatchObject({ sent: 1 });
    } finally {
      await app.stop();
    }
    const [upload] = [...slack.uploads.values()];
    return { digest: posts(CHANNEL)[0], upload, points: await chartPoints() };
  }

  it('DIGEST_LOCALE=zh-CN: every block of the channel digest and every word of its chart are Chinese', async () => {
    const { digest, upload, points } = await sendDigest({ DIGEST_LOCALE: 'zh-CN' });
    const text = shown(digest);
    expectChinese(text, { allow: NAMES });
    // Each block on its own, the button included: nothing left in English anywhere.
    for (const block of blocksOf(digest)) {
      const words = visibleText([block]);
      if (words.trim() !== '') expect(englishWords(words, { allow: NAMES }), words).toEqual([]);
    }
    expect(text).toContain('*全公司* · 参与率 *23%*（较上周 +8） · 达标率 *8%*（较上周 ±0） · 13 人');
    expect(text).toContain('*研发部* · 29%（较上周 +15） · 达标率 14%（较上周 ±0） · 7 人');
    expect(text).toContain('*Legal* · 不足 5 人');
    expect(text).toContain('2026年10月1日 – 2026年11月30日');
    expect(text).toContain('*本周新提交的 AI 助手*（1 个）');
    expect(text).toContain(
      '*待审核*：1 个 AI 助手待审核，其中 0 个已等待超过 3 天，最早的从 2026年11月14日 起。',
    );
    expect(text).toContain('1 位同事使用了 1 次');
    expect(text).toContain('我用过');

    // The chart: its comment, and the very picture of the Chinese spec (title, axes, legend, weeks).
    expect(upload?.filename).toBe('participation-2026-W47.png');
    expectChinese(String(upload?.initialComment), { allow: NAMES });
    const zh = translator('zh-CN');
    const title = zh.t('digest.chart.title', { period: 'FY26-N' });
    const drawn = (tr = zh, heading = title) =>
      renderParticipationChart(points, {
        title: heading,
        fontFile: chartFontFile(undefined),
        translator: tr,
      });
    expect(upload?.bytes.equals(await drawn())).toBe(true);
    expect(upload?.bytes.equals(await drawn(translator('en'), 'Participation by week · FY26-N'))).toBe(false);
    const svg = await renderSvg(participationSpec(points, title, zh));
    const svgTexts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
    expect(svgTexts).toEqual(expect.arrayContaining(['每周参与率 · FY26-N', '周（截止日）', '参与率（%）']));
    expect(svgTexts).toEqual(expect.arrayContaining(['全公司', '研发部', 'Sales', '11月9日', '11月16日']));
    expect(svgTexts.flatMap((t) => englishWords(t, { allow: NAMES }))).toEqual([]);
  });

  it('DIGEST_LOCALE unset: the channel digest and its chart are in English, as before', async () => {
    const { digest, upload, points } = await sendDigest({});
    const text = shown(digest);
    expect(text).toContain('*Company* · participation *23%* (+8) · qualified *8%* (±0) · 13 people');
    expect(text).toContain('*研发部* · 29% (+15) · qualified 14% (±0) · 7');
    expect(text).toContain('*Legal* · fewer than 5 people');
    expect(text).toContain('*New bots this week* (1)');
    expect(text).toContain('*Review backlog*: 1 bot waiting for review, 0 for more than 3 days');
    expect(text).toContain('— 1 use by 1 colleague');
    expect(text).toContain('I used this');
    expect(text).not.toMatch(/全公司|参与率|达标/);
    expect(upload?.initialComment).toBe(
      'Participation (people with a bot / headcount) by week, FY26-N to date.',
    );
    const english = await renderParticipationChart(points, {
      title: 'Participation by week · FY26-N',
      fontFile: chartFontFile(undefined),
      translator: translator('en'),
    });
    expect(upload?.bytes.equals(english)).toBe(true);
  });

  it('the manager digest goes to each manager in their own language, in the same run', async () => {
    await sendDigest({ DIGEST_LOCALE: 'zh-CN' });
    const mei = shown(posts('UMEI')[0]);
    expectChinese(mei, { allow: NAMES });
    expect(mei).toContain('6 人中 1 人已达标 · 1 人待审核 · 0 人已提交 · 4 人尚未提交');
    expect(mei).toMatch(/尚未提交\*（4 人）\n• Diego\n• Rex\n• Ria\n• Roy/);
    const sam = shown(posts('USAM')[0]);
    expect(sam).toContain(
      'Your team: 0 of 4 met the requirement · 0 waiting for review · 1 submitted · 3 nothing yet',
    );
    expect(sam).toContain('*:memo: Submitted, not approved yet* (1)\n• Sue');
    expect(sam).not.toMatch(/\p{Script=Han}/u);
  });

  it('deadline nudges and a manager’s team nudge are in the recipient’s language', async () => {
    await runNudges({
      db: testDb.database.db,
      client: deliveryClientFor(slack),
      logger,
      now: () => new Date('2026-11-16T10:00:00Z'),
      timezone: 'UTC',
      includeGuests: false,
      botCommand: '/bot',
      locales: { default: 'en', digest: 'zh-CN' },
    });
    const roy = posts('UROY');
    expect(roy).toHaveLength(1);
    expectChinese(shown(roy[0]), { allow: NAMES });
    expect(String(roy[0]?.args.text)).toBe('FY26-N 14 天后结束：还差 1 个通过审核的 AI 助手。');
    expect(shown(roy[0])).toContain('2026年11月30日');

    // Mei (Shanghai, 18:00 there) gets her own nudge and the list of her reports without Slack.
    const mei = posts('UMEI');
    expect(mei).toHaveLength(2);
    for (const call of mei) expectChinese(shown(call), { allow: NAMES });
    const list = mei.find((c) => shown(c).includes('没有 Slack'));
    expect(shown(list)).toContain('*Diego*（diego@example.com）');
    expect(shown(list)).toContain('`/bot submit for diego@example.com`');

    // Rob reads English; so does Ria, whose language is unknown (DEFAULT_LOCALE).
    expect(String(posts('UROB')[0]?.args.text)).toBe('FY26-N ends in 14 days: 1 more approved bot to go.');
    expect(String(posts('URIA')[0]?.args.text)).toBe('FY26-N ends in 14 days: 1 more approved bot to go.');
  });

  it('/bot team answers a zh-CN manager in Chinese (dates in her zone) and an en manager in English', async () => {
    const app = await startTestApp(testDb.database, { slack, now: () => NOW });
    try {
      await app.command('UMEI', 'team');
      const mei = visibleText(await app.nextResponse());
      expectChinese(mei, { allow: NAMES });
      expect(mei).toContain('*6 人中 1 人*已达标');
      expect(mei).toContain('*Diego*（没有 Slack，diego@example.com）');
      // Rae's bot went in at 20:00 UTC on 5 October: already the 6th in Shanghai.
      expect(mei).toContain('首次提交：2026年10月6日');
      expect(mei).toContain('预计每周节省 0 小时（自报）');

      await app.command('USAM', 'team');
      const sam = visibleText(await app.nextResponse());
      expect(sam).toContain('*0 of 4* have met the requirement');
      expect(sam).toContain('*Sue* (<@USUE>) · 0 approved, 1 submitted');
      expect(sam).not.toMatch(/\p{Script=Han}/u);
    } finally {
      await app.stop();
    }
  });
});
