import type { App, ViewSubmitAction } from '@slack/bolt';
import { isDatabaseUnavailable } from '../../../domain/errors.js';
import { type DecisionOutcome, decideReview, type ReviewActor } from '../../../domain/reviews.js';
import { renderNotSaved } from '../../blocks/bot-messages.js';
import {
  DECISION_VIEW_ID,
  decisionErrors,
  readDecisionForm,
  readDecisionMetadata,
  refusalView,
  renderDecisionDone,
  reviewNotice,
} from '../../blocks/review-decision.js';
import type { AppDeps } from '../../deps.js';
import { isHr } from '../../hr-gate.js';
import { kickDeliveries, publishHome } from '../../notify.js';
import { fetchSlackProfile } from '../../profile.js';
import { rememberedTranslator, requesterTranslator } from '../../requester.js';
import type { Listeners } from '../../router.js';

type Ack = (response?: Record<string, unknown>) => Promise<void>;
type WebClient = Parameters<Parameters<App['view']>[1]>[0]['client'];

/**
 * The decision modal. The decision is stored before the ack (one transaction that locks the bot and
 * plans the submitter's DM and the redraw of the reviewer's), so a bad field or an outage shows
 * inside the modal. A decision on a version the reviewer did not see decides nothing; a later
 * submission for a decided bot is told who decided and when. In the reviewer's language.
 */
export function register(app: Listeners, deps: AppDeps): void {
  app.view<ViewSubmitAction>(DECISION_VIEW_ID, async ({ ack, body, client }) => {
    const respond = ack as Ack;
    const user = body.user.id;
    const metadata = readDecisionMetadata(body.view.private_metadata);
    const log = deps.logger.child({ view: DECISION_VIEW_ID, user, botId: metadata?.botId });
    if (!metadata) {
      log.warn('decision modal without valid private_metadata');
      const tr = await requesterTranslator(deps, user);
      await respond({
        response_action: 'update',
        view: reviewNotice(tr.t('review.not_saved.title'), tr.t('review.form_out_of_date'), tr),
      });
      return;
    }
    let outcome: DecisionOutcome;
    let tr = rememberedTranslator(deps, user);
    try {
      // Looked up after an HR user's first-contact roster insert (which reads their Slack locale).
      const actor = await decidingActor(deps, client, user, body.user.name);
      tr = await requesterTranslator(deps, user);
      outcome = await decideReview(
        deps.db,
        actor,
        {
          botId: metadata.botId,
          decision: metadata.decision,
          version: metadata.version,
          ...readDecisionForm(body.view.state.values),
        },
        deps.now(),
        { botCommand: deps.config.commands.bot },
      );
    } catch (error) {
      const databaseDown = isDatabaseUnavailable(error);
      log.error({ err: error, databaseDown }, 'review decision failed');
      await respond({
        response_action: 'errors',
        errors: { comment: renderNotSaved(databaseDown, tr).text },
      });
      return;
    }
    switch (outcome.kind) {
      case 'invalid':
        await respond({ response_action: 'errors', errors: decisionErrors(outcome.errors, tr) });
        return;
      case 'decided': {
        await respond({
          response_action: 'update',
          view: renderDecisionDone(outcome.context, outcome.review, tr),
        });
        log.info({ decision: outcome.review.decision }, 'review decided');
        // The submitter's DM and the redrawn reviewer's DM were planned with the decision.
        kickDeliveries(deps);
        if (metadata.fromHome) await deps.work.run(() => publishHome(deps, client, user));
        return;
      }
      default: {
        await respond({ response_action: 'update', view: refusalView(outcome, tr) });
        log.info({ refusal: outcome.kind }, 'review decision refused');
        if (
          outcome.kind === 'changed' ||
          outcome.kind === 'already-decided' ||
          outcome.kind === 'not-reviewable'
        ) {
          kickDeliveries(deps); // the redraw planned with the refusal
          if (metadata.fromHome) await deps.work.run(() => publishHome(deps, client, user));
        }
      }
    }
  });
}

/**
 * The deciding user. An HR user who has never used the app is added to the roster first: every
 * review names its reviewer. Anyone else not on the roster cannot be anyone's reviewer.
 */
async function decidingActor(
  deps: AppDeps,
  client: WebClient,
  slackUserId: string,
  userName: string,
): Promise<ReviewActor> {
  const isHrActor = await isHr(deps, client, slackUserId);
  const known = await deps.employees.find(deps.db, slackUserId);
  if (known !== null || !isHrActor) return { employeeId: known, isHr: isHrActor };
  const employeeId = await deps.employees.ensure(
    deps.db,
    slackUserId,
    () => fetchSlackProfile(client, slackUserId),
    { name: userName || slackUserId, email: null, timezone: null, title: null, isGuest: false },
    deps.now(),
  );
  return { employeeId, isHr: isHrActor };
}
