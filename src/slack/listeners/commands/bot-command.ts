import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { type BotCommand, parseBotCommand } from '../../../domain/bot-command.js';
import { issueUsageToken } from '../../../domain/bot-tokens.js';
import { myRecord } from '../../../domain/my-record.js';
import { setNudgeOptOut } from '../../../domain/nudge-opt-out.js';
import { learnSessions } from '../../../domain/sessions.js';
import { getOwnBotForEdit, listMyBots, submitBot, withdrawBot } from '../../../domain/submissions.js';
import { recordSlackUse } from '../../../domain/usage.js';
import { type Translator, translator } from '../../../i18n/index.js';
import type { Logger } from '../../../logger.js';
import { renderBotForm } from '../../blocks/bot-form.js';
import {
  renderBotList,
  renderHelp,
  renderReminders,
  renderSubmitted,
  renderUsageToken,
  renderUse,
  renderWithdrawn,
} from '../../blocks/bot-messages.js';
import type { SlackMessage } from '../../blocks/kit.js';
import { renderMyRecord } from '../../blocks/my-record.js';
import { renderNoReviewer, renderReviewerAssigned } from '../../blocks/review.js';
import { renderLearn } from '../../blocks/sessions.js';
import type { AppDeps } from '../../deps.js';
import { enterBotFor, entryReply, openSubmitForForm, showTeamPage } from '../../entries.js';
import { answerInAck, replyFor, respondSafely } from '../../failures.js';
import { kickDeliveries, logNoReviewer, reviewRouting } from '../../notify.js';
import { fallbackProfile, fetchSlackProfile } from '../../profile.js';
import { rememberedTranslator, requesterLanguage, speechTranslator } from '../../requester.js';
import type { Listeners } from '../../router.js';
import type { LaneSlot } from '../../work-queue.js';

type Client = Parameters<Parameters<App['command']>[1]>[0]['client'];

/**
 * `/bot …`: the work first (in the quick lane, within the ack budget), then the ack carrying the
 * answer, which only the caller sees; a modal opens before anything else.
 */
export function register(app: Listeners, deps: AppDeps): void {
  app.command(deps.config.commands.bot, async ({ command, ack, respond, client }) => {
    const parsed = parseBotCommand(command.text ?? '');
    // The requester's language: their roster row's (someone not on it yet gets DEFAULT_LOCALE until
    // their first submission or use puts them on it, with their Slack locale). No Slack call here:
    // help and the form answer within Slack's 3 s.
    const speak = requesterLanguage(deps, command.user_id);
    if (parsed.kind === 'help') {
      await ack({
        response_type: 'ephemeral',
        ...renderHelp(await speak(), command.command, parsed.problemCode),
      });
      return;
    }
    const log = deps.logger.child({
      command: command.command,
      subcommand: parsed.kind,
      user: command.user_id,
    });
    if (parsed.kind === 'submit-modal' || parsed.kind === 'edit' || parsed.kind === 'submit-for-modal') {
      // trigger_id lives 3 s: the modal opens now, never behind queued work.
      const reply = await replyFor(log, {}, () => run(parsed, command, client, deps, speak), speak);
      await ack(reply ? { response_type: 'ephemeral', ...reply } : undefined);
      return;
    }
    await answerInAck({
      lane: deps.work,
      budgetMs: deps.config.work.ackBudgetMs,
      ack,
      respond: (message) =>
        parsed.kind === 'token'
          ? respondWithSecret(log, respond as RespondFn, message)
          : respondSafely(log, respond as RespondFn, message),
      logger: log,
      speak: () => rememberedTranslator(deps, command.user_id),
      work: (slot) => replyFor(log, {}, () => run(parsed, command, client, deps, speak, slot), speak),
    });
  });
}

