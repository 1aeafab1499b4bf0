import { describe, expect, it } from 'vitest';
import { localeFromSlack, localeOf, translator } from '../../src/i18n/index.js';

// Some ICU versions put a narrow no-break space before AM/PM; the words are what we check.
const plain = (text: string) => text.replace(/\u202f/g, ' ');

describe('localeFromSlack', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh_HK', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['en-US', 'en'],
    ['ja-JP', 'en'],
    ['es-LA', 'en'],
    ['zu-ZA', 'en'],
    ['', null],
    ['  ', null],
    [undefined, null],
    [null, null],
  ])('%s → %s', (raw, expected) => {
    expect(localeFromSlack(raw)).toBe(expected);
  });
});

describe('localeOf', () => {
  it('is the person’s locale when known, else the default', () => {
    expect(localeOf({ locale: 'zh-CN' }, 'en')).toBe('zh-CN');
    expect(localeOf({ locale: 'en' }, 'zh-CN')).toBe('en');
    expect(localeOf({ locale: null }, 'zh-CN')).toBe('zh-CN');
    expect(localeOf(null, 'en')).toBe('en');
    expect(localeOf({ locale: 'fr' }, 'en')).toBe('en');
  });
});

describe('translator', () => {
  const en = translator('en', { timeZone: 'Asia/Shanghai' });
  const zh = translator('zh-CN', { timeZone: 'Asia/Shanghai' });

  it('pluralises in English and counts without plurals in Chinese', () => {
    expect(en.t('common.bots', { count: 0 })).toBe('0 bots');
    expect(en.t('common.bots', { count: 1 })).toBe('1 bot');
    expect(en.t('common.bots', { count: 2 })).toBe('2 bots');
    expect(en.t('common.bots', { count: 12345 })).toBe('12,345 bots');
    expect(en.t('common.people', { count: 1 })).toBe('1 person');
    expect(en.t('common.people', { count: 3 })).toBe('3 people');
    expect(en.t('common.hours_per_week', { hours: 1 })).toBe('1 hour a week');
    expect(en.t('common.hours_per_week', { hours: 1.5 })).toBe('1.5 hours a week');
    expect(zh.t('common.bots', { count: 1 })).toBe('1 个 AI 助手');
    expect(zh.t('common.bots', { count: 12345 })).toBe('12,345 个 AI 助手');
    expect(zh.t('common.hours_per_week', { hours: 1.5 })).toBe('每周 1.5 小时');
  });

  it('fills select arguments and leaves Slack syntax alone', () => {
    expect(en.t('errors.invalid_status_change', { id: 7, action: 'withdraw', status: 'withdrawn' })).toBe(
      'Bot #7 cannot be withdrawn: it has been withdrawn; withdrawn bots stay in history and cannot change.',
    );
    expect(zh.t('errors.not_bot_owner', { id: 7, action: 'edit' })).toBe(
      '#7 是别人的 AI 助手。你只能修改自己的，或你代别人提交的 AI 助手。',
    );
    expect(en.t('digest.participation', { department: '<@U123>', rate: 0.5 })).toBe(
      '<@U123>: 50% participation',
    );
  });

  it('formats numbers and percentages the same way in both languages, one rounding rule', () => {
    expect(en.number(1234.567)).toBe('1,234.57');
    expect(zh.number(1234.567)).toBe('1,234.57');
    expect(en.number(2.5, 0)).toBe('3');
    expect(en.percent(0.425)).toBe('43%');
    expect(en.percent(0.005)).toBe('1%');
    expect(en.percent(0.004)).toBe('0%');
    expect(en.percent(1 / 3)).toBe('33%');
    expect(zh.percent(2 / 3)).toBe('67%');
    expect(en.percent(1)).toBe('100%');
    // The same rule inside a message ({rate, number, percent}) as in the helper.
    expect(zh.t('digest.participation', { department: '销售部', rate: 0.425 })).toBe('销售部：参与率 43%');
  });

  it('shows dates in the translator’s time zone unless told another', () => {
    const lateEvening = new Date('2026-03-05T20:00:00Z'); // 6 March, 04:00 in Shanghai
    expect(en.date(lateEvening)).toBe('Mar 6, 2026');
    expect(zh.date(lateEvening)).toBe('2026年3月6日');
    expect(en.date(lateEvening, 'Europe/London')).toBe('Mar 5, 2026');
    expect(plain(en.dateTime(lateEvening))).toBe('Mar 6, 2026, 4:00 AM');
    expect(zh.dateTime(lateEvening)).toBe('2026年3月6日 04:00');
    expect(plain(translator('en').dateTime(lateEvening))).toBe('Mar 5, 2026, 8:00 PM');
  });

  it('shows a calendar date as that day, whatever the zone', () => {
    const farWest = translator('en', { timeZone: 'America/Los_Angeles' });
    expect(farWest.date('2026-12-31')).toBe('Dec 31, 2026');
    expect(zh.date('2026-12-31')).toBe('2026年12月31日');
    expect(() => zh.date('31.12.2026')).toThrow(RangeError);
  });

  it('shows dates inside messages in the translator’s time zone too', () => {
    const when = new Date('2026-03-05T20:00:00Z');
    expect(plain(en.t('common.due', { when }))).toBe('due Mar 6, 2026 at 4:00 AM');
    expect(zh.t('common.due', { when })).toBe('截止时间：2026年3月6日 04:00');
    expect(plain(translator('en', { timeZone: 'America/New_York' }).t('common.due', { when }))).toBe(
      'due Mar 5, 2026 at 3:00 PM',
    );
  });

  it('joins lists in each language', () => {
    expect(en.list(['Sales', 'Finance', 'Logistics'])).toBe('Sales, Finance, and Logistics');
    expect(en.list(['Coze', 'Dify'], 'or')).toBe('Coze or Dify');
    expect(zh.list(['销售部', '财务部', '物流部'])).toBe('销售部、财务部和物流部');
    expect(zh.list(['Coze', 'Dify'], 'or')).toBe('Coze或Dify');
  });

  it('says which value a message is missing', () => {
    expect(() => en.t('common.bots')).toThrow(/count/);
  });
});
