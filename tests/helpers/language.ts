import { expect } from 'vitest';

/**
 * Is a text the person reads in Chinese? Helpers for the i18n walks (issue 13): `englishWords`
 * lists the English prose left in a text, `expectChinese` fails naming it. What a Chinese text may
 * keep in Latin letters: Slack syntax (`<@U1>`, `<#C1>`, `<url|label>`, `<!here>`), code spans
 * (`` `list` ``), URLs, emails, ids (#12), emoji codes (:x:), command words after `/bot` or
 * `/adoption`, and the product and technical words below.
 */
export const LATIN_ALLOWED = new Set([
  'AI',
  'API',
  'CSV',
  'HR',
  'ID',
  'IDs',
  'ids',
  'URL',
  'Slack',
  'none',
  'ChatGPT',
  'GPT',
  'Coze',
  'Dify',
  'Copilot',
  'Studio',
  'LLM',
  'Bearer',
  'http',
  'https',
]);

/** Subcommand words the commands document (they stay English; Chinese aliases are extra). */
const COMMAND_WORDS = new Set([
  'help',
  'submit',
  'for',
  'list',
  'edit',
  'withdraw',
  'use',
  'token',
  'remind',
  'on',
  'off',
  'me',
  'team',
  'learn',
  'stats',
  'person',
  'lagging',
  'export',
  'period',
  'digest',
  'sessions',
  'now',
]);

export interface LanguageOptions {
  /** More Latin words that may stay: names typed by people in the test (a bot called "Invoice Helper"). */
  allow?: readonly string[];
}

/** The English (Latin-letter) words left in `text` once Slack syntax, code, URLs, ids and allowed words are set aside. */
export function englishWords(text: string, options: LanguageOptions = {}): string[] {
  const allowed = new Set([...LATIN_ALLOWED, ...(options.allow ?? []).flatMap((name) => latinWords(name))]);
  const prose = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/<[^>\s][^>]*>/g, ' ') // <@U1>, <#C1|name>, <!here>, <https://x|label>, <mailto:a@b|a@b>
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/\b(?:[\w-]+\.)+(?:com|org|net|io|ai|cn|dev|app)(?:\/\S*)?/gi, ' ')
    .replace(/(?<!\w)\/(?:bot|adoption)\b((?:\s+[A-Za-z]+)*)/g, (_all, words: string) =>
      words
        .trim()
        .split(/\s+/)
        .filter((word) => word !== '' && !COMMAND_WORDS.has(word.toLowerCase()))
        .join(' '),
    )
    .replace(/#\d+/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ');
  return latinWords(prose).filter((word) => !allowed.has(word));
}

/** Fails, listing them, when English words are left in `text`; also requires Chinese characters. */
export function expectChinese(text: string, options: LanguageOptions = {}): void {
  expect(/\p{Script=Han}/u.test(text), `no Chinese in: ${text}`).toBe(true);
  expect(englishWords(text, options), `English left in: ${text}`).toEqual([]);
}

/**
 * Everything a person reads in a Slack payload (a message, its blocks, a view): every `text`,
 * `alt_text` and `fallback` string, depth first, one per line. Ids, values and URLs are not read.
 */
export function visibleText(payload: unknown): string {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'string') {
        if (key === 'text' || key === 'alt_text' || key === 'fallback') out.push(child);
      } else if (key !== 'private_metadata') {
        walk(child);
      }
    }
  };
  walk(payload);
  return out.join('\n');
}

function latinWords(text: string): string[] {
  return text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
}
