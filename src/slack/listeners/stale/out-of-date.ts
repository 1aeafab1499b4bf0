import type { BlockAction, ViewSubmitAction } from '@slack/bolt';
import { EDIT_VIEW_ID, SUBMIT_VIEW_ID } from '../../blocks/bot-form.js';
import { renderOutOfDate } from '../../blocks/bot-messages.js';
import { DIGEST_USE_ACTION_ID } from '../../blocks/digest.js';
import { ENTRY_CONFIRM_ACTION, ENTRY_DECLINE_ACTION, SUBMIT_FOR_VIEW_ID } from '../../blocks/entries.js';
import { TEAM_ENTER_FOR_ACTION } from '../../blocks/home.js';
import { LAGGING_PAGE_ACTION } from '../../blocks/hr-records.js';
import { noticeView } from '../../blocks/kit.js';
import { REVIEW_ACTION_PATTERN } from '../../blocks/review.js';
import { DECISION_VIEW_ID } from '../../blocks/review-decision.js';
import { ATTENDANCE_VIEW_ID, SESSION_JOIN_ACTION, SESSION_LEAVE_ACTION } from '../../blocks/sessions.js';
import { TEAM_PAGE_ACTION } from '../../blocks/team.js';
import type { AppDeps } from '../../deps.js';
import { pressOf, tellPresser } from '../../failures.js';
import { requesterTranslator } from '../../requester.js';
import type { Listeners } from '../../router.js';

/**
 * Every button and form the app answers today. Anything else comes from an old message or modal
 * (an action or callback id we no longer use): it is still acknowledged, and the person is told it
 * is out of date, instead of Slack showing "didn't respond". A new button or form is added here.
 */
const CURRENT_ACTIONS: (string | RegExp)[] = [
  DIGEST_USE_ACTION_ID,
  LAGGING_PAGE_ACTION,
  REVIEW_ACTION_PATTERN,
  ENTRY_CONFIRM_ACTION,
  ENTRY_DECLINE_ACTION,
  TEAM_PAGE_ACTION,
  SESSION_JOIN_ACTION,
  SESSION_LEAVE_ACTION,
  new RegExp(`^${TEAM_ENTER_FOR_ACTION}_\\d+$`),
];
const CURRENT_VIEWS: (string | RegExp)[] = [
  SUBMIT_VIEW_ID,
  EDIT_VIEW_ID,
  DECISION_VIEW_ID,
  ATTENDANCE_VIEW_ID,
  SUBMIT_FOR_VIEW_ID,
];

export function register(app: Listeners, deps: AppDeps): void {
  app.action<BlockAction>(
    { type: 'block_actions', action_id: anythingBut(CURRENT_ACTIONS) },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const log = deps.logger.child({ action: action.action_id, user: body.user.id });
      log.warn('a button the app no longer has was clicked');
      const tr = await requesterTranslator(deps, body.user.id);
      await tellPresser(log, pressOf(body, respond, client, tr), renderOutOfDate('button', tr), {
        replaceOriginal: false,
        title: tr.t('common.title.out_of_date'),
      });
    },
  );

  app.view<ViewSubmitAction>(anythingBut(CURRENT_VIEWS), async ({ ack, body }) => {
    deps.logger.warn(
      { view: body.view.callback_id.slice(0, 64), user: body.user.id },
      'a form the app no longer has was submitted',
    );
    const tr = await requesterTranslator(deps, body.user.id);
    const view = noticeView(tr, tr.t('common.title.out_of_date'), renderOutOfDate('form', tr).text);
    await ack({ response_action: 'update', view });
  });
}

/** A pattern matching every id except the given ones (strings exactly, patterns as they match). */
export function anythingBut(current: (string | RegExp)[]): RegExp {
  const alternatives = current.map((id) =>
    typeof id === 'string' ? `${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : `(?:${unanchored(id)})$`,
  );
  return new RegExp(`^(?!(?:${alternatives.join('|')}))`, 's');
}

function unanchored(pattern: RegExp): string {
  return pattern.source.replace(/^\^/, '').replace(/\$$/, '');
}
