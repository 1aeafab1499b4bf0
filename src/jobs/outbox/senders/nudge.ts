import { findLocalesByEmployeeIds } from '../../../db/queries/employees.js';
import type { ReviewPeriod } from '../../../domain/review-periods.js';
import { localeOf, translator } from '../../../i18n/index.js';
import { renderNudge } from '../../../slack/blocks/nudge.js';
import type { DeliveryReference, DeliverySender } from '../sender.js';
import { NOTHING_TO_SEND, postMessage } from './messages.js';

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

export const sendNudge: DeliverySender = async (row, { db, client, locales, timezone }) => {
  const payload = row.payload as NudgePayload;
  if (!payload.aboutEmployeeIds.includes(payload.recipientEmployeeId))
    return NOTHING_TO_SEND('the person was erased');
  // In the recipient's language as it is when sent.
  const recipient = await findLocalesByEmployeeIds(db, [payload.recipientEmployeeId]);
  const tr = translator(localeOf(recipient.get(payload.recipientEmployeeId), locales.default), {
    timeZone: timezone,
  });
  const message = renderNudge(payload, payload.period, payload.daysLeft, payload.botCommand, tr);
  return postMessage(row, client, message);
};
