import type { BlockAction, ButtonAction } from '@slack/bolt';
import { recordSlackUse } from '../../../domain/usage.js';
import { renderBusy, renderOutOfDate, renderUse } from '../../blocks/bot-messages.js';
import { DIGEST_USE_ACTION_ID } from '../../blocks/digest.js';
import type { SlackMessage } from '../../blocks/kit.js';
import type { AppDeps } from '../../deps.js';
import { pressOf, replyFor, tellPresser } from '../../failures.js';
import { fallbackProfile, fetchSlackProfile } from '../../profile.js';
import type { Listeners } from '../../router.js';

/** "I used this" under a bot in the weekly digest: records a use, answers only the presser. */
export function register(app: Listeners, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: DIGEST_USE_ACTION_ID },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const botId = /^\d{1,9}$/.test(action.value ?? '') ? Number(action.value) : null;
      const log = deps.logger.child({ action: action.action_id, user: body.user.id, botId });
      // Only the presser sees the answer; the digest itself stays as it is.
      const answer = (message: SlackMessage) =>
        tellPresser(log, pressOf(body, respond, client), message, {
          replaceOriginal: false,
          title: 'I used this',
        });
      if (botId === null) {
        log.warn('digest use button without a valid bot id');
        await answer(renderOutOfDate('button'));
        return;
      }
      const task = deps.work.tryRun(() =>
        replyFor(log, {}, async () => {
          const now = deps.now();
          const userId = await deps.employees.ensure(
            deps.db,
            body.user.id,
            () => fetchSlackProfile(client, body.user.id),
            fallbackProfile({ user_id: body.user.id, user_name: body.user.name }),
            now,
          );
          return renderUse(await recordSlackUse(deps.db, { botId, userId, source: 'button', now }));
        }),
      );
      const reply = task ? await task : renderBusy();
      if (reply) await answer(reply);
    },
  );
}
