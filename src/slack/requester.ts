import { findSpeechBySlackUser } from '../db/queries/employees.js';
import { type Locale, localeOf, type Translator, translator } from '../i18n/index.js';
import type { AppDeps } from './deps.js';

type SpeechDeps = Pick<AppDeps, 'db' | 'locales' | 'config' | 'logger'>;

/**
 * The last language seen for each Slack user, per app: what an answer given without touching the
 * database speaks (busy, working on it). Every lookup refreshes it. Bounded, oldest forgotten first.
 */
const remembered = new WeakMap<object, Map<string, Locale>>();
const REMEMBERED_MAX = 100_000;

function memoryOf(deps: SpeechDeps): Map<string, Locale> {
  let memory = remembered.get(deps);
  if (!memory) {
    memory = new Map();
    remembered.set(deps, memory);
  }
  return memory;
}

/**
 * The translator for whoever made a request: their roster language (`employees.locale`, from
 * users.info on first contact) in their time zone, else DEFAULT_LOCALE in the app's TIMEZONE.
 * Never throws: when the roster cannot be read, the default language answers.
 */
export async function requesterTranslator(deps: SpeechDeps, slackUserId: string): Promise<Translator> {
  let speech: Awaited<ReturnType<typeof findSpeechBySlackUser>> = null;
  try {
    speech = await findSpeechBySlackUser(deps.db, slackUserId);
  } catch (error) {
    deps.logger.warn(
      { code: (error as { code?: unknown }).code, user: slackUserId },
      'could not read the requester’s language; the default answers',
    );
    return rememberedTranslator(deps, slackUserId);
  }
  return speechTranslator(deps, slackUserId, speech);
}

/**
 * requesterTranslator for a requester whose roster language was just read by other means (the
 * submission batch reads the owner's with the owner's row): no query of its own.
 */
export function speechTranslator(
  deps: SpeechDeps,
  slackUserId: string,
  speech: { locale: string | null; timezone: string | null } | null,
): Translator {
  const locale = localeOf(speech, deps.locales.default);
  const memory = memoryOf(deps);
  memory.delete(slackUserId);
  if (memory.size >= REMEMBERED_MAX) {
    const oldest = memory.keys().next().value;
    if (oldest !== undefined) memory.delete(oldest);
  }
  memory.set(slackUserId, locale);
  const zone = speech?.timezone;
  return translator(locale, { timeZone: zone && isTimeZone(zone) ? zone : deps.config.digest.timezone });
}

/** The requester's translator without a query: the language last seen for them, else the default. */
export function rememberedTranslator(deps: SpeechDeps, slackUserId: string): Translator {
  const locale = memoryOf(deps).get(slackUserId) ?? deps.locales.default;
  return translator(locale, { timeZone: deps.config.digest.timezone });
}

/** Looks the requester's language up once, when first asked (after any first-contact roster insert). */
export function requesterLanguage(deps: SpeechDeps, slackUserId: string): () => Promise<Translator> {
  let found: Promise<Translator> | undefined;
  return () => {
    found ??= requesterTranslator(deps, slackUserId);
    return found;
  };
}

/** Zones already checked: building a DateTimeFormat per request was 5% of the main thread under load. */
const checkedZones = new Map<string, boolean>();

/** A roster time zone Intl knows (a bad one from Slack must not break the answer). */
function isTimeZone(zone: string): boolean {
  let known = checkedZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    // The IANA zones are a few hundred; a bound keeps odd values from Slack from growing it.
    if (checkedZones.size < 1_000) checkedZones.set(zone, known);
  }
  return known;
}
