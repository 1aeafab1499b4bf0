import { type Formatters, IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey, type Messages } from './catalogs/en/index.js';
import { zhCN } from './catalogs/zh-CN/index.js';
import type { Locale } from './locale.js';

export type { MessageKey, Messages } from './catalogs/en/index.js';
export { isLocale, LOCALES, type Locale, localeFromSlack, localeOf } from './locale.js';

/**
 * What the app says, in the person's language. Renderers take a Translator (never config): `t` for
 * catalog messages (ICU MessageFormat: plurals, numbers, percentages and dates through Intl), and
 * the Intl helpers for values shown outside a message. See docs/i18n.md.
 */
export interface Translator {
  readonly locale: Locale;
  /** The zone dates and times are shown in, unless a call names another. */
  readonly timeZone: string;
  t(key: MessageKey, params?: MessageParams): string;
  /** 1234.5 → "1,234.5" (at most 2 decimals unless told). */
  number(value: number, maximumFractionDigits?: number): string;
  /**
   * A ratio as a whole percentage: 0.425 → "43%". The one rounding rule of the app: to the nearest
   * whole percent, halves away from zero — the same as `{rate, number, percent}` in a message.
   */
  percent(ratio: number): string;
  /**
   * A day: "Mar 5, 2026" / "2026年3月5日". A `Date` is shown in `timeZone` (default: the translator's);
   * a calendar date written `YYYY-MM-DD` (a period's start or end) is shown as that very day.
   */
  date(value: Date | string, timeZone?: string): string;
  /** A moment: "Mar 5, 2026, 6:00 PM" / "2026年3月5日 18:00", in `timeZone` (default: the translator's). */
  dateTime(value: Date, timeZone?: string): string;
  /** ["A", "B", "C"] → "A, B, and C" / "A、B和C" ('or' for alternatives). */
  list(items: readonly string[], type?: 'and' | 'or'): string;
}

/** Values a message may take. Text put into mrkdwn is escaped by the renderer before it comes here. */
export type MessageParams = Record<string, string | number | boolean | Date | null | undefined>;

export const CATALOGS: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

const translators = new Map<string, Translator>();

/** The translator for `locale`; dates in `timeZone` (default UTC). Cached: compiled messages are reused. */
export function translator(locale: Locale, options: { timeZone?: string } = {}): Translator {
  const timeZone = options.timeZone ?? 'UTC';
  const cacheKey = `${locale} ${timeZone}`;
  let found = translators.get(cacheKey);
  if (!found) {
    found = createTranslator(locale, timeZone);
    translators.set(cacheKey, found);
  }
  return found;
}

function createTranslator(locale: Locale, timeZone: string): Translator {
  const catalog = CATALOGS[locale];
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const formatters = formattersIn(timeZone);
  const numbers = new Map<number, Intl.NumberFormat>();
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const lists = {
    and: new Intl.ListFormat(locale, { type: 'conjunction' }),
    or: new Intl.ListFormat(locale, { type: 'disjunction' }),
  };
  const dateFormat = (zone: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  const dateTimeFormat = (zone: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const defaultDate = dateFormat(timeZone);
  const defaultDateTime = dateTimeFormat(timeZone);

  return {
    locale,
    timeZone,
    t(key, params) {
      let message = compiled.get(key);
      if (!message) {
        // ignoreTag: `<@U123>` and `<url|text>` are Slack syntax, not ICU rich-text tags.
        message = new IntlMessageFormat(catalog[key], locale, undefined, { ignoreTag: true, formatters });
        compiled.set(key, message);
      }
      return String(message.format(params));
    },
    number(value, maximumFractionDigits = 2) {
      let format = numbers.get(maximumFractionDigits);
      if (!format) {
        format = new Intl.NumberFormat(locale, { maximumFractionDigits });
        numbers.set(maximumFractionDigits, format);
      }
      return format.format(value);
    },
    percent: (ratio) => percentFormat.format(ratio),
    date(value, zone) {
      if (typeof value === 'string') return dateFormat('UTC').format(calendarDay(value));
      return (zone ? dateFormat(zone) : defaultDate).format(value);
    },
    dateTime: (value, zone) => (zone ? dateTimeFormat(zone) : defaultDateTime).format(value),
    list: (items, type = 'and') => lists[type].format(items),
  };
}

/**
 * The Intl formatters of a translator's messages, shared by all of them: every date and time in a
 * message (`{d, date, medium}`, `{d, time}`, a skeleton) is shown in `timeZone`.
 */
function formattersIn(timeZone: string): Formatters {
  const cached = <T>(make: (locales: unknown, options: unknown) => T) => {
    const cache = new Map<string, T>();
    return (locales: unknown, options: unknown): T => {
      const key = JSON.stringify([locales, options]);
      let found = cache.get(key);
      if (!found) {
        found = make(locales, options);
        cache.set(key, found);
      }
      return found;
    };
  };
  type Locales = string | string[] | undefined;
  return {
    getNumberFormat: cached(
      (locales, options) => new Intl.NumberFormat(locales as Locales, options as Intl.NumberFormatOptions),
    ),
    getDateTimeFormat: cached(
      (locales, options) =>
        new Intl.DateTimeFormat(locales as Locales, { ...(options as Intl.DateTimeFormatOptions), timeZone }),
    ),
    getPluralRules: cached(
      (locales, options) => new Intl.PluralRules(locales as Locales, options as Intl.PluralRulesOptions),
    ),
  };
}

function calendarDay(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}