/** The reply for one subcommand; null when a modal was opened instead. */
async function run(
  parsed: Exclude<BotCommand, { kind: 'help' }>,
  command: SlashCommand,
  client: Client,
  deps: AppDeps,
  /** The requester's language, looked up when first asked: after a first-contact roster insert. */
  speak: () => Promise<Translator>,
  slot?: LaneSlot,
): Promise<SlackMessage | null> {
  const { db, now } = deps;
  const actor = { slackUserId: command.user_id };
  const findEmployeeId = () => deps.employees.find(db, command.user_id);
  const employeeId = () =>
    deps.employees.ensure(
      db,
      command.user_id,
      () => fetchSlackProfile(client, command.user_id),
      fallbackProfile(command),
      now(),
    );
  switch (parsed.kind) {
    case 'submit-modal':
      await client.views.open({ trigger_id: command.trigger_id, view: renderBotForm({}, await speak()) });
      return null;
    case 'submit-inline': {
      // The bot, its reviewer and the reviewer's DM are stored in one transaction: the reply's
      // "sent to <reviewer>" holds even if the process stops before the DM goes out.
      const routing = { ...(await reviewRouting(deps, client)), dmWhenNoReviewer: false }; // the reply says it
      const ownerId = await employeeId();
      // The submission waits for its batch (two at a time, one transaction each), not for a
      // pooled connection: the lane's slot goes to the next request meanwhile.
      slot?.release();
      const { bot, created, review } = await submitBot(db, ownerId, parsed, now(), routing);
      // In the submitter's language: the batch read it with the owner's row (no query of its own).
      const tr =
        review && review.kind !== 'not-waiting' && review.ownerSpeech
          ? speechTranslator(deps, command.user_id, review.ownerSpeech)
          : await speak();
      const reply = renderSubmitted(tr, bot, created);
      if (!created) return reply;
      // Only the reviewer's DM was planned (the reply tells the submitter when nobody can review).
      if (review?.kind === 'assigned') kickDeliveries(deps);
      logNoReviewer(deps, review);
      if (review?.kind === 'assigned' && review.context.reviewer)
        return withBlocks(reply, [renderReviewerAssigned(review.context.reviewer.name, tr)]);
      if (review?.kind === 'no-reviewer') return withBlocks(reply, renderNoReviewer(bot, tr).blocks ?? []);
      return reply;
    }
    case 'list':
      return renderBotList(await speak(), command.command, await listMyBots(db, await findEmployeeId()));
    case 'edit': {
      const bot = await getOwnBotForEdit(db, await findEmployeeId(), parsed.botId);
      await client.views.open({
        trigger_id: command.trigger_id,
        view: renderBotForm({ editing: { botId: bot.id, values: bot } }, await speak()),
      });
      return null;
    }
    case 'withdraw': {
      const bot = await withdrawBot(db, await findEmployeeId(), parsed.botId, now(), actor);
      kickDeliveries(deps); // the reviewer's buttons go (the redraw is planned with the withdrawal)
      return renderWithdrawn(await speak(), bot);
    }
    case 'use': {
      const userId = await employeeId();
      const outcome = await recordSlackUse(db, { botId: parsed.botId, userId, source: 'slash', now: now() });
      return renderUse(await speak(), outcome);
    }
    case 'token': {
      const outcome = await issueUsageToken(db, await findEmployeeId(), parsed.botId, now());
      return renderUsageToken(await speak(), command.command, outcome);
    }
    case 'me': {
      const options = {
        now: now(),
        timezone: deps.config.digest.timezone,
        includeGuests: deps.config.includeGuests,
      };
      const mine = await myRecord(db, await findEmployeeId(), parsed.period, options);
      return renderMyRecord(command.command, mine, await speak());
    }
    case 'nudges':
      await setNudgeOptOut(db, await employeeId(), !parsed.enabled, now());
      return renderReminders(await speak(), command.command, parsed.enabled);
    // Issue 14: bots entered for someone else, and a manager's team.
    case 'submit-for-modal':
      return openSubmitForForm(deps, client, {
        slackUserId: command.user_id,
        triggerId: command.trigger_id,
        target: parsed.target,
        via: 'command',
      });
    case 'submit-for-inline': {
      const { target, name, link, description } = parsed;
      const draft = { name, link, description };
      const outcome = await enterBotFor(deps, client, { slackUserId: command.user_id, target, draft });
      return outcome.kind === 'refused' ? outcome.message : entryReply(deps, outcome);
    }
    case 'team':
      return showTeamPage(deps, command.user_id, parsed.period, 1);
    case 'learn': {
      const { sessions, reader } = await learnSessions(db, await findEmployeeId(), {
        now: now(),
        timezone: deps.config.digest.timezone,
        locale: deps.locales.default,
      });
      return renderLearn(sessions, translator(reader.locale, { timeZone: reader.timezone }));
    }
  }
}

function withBlocks(message: SlackMessage, blocks: KnownBlock[]): SlackMessage {
  return { ...message, blocks: [...(message.blocks ?? []), ...blocks] };
}

/**
 * Like respondSafely, for a reply that carries a secret: a failed delivery is logged without the
 * error object, whose request details would put the token in the logs. The owner can simply ask
 * again; the token that was not delivered is replaced then.
 */
async function respondWithSecret(logger: Logger, respond: RespondFn, message: SlackMessage): Promise<void> {
  try {
    await respond({ ...message, response_type: 'ephemeral' });
  } catch (error) {
    logger.error(
      { reason: error instanceof Error ? error.message : String(error) },
      'could not deliver a reply with a new API token to response_url',
    );
  }
}
