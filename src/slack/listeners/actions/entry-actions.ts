import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { ENTRY_CONFIRM_ACTION, ENTRY_DECLINE_ACTION } from '../../blocks/entries.js';
import { TEAM_ENTER_FOR_ACTION } from '../../blocks/home.js';
import { readBotIdValue } from '../../blocks/review.js';
import { readTeamPageValue, TEAM_PAGE_ACTION } from '../../blocks/team.js';
import type { AppDeps } from '../../deps.js';
import { answerEntryButton, openSubmitForForm, showTeamPage } from '../../entries.js';
import { replyFor, respondSafely } from '../../failures.js';
import type { Listeners } from '../../router.js';

/**
 * Buttons of issue 14: the owner's "Yes, this is mine" / "Not mine" on an entry made for them, the
 * "Next" page of `/bot team`, and the Home tab's "Enter a bot for …".
 */
export function register(app: Listeners, deps: AppDeps): void {
  for (const [actionId, answer] of [
    [ENTRY_CONFIRM_ACTION, 'confirmed'],
    [ENTRY_DECLINE_ACTION, 'declined'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(
      { type: 'block_actions', action_id: actionId },
      async ({ ack, body, action, client, respond }) => {
        await ack();
        const log = deps.logger.child({ action: actionId, user: body.user.id });
        const botId = readBotIdValue(action.value);
        if (botId === null) {
          log.warn('entry confirmation button without a valid bot id');
          return;
        }
        const reply = await deps.work.run(() =>
          replyFor(log, {}, () =>
            answerEntryButton(deps, client, { slackUserId: body.user.id, botId, answer }),
          ),
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

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: TEAM_PAGE_ACTION },
    async ({ ack, body, action, respond }) => {
      await ack();
      const log = deps.logger.child({ action: action.action_id, user: body.user.id });
      const request = readTeamPageValue(action.value);
      if (!request) {
        log.warn('team page button without a valid value');
        return;
      }
      const reply = await deps.work.run(() =>
        replyFor(log, {}, () => showTeamPage(deps, body.user.id, request.period, request.page)),
      );
      if (reply)
        await respondSafely(
          log,
          (message) => (respond as RespondFn)({ ...message, replace_original: true }),
          reply,
        );
    },
  );

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^${TEAM_ENTER_FOR_ACTION}_\\d+$`) },
    async ({ ack, body, action, client }) => {
      await ack();
      const log = deps.logger.child({ action: action.action_id, user: body.user.id });
      const employeeId = readBotIdValue(action.value); // a positive integer id, like a bot id
      if (employeeId === null) {
        log.warn('enter-for button without a valid person');
        return;
      }
      // Opening a modal must use the trigger at once (it expires in 3 s): not queued behind other work.
      const refusal = await replyFor(log, {}, () =>
        openSubmitForForm(deps, client, {
          slackUserId: body.user.id,
          triggerId: body.trigger_id,
          target: { kind: 'roster', employeeId },
          via: 'home',
        }),
      );
      if (refusal)
        await client.chat
          .postMessage({
            channel: body.user.id,
            text: refusal.text,
            ...(refusal.blocks ? { blocks: refusal.blocks } : {}),
          })
          .catch((error: unknown) =>
            log.error(
              { code: (error as { code?: string }).code },
              'could not tell why the form did not open',
            ),
          );
    },
  );
}
