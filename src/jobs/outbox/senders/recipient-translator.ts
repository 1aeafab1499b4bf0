import { findLocalesByEmployeeIds } from '../../../db/queries/employees.js';
import { localeOf, type Translator, translator } from '../../../i18n/index.js';
import type { SenderContext } from '../sender.js';

/**
 * The recipient's language, read when the message is sent (docs/i18n.md, "Messages sent later"):
 * theirs when known, else DEFAULT_LOCALE; dates in the app's zone (TIMEZONE).
 */
export async function recipientTranslator(
  context: Pick<SenderContext, 'db' | 'locales' | 'timezone'>,
  employeeId: number | null,
): Promise<Translator> {
  const found =
    employeeId === null
      ? undefined
      : (await findLocalesByEmployeeIds(context.db, [employeeId])).get(employeeId);
  return translator(localeOf(found, context.locales.default), { timeZone: context.timezone });
}
