import type { Locales } from '../config.js';
import type { Db } from '../db/client.js';
import { existingDeliveryKeys, insertPlannedDeliveries } from '../db/queries/deliveries.js';
import {
  doneNudgeChecks,
  employeeTimezones,
  nudgeCandidates,
  recordNudgeChecks,
  reportsWithoutSlack,
} from '../db/queries/digest.js';
import { personRecordsOf } from '../domain/digest-figures.js';
import { dueNudgeOffsets, localTime } from '../domain/nudges.js';
import { daysBetween, isoDay } from '../domain/periods.js';
import { type ReviewPeriod, resolvePeriod } from '../domain/review-periods.js';
import type { Logger } from '../logger.js';
import { deliverySenders } from './outbox/kinds.js';
import type { DeliveryClient } from './outbox/sender.js';
import type { NudgePayload } from './outbox/senders/nudge.js';
import { TEAM_NUDGE_KIND, type TeamNudgePayload } from './outbox/senders/team-nudge.js';
import { type DeliveryRunResult, sendDueDeliveries } from './outbox/worker.js';

/**
 * The deadline nudge job (every 15 minutes): plans a DM for everyone whose local time has reached
 * 10:00 on a nudge day (src/domain/nudges.ts) and who has not met the current period's requirement,
 * unless they said `/bot remind off`; then sends. One nudge per period, offset and person (its key);
 * each zone is checked once per nudge, so someone who joins a zone later that day waits for the next.
 */
export interface NudgesDeps {
  db: Db;
  client: DeliveryClient;
  logger: Logger;
  now: () => Date;
  /** The company's zone: for people without one of their own, and for "today". */
  timezone: string;
  includeGuests: boolean;
  botCommand: string;
  /** DEFAULT_LOCALE and DIGEST_LOCALE, passed on to the senders (default: English for both). */
  locales?: Locales;
  /** Shutdown (passed on to the deliveries worker): sends in flight are given up and released. */
  signal?: AbortSignal;
}

export const NUDGE_JOB = 'nudge';

export const nudgeKey = (period: ReviewPeriod, offset: number, employeeId: number) =>
  `${NUDGE_JOB}:${period.start}..${period.end}:d${offset}:e${employeeId}`;

export interface NudgePlan {
  period: ReviewPeriod;
  /** People in a zone where a nudge is due now. */
  candidates: number;
  planned: number;
}

export async function planNudges(deps: Omit<NudgesDeps, 'client'>): Promise<NudgePlan> {
  const now = deps.now();
  const today = isoDay(now, deps.timezone);
  const period = await resolvePeriod(deps.db, undefined, today);
  const due: Array<{ offset: number; zone: string; check: string }> = [];
  for (const zone of await employeeTimezones(deps.db, deps.timezone, today)) {
    for (const offset of dueNudgeOffsets(period, now, zone))
      due.push({
        offset,
        zone,
        check: `${NUDGE_JOB}-check:${period.start}..${period.end}:d${offset}:${zone}`,
      });
  }
  // Each zone's nudge is checked once (the first tick after 10:00 there that gets to commit): the
  // people who met the requirement are not looked up again every 15 minutes until 20:00.
  const checkDay = new Date(`${period.end}T00:00:00Z`);
  const done = await doneNudgeChecks(
    deps.db,
    due.map((d) => d.check),
    checkDay,
  );
  const offsetsByZone = new Map<number, string[]>();
  for (const d of due.filter((d) => !done.has(d.check)))
    offsetsByZone.set(d.offset, [...(offsetsByZone.get(d.offset) ?? []), d.zone]);
  if (offsetsByZone.size === 0) return { period, candidates: 0, planned: 0 };
  const checks = due.filter((d) => !done.has(d.check)).map((d) => d.check);

  const people: Array<{ id: number; offset: number; slackUserId: string; zone: string; key: string }> = [];
  // Managers due now, whose reports without Slack get their nudge through them (issue 14).
  const managers: TeamNudgeManager[] = [];
  for (const [offset, zones] of offsetsByZone) {
    const candidates = await nudgeCandidates(deps.db, {
      today,
      timezones: zones,
      companyTimezone: deps.timezone,
      includeGuests: deps.includeGuests,
    });
    for (const person of candidates) {
      const key = nudgeKey(period, offset, person.id);
      people.push({
        id: person.id,
        offset,
        slackUserId: person.slackUserId,
        zone: person.timezone ?? deps.timezone,
        key,
      });
      managers.push({
        id: person.id,
        offset,
        slackUserId: person.slackUserId,
        zone: person.timezone ?? deps.timezone,
        key: teamNudgeKey(period, offset, person.id),
      });
    }
  }
  const planned = await existingDeliveryKeys(
    deps.db,
    people.map((d) => d.key),
  );
  // Who is still due, by roster id (someone may be due for two offsets after a long outage).
  const open = new Map<number, typeof people>();
  for (const d of people) if (!planned.has(d.key)) open.set(d.id, [...(open.get(d.id) ?? []), d]);

  // Who still misses the requirement, by the metrics' own rule, read and planned a batch at a time
  // (memory holds one batch of records and payloads), all in the one planning transaction.
  const inserted = await deps.db.transaction(async (tx) => {
    let count = 0;
    const ids = [...open.keys()].sort((a, b) => a - b);
    for await (const records of personRecordsOf(tx, period, now, deps, ids)) {
      const rows = records.flatMap((record) =>
        record.requirementMet
          ? []
          : (open.get(record.rosterId) ?? []).map((d) => ({
              job: NUDGE_JOB,
              kind: 'nudge' as const,
              key: d.key,
              recipient: d.slackUserId,
              payload: {
                recipientEmployeeId: d.id,
                aboutEmployeeIds: [d.id],
                period,
                daysLeft: daysBetween(localTime(now, d.zone).date, period.end),
                botsApproved: record.botsApproved,
                botsSubmitted: record.botsSubmitted,
                botCommand: deps.botCommand,
              } satisfies NudgePayload,
              notBefore: now,
            })),
      );
      count += await insertPlannedDeliveries(tx, rows);
    }
    count += await planTeamNudges(tx, deps, period, now, today, managers);
    await recordNudgeChecks(tx, checks, checkDay);
    return count;
  });
  return { period, candidates: people.length, planned: inserted };
}

