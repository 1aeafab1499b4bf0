import { describe, expect, it } from 'vitest';
import { type BotDraftInput, validateBotDraft } from '../../src/domain/bot-draft.js';
import type { BotField, FieldError } from '../../src/domain/errors.js';

const VALID: BotDraftInput = {
  name: 'Weekly report helper',
  description: 'Drafts the weekly sales report from CRM data.',
};

function draftOf(input: BotDraftInput) {
  const result = validateBotDraft({ ...VALID, ...input });
  if (!result.ok) throw new Error(`expected a valid draft, got ${JSON.stringify(result.errors)}`);
  return result.draft;
}

function errorsOf(input: BotDraftInput): FieldError[] {
  const result = validateBotDraft({ ...VALID, ...input });
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.draft)}`);
  return result.errors;
}

/** The one error for `field`; fails when there is none, several, or errors on other fields. */
function onlyErrorOn(field: BotField, input: BotDraftInput): string {
  const errors = errorsOf(input);
  expect(errors.map((e) => e.field)).toEqual([field]);
  const message = errors[0]?.message ?? '';
  expect(message.trim()).not.toBe('');
  return message;
}

describe('validateBotDraft: a complete valid draft', () => {
  it('returns every field cleaned up', () => {
    expect(
      validateBotDraft({
        name: '  周报助手  ',
        link: '  https://coze.example/store/bot/742  ',
        description: '  每周自动生成销售周报，并发给团队。\n  ',
        platform: 'coze',
        category: 'team',
        hoursSavedPerWeek: ' 1,5 ',
      }),
    ).toEqual({
      ok: true,
      draft: {
        name: '周报助手',
        link: 'https://coze.example/store/bot/742',
        description: '每周自动生成销售周报，并发给团队。',
        platform: 'coze',
        category: 'team',
        hoursSavedPerWeek: 1.5,
      },
    });
  });

  it('leaves the optional fields null when they are absent', () => {
    expect(validateBotDraft(VALID)).toEqual({
      ok: true,
      draft: {
        name: 'Weekly report helper',
        description: 'Drafts the weekly sales report from CRM data.',
        link: null,
        platform: null,
        category: null,
        hoursSavedPerWeek: null,
      },
    });
  });
});

describe('validateBotDraft: name', () => {
  it.each([
    ['abc', 'abc'],
    ['  abc  ', 'abc'],
    ['周报助手', '周报助手'],
    ['周报助', '周报助'],
    ['😀ab', '😀ab'],
    ['a'.repeat(80), 'a'.repeat(80)],
    [`   ${'a'.repeat(80)}   `, 'a'.repeat(80)],
    ['周'.repeat(80), '周'.repeat(80)],
    // 80 code points but 160 UTF-16 units: the limit counts characters, not units.
    ['😀'.repeat(80), '😀'.repeat(80)],
    ["Robert'); DROP TABLE bots;--", "Robert'); DROP TABLE bots;--"],
  ])('%j is accepted as %j', (name, expected) => {
    expect(draftOf({ name }).name).toBe(expected);
  });

  it.each([
    ['ab', 'short'],
    ['  ab  ', 'short'],
    ['周报', 'short'],
    // 2 code points but 4 UTF-16 units.
    ['😀😀', 'short'],
    ['a'.repeat(81), 'long'],
    ['周'.repeat(81), 'long'],
    ['😀'.repeat(81), 'long'],
  ])('%j is too %s, and the message gives the limits', (name, _why) => {
    const message = onlyErrorOn('name', { name });
    expect(message).toContain('3');
    expect(message).toContain('80');
  });

  it.each([[undefined], [null], [''], ['   '], ['\n\t']])(
    'a missing name (%j) is an error on name',
    (name) => {
      expect(onlyErrorOn('name', { name })).toMatch(/name/i);
    },
  );

  it.each([
    ['Weekly\nreport', 'a newline'],
    ['Weekly\rreport', 'a carriage return'],
    ['Weekly\treport', 'a tab'],
    ['ab\u0000c', 'NUL'],
    ['abc\u001b[31m', 'an escape sequence'],
    ['abc\u007f', 'DEL'],
    ['abc\ud800', 'a lone high surrogate'],
    ['\udc00abc', 'a lone low surrogate'],
  ])('%j (%s) is refused with an error on name that says to retype', (name) => {
    expect(onlyErrorOn('name', { name })).toMatch(/retype|broken|control/i);
  });
});

describe('validateBotDraft: description', () => {
  it.each([
    ['a'.repeat(10)],
    ['a'.repeat(2000)],
    ['周'.repeat(10)],
    ['周'.repeat(2000)],
    ['😀'.repeat(2000)],
    ['First line.\nSecond line.'],
    ['First line.\r\nSecond line.'],
    ['\u6bcf\u5468\u81ea\u52a8\u751f\u6210\u9500\u552e\u5468\u62a5'],
  ])('%j is accepted verbatim', (description) => {
    expect(draftOf({ description }).description).toBe(description);
  });

  it('is trimmed', () => {
    expect(draftOf({ description: '\n  Drafts the report.  \n' }).description).toBe('Drafts the report.');
  });

  it.each([
    ['a'.repeat(9)],
    [` ${'a'.repeat(9)} `],
    ['周'.repeat(9)],
    ['😀'.repeat(9)],
    ['a'.repeat(2001)],
    ['周'.repeat(2001)],
    ['😀'.repeat(2001)],
  ])('%j is out of range, and the message gives the limits', (description) => {
    const message = onlyErrorOn('description', { description });
    expect(message).toContain('10');
    expect(message).toContain('2000');
  });

  it.each([[undefined], [null], [''], ['  \n  ']])(
    'a missing description (%j) is an error',
    (description) => {
      expect(onlyErrorOn('description', { description })).toMatch(/description/i);
    },
  );

  it.each([
    ['Does things\u0000 quietly'],
    ['Does things \u0007 loudly'],
    ['Does things \u000b vertically'],
    ['Does things \u007f here'],
    ['Does things \ud800 here'],
    ['Does things here \udfff'],
  ])('%j is refused with an error on description', (description) => {
    expect(onlyErrorOn('description', { description })).toMatch(/retype|broken|control/i);
  });
});

describe('validateBotDraft: link', () => {
  it.each([
    ['http://x.example', 'http://x.example'],
    ['https://x.example', 'https://x.example'],
    ['https://gpts.example/g/g-123?ref=slack&x=1#top', 'https://gpts.example/g/g-123?ref=slack&x=1#top'],
    ['  https://x.example/a  ', 'https://x.example/a'],
    ['http://localhost:8080/bot', 'http://localhost:8080/bot'],
    ['https://例子.example/机器人', 'https://例子.example/机器人'],
  ])('%j is accepted as %j', (link, expected) => {
    expect(draftOf({ link }).link).toBe(expected);
  });

  it.each([[undefined], [null], [''], ['   '], ['none'], ['NONE'], ['None'], [' none ']])(
    '%j means no link',
    (link) => {
      expect(draftOf({ link }).link).toBeNull();
    },
  );

  it.each([
    ['ftp://x'],
    ['ftp://files.example/bot'],
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['data:text/html,<b>x</b>'],
    ['mailto:ann@x.example'],
    ['www.example.com'],
    ['example.com/bot'],
    ['https://'],
    ['http://'],
    ['https://x.example/a b'],
    ['my bot is on the shared drive'],
    ['https://x.example/\u0000'],
    ['https://x.example/\ud800'],
    [`https://x.example/${'a'.repeat(2000)}`],
    ['n/a'],
  ])('%j is refused with an error on link that mentions http', (link) => {
    expect(onlyErrorOn('link', { link })).toContain('http');
  });
});

