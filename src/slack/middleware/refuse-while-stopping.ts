import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Translator } from '../../i18n/index.js';
import { renderRestarting } from '../blocks/bot-messages.js';
import { noticeView } from '../blocks/kit.js';

/**
 * Once shutdown has begun, a command, button or form still arriving (on a connection opened
 * before the listener closed) is answered at once that nothing was saved, so the work being
 * drained is all there is when the database closes. Events pass: Bolt has acknowledged them.
 */
export function refuseWhileStopping(
  stopping: () => boolean,
  /** The person's language as last seen (no query while shutting down); the default for a stranger. */
  speak: (slackUserId: string | undefined) => Translator,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    if (!stopping() || !('ack' in args) || typeof args.ack !== 'function') return args.next();
    const body = args.body as { type?: string; command?: string; user_id?: string; user?: { id?: string } };
    const tr = speak(body.user_id ?? body.user?.id);
    const message = renderRestarting(tr);
    const ack = args.ack as (response?: Record<string, unknown>) => Promise<void>;
    if (body.command) await ack({ response_type: 'ephemeral', ...message });
    else if (body.type === 'view_submission')
      await ack({
        response_action: 'update',
        view: noticeView(tr, tr.t('common.title.not_saved'), message.text),
      });
    else {
      await ack();
      if ('respond' in args && typeof args.respond === 'function')
        await (args.respond as (m: Record<string, unknown>) => Promise<unknown>)({
          ...message,
          response_type: 'ephemeral',
          replace_original: false,
        }).catch(() => {});
    }
  };
}
