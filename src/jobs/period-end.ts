import type { Locales } from '../config.js';
import type { Db } from '../db/client.js';
import { jobHasDeliveries } from '../db/queries/deliveries.js';
import { rosterIdsOfSlackUsers } from '../db/queries/digest.js';
import { isoDay } from '../domain/periods.js';
import { periodsJustEnded, type ReviewPeriod } from '../domain/review-periods.js';
import { buildReviewSummaries } from '../domain/review-summary.js';
import type { Logger } from '../logger.js';
import { deliverySenders, planDeliveries } from './outbox/kinds.js';
import type { DeliveryClient } from './outbox/sender.js';
import type { HrExportPayload, ReviewSummaryPayload } from './outbox/senders/period-end.js';
import { type DeliveryRunResult, sendDueDeliveries } from './outbox/worker.js';

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
  /** DEFAULT_LOCALE for recipients whose language is unknown (the senders render in each one's). */
  locales?: Locales;
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
  const hrRosterIds = await rosterIdsOfSlackUsers(deps.db, hr);
  let planned = 0;
  for (const { id, ...period } of periods) {
    const job = jobFor(id);
    const exports = hr.map((userId) => ({
      job,
      kind: 'hr-export' as const,
      key: `${job}:export:${rosterKey(hrRosterIds, userId)}`,
      recipient: userId,
      payload: {
        // An HR user need not be on the roster; forget then finds the row by its recipient.
        recipientEmployeeId: hrRosterIds.get(userId) ?? null,
        aboutEmployeeIds: [],
        period,
        timezone: deps.timezone,
        includeGuests: deps.includeGuests,
      } satisfies HrExportPayload,
      notBefore: now,
    }));
    // The summaries read the whole roster: built once per period, not on every later run.
    const summaries = (await jobHasDeliveries(deps.db, job, 'review-summary'))
      ? []
      : await summaryDeliveries(deps.db, job, period, options);
    planned += await planDeliveries(deps.db, [...exports, ...summaries]);
  }
  return { periods: periods.map((p) => p.name), planned };
}

export async function run(deps: PeriodEndDeps): Promise<PeriodEndPlan & { sent: DeliveryRunResult }> {
  const logger = deps.logger.child({ job: PERIOD_END_JOB });
  const plan = await planPeriodEnd({ ...deps, logger });
  if (plan.planned > 0) logger.info(plan, 'period-end exports and review summaries planned');
  const sent = await sendDueDeliveries({ ...deps, logger, senders: deliverySenders });
  return { ...plan, sent };
}

/**
 * One summary per manager, keyed by the manager's roster id: the payload names the period, the
 * time the figures are as of, and the reports' roster ids; the sender reads their records then.
 */
async function summaryDeliveries(
  db: Db,
  job: string,
  period: ReviewPeriod,
  options: { now: Date; timezone: string; includeGuests: boolean },
) {
  const summaries = await buildReviewSummaries(db, period, options);
  const managers = await rosterIdsOfSlackUsers(
    db,
    summaries.map((s) => s.managerSlackUserId),
  );
  return summaries.flatMap((summary) => {
    const managerId = managers.get(summary.managerSlackUserId);
    if (managerId === undefined) return [];
    return [
      {
        job,
        kind: 'review-summary' as const,
        key: `${job}:summary:e${managerId}`,
        recipient: summary.managerSlackUserId,
        payload: {
          recipientEmployeeId: managerId,
          aboutEmployeeIds: summary.reports.map((r) => r.rosterId),
          period,
          asOf: options.now.toISOString(),
          timezone: options.timezone,
          includeGuests: options.includeGuests,
        } satisfies ReviewSummaryPayload,
        notBefore: options.now,
      },
    ];
  });
}

/** A recipient in a key: the roster id when they are on the roster, else the Slack id. */
const rosterKey = (ids: Map<string, number>, slackUserId: string) => {
  const id = ids.get(slackUserId);
  return id === undefined ? slackUserId : `e${id}`;
};
