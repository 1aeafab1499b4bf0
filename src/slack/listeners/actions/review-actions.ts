import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { isDatabaseUnavailable } from '../../../domain/errors.js';
import { openReview, type ReviewActor } from '../../../domain/reviews.js';
import { renderNotSaved, renderOutOfDate } from '../../blocks/bot-messages.js';
import {
  decisionForAction,
  noticeView,
  REVIEW_ACTION_PATTERN,
  readBotIdValue,
  renderDecisionModal,
  renderRefusal,
} from '../../blocks/review.js';
import type { AppDeps } from '../../deps.js';
import { isHr } from '../../hr-gate.js';
import { publishHome, refreshReviewMessage } from '../../notify.js';

/**
 * Approve / Request changes / Reject, in the reviewer's DM or on the Home tab. A click only opens
 * the decision modal (the decision is stored when the modal is submitted); a click that can no
 * longer decide (not the reviewer, decided already, withdrawn) opens a note saying why instead,
 * and a stale message loses its buttons.
 */
export function register(app: App, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: REVIEW_ACTION_PATTERN },
    async ({ ack, body, action, client }) => {
      await ack();
      const decision = decisionForAction(action.action_id);
      const botId = readBotIdValue(action.value);
      const log = deps.logger.child({ action: action.action_id, user: body.user.id, botId });
      if (decision === null || botId === null) {
        log.warn('review button without a valid bot id');
        const { text } = renderOutOfDate('button');
        await client.views
          .open({ trigger_id: body.trigger_id, view: noticeView('Out of date', text) })
          .catch((err) => log.error({ err }, 'could not open the out-of-date note'));
        return;
      }
      const fromHome = body.view?.type === 'home';
      // Not queued: the modal must open while trigger_id is valid (3 s), never behind other work.
      try {
        const check = await openReview(deps.db, botId, await clickingActor(deps, client, body.user.id));
        if (check.kind === 'open') {
          await client.views.open({
            trigger_id: body.trigger_id,
            view: renderDecisionModal(check.context, { botId, decision, fromHome }),
          });
          return;
        }
        log.info({ refusal: check.kind }, 'review click refused');
        const { title, text } = renderRefusal(check);
        await client.views.open({ trigger_id: body.trigger_id, view: noticeView(title, text) });
        if (check.kind === 'already-decided' || check.kind === 'not-reviewable') {
          const { context } = check;
          await deps.work.run(async () => {
            await refreshReviewMessage(deps, client, context);
            if (fromHome) await publishHome(deps, client, body.user.id);
          });
        }
      } catch (error) {
        const databaseDown = isDatabaseUnavailable(error);
        log.error({ err: error, databaseDown }, 'review click failed');
        await client.views
          .open({
            trigger_id: body.trigger_id,
            view: noticeView('Not saved', renderNotSaved(databaseDown).text),
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
