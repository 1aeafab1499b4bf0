import { personRecords } from '../../../db/queries/metrics.js';
import { resolvePeriod } from '../../../domain/review-periods.js';
import { windowFor } from '../../../domain/stats.js';
import { renderTeamNudge } from '../../../slack/blocks/nudge.js';
import type { DeliverySender } from '../sender.js';
import { recipientTranslator } from './recipient-translator.js';

export const TEAM_NUDGE_KIND = 'team-nudge';

/**
 * `team-nudge` (issue 14): a manager's list of direct reports without Slack who have not met the
 * requirement, on a nudge day. Ids, dates, numbers and codes only: names and records are read when
 * sent, so someone who met the requirement since, or was erased, is left out (nothing left: nothing
 * is sent).
 */
export interface TeamNudgePayload {
  periodStart: string;
  periodEnd: string;
  daysLeft: number;
  timezone: string;
  includeGuests: boolean;
  botCommand: string;
  recipientEmployeeId: number;
  aboutEmployeeIds: number[];
}

export const sendTeamNudge: DeliverySender = async (row, context) => {
  const { db, client, now } = context;
  const payload = row.payload as TeamNudgePayload;
  // The stored review period containing the start (or its calendar quarter), as when planned.
  const period = await resolvePeriod(db, undefined, payload.periodStart);
  if (period.start !== payload.periodStart || period.end !== payload.periodEnd)
    return { skipped: 'the review period changed since planning' };
  const window = windowFor(period, { now, timezone: payload.timezone, includeGuests: payload.includeGuests });
  const records = (
    payload.aboutEmployeeIds.length === 0
      ? []
      : await personRecords(db, window, { kind: 'employees', ids: payload.aboutEmployeeIds })
  ).filter((record) => !record.requirementMet);
  if (records.length === 0) return { skipped: 'nothing to send' };
  // In the manager's language as it is when sent.
  const tr = await recipientTranslator(context, payload.recipientEmployeeId);
  const answer = await client.chat.postMessage({
    channel: row.recipient,
    ...renderTeamNudge(records, period, payload.daysLeft, payload.botCommand, tr),
    unfurl_links: false,
    unfurl_media: false,
  });
  return { channel: answer.channel, ts: answer.ts, people: records.length };
};
