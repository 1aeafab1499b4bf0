import { isDatabaseUnavailable, isUserError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import { renderNotSaved, renderUserError, type SlackMessage } from './blocks/bot-messages.js';

/**
 * Runs one user action and turns every outcome into a reply: the result, a user error they can
 * act on, or an honest "nothing was saved" (never a false success, never a crash).
 */
export async function replyFor(
  logger: Logger,
  context: Record<string, unknown>,
  work: () => Promise<SlackMessage | null>,
): Promise<SlackMessage | null> {
  try {
    return await work();
  } catch (error) {
    if (isUserError(error)) return renderUserError(error.message);
    const databaseDown = isDatabaseUnavailable(error);
    logger.error({ err: error, databaseDown, ...context }, 'action failed; user told nothing was saved');
    return renderNotSaved(databaseDown);
  }
}

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
