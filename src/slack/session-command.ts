import type { App, SlashCommand } from '@slack/bolt';
import type { AuditVia } from '../domain/access.js';
import type { SessionCommand } from '../domain/session-command.js';
import {
  attendanceForm,
  cancelSession,
  createSession,
  isSessionHost,
  isSessionRefusal,
  readerOf,
  upcomingSessions,
} from '../domain/sessions.js';
import { type Translator, translator } from '../i18n/index.js';
import { renderHrHelp } from './blocks/hr-messages.js';
import type { SlackMessage } from './blocks/kit.js';
import {
  renderAttendanceModal,
  renderAttendanceOpened,
  renderSessionCancelled,
  renderSessionCreated,
  renderSessionList,
  renderSessionRefusal,
  sessionProblemText,
} from './blocks/sessions.js';
import { deliverSoon } from './deliver-soon.js';
import type { AppDeps } from './deps.js';
import { requireSessionManager } from './hr-gate.js';
import { fallbackProfile, fetchSlackProfile } from './profile.js';

type Client = Parameters<Parameters<App['command']>[1]>[0]['client'];

/**
 * `/adoption session …`: HR and the AI champions (REVIEWER_USER_IDS) may schedule, list, cancel and
 * mark attendance; a session's host may mark its attendance too. Everyone else is refused and the
 * attempt audited, like any other HR refusal. Answers are in the caller's language; times are shown
 * in TIMEZONE, the zone sessions are scheduled in.
 */
export async function runSessionCommand(
  parsed: SessionCommand,
  command: SlashCommand,
  deps: AppDeps,
  client: Client,
  attempt: { command: string; via: AuditVia; detail: Record<string, unknown> },
): Promise<SlackMessage | null> {
  const { db, config } = deps;
  const userId = command.user_id;
  const hostOf = (sessionId: number) => async () =>
    isSessionHost(db, sessionId, await deps.employees.find(db, userId));
  const refusal = await requireSessionManager(
    deps,
    client,
    userId,
    attempt,
    parsed.kind === 'session-attendance' ? hostOf(parsed.sessionId) : undefined,
  );
  if (refusal) return refusal;
  const now = deps.now();
  const timezone = config.digest.timezone;
  const reader = await readerOf(db, await deps.employees.find(db, userId), {
    locale: deps.locales.default,
    timezone,
  });
  const tr = translator(reader.locale, { timeZone: timezone });
  try {
    return await answer(parsed, command, deps, client, tr, userId, now);
  } catch (error) {
    if (isSessionRefusal(error)) return renderSessionRefusal(error, tr);
    throw error;
  }
}

async function answer(
  parsed: SessionCommand,
  command: SlashCommand,
  deps: AppDeps,
  client: Client,
  tr: Translator,
  userId: string,
  now: Date,
): Promise<SlackMessage | null> {
  const { db } = deps;
  const timezone = tr.timeZone;
  const ensure = (slackUserId: string, userName?: string) =>
    deps.employees.ensure(
      db,
      slackUserId,
      () => fetchSlackProfile(client, slackUserId),
      fallbackProfile({ user_id: slackUserId, ...(userName ? { user_name: userName } : {}) }),
      now,
    );
  switch (parsed.kind) {
    case 'session-help':
      return renderHrHelp(tr, command.command, sessionProblemText(parsed.problem, tr));
    case 'session-create': {
      const hostEmployeeId = parsed.hostSlackUserId
        ? await ensure(parsed.hostSlackUserId)
        : await ensure(userId, command.user_name);
      const { session, hostName } = await createSession(
        db,
        { ...parsed, hostEmployeeId, createdBy: userId },
        { now, timezone },
      );
      return renderSessionCreated(session, hostName ?? tr.t('sessions.host_unknown'), tr);
    }
    case 'session-list':
      return renderSessionList(await upcomingSessions(db, { now }), tr, command.command);
    case 'session-attendance': {
      const form = await attendanceForm(db, parsed.sessionId);
      await client.views.open({
        trigger_id: command.trigger_id,
        view: renderAttendanceModal(form, tr),
      });
      return renderAttendanceOpened(form.session, tr);
    }
    case 'session-cancel': {
      const { session, told } = await cancelSession(db, { sessionId: parsed.sessionId, now });
      if (told > 0) deliverSoon(deps, 'session-cancelled');
      return renderSessionCancelled(session, told, tr);
    }
  }
}
