import type { ReviewPeriod } from '../../../domain/review-periods.js';
import { renderNudge } from '../../../slack/blocks/nudge.js';
import type { DeliveryReference, DeliverySender } from '../sender.js';
import { NOTHING_TO_SEND, postMessage } from './messages.js';
import { recipientTranslator } from './recipient-translator.js';

/** `nudge`: a deadline reminder to one person, with their figures as planned. */
export interface NudgePayload extends DeliveryReference {
  recipientEmployeeId: number;
  period: ReviewPeriod;
  daysLeft: number;
  botsApproved: number;
  botsSubmitted: number;
  /** The slash command to mention, e.g. "/bot". */
  botCommand: string;
}

export const sendNudge: DeliverySender = async (row, context) => {
  const payload = row.payload as NudgePayload;
  if (!payload.aboutEmployeeIds.includes(payload.recipientEmployeeId))
    return NOTHING_TO_SEND('the person was erased');
  // In the recipient's language as it is when sent.
  const tr = await recipientTranslator(context, payload.recipientEmployeeId);
  const message = renderNudge(payload, payload.period, payload.daysLeft, payload.botCommand, tr);
  return postMessage(row, context.client, message);
};
