import { findLocaleBySlackUser } from '../db/queries/employees.js';
import { localeOf, type Translator, translator } from '../i18n/index.js';
import type { AppDeps } from './deps.js';

/**
 * The language of the person clicking or typing (modals, ephemeral answers): theirs when on the
 * roster with a known locale, else DEFAULT_LOCALE; dates in the app's zone (TIMEZONE).
 */
export async function translatorForUser(
  deps: Pick<AppDeps, 'db' | 'locales' | 'config'>,
  slackUserId: string,
): Promise<Translator> {
  const found = await findLocaleBySlackUser(deps.db, slackUserId);
  return translator(localeOf(found, deps.locales.default), { timeZone: deps.config.digest.timezone });
}
