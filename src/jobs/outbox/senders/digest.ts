import { chartFontFile, renderParticipationChart } from '../../../charts/participation-chart.js';
import type { DeliveryRow } from '../../../db/queries/deliveries.js';
import { digestBotsByIds, employeeNamesByIds, type ReviewBacklog } from '../../../db/queries/digest.js';
import { upcomingSessionsWithSeats } from '../../../db/queries/sessions.js';
import type {
  DepartmentLine,
  GroupFigures,
  ParticipationPoint,
  ReportStatus,
} from '../../../domain/digest.js';
import type { ReviewPeriod } from '../../../domain/review-periods.js';
import { translator } from '../../../i18n/index.js';
import { renderChannelDigest, renderManagerDigest } from '../../../slack/blocks/digest.js';
import type { DeliveryReference, DeliverySender } from '../sender.js';
import { NOTHING_TO_SEND, postMessage } from './messages.js';
import { recipientTranslator } from './recipient-translator.js';

/** The weekly digest's kinds (planned by src/jobs/weekly-digest.ts). */

/** `weekly-digest`: the channel digest; figures as planned, bots read (and named) when sent. */
export interface WeeklyDigestPayload extends DeliveryReference {
  period: ReviewPeriod;
  week: string;
  today: string;
  minGroupSize: number;
  company: GroupFigures;
  companyWeekAgo: GroupFigures | null;
  /** Department names are organisational units, not people. */
  departments: DepartmentLine[];
  newBotIds: number[];
  newBotsTotal: number;
  mostUsed: Array<{ botId: number; uses: number; users: number }>;
  backlog: { waiting: number; overdue: number; oldestRequestedAt: string | null };
}

export const sendWeeklyDigest: DeliverySender = async (row, { db, client, now, timezone, locales }) => {
  const payload = row.payload as WeeklyDigestPayload;
  const about = new Set(payload.aboutEmployeeIds);
  const bots = await digestBotsByIds(db, [...payload.newBotIds, ...payload.mostUsed.map((b) => b.botId)]);
  const shown = (id: number) => {
    const bot = bots.get(id);
    return bot && about.has(bot.ownerId) ? bot : null;
  };
  const backlog: ReviewBacklog = {
    ...payload.backlog,
    oldestRequestedAt: payload.backlog.oldestRequestedAt ? new Date(payload.backlog.oldestRequestedAt) : null,
  };
  const message = renderChannelDigest(
    {
      period: payload.period,
      week: payload.week,
      today: payload.today,
      company: payload.company,
      companyWeekAgo: payload.companyWeekAgo,
      departments: payload.departments,
      newBots: payload.newBotIds.flatMap((id) => {
        const bot = shown(id);
        return bot ? [bot] : [];
      }),
      newBotsTotal: payload.newBotsTotal,
      mostUsed: payload.mostUsed.flatMap(({ botId, uses, users }) => {
        const bot = shown(botId);
        return bot ? [{ id: bot.id, name: bot.name, ownerName: bot.ownerName, uses, users }] : [];
      }),
      backlog,
      chart: [],
      // The coming week's AI sessions with free seats, as they stand when the digest is sent.
      sessions: {
        timezone,
        items: await upcomingSessionsWithSeats(db, now, new Date(now.getTime() + 7 * 86_400_000)),
      },
    },
    payload.minGroupSize,
    // The channel's language (DIGEST_LOCALE); dates in the company's zone.
    translator(locales.digest, { timeZone: timezone }),
  );
  return postMessage(row, client, message);
};

/** `participation-chart`: the digest chart, drawn when sent and uploaded to the recipient channel. */
export interface ParticipationChartPayload extends DeliveryReference {
  periodName: string;
  week: string;
  /** Groups are "Company" and department names. */
  points: ParticipationPoint[];
}

export const sendParticipationChart: DeliverySender = async (
  row: DeliveryRow,
  { client, chartFont, locales, timezone },
) => {
  const payload = row.payload as ParticipationChartPayload;
  const tr = translator(locales.digest, { timeZone: timezone });
  const title = tr.t('digest.chart.title', { period: payload.periodName });
  const png = await renderParticipationChart(payload.points, {
    title,
    fontFile: chartFontFile(chartFont),
    translator: tr,
  });
  const answer = (await client.files.uploadV2({
    channel_id: row.recipient,
    file: png,
    filename: `participation-${payload.week}.png`,
    title,
    initial_comment: tr.t('digest.chart.comment', { period: payload.periodName }),
  })) as { files?: Array<{ files?: Array<{ id?: string }> }> };
  return { fileId: answer.files?.[0]?.files?.[0]?.id ?? null, bytes: png.length };
};

/** `manager-digest`: a manager's DM about their direct reports; names read when sent. */
export interface ManagerDigestPayload extends DeliveryReference {
  recipientEmployeeId: number;
  periodName: string;
  week: string;
  reports: Array<{ employeeId: number; status: ReportStatus }>;
}

export const sendManagerDigest: DeliverySender = async (row, context) => {
  const { db, client } = context;
  const payload = row.payload as ManagerDigestPayload;
  const about = new Set(payload.aboutEmployeeIds);
  const reports = payload.reports.filter((r) => about.has(r.employeeId));
  const names = await employeeNamesByIds(
    db,
    reports.map((r) => r.employeeId),
  );
  const named = reports.flatMap((r) => {
    const name = names.get(r.employeeId);
    return name === undefined ? [] : [{ id: r.employeeId, name, status: r.status }];
  });
  if (named.length === 0) return NOTHING_TO_SEND('no one left to report on');
  named.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  // In the manager's language as it is now (rendered when sent, not when planned).
  const message = renderManagerDigest(
    { managerId: payload.recipientEmployeeId, managerSlackUserId: row.recipient, reports: named },
    payload.periodName,
    await recipientTranslator(context, payload.recipientEmployeeId),
  );
  return postMessage(row, client, message);
};
