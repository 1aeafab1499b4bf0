import { describe, expect, it } from 'vitest';
import { UserError, userErrorKey } from '../../src/domain/errors.js';
import { parseHrCommand } from '../../src/domain/hr-command.js';
import { readPeriod } from '../../src/domain/periods.js';
import { translator } from '../../src/i18n/index.js';

const zh = translator('zh-CN');

describe('the HR grammar’s Chinese words', () => {
  it.each([
    ['帮助', 'help'],
    ['统计 Sales 2026-Q3', 'stats Sales 2026-Q3'],
    ['个人 <@U0ANN|ann> 2026-Q3', 'person <@U0ANN|ann> 2026-Q3'],
    ['未达标 2026-Q3', 'lagging 2026-Q3'],
    ['落后', 'lagging'],
    ['名单 Sales', 'lagging Sales'],
    ['导出 2026-Q3', 'export 2026-Q3'],
    ['周期 列表', 'period list'],
    ['周期', 'period'],
    [
      '周期 新建 下半年 2026-07-01..2026-12-31 require=2',
      'period create 下半年 2026-07-01..2026-12-31 require=2',
    ],
    ['周报 预览', 'digest preview'],
    ['周报 发送', 'digest send'],
    ['digest 预览', 'digest preview'],
  ])('%s means %s', (chinese, english) => {
    expect(parseHrCommand(chinese)).toEqual(parseHrCommand(english));
  });

  it('says what was wrong as a code, with the same English as before', () => {
    expect(parseHrCommand('周报 明天')).toEqual({
      kind: 'help',
      problem: 'Write `digest preview` (see the next digest) or `digest send` (send it now).',
      usage: { code: 'digest_usage', params: {} },
    });
    expect(parseHrCommand('constructor')).toMatchObject({
      kind: 'help',
      usage: { code: 'unknown_subcommand', params: { verb: 'constructor' } },
    });
    expect(parseHrCommand('个人 ann')).toMatchObject({
      usage: { code: 'person_unknown', params: { who: 'ann' } },
    });
  });
});

describe('period problems as codes', () => {
  it.each([
    ['2026-13', 'period_no_month', { text: '2026-13', month: '13' }, '2026-13 不是有效的月份：没有 13 月。'],
    ['2026-02-30..2026-03-31', 'period_not_a_date', { date: '2026-02-30' }, '2026-02-30 不是有效的日期。'],
    [
      '2026-12-31..2026-10-01',
      'period_ends_before_start',
      { start: '2026-12-31', end: '2026-10-01' },
      '考核周期的结束日期（2026-10-01）早于开始日期（2026-12-31）。',
    ],
    ['2020-01-01..2026-01-01', 'period_too_long', {}, '考核周期最长五年。'],
    ['Q3', 'period_unknown', { text: 'Q3' }, '“Q3”不是有效的考核周期。'],
  ])('%s → %s', (text, code, params, chinese) => {
    const read = readPeriod(text);
    expect(read).toEqual({ ok: false, code, params });
    if (read.ok) return;
    const error = new UserError(read.code, read.params);
    expect(userErrorKey(error.code)).toBe(`hr.error.${code}`);
    expect(zh.t(userErrorKey(error.code), error.params).startsWith(chinese.replace(/。$/, ''))).toBe(true);
  });

  it('keeps the general codes under errors.', () => {
    expect(userErrorKey('bot_not_found')).toBe('errors.bot_not_found');
    expect(new UserError('department_unknown', { department: 'X', departments: '', count: 0 }).message).toBe(
      'No one is in a department called "X". Departments: none yet (import the HR roster).',
    );
  });
});
