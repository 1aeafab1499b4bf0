import { hostname } from 'node:os';
import { lt } from 'drizzle-orm';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { processedSlackEvents } from '../db/schema.js';
import type { SlackDirectory } from '../domain/roster-sync.js';
import type { Logger } from '../logger.js';
import type { ReviewRemindersDeps } from './review-reminders.js';
import { run as runReviewReminders } from './review-reminders.js';
import { run as runRosterSync } from './roster-sync.js';
import { postgresRunCoordinator } from './run-coordinator.js';
import { run as runStatsRefresh, statsRefreshCron } from './stats-refresh.js';

export interface SchedulerDeps {
  config: Config;
  db: Db;
  client: SlackDirectory & ReviewRemindersDeps['client'];
  logger: Logger;
  now: () => Date;
}

/** How long Slack event ids are remembered; Slack retries within minutes. */
const EVENT_ID_RETENTION_DAYS = 7;

/**
 * The app's schedules, in TIMEZONE: roster sync, review reminders, housekeeping. Each fire runs on exactly one replica (a Postgres run
 * coordinator); jobs are also safe to repeat. The roster sync also runs once at start.
 */
export function startScheduler(deps: SchedulerDeps): { stop(): Promise<void> } {
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
  const tasks: ScheduledTask[] = [
    // Weekdays at 10:00 company time; each bot is reminded at most once a day.
    cron.schedule('0 10 * * 1-5', remindReviewers, options('review-reminders')),
    cron.schedule('0 3 * * *', syncRoster, options('roster-sync')),
    cron.schedule('30 3 * * *', purgeEventIds, options('purge-slack-event-ids')),
  ];
  if (config.statsRefreshMinutes > 0) {
    // HR stats snapshots of the current and previous period (src/jobs/stats-refresh.ts).
    tasks.push(
      cron.schedule(statsRefreshCron(config.statsRefreshMinutes), refreshStats, options('stats-refresh')),
    );
  }
  void syncRoster();
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
