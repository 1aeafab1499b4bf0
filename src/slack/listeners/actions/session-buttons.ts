import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import {
  isSessionRefusal,
  joinSession,
  leaveSession,
  readerOf,
  upcomingSessions,
} from '../../../domain/sessions.js';
import { translator } from '../../../i18n/index.js';
import { renderOutOfDate } from '../../blocks/bot-messages.js';
import type { SlackMessage } from '../../blocks/kit.js';
import {
  renderJoinOutcome,
  renderLearn,
  renderLeaveOutcome,
  renderSessionRefusal,
  SESSION_JOIN_ACTION,
  SESSION_LEAVE_ACTION,
} from '../../blocks/sessions.js';
import { deliverSoon } from '../../deliver-soon.js';
import type { AppDeps } from '../../deps.js';
import { pressOf, replyFor, respondSafely, tellPresser } from '../../failures.js';
import { fallbackProfile, fetchSlackProfile } from '../../profile.js';
import { requesterTranslator } from '../../requester.js';
import type { Listeners } from '../../router.js';

/**
 * Join / Leave under `/bot learn`: the presser's list is redrawn with the outcome on top (their
 * seat, their place in the waiting list, or that they left). A seat freed goes to the first person
 * waiting, who is told through the outbox, sent right after the reply. All of it in the presser's
 * language, times on their clock.
 */
export function register(app: Listeners, deps: AppDeps): void {
  for (const actionId of [SESSION_JOIN_ACTION, SESSION_LEAVE_ACTION]) {
    app.action<BlockAction<ButtonAction>>(
      { type: 'block_actions', action_id: actionId },
      async ({ ack, body, action, client, respond }) => {
        await ack();
        const sessionId = /^\d{1,9}$/.test(action.value ?? '') ? Number(action.value) : null;
        const log = deps.logger.child({ action: actionId, user: body.user.id, sessionId });
        if (sessionId === null) {
          log.warn('session button without a valid session id');
          const tr = await requesterTranslator(deps, body.user.id);
          await tellPresser(log, pressOf(body, respond, client, tr), renderOutOfDate('button', tr), {
            replaceOriginal: false,
            title: tr.t('common.title.out_of_date'),
          });
          return;
        }
        const reply = await deps.work.run(() =>
          replyFor(log, {}, async () => {
            const now = deps.now();
            const employeeId = await deps.employees.ensure(
              deps.db,
              body.user.id,
              () => fetchSlackProfile(client, body.user.id),
              fallbackProfile({ user_id: body.user.id, user_name: body.user.name }),
              now,
            );
            const reader = await readerOf(deps.db, employeeId, {
              locale: deps.locales.default,
              timezone: deps.config.digest.timezone,
            });
            const tr = translator(reader.locale, { timeZone: reader.timezone });
            const input = { sessionId, employeeId, now };
            let outcome: SlackMessage;
            try {
              if (actionId === SESSION_JOIN_ACTION) {
                const joined = await joinSession(deps.db, input);
                outcome = renderJoinOutcome(joined, tr);
                if (joined.kind === 'joined') deliverSoon(deps, 'session reminders');
              } else {
                const left = await leaveSession(deps.db, input);
                outcome = renderLeaveOutcome(left, tr);
                if (left.promotedEmployeeId !== null) deliverSoon(deps, 'session seat given');
              }
            } catch (error) {
              if (isSessionRefusal(error)) return renderSessionRefusal(error, tr);
              throw error;
            }
            const list = renderLearn(await upcomingSessions(deps.db, { now, employeeId }), tr);
            return {
              text: outcome.text,
              blocks: [...(outcome.blocks ?? []), { type: 'divider' }, ...(list.blocks ?? [])],
            };
          }),
        );
        if (reply)
          await respondSafely(
            log,
            (message) => (respond as RespondFn)({ ...message, replace_original: true }),
            reply,
          );
      },
    );
  }
}