interface TeamNudgeManager {
  id: number;
  offset: number;
  slackUserId: string;
  zone: string;
  key: string;
}

/** `nudge-team:<period>:d<offset>:e<manager roster id>`: one list per manager and nudge day. */
export const teamNudgeKey = (period: ReviewPeriod, offset: number, managerId: number) =>
  `${NUDGE_JOB}-team:${period.start}..${period.end}:d${offset}:e${managerId}`;

/**
 * People without Slack cannot be nudged, so each due manager gets one list of their direct reports
 * without Slack who have not met the requirement, on the nudge day, at 10:00 in the manager's zone
 * (kind `team-nudge`; ids only in the payload, rendered when sent). Returns how many were planned.
 */
async function planTeamNudges(
  tx: Db,
  deps: Omit<NudgesDeps, 'client'>,
  period: ReviewPeriod,
  now: Date,
  today: string,
  due: TeamNudgeManager[],
): Promise<number> {
  const taken = await existingDeliveryKeys(
    tx,
    due.map((m) => m.key),
  );
  const open = due.filter((m) => !taken.has(m.key));
  if (open.length === 0) return 0;
  const reports = await reportsWithoutSlack(tx, {
    managerIds: [...new Set(open.map((m) => m.id))],
    today,
    includeGuests: deps.includeGuests,
  });
  if (reports.length === 0) return 0;
  const notMet = new Set<number>();
  for await (const records of personRecordsOf(
    tx,
    period,
    now,
    deps,
    reports.map((r) => r.id),
  ))
    for (const record of records) if (!record.requirementMet) notMet.add(record.rosterId);
  const rows = open.flatMap((manager) => {
    const about = reports.filter((r) => r.managerId === manager.id && notMet.has(r.id)).map((r) => r.id);
    if (about.length === 0) return [];
    const payload: TeamNudgePayload = {
      periodStart: period.start,
      periodEnd: period.end,
      daysLeft: daysBetween(localTime(now, manager.zone).date, period.end),
      timezone: deps.timezone,
      includeGuests: deps.includeGuests,
      botCommand: deps.botCommand,
      recipientEmployeeId: manager.id,
      aboutEmployeeIds: about,
    };
    return [
      {
        job: NUDGE_JOB,
        kind: TEAM_NUDGE_KIND,
        key: manager.key,
        recipient: manager.slackUserId,
        payload,
        notBefore: now,
      },
    ];
  });
  return insertPlannedDeliveries(tx, rows);
}

export async function run(deps: NudgesDeps): Promise<NudgePlan & { sent: DeliveryRunResult }> {
  const logger = deps.logger.child({ job: NUDGE_JOB });
  const started = Date.now();
  const plan = await planNudges({ ...deps, logger });
  if (plan.candidates > 0)
    logger.info(
      { candidates: plan.candidates, planned: plan.planned, ms: Date.now() - started },
      'nudges planned',
    );
  const sent = await sendDueDeliveries({ ...deps, logger, senders: deliverySenders });
  return { ...plan, sent };
}