describe('validateBotDraft: platform and category', () => {
  it.each([['chatgpt_gpt'], ['coze'], ['dify'], ['copilot_studio'], ['internal_script'], ['other']])(
    'platform %j is accepted',
    (platform) => {
      expect(draftOf({ platform }).platform).toBe(platform);
    },
  );

  it.each([['self'], ['team'], ['cross_team'], ['company'], ['customers']])(
    'category %j is accepted',
    (category) => {
      expect(draftOf({ category }).category).toBe(category);
    },
  );

  it.each([[null], [undefined], ['']])('an absent choice (%j) is null', (value) => {
    const draft = draftOf({ platform: value, category: value });
    expect(draft.platform).toBeNull();
    expect(draft.category).toBeNull();
  });

  it.each([['openai'], ['Coze'], [' coze'], ['ChatGPT custom GPT'], ['__proto__'], ['toString']])(
    'platform %j is refused, and the message lists the choices',
    (platform) => {
      const message = onlyErrorOn('platform', { platform });
      expect(message).toContain('Coze');
      expect(message).toContain('Copilot Studio');
    },
  );

  it.each([['everyone'], ['Team'], ['self ']])(
    'category %j is refused, and the message lists the choices',
    (category) => {
      const message = onlyErrorOn('category', { category });
      expect(message).toContain('My team');
      expect(message).toContain('The whole company');
    },
  );

  it('a platform is not accepted as a category, nor a category as a platform', () => {
    onlyErrorOn('category', { category: 'coze' });
    onlyErrorOn('platform', { platform: 'team' });
  });
});

