import { hostname } from 'node:os';
import { lt } from 'drizzle-orm';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { purgeFinishedDeliveries } from '../db/queries/deliveries.js';
import { processedSlackEvents } from '../db/schema.js';
import type { SlackDirectory } from '../domain/roster-sync.js';
import type { Logger } from '../logger.js';
import { createDeliveryClient, type DeliveryClient } from '../slack/delivery-client.js';
import { run as runNudges } from './nudges.js';
import { deliverySenders } from './outbox/kinds.js';
import { sendDueDeliveries } from './outbox/worker.js';
import { run as runPeriodEnd } from './period-end.js';
import { run as runReviewReminders } from './review-reminders.js';
import { run as runRosterSync } from './roster-sync.js';
import {
  createRunCoordinator,
  errorCode,
  type RunCoordinator,
  type ScheduledJob,
} from './run-coordinator.js';
import { run as runSessionReminders, SESSION_REMINDERS_CRON } from './session-reminders.js';
import { run as runSnapshotRefresh, snapshotRefreshCron } from './snapshot-refresh.js';
import { run as runWeeklyDigest } from './weekly-digest.js';

export interface SchedulerDeps {
  config: Config;
  db: Db;
  client: SlackDirectory;
  logger: Logger;
  now: () => Date;
  /** The deliveries' own Slack client; made from the config when not given. */
  deliveryClient?: DeliveryClient;
  /** Who claims scheduled runs (job_runs.claimed_by); default host:pid. */
  replicaId?: string;
}

/** Deadline nudges are planned every 15 minutes, for whoever's local time has reached 10:00 on a nudge day. */
export const NUDGE_CRON = '*/15 * * * *';
/** Every replica sends due deliveries every minute: retries, and anything a crashed run left. */
export const DELIVERIES_CRON = '* * * * *';

/** Daily at 08:00 company time (src/jobs/period-end.ts). */
export const PERIOD_END_CRON = '0 8 * * *';
export const REVIEW_REMINDERS_CRON = '0 10 * * 1-5';
/** Every replica looks for due retries and missed fires every minute (and at start). */
export const SWEEP_CRON = '* * * * *';

/** How long Slack event ids are remembered; Slack retries within minutes. */
const EVENT_ID_RETENTION_DAYS = 7;
/** How long sent and failed deliveries are kept (for "why did I get this?" and failure reasons). */
const DELIVERY_RETENTION_DAYS = 90;

/** How long a stop waits for scheduled runs in flight before releasing their claims. */
const STOP_GRACE_MS = 10_000;

export interface Scheduler {
  tasks: ScheduledTask[];
  coordinator: RunCoordinator;
  /** The runs at start (a sweep for missed fires, the roster sync, due deliveries) have ended. */
  started: Promise<void>;
  /** Stops the schedules, gives up sends in flight (their rows released), releases runs in flight. */
  stop(): Promise<void>;
}

/**
 * The app's schedules, in TIMEZONE: roster sync, review reminders, the weekly digest, deadline nudges,
 * the deliveries worker, housekeeping. Each fire runs once across replicas and is retried until done
 * while its window is open; a fire missed while the app was down runs late when the job allows
 * (src/jobs/run-coordinator.ts, docs/scheduling.md). The roster sync also runs once at start.
 */
