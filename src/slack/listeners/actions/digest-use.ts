import type { BlockAction, ButtonAction } from '@slack/bolt';
import { recordSlackUse } from '../../../domain/usage.js';
import type { Translator } from '../../../i18n/index.js';
import { renderBusy, renderOutOfDate, renderUse } from '../../blocks/bot-messages.js';
import { DIGEST_USE_ACTION_ID } from '../../blocks/digest.js';
import type { SlackMessage } from '../../blocks/kit.js';
import type { AppDeps } from '../../deps.js';
import { pressOf, replyFor, tellPresser } from '../../failures.js';
import { fallbackProfile, fetchSlackProfile } from '../../profile.js';
import { rememberedTranslator, requesterLanguage } from '../../requester.js';
import type { Listeners } from '../../router.js';

/** "I used this" under a bot in the weekly digest: records a use, answers only the presser. */
export function register(app: Listeners, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: DIGEST_USE_ACTION_ID },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const botId = /^\d{1,9}$/.test(action.value ?? '') ? Number(action.value) : null;
      const log = deps.logger.child({ action: action.action_id, user: body.user.id, botId });
      // The presser's language; a newcomer's is known once the use has put them on the roster.
      const speak = requesterLanguage(deps, body.user.id);
      // Only the presser sees the answer; the digest itself stays as it is.
      const answer = (message: SlackMessage, tr: Translator) =>
        tellPresser(log, pressOf(body, respond, client, tr), message, {
          replaceOriginal: false,
          title: tr.t('bot.use.title'),
        });
      if (botId === null) {
        log.warn('digest use button without a valid bot id');
        const tr = await speak();
        await answer(renderOutOfDate('button', tr), tr);
        return;
      }
      const task = deps.work.tryRun(() =>
        replyFor(
          log,
          {},
          async () => {
            const now = deps.now();
            const userId = await deps.employees.ensure(
              deps.db,
              body.user.id,
              () => fetchSlackProfile(client, body.user.id),
              fallbackProfile({ user_id: body.user.id, user_name: body.user.name }),
              now,
            );
            const outcome = await recordSlackUse(deps.db, { botId, userId, source: 'button', now });
            return renderUse(await speak(), outcome);
          },
          speak,
        ),
      );
      const reply = task ? await task : renderBusy(rememberedTranslator(deps, body.user.id));
      const tr = task ? await speak() : rememberedTranslator(deps, body.user.id);
      if (reply) await answer(reply, tr);
    },
  );
}
