import { describe, expect, it } from 'vitest';
import { validateBotDraft } from '../../src/domain/bot-draft.js';
import { type FieldError, fieldError, UserError } from '../../src/domain/errors.js';
import { translator } from '../../src/i18n/index.js';

const zh = translator('zh-CN');
const en = translator('en');

/** What a renderer does with a field error. */
const say = (tr: typeof zh, error: FieldError) =>
  tr.t(`errors.field.${error.code}`, { ...error.params, field: error.field });

function errorsOf(input: Parameters<typeof validateBotDraft>[0]): FieldError[] {
  const result = validateBotDraft(input);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('coded user errors', () => {
  it('carry a code and params, and their English from the catalog', () => {
    const error = new UserError('bot_not_found', { id: 12345 });
    expect(error.code).toBe('bot_not_found');
    expect(error.params).toEqual({ id: 12345 });
    expect(error.message).toBe('There is no bot #12345. `list` shows your bots and their ids.');
    expect(zh.t(`errors.${error.code}`, error.params)).toBe(
      '没有编号为 #12345 的 AI 助手。用 `list` 可以查看你的 AI 助手和编号。',
    );
  });

  it('still take an English sentence while their area is not converted', () => {
    const error = new UserError('validation_failed', 'There is no session 4.');
    expect(error.message).toBe('There is no session 4.');
    expect(error.params).toEqual({});
    expect(error.fieldErrors).toEqual([]);
  });

  it('fieldError fills the English message; English-only values stay out of params', () => {
    expect(fieldError('platform', 'unknown_choice', { value: 'x' }, { choices: 'Coze, Dify' })).toEqual({
      field: 'platform',
      code: 'unknown_choice',
      params: { value: 'x' },
      message: 'Unknown platform "x"; choose one of: Coze, Dify.',
    });
    expect(fieldError('link', 'invalid_link')).toEqual({
      field: 'link',
      code: 'invalid_link',
      message:
        'Link must be a web address starting with http:// or https:// (or "none" if there is no link).',
    });
  });
});

describe('bot form validation speaks in codes', () => {
  it('a short name and a missing description, in both languages', () => {
    const [name, description] = errorsOf({ name: 'ab', description: '' });
    expect(name).toMatchObject({ field: 'name', code: 'too_short', params: { length: 2, min: 3, max: 80 } });
    expect(description).toMatchObject({ field: 'description', code: 'missing' });
    if (!name || !description) throw new Error('expected two errors');
    expect(name.message).toBe('Name is too short (2); use 3–80 characters.');
    expect(say(en, name)).toBe(name.message);
    expect(say(zh, name)).toBe('名称太短（2 个字）；请写 3–80 个字。');
    expect(description.message).toBe('Description is missing. Say what it does in a sentence or two.');
    expect(say(zh, description)).toBe('还没填用途，请用一两句话说明它能做什么。');
  });

  it('a long description keeps its limits ungrouped (2000, not 2,000)', () => {
    const [error] = errorsOf({ name: 'Helper', description: 'x'.repeat(2001) });
    expect(error?.message).toBe('Description is too long (2001); use 10–2000 characters.');
  });

  it('bad hours, an unknown platform and a broken character', () => {
    const errors = errorsOf({
      name: 'Report \u0007helper',
      description: 'Drafts the weekly report.',
      platform: 'myspace',
      hoursSavedPerWeek: 'lots',
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['name', 'control_character'],
      ['platform', 'unknown_choice'],
      ['hoursSavedPerWeek', 'invalid_hours'],
    ]);
    const hours = errors[2];
    if (!hours) throw new Error('expected the hours error');
    expect(hours.message).toBe(
      'Hours saved per week must be a number from 0 to 168, like 2 or 1.5 (got "lots").',
    );
    expect(say(zh, hours)).toBe('每周节省工时必须是 0 到 168 之间的数字，比如 2 或 1.5（你填的是“lots”）。');
    expect(errors[1]?.message).toContain('choose one of: ChatGPT custom GPT, Coze, Dify');
  });
});