export function startScheduler(deps: SchedulerDeps): Scheduler {
  const { config, db, logger } = deps;
  const shutdown = new AbortController();
  const { signal } = shutdown;
  const syncRoster = () =>
    runRosterSync({ db, client: deps.client, includeGuests: config.includeGuests, logger, now: deps.now });
  const purgeEventIds = async () => {
    const before = new Date(deps.now().getTime() - EVENT_ID_RETENTION_DAYS * 86_400_000);
    await db.delete(processedSlackEvents).where(lt(processedSlackEvents.receivedAt, before));
  };
  const purgeDeliveries = () =>
    purgeFinishedDeliveries(db, new Date(deps.now().getTime() - DELIVERY_RETENTION_DAYS * 86_400_000));
  const deliveryClient = deps.deliveryClient ?? createDeliveryClient(config, { signal });
  // What every job that plans and sends deliveries needs.
  const outbox = {
    db,
    client: deliveryClient,
    logger,
    now: deps.now,
    timezone: config.digest.timezone,
    includeGuests: config.includeGuests,
    chartFont: config.chartFont,
    signal,
    botCommand: config.commands.bot,
    locales: config.locales,
    // Every registered kind (src/jobs/outbox/kinds.ts): the worker knows none of its own.
    senders: deliverySenders,
  };
  const { channel } = config.digest;
  const weeklyDigest = async () => {
    if (!channel) logger.warn('DIGEST_CHANNEL is not set: no weekly digest (nor manager digests) sent');
    else await runWeeklyDigest({ ...outbox, channel, minGroupSize: config.minGroupSize });
  };
  // Which jobs run late, when their fire was missed, is argued per job in docs/scheduling.md.
  const jobs: ScheduledJob[] = [
    { name: 'weekly-digest', cron: config.digest.cron, catchUp: true, run: weeklyDigest },
    // Each tick plans whoever's 10:00 has come and was not nudged yet: the next tick catches up.
    {
      name: 'nudges',
      cron: NUDGE_CRON,
      catchUp: false,
      run: () => runNudges({ ...outbox, botCommand: config.commands.bot }),
    },
    // The day after a review period ends, at 08:00: exports to HR, summaries to managers.
    {
      name: 'period-end',
      cron: PERIOD_END_CRON,
      catchUp: true,
      run: () =>
        runPeriodEnd({ ...outbox, hrUserIds: config.hrUserIds, hrUsergroupId: config.hrUsergroupId }),
    },
    // AI session reminders: the day before and an hour before (src/jobs/session-reminders.ts); the
    // next tick plans what a missed one would have.
    {
      name: 'session-reminders',
      cron: SESSION_REMINDERS_CRON,
      catchUp: false,
      run: () => runSessionReminders({ ...outbox, botCommand: config.commands.bot }),
    },
    // Weekdays at 10:00 company time; each bot is reminded at most once a day.
    {
      name: 'review-reminders',
      cron: REVIEW_REMINDERS_CRON,
      catchUp: true,
      run: () => runReviewReminders(outbox),
    },
    // Also runs at every start, which covers a missed night.
    { name: 'roster-sync', cron: '0 3 * * *', catchUp: false, run: syncRoster },
    { name: 'purge-slack-event-ids', cron: '30 3 * * *', catchUp: false, run: purgeEventIds },
    { name: 'purge-deliveries', cron: '40 3 * * *', catchUp: false, run: purgeDeliveries },
  ];
  if (config.statsRefreshMinutes > 0) {
    // HR stats snapshots of the current and previous period (src/jobs/snapshot-refresh.ts); a stale
    // snapshot is computed live, so a missed refresh just waits for the next.
    jobs.push({
      name: 'stats-refresh',
      cron: snapshotRefreshCron(config.statsRefreshMinutes),
      catchUp: false,
      run: () =>
        runSnapshotRefresh({
          db,
          timezone: config.digest.timezone,
          includeGuests: config.includeGuests,
          logger,
          now: deps.now,
        }),
    });
  }
  const coordinator = createRunCoordinator(
    {
      db,
      logger,
      now: deps.now,
      timezone: config.digest.timezone,
      replicaId: deps.replicaId ?? `${hostname()}:${process.pid}`,
    },
    jobs,
  );
  let deliveriesRun: Promise<unknown> = Promise.resolve();
  const sendDeliveries = () => {
    deliveriesRun = sendDueDeliveries(outbox).catch((err) =>
      logger.error({ error: errorCode(err) }, 'sending deliveries failed'),
    );
    return deliveriesRun;
  };
  const sweep = () =>
    coordinator.sweep().catch((err) => logger.error({ error: errorCode(err) }, 'scheduled-run sweep failed'));
  const timing = { timezone: config.digest.timezone, noOverlap: true };
  const tasks: ScheduledTask[] = [
    ...jobs.map((job) =>
      cron.schedule(job.cron, () => coordinator.fire(job.name), { ...timing, name: job.name }),
    ),
    // Not coordinated: every replica works the outbox (rows are claimed one by one).
    cron.schedule(DELIVERIES_CRON, sendDeliveries, { ...timing, name: 'deliveries' }),
    // Retries of failed or abandoned runs, and fires missed while no replica was up.
    cron.schedule(SWEEP_CRON, sweep, { ...timing, name: 'scheduled-runs' }),
  ];
  const started = Promise.all([
    syncRoster().catch((err) => logger.error({ error: errorCode(err) }, 'roster sync at start failed')),
    sendDeliveries(), // a run cut short by a restart resumes now
    sweep(),
  ]).then(() => logger.info('scheduler started: missed and due runs checked'));
  return {
    tasks,
    coordinator,
    started,
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
      shutdown.abort();
      await Promise.all([coordinator.stop(STOP_GRACE_MS), deliveriesRun]);
    },
  };
}
