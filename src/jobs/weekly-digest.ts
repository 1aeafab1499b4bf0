import type { Locales } from '../config.js';
import type { Db } from '../db/client.js';
import { findDeliveryByKey } from '../db/queries/deliveries.js';
import { botOwnerIds } from '../db/queries/digest.js';
import {
  buildManagerDigests,
  buildWeeklyDigest,
  type DigestOptions,
  type WeeklyDigest,
} from '../domain/digest.js';
import type { Logger } from '../logger.js';
import { deliverySenders, planDeliveries } from './outbox/kinds.js';
import type { DeliveryClient } from './outbox/sender.js';
import type {
  ManagerDigestPayload,
  ParticipationChartPayload,
  WeeklyDigestPayload,
} from './outbox/senders/digest.js';
import { type DeliveryRunResult, sendDueDeliveries } from './outbox/worker.js';

/**
 * The weekly digest job (DIGEST_CRON, and `/adoption digest send`): the channel digest, its chart,
 * and one DM per manager, planned together as deliveries keyed by the ISO week, then sent. A week
 * has one digest: a second fire, a second replica or a manual send in the same week plans nothing.
 */
export interface WeeklyDigestDeps {
  db: Db;
  client: DeliveryClient;
  logger: Logger;
  now: () => Date;
  channel: string;
  timezone: string;
  includeGuests: boolean;
  minGroupSize: number;
  chartFont: string | undefined;
  /** DEFAULT_LOCALE and DIGEST_LOCALE, passed on to the senders (default: English for both). */
  locales?: Locales;
  /** Shutdown (passed on to the deliveries worker): sends in flight are given up and released. */
  signal?: AbortSignal;
}

export const DIGEST_JOB = 'weekly-digest';
export const MANAGER_DIGEST_JOB = 'manager-digest';
/** The chart follows the digest message; workers send due rows in order of time. */
const CHART_DELAY_MS = 5_000;

export const digestKey = (week: string, channel: string) => `${DIGEST_JOB}:${week}:${channel}`;
export const managerDigestKey = (week: string, managerId: number) =>
  `${MANAGER_DIGEST_JOB}:${week}:e${managerId}`;

export interface PlannedDigest {
  digest: WeeklyDigest;
  /** False when this week's digest was planned already (nothing new was planned). */
  planned: boolean;
  managerDigests: number;
}

export async function planWeeklyDigest(deps: Omit<WeeklyDigestDeps, 'client'>): Promise<PlannedDigest> {
  const now = deps.now();
  const options: DigestOptions = {
    now,
    timezone: deps.timezone,
    includeGuests: deps.includeGuests,
    minGroupSize: deps.minGroupSize,
  };
  const digest = await buildWeeklyDigest(deps.db, options);
  const key = digestKey(digest.week, deps.channel);
  if (await findDeliveryByKey(deps.db, key)) return { digest, planned: false, managerDigests: 0 };
  const managers = await buildManagerDigests(deps.db, digest.period, options);
  const owners = (bots: Array<{ id: number }>) => bots.map((b) => b.id);
  const digestPayload: WeeklyDigestPayload = {
    recipientEmployeeId: null,
    aboutEmployeeIds: await ownersOf(deps.db, [...owners(digest.newBots), ...owners(digest.mostUsed)]),
    period: digest.period,
    week: digest.week,
    today: digest.today,
    minGroupSize: deps.minGroupSize,
    company: digest.company,
    companyWeekAgo: digest.companyWeekAgo,
    departments: digest.departments,
    newBotIds: owners(digest.newBots),
    newBotsTotal: digest.newBotsTotal,
    mostUsed: digest.mostUsed.map((b) => ({ botId: b.id, uses: b.uses, users: b.users })),
    backlog: {
      waiting: digest.backlog.waiting,
      overdue: digest.backlog.overdue,
      oldestRequestedAt: digest.backlog.oldestRequestedAt?.toISOString() ?? null,
    },
  };
  const chart: ParticipationChartPayload = {
    recipientEmployeeId: null,
    aboutEmployeeIds: [],
    periodName: digest.period.name,
    week: digest.week,
    points: digest.chart,
  };
  const inserted = await planDeliveries(deps.db, [
    {
      job: DIGEST_JOB,
      kind: 'weekly-digest',
      key,
      recipient: deps.channel,
      payload: digestPayload,
      notBefore: now,
    },
    ...(digest.chart.length > 0
      ? [
          {
            job: DIGEST_JOB,
            kind: 'participation-chart' as const,
            key: `${DIGEST_JOB}-chart:${digest.week}:${deps.channel}`,
            recipient: deps.channel,
            payload: chart,
            notBefore: new Date(now.getTime() + CHART_DELAY_MS),
          },
        ]
      : []),
    ...managers.map((manager) => ({
      job: MANAGER_DIGEST_JOB,
      kind: 'manager-digest' as const,
      key: managerDigestKey(digest.week, manager.managerId),
      recipient: manager.managerSlackUserId,
      payload: {
        recipientEmployeeId: manager.managerId,
        aboutEmployeeIds: manager.reports.map((r) => r.id),
        periodName: digest.period.name,
        week: digest.week,
        reports: manager.reports.map((r) => ({ employeeId: r.id, status: r.status })),
      } satisfies ManagerDigestPayload,
      notBefore: now,
    })),
  ]);
  return { digest, planned: inserted > 0, managerDigests: managers.length };
}

export async function run(deps: WeeklyDigestDeps): Promise<PlannedDigest & { sent: DeliveryRunResult }> {
  const logger = deps.logger.child({ job: DIGEST_JOB });
  const started = Date.now();
  const plan = await planWeeklyDigest({ ...deps, logger });
  logger.info(
    {
      week: plan.digest.week,
      planned: plan.planned,
      managers: plan.managerDigests,
      ms: Date.now() - started,
    },
    'weekly digest planned',
  );
  const sent = await sendDueDeliveries({ ...deps, logger, senders: deliverySenders });
  return { ...plan, sent };
}

/** The owners of the bots a digest names, by roster id (sorted, once each). */
async function ownersOf(db: Db, botIds: number[]): Promise<number[]> {
  return [...new Set(await botOwnerIds(db, botIds))].sort((a, b) => a - b);
}
