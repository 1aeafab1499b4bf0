import { type EntryConfirmationPayload, loadEntryView } from '../../../domain/entries-for-others.js';
import { renderEntryConfirmation } from '../../../slack/blocks/entries.js';
import type { DeliverySender } from '../sender.js';
import { recipientTranslator } from './recipient-translator.js';

/**
 * `entry-confirmation`: asks the owner of a bot entered for them whether it is theirs (issue 14).
 * The payload holds ids only; the message is rendered from the database when sent, so an entry
 * edited meanwhile shows its current text, and one withdrawn, answered or erased sends nothing.
 * In the owner's language.
 */
export const sendEntryConfirmation: DeliverySender = async (row, sender) => {
  const { db, client } = sender;
  const payload = row.payload as EntryConfirmationPayload;
  const view = await loadEntryView(db, payload.botId);
  const owner = view?.owner.slackUserId;
  if (!view || !owner || view.bot.ownerConfirmation !== 'pending' || view.bot.status === 'withdrawn')
    return { skipped: 'nothing to send' };
  const tr = await recipientTranslator(sender, view.owner.id);
  const answer = await client.chat.postMessage({
    channel: owner,
    ...renderEntryConfirmation(view, tr),
    unfurl_links: false,
    unfurl_media: false,
  });
  return { channel: answer.channel, ts: answer.ts };
};
