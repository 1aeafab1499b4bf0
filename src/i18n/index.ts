import { type Formats, IntlMessageFormat } from 'intl-messageformat';
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
  const formats = formatsIn(timeZone);
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
        message = new IntlMessageFormat(catalog[key], locale, formats, { ignoreTag: true });
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

/** intl-messageformat's date and time styles, shown in `timeZone`. */
function formatsIn(timeZone: string): Partial<Formats> {
  const zoned = (styles: Record<string, Intl.DateTimeFormatOptions>) =>
    Object.fromEntries(Object.entries(styles).map(([name, options]) => [name, { ...options, timeZone }]));
  return { date: zoned(IntlMessageFormat.formats.date), time: zoned(IntlMessageFormat.formats.time) };
}

function calendarDay(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}
