import type { View } from '@slack/types';
import { isDatabaseUnavailable, isUserError } from '../domain/errors.js';
import { type Translator, translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { renderBusy, renderNotSaved, renderUserError, renderWorking } from './blocks/bot-messages.js';
import type { SlackMessage } from './blocks/kit.js';
import { noticeView } from './blocks/kit.js';
import type { LaneSlot, WorkQueue } from './work-queue.js';

/**
 * Runs one user action and turns every outcome into a reply: the result, a user error they can
 * act on, or an honest "nothing was saved" (never a false success, never a crash).
 */
export async function replyFor(
  logger: Logger,
  context: Record<string, unknown>,
  work: () => Promise<SlackMessage | null>,
  /** The requester's language (src/slack/requester.ts); English when not given. */
  speak: () => Promise<Translator> = async () => ENGLISH,
): Promise<SlackMessage | null> {
  try {
    return await work();
  } catch (error) {
    if (isUserError(error)) return renderUserError(error, await speak());
    const databaseDown = isDatabaseUnavailable(error);
    logger.error({ err: error, databaseDown, ...context }, 'action failed; user told nothing was saved');
    return renderNotSaved(databaseDown, await speak());
  }
}

const ENGLISH = translator('en');

/** Sends a reply through response_url; a failure there is logged, never thrown into Bolt. */
export async function respondSafely(
  logger: Logger,
  respond: (message: SlackMessage & { response_type?: 'ephemeral' }) => Promise<unknown>,
  message: SlackMessage,
): Promise<void> {
  try {
    await respond({ ...message, response_type: 'ephemeral' });
  } catch (error) {
    logger.error({ err: error }, 'could not deliver a reply to response_url');
  }
}

type Ack = (message?: SlackMessage & { response_type?: 'ephemeral' }) => Promise<void>;
type Respond = (message: SlackMessage & { response_type?: 'ephemeral' }) => Promise<unknown>;

/**
 * A command answered in its ack: the work runs in `lane` first, so the ack comes after the commit
 * and carries the answer ("Saved #12"). When the work outlasts `budgetMs`, the ack says "working on
 * it" and the answer follows through response_url (the work goes on). A full lane is refused at
 * once: nothing is started, and the user is told so. `work` turns its own failures into replies
 * (replyFor); null means nothing more to say (a modal was opened).
 */
export async function answerInAck(options: {
  lane: WorkQueue;
  budgetMs: number;
  ack: Ack;
  respond: Respond;
  logger: Logger;
  /** Given its lane slot, to free it while waiting on something bounded of its own. */
  work: (slot: LaneSlot) => Promise<SlackMessage | null>;
  /** The requester's language without a query (busy and working answers touch no database). */
  speak?: () => Translator;
}): Promise<void> {
  const { lane, ack, respond, logger } = options;
  const speak = options.speak ?? (() => ENGLISH);
  const task = lane.tryRun(options.work);
  if (!task) {
    logger.warn({ inFlight: lane.size }, 'work lane full; request refused');
    await ack({ ...renderBusy(speak()), response_type: 'ephemeral' });
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = Symbol('late');
  const budget = new Promise<typeof late>((resolve) => {
    timer = setTimeout(() => resolve(late), options.budgetMs);
  });
  const first = await Promise.race([task, budget]).finally(() => clearTimeout(timer));
  if (first !== late) {
    await ack(first ? { ...first, response_type: 'ephemeral' } : undefined);
    return;
  }
  await ack({ ...renderWorking(speak()), response_type: 'ephemeral' });
  logger.info(
    { budgetMs: options.budgetMs },
    'answer not ready within the ack budget; it follows by response_url',
  );
  const reply = await task;
  if (reply) await respond({ ...reply, response_type: 'ephemeral' });
}

/**
 * Answers whoever pressed a button: through the message's response_url (only they see it), or,
 * for a button without one (Home tab, inside a modal), in a small note opened on their screen.
 */
export async function tellPresser(
  logger: Logger,
  press: {
    responseUrl: string | undefined;
    respond: ((message: Record<string, unknown>) => Promise<unknown>) | undefined;
    openNote: (title: string, text: string) => Promise<unknown>;
  },
  message: SlackMessage,
  options: { replaceOriginal: boolean; title: string },
): Promise<void> {
  const { respond } = press;
  if (press.responseUrl && respond) {
    await respondSafely(logger, (m) => respond({ ...m, replace_original: options.replaceOriginal }), message);
    return;
  }
  await press.openNote(options.title, message.text).then(
    () => undefined,
    (error) => logger.error({ err: error }, 'could not open a note for the presser'),
  );
}

/** What tellPresser needs from a block_actions request. */
export function pressOf(
  body: { response_url?: string; trigger_id: string },
  respond: unknown,
  client: { views: { open: (args: { trigger_id: string; view: View }) => Promise<unknown> } },
  /** The presser's language, for the note's Close button. */
  tr: Translator,
) {
  return {
    responseUrl: body.response_url,
    respond: respond as ((message: Record<string, unknown>) => Promise<unknown>) | undefined,
    openNote: (title: string, text: string) =>
      client.views.open({ trigger_id: body.trigger_id, view: noticeView(tr, title, text) }),
  };
}
