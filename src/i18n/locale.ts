/** The languages the app speaks. Slack's many locales collapse to these two. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh-CN';
}

/**
 * A Slack user's `locale` (users.info / users.list with include_locale, user_change, team_join)
 * as one of ours: any Chinese (`zh-CN`, `zh-TW`, `zh`) → 'zh-CN', any other → 'en', none → null
 * (unknown: the configured default applies).
 */
export function localeFromSlack(raw: string | null | undefined): Locale | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  return /^zh([-_]|$)/i.test(value) ? 'zh-CN' : 'en';
}

/**
 * The language to speak to a person: theirs when known, else the default (DEFAULT_LOCALE).
 * Someone without a roster row, or without Slack, gets the default.
 */
export function localeOf(
  employee: { locale: string | null } | null | undefined,
  defaultLocale: Locale,
): Locale {
  const locale = employee?.locale;
  return isLocale(locale) ? locale : defaultLocale;
}