describe('validateBotDraft: hours saved per week', () => {
  it.each([
    [undefined, null],
    [null, null],
    ['', null],
    ['   ', null],
    ['2', 2],
    [' 2 ', 2],
    ['1.5', 1.5],
    ['1,5', 1.5],
    ['0', 0],
    ['0.25', 0.25],
    ['168', 168],
    ['168.0', 168],
    [2, 2],
    [1.5, 1.5],
    [0, 0],
    [168, 168],
  ])('%j is %j', (hoursSavedPerWeek, expected) => {
    expect(draftOf({ hoursSavedPerWeek }).hoursSavedPerWeek).toBe(expected);
  });

  it.each([
    ['-1'],
    ['-0.5'],
    ['169'],
    ['168.5'],
    ['1000'],
    ['abc'],
    ['1e3'],
    ['2.345'],
    ['1,5,0'],
    ['2 hours'],
    ['２'],
    ['Infinity'],
    ['NaN'],
    [-1],
    [169],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
  ])('%j is refused, and the message gives the range', (hoursSavedPerWeek) => {
    const message = onlyErrorOn('hoursSavedPerWeek', { hoursSavedPerWeek });
    expect(message).toContain('0');
    expect(message).toContain('168');
  });
});

describe('validateBotDraft: several problems at once', () => {
  it('reports one error per bad field, all together', () => {
    const errors = validateBotDraft({
      name: 'x',
      description: 'short',
      link: 'ftp://x',
      platform: 'openai',
      category: 'everyone',
      hoursSavedPerWeek: '-1',
    });
    expect(errors.ok).toBe(false);
    if (errors.ok) return;
    expect(errors.errors.map((e) => e.field).sort()).toEqual(
      ['category', 'description', 'hoursSavedPerWeek', 'link', 'name', 'platform'].sort(),
    );
    for (const error of errors.errors) expect(error.message.trim()).not.toBe('');
  });

  it('an empty form reports only the required fields', () => {
    const result = validateBotDraft({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field).sort()).toEqual(['description', 'name']);
  });

  it('a bad name with valid other fields reports only the name', () => {
    const result = validateBotDraft({
      ...VALID,
      name: 'ab',
      link: 'https://x.example',
      hoursSavedPerWeek: '2',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['name']);
  });
});
