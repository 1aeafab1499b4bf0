import type { webApi } from '@slack/bolt';
import { findEmployeesBySlackUserIds } from '../db/queries/employees.js';
import { type AuditVia, audit } from '../domain/access.js';
import { localeOf, type Translator, translator } from '../i18n/index.js';
import { renderHrRefusal, renderHrUnavailable } from './blocks/hr-messages.js';
import type { SlackMessage } from './blocks/kit.js';
import type { AppDeps } from './deps.js';

/**
 * The one gate in front of everything HR can do in Slack (every `/adoption` subcommand, and the
 * buttons on its replies). Null when the user is HR; otherwise the reply to give them. A refusal is
 * audited; when the user group cannot be read, nobody is let in and nobody is recorded as refused
 * (the audit says the check could not be made).
 */
export async function requireHr(
  deps: AppDeps,
  client: webApi.WebClient,
  slackUserId: string,
  attempt: { command: string; via: AuditVia; detail: Record<string, unknown> },
): Promise<SlackMessage | null> {
  const decision = await checkHr(deps, client, slackUserId);
  if (decision.kind === 'granted') return null;
  const log = deps.logger.child({ user: slackUserId });
  const unavailable = decision.kind === 'unavailable';
  if (unavailable)
    log.warn({ reason: decision.reason }, 'could not read the HR user group; access not granted');
  await audit(
    deps.db,
    {
      actor: slackUserId,
      action: unavailable ? 'hr_access_unchecked' : 'hr_command_refused',
      via: attempt.via,
      detail: attempt.detail,
    },
    deps.now(),
  ).catch((err) => log.error({ err }, 'could not audit a refused HR request'));
  const tr = await readerOf(deps, slackUserId);
  return unavailable ? renderHrUnavailable(tr, attempt.command) : renderHrRefusal(tr, attempt.command);
}

/**
 * Whoever asked, as a reader: their language (their roster row's, else DEFAULT_LOCALE) and their
 * time zone (else TIMEZONE). Someone not on the roster gets the defaults.
 */
export async function readerOf(deps: AppDeps, slackUserId: string): Promise<Translator> {
  const [employee] = await findEmployeesBySlackUserIds(deps.db, [slackUserId]);
  const zone = employee?.timezone;
  return translator(localeOf(employee, deps.locales.default), {
    timeZone: zone && isTimeZone(zone) ? zone : deps.config.digest.timezone,
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The gate for AI sessions (`/adoption session …` and the attendance form): HR, the AI champions
 * (REVIEWER_USER_IDS), or whoever `alsoAllowed` admits (a session's host, for its attendance).
 * Anyone else gets HR's refusal, audited exactly like any other refused HR request.
 */
export async function requireSessionManager(
  deps: AppDeps,
  client: webApi.WebClient,
  slackUserId: string,
  attempt: { command: string; via: AuditVia; detail: Record<string, unknown> },
  alsoAllowed?: () => Promise<boolean>,
): Promise<SlackMessage | null> {
  if (deps.config.reviewerUserIds.includes(slackUserId)) return null;
  if (alsoAllowed && (await alsoAllowed())) return null;
  return requireHr(deps, client, slackUserId, attempt);
}

/**
 * Whether the user is HR, for surfaces that show HR extras rather than refuse (the Home tab's
 * company figures, the HR override on reviews). Same rule as the gate; an unreadable user group
 * counts as not HR, and nothing is audited because nothing personal is shown or refused.
 */
export async function isHr(deps: AppDeps, client: webApi.WebClient, slackUserId: string): Promise<boolean> {
  return (await checkHr(deps, client, slackUserId)).kind === 'granted';
}

function checkHr(deps: AppDeps, client: webApi.WebClient, slackUserId: string) {
  return deps.hrAccess.check(slackUserId, async (usergroup) => {
    const answer = await client.usergroups.users.list({ usergroup });
    return answer.users ?? [];
  });
}

/** Command text as audited: mentions keep the user id and lose the display name Slack adds. */
export function auditedText(text: string): string {
  return text.replace(/<@([UW][A-Z0-9]+)\|[^>]*>/g, '<@$1>').slice(0, 500);
}
