import type { ViewSubmitAction } from '@slack/bolt';
import { isDatabaseUnavailable, isUserError } from '../../../domain/errors.js';
import { isSessionHost, isSessionRefusal, markAttendance, readerOf } from '../../../domain/sessions.js';
import { translator } from '../../../i18n/index.js';
import { renderNotSaved, userErrorText } from '../../blocks/bot-messages.js';
import {
  ATTENDANCE_CHECKLIST_PREFIX,
  ATTENDANCE_OTHERS_BLOCK,
  ATTENDANCE_VIEW_ID,
  renderAttendanceSavedView,
  sessionRefusalText,
} from '../../blocks/sessions.js';
import type { AppDeps } from '../../deps.js';
import { requireSessionManager } from '../../hr-gate.js';
import { fallbackProfile, fetchSlackProfile } from '../../profile.js';
import type { Listeners } from '../../router.js';

type Ack = (response?: Record<string, unknown>) => Promise<void>;
type StateValues = ViewSubmitAction['view']['state']['values'];

/**
 * The attendance checklist's Save: the same access rule as the command (HR, a champion, or the
 * session's host), then the session's attendance becomes exactly what was ticked plus whoever was
 * picked. Stored before the ack, so a problem is shown in the form, in the presser's language.
 */
export function register(app: Listeners, deps: AppDeps): void {
  app.view<ViewSubmitAction>(ATTENDANCE_VIEW_ID, async ({ ack, body, client }) => {
    const reply = ack as Ack;
    const userId = body.user.id;
    const sessionId = /^\d{1,9}$/.test(body.view.private_metadata)
      ? Number(body.view.private_metadata)
      : null;
    const errorsAt = (message: string) =>
      reply({ response_action: 'errors', errors: { [ATTENDANCE_OTHERS_BLOCK]: message } });
    let tr = translator(deps.locales.default, { timeZone: deps.config.digest.timezone });
    try {
      const reader = await readerOf(deps.db, await deps.employees.find(deps.db, userId), {
        locale: deps.locales.default,
        timezone: deps.config.digest.timezone,
      });
      tr = translator(reader.locale, { timeZone: deps.config.digest.timezone });
      if (sessionId === null) {
        deps.logger.warn({ user: userId }, 'attendance form without a session id');
        await errorsAt(tr.t('sessions.attendance.lost'));
        return;
      }
      const refusal = await requireSessionManager(
        deps,
        client,
        userId,
        {
          command: deps.config.commands.hr,
          via: 'command',
          detail: { action: 'session attendance', sessionId },
        },
        async () => isSessionHost(deps.db, sessionId, await deps.employees.find(deps.db, userId)),
      );
      if (refusal) {
        await errorsAt(refusal.text);
        return;
      }
      const now = deps.now();
      const { ticked, picked } = readAttendance(body.view.state.values);
      const pickedIds = await Promise.all(
        picked.map((slackUserId) =>
          deps.employees.ensure(
            deps.db,
            slackUserId,
            () => fetchSlackProfile(client, slackUserId),
            fallbackProfile({ user_id: slackUserId }),
            now,
          ),
        ),
      );
      const saved = await markAttendance(deps.db, {
        sessionId,
        employeeIds: [...ticked, ...pickedIds],
        markedBy: userId,
        now,
      });
      await reply({
        response_action: 'update',
        view: renderAttendanceSavedView(saved.session, saved.attended, tr),
      });
    } catch (error) {
      if (isSessionRefusal(error)) {
        await errorsAt(sessionRefusalText(error, tr));
        return;
      }
      if (isUserError(error)) {
        await errorsAt(userErrorText(error, tr));
        return;
      }
      const databaseDown = isDatabaseUnavailable(error);
      deps.logger.error({ err: error, databaseDown, user: userId, sessionId }, 'attendance not saved');
      await errorsAt(renderNotSaved(databaseDown, tr).text);
    }
  });
}

/** Roster ids ticked in the checklist groups, and Slack ids picked in "anyone else". */
export function readAttendance(values: StateValues): { ticked: number[]; picked: string[] } {
  const ticked: number[] = [];
  let picked: string[] = [];
  for (const [blockId, actions] of Object.entries(values)) {
    const element = actions.attended as
      | { selected_options?: Array<{ value?: string }> | null; selected_users?: string[] | null }
      | undefined;
    if (!element) continue;
    if (blockId.startsWith(ATTENDANCE_CHECKLIST_PREFIX) && blockId !== ATTENDANCE_OTHERS_BLOCK) {
      for (const option of element.selected_options ?? [])
        if (/^\d{1,9}$/.test(option.value ?? '')) ticked.push(Number(option.value));
    } else if (blockId === ATTENDANCE_OTHERS_BLOCK) {
      picked = (element.selected_users ?? []).filter((id) => /^[UW][A-Z0-9]{2,}$/.test(id));
    }
  }
  return { ticked, picked };
}
