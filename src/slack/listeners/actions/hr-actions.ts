import type { BlockAction, ButtonAction } from '@slack/bolt';
import { isUserError } from '../../../domain/errors.js';
import type { Translator } from '../../../i18n/index.js';
import { renderBusy, renderOutOfDate } from '../../blocks/bot-messages.js';
import { renderHrUserError } from '../../blocks/hr-messages.js';
import { LAGGING_PAGE_ACTION } from '../../blocks/hr-records.js';
import type { AppDeps } from '../../deps.js';
import { pressOf, replyFor, tellPresser } from '../../failures.js';
import { requireHr } from '../../hr-gate.js';
import { showLaggingPage } from '../../lagging-page.js';
import { rememberedTranslator, requesterLanguage } from '../../requester.js';
import type { Listeners } from '../../router.js';

/** "Next" under a `lagging` page: the same access check and audit as the command, the page replaced. */
export function register(app: Listeners, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: LAGGING_PAGE_ACTION },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const log = deps.logger.child({ action: action.action_id, user: body.user.id });
      const request = readPageValue(action.value);
      const speak = requesterLanguage(deps, body.user.id);
      let tr: Translator | undefined;
      const task = deps.work.tryRun(() =>
        replyFor(
          log,
          {},
          async () => {
            tr = await speak();
            const refusal = await requireHr(deps, client, body.user.id, {
              command: deps.config.commands.hr,
              via: 'command',
              detail: { action: 'lagging next page' },
            });
            if (refusal) return refusal;
            if (!request) {
              log.warn('lagging page button without a valid value');
              return renderOutOfDate('button', tr);
            }
            const reader = tr;
            return showLaggingPage(deps, body.user.id, request.args, request.page, reader).catch(
              (error: unknown) => {
                if (isUserError(error)) return renderHrUserError(reader, error);
                throw error;
              },
            );
          },
          speak,
        ),
      );
      const said = tr ?? rememberedTranslator(deps, body.user.id);
      const reply = task ? await task : renderBusy(said);
      // The page is replaced; a refusal or a problem is said beside it, keeping the page.
      const replace = task !== null && request !== null;
      if (reply)
        await tellPresser(log, pressOf(body, respond, client, tr ?? said), reply, {
          replaceOriginal: replace,
          title: (tr ?? said).t('hr.lagging.title'),
        });
    },
  );
}

function readPageValue(value: string | undefined): { args: string[]; page: number } | null {
  try {
    const parsed = JSON.parse(value ?? '') as { args?: unknown; page?: unknown };
    const { args, page } = parsed;
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) return null;
    if (typeof page !== 'number' || !Number.isInteger(page) || page < 1 || page > 100_000) return null;
    return { args, page };
  } catch {
    return null;
  }
}
