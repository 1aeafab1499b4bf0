import type { KnownBlock } from '@slack/types';
import type { DeliveryRow } from '../db/queries/deliveries.js';
import {
  chartFontFile,
  type ParticipationPoint,
  renderParticipationChart,
} from '../slack/charts/participation-chart.js';
import type { DeliverySender } from './deliveries.js';
import { sendEntryConfirmation } from './entry-senders.js';
import { sendHrExport, sendReviewSummary } from './period-end-senders.js';
import { sendSeatGiven, sendSessionCancelled, sendSessionReminder } from './session-senders.js';
import { sendTeamNudge, TEAM_NUDGE_KIND } from './team-nudge-sender.js';

/**
 * Every kind of delivery and the function that sends it. To add a kind: write a sender that reads
 * its payload and calls Slack (throwing what Slack said), add it here, and plan rows with that
 * kind (docs/deliveries.md). A payload is stored as JSON, so keep it small: ids and figures,
 * not files — a sender may build its content when it runs.
 */

/** `slack-message`: chat.postMessage to the row's recipient (a channel id, or a user id for a DM). */
export interface SlackMessagePayload {
  text: string;
  blocks?: KnownBlock[];
}

const sendSlackMessage: DeliverySender = async (row, { client }) => {
  const payload = row.payload as SlackMessagePayload;
  const answer = await client.chat.postMessage({
    channel: row.recipient,
    text: payload.text,
    ...(payload.blocks ? { blocks: payload.blocks } : {}),
    unfurl_links: false,
    unfurl_media: false,
  });
  return { channel: answer.channel, ts: answer.ts };
};

/** `participation-chart`: the digest chart, rendered when sent and uploaded to the recipient channel. */
export interface ParticipationChartPayload {
  title: string;
  comment: string;
  filename: string;
  points: ParticipationPoint[];
}

const sendParticipationChart: DeliverySender = async (row: DeliveryRow, { client, chartFont }) => {
  const payload = row.payload as ParticipationChartPayload;
  const png = await renderParticipationChart(payload.points, {
    title: payload.title,
    fontFile: chartFontFile(chartFont),
  });
  const answer = (await client.files.uploadV2({
    channel_id: row.recipient,
    file: png,
    filename: payload.filename,
    title: payload.title,
    initial_comment: payload.comment,
  })) as { files?: Array<{ files?: Array<{ id?: string }> }> };
  return { fileId: answer.files?.[0]?.files?.[0]?.id ?? null, bytes: png.length };
};

export const deliverySenders = {
  'slack-message': sendSlackMessage,
  'participation-chart': sendParticipationChart,
  // The period-end performance-review tie-in (src/jobs/period-end.ts).
  'hr-export': sendHrExport,
  'review-summary': sendReviewSummary,
  // Bots entered for someone else (issue 14): the owner's confirmation DM (ids only in the payload).
  'entry-confirmation': sendEntryConfirmation,
  // Deadline nudges for people without Slack, as one list to their manager (src/jobs/nudges.ts).
  [TEAM_NUDGE_KIND]: sendTeamNudge,
  // AI sessions (src/domain/sessions.ts): payloads are ids, rendered when sent.
  'session-reminder': sendSessionReminder,
  'session-seat': sendSeatGiven,
  'session-cancelled': sendSessionCancelled,
} satisfies Record<string, DeliverySender>;

export type DeliveryKind = keyof typeof deliverySenders;
export type DeliverySenders = Partial<Record<string, DeliverySender>>;
