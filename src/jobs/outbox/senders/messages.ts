import type { DeliveryRow } from '../../../db/queries/deliveries.js';
import type { DeliverySender } from '../sender.js';

/** Helpers every sender uses. */

/** What a sender answers when there is nothing left to send (the row is kept as sent, with this). */
export const NOTHING_TO_SEND = (reason: string) => ({ skipped: reason });

/** chat.postMessage to the row's recipient (a channel id, or a user id for a DM). */
export function postMessage(
  row: DeliveryRow,
  client: Parameters<DeliverySender>[1]['client'],
  message: { text: string; blocks?: unknown[] | undefined },
): Promise<{ channel: string | undefined; ts: string | undefined }> {
  return postMessageTo(row.recipient, client, message);
}

/** The same to a channel or person read at send time (e.g. the recipient's current Slack id). */
export async function postMessageTo(
  channel: string,
  client: Parameters<DeliverySender>[1]['client'],
  message: { text: string; blocks?: unknown[] | undefined },
): Promise<{ channel: string | undefined; ts: string | undefined }> {
  const answer = await client.chat.postMessage({
    channel,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks as never } : {}),
    unfurl_links: false,
    unfurl_media: false,
  });
  return { channel: answer.channel, ts: answer.ts };
}
