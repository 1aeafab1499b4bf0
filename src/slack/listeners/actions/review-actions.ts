import type { BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { isDatabaseUnavailable } from '../../../domain/errors.js';
import { openReview, type ReviewActor } from '../../../domain/reviews.js';
import { renderNotSaved, renderOutOfDate } from '../../blocks/bot-messages.js';
import { decisionForAction, REVIEW_ACTION_PATTERN, readReviewButtonValue } from '../../blocks/review.js';
import { refusalView, renderDecisionModal, reviewNotice } from '../../blocks/review-decision.js';
import type { AppDeps } from '../../deps.js';
import { isHr } from '../../hr-gate.js';
import { kickDeliveries, publishHome } from '../../notify.js';
import { requesterTranslator } from '../../requester.js';
import type { Listeners } from '../../router.js';

/**
 * Approve / Request changes / Reject, in the reviewer's DM or on the Home tab. A click only opens
 * the decision modal (the decision is stored when the modal is submitted); a click that can no
 * longer decide (not the reviewer, decided already, withdrawn, or the bot was edited since the
 * button was drawn) opens a note saying why instead, and the stale message is redrawn. Whatever
 * opens is in the clicking person's language.
 */
export function register(app: Listeners, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: REVIEW_ACTION_PATTERN },
    async ({ ack, body, action, client }) => {
      await ack();
      const decision = decisionForAction(action.action_id);
      const button = readReviewButtonValue(action.value);
      const botId = button?.botId;
      const log = deps.logger.child({ action: action.action_id, user: body.user.id, botId });
      if (decision === null || !button) {
        log.warn('review button without a valid bot id');
        const tr = await requesterTranslator(deps, body.user.id);
        const { text } = renderOutOfDate('button', tr);
        await client.views
          .open({
            trigger_id: body.trigger_id,
            view: reviewNotice(tr.t('review.out_of_date.title'), text, tr),
          })
          .catch((err) => log.error({ err }, 'could not open the out-of-date note'));
        return;
      }
      const fromHome = body.view?.type === 'home';
      // Not queued: the modal must open while trigger_id is valid (3 s), never behind other work.
      const tr = await requesterTranslator(deps, body.user.id);
      try {
        const actor = await clickingActor(deps, client, body.user.id);
        const check = await openReview(deps.db, button.botId, button.version, actor, deps.now());
        if (check.kind === 'open') {
          await client.views.open({
            trigger_id: body.trigger_id,
            view: renderDecisionModal(
              check.context,
              { botId: button.botId, decision, version: check.context.bot.version, fromHome },
              tr,
            ),
          });
          return;
        }
        log.info({ refusal: check.kind }, 'review click refused');
        await client.views.open({ trigger_id: body.trigger_id, view: refusalView(check, tr) });
        // A stale message (changed, decided or withdrawn) is redrawn: planned by openReview.
        if (check.kind === 'changed' || check.kind === 'already-decided' || check.kind === 'not-reviewable') {
          kickDeliveries(deps);
          if (fromHome) await deps.work.run(() => publishHome(deps, client, body.user.id));
        }
      } catch (error) {
        const databaseDown = isDatabaseUnavailable(error);
        log.error({ err: error, databaseDown }, 'review click failed');
        await client.views
          .open({
            trigger_id: body.trigger_id,
            view: reviewNotice(tr.t('review.not_saved.title'), renderNotSaved(databaseDown, tr).text, tr),
          })
          .catch((err) => log.error({ err }, 'could not open the failure note'));
      }
    },
  );
}

/** The clicking user as the review rules see them (nobody is added to the roster by a click). */
async function clickingActor(
  deps: AppDeps,
  client: webApi.WebClient,
  slackUserId: string,
): Promise<ReviewActor> {
  return {
    employeeId: await deps.employees.find(deps.db, slackUserId),
    isHr: await isHr(deps, client, slackUserId),
  };
}
