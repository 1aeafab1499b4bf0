import { hostname } from 'node:os';
import { lt } from 'drizzle-orm';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { purgeFinishedDeliveries } from '../db/queries/deliveries.js';
import { processedSlackEvents } from '../db/schema.js';
import type { SlackDirectory } from '../domain/roster-sync.js';
import type { Logger } from '../logger.js';
import { createDeliveryClient, type DeliveryClient, sendDueDeliveries } from './deliveries.js';
import { run as runNudges } from './nudges.js';
import { run as runPeriodEnd } from './period-end.js';
import type { ReviewRemindersDeps } from './review-reminders.js';
import { run as runReviewReminders } from './review-reminders.js';
import { run as runRosterSync } from './roster-sync.js';
import { postgresRunCoordinator } from './run-coordinator.js';
import { run as runSessionReminders, SESSION_REMINDERS_CRON } from './session-reminders.js';
import { run as runStatsRefresh, statsRefreshCron } from './stats-refresh.js';
import { run as runWeeklyDigest } from './weekly-digest.js';

export interface SchedulerDeps {
  config: Config;
  db: Db;
  client: SlackDirectory & ReviewRemindersDeps['client'];
  logger: Logger;
  now: () => Date;
  /** The deliveries' own Slack client; made from the config when not given. */
  deliveryClient?: DeliveryClient;
}

/** Deadline nudges are planned every 15 minutes, for whoever's local time has reached 10:00 on a nudge day. */
export const NUDGE_CRON = '*/15 * * * *';
/** Every replica sends due deliveries every minute: retries, and anything a crashed run left. */
export const DELIVERIES_CRON = '* * * * *';

/** Daily at 08:00 company time (src/jobs/period-end.ts). */
export const PERIOD_END_CRON = '0 8 * * *';

/** How long Slack event ids are remembered; Slack retries within minutes. */
const EVENT_ID_RETENTION_DAYS = 7;
/** How long sent and failed deliveries are kept (for "why did I get this?" and failure reasons). */
const DELIVERY_RETENTION_DAYS = 90;

/**
 * The app's schedules, in TIMEZONE: roster sync, review reminders, the weekly digest, deadline nudges,
 * the deliveries worker, housekeeping. Each fire runs on exactly one replica (a Postgres run
 * coordinator); jobs are also safe to repeat. The roster sync also runs once at start.
 */
export function startScheduler(deps: SchedulerDeps): { tasks: ScheduledTask[]; stop(): Promise<void> } {
  const { config, db, logger } = deps;
  const coordinator = postgresRunCoordinator(db, `${hostname()}:${process.pid}`);
  const options = (name: string) => ({
    name,
    timezone: config.digest.timezone,
    noOverlap: true,
    distributed: true,
    runCoordinator: coordinator,
  });
  const syncRoster = () =>
    runRosterSync({
      db,
      client: deps.client,
      includeGuests: config.includeGuests,
      logger,
      now: deps.now,
    }).catch((err) => logger.error({ err }, 'roster sync failed'));
  const purgeEventIds = async () => {
    const before = new Date(deps.now().getTime() - EVENT_ID_RETENTION_DAYS * 86_400_000);
    await db
      .delete(processedSlackEvents)
      .where(lt(processedSlackEvents.receivedAt, before))
      .catch((err) => logger.error({ err }, 'could not purge old Slack event ids'));
  };
  const purgeDeliveries = () =>
    purgeFinishedDeliveries(db, new Date(deps.now().getTime() - DELIVERY_RETENTION_DAYS * 86_400_000)).catch(
      (err) => logger.error({ err }, 'could not purge old deliveries'),
    );
  const remindReviewers = () =>
    runReviewReminders({ db, client: deps.client, logger, now: deps.now }).catch((err) =>
      logger.error({ err }, 'review reminders failed'),
    );
  const refreshStats = () =>
    runStatsRefresh({
      db,
      timezone: config.digest.timezone,
      includeGuests: config.includeGuests,
      logger,
      now: deps.now,
    }).catch((err) => logger.error({ err }, 'stats refresh failed'));
  const deliveryClient = deps.deliveryClient ?? createDeliveryClient(config);
  // What every job that plans and sends deliveries needs.
  const outbox = {
    db,
    client: deliveryClient,
    logger,
    now: deps.now,
    timezone: config.digest.timezone,
    includeGuests: config.includeGuests,
    chartFont: config.chartFont,
    botCommand: config.commands.bot,
  };
  const { channel } = config.digest;
  const weeklyDigest = () => {
    if (!channel)
      return logger.warn('DIGEST_CHANNEL is not set: no weekly digest (nor manager digests) sent');
    return runWeeklyDigest({ ...outbox, channel, minGroupSize: config.minGroupSize }).catch((err) =>
      logger.error({ err }, 'weekly digest failed; its deliveries resume on the next tick'),
    );
  };
  const nudge = () =>
    runNudges({ ...outbox, botCommand: config.commands.bot }).catch((err) =>
      logger.error({ err }, 'deadline nudges failed'),
    );
  const periodEnd = () =>
    runPeriodEnd({ ...outbox, hrUserIds: config.hrUserIds, hrUsergroupId: config.hrUsergroupId }).catch(
      (err) => logger.error({ err }, 'period-end deliveries failed; the next run plans them'),
    );
  const remindSessions = () =>
    runSessionReminders({ ...outbox, botCommand: config.commands.bot }).catch((err) =>
      logger.error({ err }, 'session reminders failed'),
    );
  const sendDeliveries = () =>
    sendDueDeliveries(outbox).catch((err) => logger.error({ err }, 'sending deliveries failed'));
  const tasks: ScheduledTask[] = [
    cron.schedule(config.digest.cron, weeklyDigest, options('weekly-digest')),
    cron.schedule(NUDGE_CRON, nudge, options('nudges')),
    // The day after a review period ends, at 08:00: exports to HR, summaries to managers.
    cron.schedule(PERIOD_END_CRON, periodEnd, options('period-end')),
    // AI session reminders: the day before and an hour before (src/jobs/session-reminders.ts).
    cron.schedule(SESSION_REMINDERS_CRON, remindSessions, options('session-reminders')),
    // Not coordinated: every replica works the outbox (rows are claimed one by one), and no
    // job_runs row is written each minute.
    cron.schedule(DELIVERIES_CRON, sendDeliveries, {
      name: 'deliveries',
      timezone: config.digest.timezone,
      noOverlap: true,
    }),
    // Weekdays at 10:00 company time; each bot is reminded at most once a day.
    cron.schedule('0 10 * * 1-5', remindReviewers, options('review-reminders')),
    cron.schedule('0 3 * * *', syncRoster, options('roster-sync')),
    cron.schedule('30 3 * * *', purgeEventIds, options('purge-slack-event-ids')),
    cron.schedule('40 3 * * *', purgeDeliveries, options('purge-deliveries')),
  ];
  if (config.statsRefreshMinutes > 0) {
    // HR stats snapshots of the current and previous period (src/jobs/stats-refresh.ts).
    tasks.push(
      cron.schedule(statsRefreshCron(config.statsRefreshMinutes), refreshStats, options('stats-refresh')),
    );
  }
  void syncRoster();
  void sendDeliveries(); // a run cut short by a restart resumes now
  return {
    tasks,
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
