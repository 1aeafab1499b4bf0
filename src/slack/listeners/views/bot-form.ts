import type { App, ViewSubmitAction } from '@slack/bolt';
import { isDatabaseUnavailable, isUserError } from '../../../domain/errors.js';
import { editBot, submitBot } from '../../../domain/submissions.js';
import {
  EDIT_VIEW_ID,
  readBotForm,
  readEditedBotId,
  renderBotFormDone,
  SUBMIT_VIEW_ID,
} from '../../blocks/bot-form.js';
import { renderEdited, renderNotSaved, renderOutOfDate, renderSubmitted } from '../../blocks/bot-messages.js';
import { noticeView } from '../../blocks/review.js';
import type { AppDeps } from '../../deps.js';
import { refreshReviewMessage, requestReview, tellNoReviewer } from '../../notify.js';
import { fetchSlackProfile } from '../../profile.js';
import { fallbackProfile } from '../commands/bot-command.js';

type Ack = (response?: Record<string, unknown>) => Promise<void>;
type WebClient = Parameters<Parameters<App['view']>[1]>[0]['client'];

/**
 * The submit and edit modals. Work is done before the ack so that a bad field, a duplicate or an
 * outage is shown inside the modal, where the user's input is still there to fix or retry.
 */
export function register(app: App, deps: AppDeps): void {
  app.view<ViewSubmitAction>(SUBMIT_VIEW_ID, async ({ ack, body, client }) => {
    const user = body.user;
    await answer(deps, ack as Ack, body, async () => {
      const ownerId = await deps.employees.ensure(
        deps.db,
        user.id,
        () => fetchSlackProfile(client, user.id),
        fallbackProfile({ user_id: user.id, user_name: user.name }),
        deps.now(),
      );
      const { bot, created } = await submitBot(
        deps.db,
        ownerId,
        readBotForm(body.view.state.values),
        deps.now(),
      );
      return {
        view: renderBotFormDone(
          created ? 'Bot submitted' : 'Already submitted',
          renderSubmitted(bot, created),
        ),
        // A new bot needs a reviewer; a duplicate already has its review under way.
        after: created ? () => startReview(deps, client, user.id, bot.id) : undefined,
      };
    });
  });

  app.view<ViewSubmitAction>(EDIT_VIEW_ID, async ({ ack, body, client }) => {
    const botId = readEditedBotId(body.view.private_metadata);
    if (botId === null) {
      deps.logger.warn({ view: EDIT_VIEW_ID, user: body.user.id }, 'edit modal without a valid bot id');
      const { text } = renderOutOfDate('form');
      await (ack as Ack)({ response_action: 'update', view: noticeView('Out of date', text) });
      return;
    }
    await answer(deps, ack as Ack, body, async () => {
      const actorId = await deps.employees.find(deps.db, body.user.id);
      const { bot, resubmitted } = await editBot(
        deps.db,
        actorId,
        botId,
        readBotForm(body.view.state.values),
        deps.now(),
      );
      return {
        view: renderBotFormDone('Bot saved', renderEdited(bot, resubmitted)),
        // Back from "changes requested": review again. Still waiting: show the reviewer the new text.
        after: resubmitted
          ? () => startReview(deps, client, body.user.id, bot.id)
          : () => refreshReviewMessage(deps, client, bot.id),
      };
    });
  });
}

/** Assigns a reviewer and DMs them; when nobody can review, the submitter hears it honestly. */
async function startReview(
  deps: AppDeps,
  client: WebClient,
  submitter: string,
  botId: number,
): Promise<void> {
  const outcome = await requestReview(deps, client, botId);
  if (outcome.kind === 'no-reviewer') await tellNoReviewer(deps, client, submitter, outcome.context.bot);
}

interface Answer {
  view: ReturnType<typeof renderBotFormDone>;
  /** Work after the ack (notifications), on the work queue. */
  after?: (() => Promise<void>) | undefined;
}

async function answer(
  deps: AppDeps,
  ack: Ack,
  body: ViewSubmitAction,
  work: () => Promise<Answer>,
): Promise<void> {
  let after: Answer['after'];
  try {
    const result = await work();
    after = result.after;
    await ack({ response_action: 'update', view: result.view });
  } catch (error) {
    if (isUserError(error)) {
      const fields =
        error.fieldErrors.length > 0 ? error.fieldErrors : [{ field: 'name', message: error.message }];
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(fields.map((f) => [f.field, f.message])),
      });
      return;
    }
    const databaseDown = isDatabaseUnavailable(error);
    deps.logger.error(
      { err: error, databaseDown, view: body.view.callback_id, user: body.user.id },
      'modal submission failed',
    );
    await ack({ response_action: 'errors', errors: { name: renderNotSaved(databaseDown).text } });
    return;
  }
  if (after) await deps.work.run(after);
}
