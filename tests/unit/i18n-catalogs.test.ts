import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/catalogs/en/index.js';
import { zhCN } from '../../src/i18n/catalogs/zh-CN/index.js';

/**
 * Latin words a Chinese message may keep: names of products and formats, and words the user types
 * literally (`none` for "no link"). Anything else in Latin letters is an untranslated English copy.
 */
const LATIN_ALLOWED = new Set([
  'AI',
  'API',
  'CSV',
  'HR',
  'ID',
  'Slack',
  'http',
  'https',
  'none',
  'ChatGPT',
  'GPT',
  'Coze',
  'Dify',
  'Copilot',
  'Studio',
  'LLM',
]);

// ignoreTag: as the translator parses them (Slack's `<@U123>` is text, not a tag).
const ast = (message: string) => parse(message, { ignoreTag: true });

/** The argument names a message uses, with how it formats each: "count:plural", "name:". */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

/** The text a reader sees, without arguments: every literal, in every branch. */
function literalsOf(elements: MessageFormatElement[], into: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.literal) into.push(element.value);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) literalsOf(option.value, into);
    }
  }
  return into;
}

/** Latin words left once code spans (`list`), emoji codes (:x:) and Slack links/mentions are set aside. */
function untranslatedWords(message: string): string[] {
  const text = literalsOf(ast(message))
    .join(' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(/<[^>]*>/g, ' ');
  return (text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []).filter((word) => !LATIN_ALLOWED.has(word));
}

const enKeys = Object.keys(en).sort();
const zhKeys = Object.keys(zhCN).sort();

describe('message catalogs', () => {
  it('have the same keys in English and Chinese', () => {
    expect(zhKeys).toEqual(enKeys);
  });

  it('prefix every key with its area', () => {
    const areas = [
      'common',
      'errors',
      'bot',
      'review',
      'digest',
      'hr',
      'home',
      'sessions',
      'team',
      'nudge',
      'entries',
    ];
    const stray = enKeys.filter((key) => !areas.includes(key.split('.')[0] ?? ''));
    expect(stray).toEqual([]);
  });

  it.each(enKeys)('%s parses in both languages and takes the same arguments', (key) => {
    const english = en[key as keyof typeof en];
    const chinese = zhCN[key as keyof typeof zhCN];
    expect([...argumentsOf(ast(chinese))].sort()).toEqual([...argumentsOf(ast(english))].sort());
  });

  it('says everything in Chinese in the Chinese catalog (no English copies)', () => {
    const notChinese = zhKeys.filter((key) => {
      const message = zhCN[key as keyof typeof zhCN];
      return !/\p{Script=Han}/u.test(literalsOf(ast(message)).join(''));
    });
    expect(notChinese).toEqual([]);
    const english = zhKeys
      .map((key) => [key, untranslatedWords(zhCN[key as keyof typeof zhCN])] as const)
      .filter(([, words]) => words.length > 0);
    expect(english).toEqual([]);
  });

  it('catches what it should: an English copy and a renamed argument', () => {
    expect(untranslatedWords('Saved #{id}.')).toEqual(['Saved']);
    expect(untranslatedWords('已保存 `list` :x: <@{user}> Slack')).toEqual([]);
    expect([...argumentsOf(ast('{n, plural, other {# 个 {what}}}'))].sort()).toEqual(['n', 'what']);
  });
});
