import type { webApi } from '@slack/bolt';
import { type AuditVia, audit } from '../domain/access.js';
import { renderHrRefusal, renderHrUnavailable } from './blocks/hr-messages.js';
import type { SlackMessage } from './blocks/kit.js';
import type { AppDeps } from './deps.js';
import { requesterTranslator } from './requester.js';

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
  const tr = await requesterTranslator(deps, slackUserId);
  return unavailable ? renderHrUnavailable(tr, attempt.command) : renderHrRefusal(tr, attempt.command);
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
