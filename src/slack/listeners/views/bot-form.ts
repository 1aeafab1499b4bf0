import type { ViewSubmitAction } from '@slack/bolt';
import { isDatabaseUnavailable, isUserError, UserError } from '../../../domain/errors.js';
import { editBot, submitBot } from '../../../domain/submissions.js';
import type { Translator } from '../../../i18n/index.js';
import {
  EDIT_VIEW_ID,
  readBotForm,
  readEditedBotId,
  renderBotFormDone,
  SUBMIT_VIEW_ID,
} from '../../blocks/bot-form.js';
import {
  fieldErrorText,
  renderEdited,
  renderNotSaved,
  renderOutOfDate,
  renderSubmitted,
  userErrorText,
} from '../../blocks/bot-messages.js';
import { readSubmitForEmployeeId, renderEntrySaved, SUBMIT_FOR_VIEW_ID } from '../../blocks/entries.js';
import { noticeView } from '../../blocks/kit.js';
import type { AppDeps } from '../../deps.js';
import { afterEntry, enterBotFor } from '../../entries.js';
import { kickDeliveries, logNoReviewer, reviewRouting } from '../../notify.js';
import { fallbackProfile, fetchSlackProfile } from '../../profile.js';
import { requesterLanguage } from '../../requester.js';
import type { Listeners } from '../../router.js';

type Ack = (response?: Record<string, unknown>) => Promise<void>;

/**
 * The submit and edit modals. Work is done before the ack so that a bad field, a duplicate or an
 * outage is shown inside the modal, where the user's input is still there to fix or retry.
 */
export function register(app: Listeners, deps: AppDeps): void {
  registerSubmitFor(app, deps);
  app.view<ViewSubmitAction>(SUBMIT_VIEW_ID, async ({ ack, body, client }) => {
    const user = body.user;
    const speak = requesterLanguage(deps, user.id);
    await answer(deps, ack as Ack, body, speak, async () => {
      const ownerId = await deps.employees.ensure(
        deps.db,
        user.id,
        () => fetchSlackProfile(client, user.id),
        fallbackProfile({ user_id: user.id, user_name: user.name }),
        deps.now(),
      );
      const tr = await speak(); // after the first-contact insert: the newcomer's language is known
      // The bot, its reviewer and the review request (or the "nobody can review" DM) in one transaction.
      const { bot, created, review } = await submitBot(
        deps.db,
        ownerId,
        readBotForm(body.view.state.values),
        deps.now(),
        await reviewRouting(deps, client),
      );
      logNoReviewer(deps, review);
      return {
        view: renderBotFormDone(
          tr.t(created ? 'bot.form.done.submitted' : 'bot.form.done.already'),
          renderSubmitted(tr, bot, created),
          tr,
        ),
        planned: created,
      };
    });
  });

  app.view<ViewSubmitAction>(EDIT_VIEW_ID, async ({ ack, body, client }) => {
    const botId = readEditedBotId(body.view.private_metadata);
    const speak = requesterLanguage(deps, body.user.id);
    if (botId === null) {
      deps.logger.warn({ view: EDIT_VIEW_ID, user: body.user.id }, 'edit modal without a valid bot id');
      await (ack as Ack)({ response_action: 'update', view: outOfDateView(await speak()) });
      return;
    }
    await answer(deps, ack as Ack, body, speak, async () => {
      const actorId = await deps.employees.find(deps.db, body.user.id);
      // Back from "changes requested": a new review request; still waiting: the reviewer's DM is
      // redrawn with the new version. Either is planned with the edit.
      const { bot, resubmitted, review } = await editBot(
        deps.db,
        actorId,
        botId,
        readBotForm(body.view.state.values),
        deps.now(),
        await reviewRouting(deps, client),
        { slackUserId: body.user.id },
      );
      logNoReviewer(deps, review);
      const tr = await speak();
      const view = renderBotFormDone(tr.t('bot.form.done.saved'), renderEdited(tr, bot, resubmitted), tr);
      return { view, planned: true };
    });
  });
}

/**
 * The form for someone else (issue 14): who may is checked again on submit (the form may be old),
 * and a refusal is shown in the form, with nothing stored.
 */
function registerSubmitFor(app: Listeners, deps: AppDeps): void {
  app.view<ViewSubmitAction>(SUBMIT_FOR_VIEW_ID, async ({ ack, body, client }) => {
    const speak = requesterLanguage(deps, body.user.id);
    const employeeId = readSubmitForEmployeeId(body.view.private_metadata);
    if (employeeId === null) {
      deps.logger.warn(
        { view: SUBMIT_FOR_VIEW_ID, user: body.user.id },
        'submit-for modal without a valid person',
      );
      await (ack as Ack)({ response_action: 'update', view: outOfDateView(await speak()) });
      return;
    }
    await answer(deps, ack as Ack, body, speak, async () => {
      const outcome = await enterBotFor(deps, client, {
        slackUserId: body.user.id,
        target: { kind: 'roster', employeeId },
        draft: readBotForm(body.view.state.values),
      });
      if (outcome.kind === 'refused') throw new UserError('validation_failed', outcome.message.text);
      const saved = renderEntrySaved(outcome.result, outcome.subject, deps.config.commands.bot, outcome.tr);
      return {
        view: renderBotFormDone(
          outcome.tr.t(outcome.result.created ? 'bot.form.done.saved' : 'bot.form.done.already'),
          saved,
          outcome.tr,
        ),
        planned: false,
        after: async () => {
          const follow = await afterEntry(deps, outcome);
          if (follow.length > 0)
            await client.chat
              .postMessage({
                channel: body.user.id,
                text: saved.text,
                blocks: [...(saved.blocks ?? []), ...follow],
              })
              .catch((error: unknown) =>
                deps.logger.error(
                  { code: (error as { code?: string }).code, botId: outcome.result.bot.id },
                  'could not tell the one who entered a bot who reviews it',
                ),
              );
        },
      };
    });
  });
}

interface Answer {
  view: ReturnType<typeof renderBotFormDone>;
  /** Whether the change planned deliveries (the worker is kicked after the ack). */
  planned: boolean;
  /** Work after the ack (an entry's follow-up message), on the work queue. */
  after?: (() => Promise<void>) | undefined;
}

async function answer(
  deps: AppDeps,
  ack: Ack,
  body: ViewSubmitAction,
  speak: () => Promise<Translator>,
  work: () => Promise<Answer>,
): Promise<void> {
  let planned = false;
  let after: Answer['after'];
  try {
    const result = await work();
    planned = result.planned;
    after = result.after;
    await ack({ response_action: 'update', view: result.view });
  } catch (error) {
    if (isUserError(error)) {
      // Each field's problem beside it; a problem with no field (a refusal) under the name.
      const tr = await speak();
      const errors =
        error.fieldErrors.length > 0
          ? Object.fromEntries(error.fieldErrors.map((f) => [f.field, fieldErrorText(f, tr)]))
          : { name: userErrorText(error, tr) };
      await ack({ response_action: 'errors', errors });
      return;
    }
    const databaseDown = isDatabaseUnavailable(error);
    deps.logger.error(
      { err: error, databaseDown, view: body.view.callback_id, user: body.user.id },
      'modal submission failed',
    );
    await ack({
      response_action: 'errors',
      errors: { name: renderNotSaved(databaseDown, await speak()).text },
    });
    return;
  }
  if (planned) kickDeliveries(deps);
  if (after) await deps.work.run(after);
}

function outOfDateView(tr: Translator) {
  return noticeView(tr, tr.t('common.title.out_of_date'), renderOutOfDate('form', tr).text);
}
