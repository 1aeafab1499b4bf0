import type { Db } from '../db/client.js';
import { jobHasDeliveries } from '../db/queries/deliveries.js';
import { isoDay } from '../domain/periods.js';
import { periodsJustEnded } from '../domain/review-periods.js';
import { buildReviewSummaries } from '../domain/review-summary.js';
import type { Logger } from '../logger.js';
import { renderReviewSummary } from '../slack/blocks/review-summary.js';
import {
  type DeliveryClient,
  type DeliveryRunResult,
  planDeliveries,
  sendDueDeliveries,
} from './deliveries.js';
import type { HrExportPayload, ReviewSummaryPayload } from './period-end-senders.js';

/**
 * The performance-review tie-in: when a stored review period ends, each HR user gets that period's
 * export in a DM and each manager a review-ready summary of their direct reports — once, through
 * the deliveries outbox (keys per period and recipient). Runs daily; a period is picked up on any
 * of the PERIOD_END_LOOKBACK_DAYS days after its last day, so a day the app was down is caught up.
 */
export interface PeriodEndDeps {
  db: Db;
  client: DeliveryClient;
  logger: Logger;
  now: () => Date;
  timezone: string;
  includeGuests: boolean;
  hrUserIds: readonly string[];
  hrUsergroupId: string | undefined;
  chartFont?: string | undefined;
  /** Shutdown (passed on to the deliveries worker): sends in flight are given up and released. */
  signal?: AbortSignal;
}

export const PERIOD_END_JOB = 'period-end';
export const PERIOD_END_LOOKBACK_DAYS = 14;

const jobFor = (periodId: number) => `${PERIOD_END_JOB}:${periodId}`;

export interface PeriodEndPlan {
  periods: string[];
  /** Rows newly planned (0 when everything was planned before). */
  planned: number;
}

/** HR users: HR_USER_IDS and the HR user group's members (read now; throws when Slack does not answer). */
async function hrRecipients(deps: PeriodEndDeps): Promise<string[]> {
  const ids = new Set(deps.hrUserIds);
  if (deps.hrUsergroupId) {
    const answer = await deps.client.usergroups.users.list({ usergroup: deps.hrUsergroupId });
    for (const id of answer.users ?? []) ids.add(id);
  }
  return [...ids].sort();
}

export async function planPeriodEnd(deps: PeriodEndDeps): Promise<PeriodEndPlan> {
  const now = deps.now();
  const options = { now, timezone: deps.timezone, includeGuests: deps.includeGuests };
  const periods = await periodsJustEnded(deps.db, isoDay(now, deps.timezone), PERIOD_END_LOOKBACK_DAYS);
  if (periods.length === 0) return { periods: [], planned: 0 };
  // Read before anything is planned: if the group cannot be read, the next run plans it all.
  const hr = await hrRecipients(deps);
  let planned = 0;
  for (const { id, ...period } of periods) {
    const job = jobFor(id);
    const exports = hr.map((userId) => ({
      job,
      kind: 'hr-export' as const,
      key: `${job}:export:${userId}`,
      recipient: userId,
      payload: {
        period,
        timezone: deps.timezone,
        includeGuests: deps.includeGuests,
      } satisfies HrExportPayload,
      notBefore: now,
    }));
    // The summaries read the whole roster: built once per period, not on every later run.
    const summaries = (await jobHasDeliveries(deps.db, job, 'review-summary'))
      ? []
      : (await buildReviewSummaries(deps.db, period, options)).map((summary) => ({
          job,
          kind: 'review-summary' as const,
          key: `${job}:summary:${summary.managerSlackUserId}`,
          recipient: summary.managerSlackUserId,
          payload: {
            ...renderReviewSummary(summary, period),
            period: period.name,
            subjects: summary.reports.map((r) => r.rosterId),
          } as ReviewSummaryPayload,
          notBefore: now,
        }));
    planned += await planDeliveries(deps.db, [...exports, ...summaries]);
  }
  return { periods: periods.map((p) => p.name), planned };
}

export async function run(deps: PeriodEndDeps): Promise<PeriodEndPlan & { sent: DeliveryRunResult }> {
  const logger = deps.logger.child({ job: PERIOD_END_JOB });
  const plan = await planPeriodEnd({ ...deps, logger });
  if (plan.planned > 0) logger.info(plan, 'period-end exports and review summaries planned');
  const sent = await sendDueDeliveries({ ...deps, logger });
  return { ...plan, sent };
}
