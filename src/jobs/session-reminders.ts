import type { Locales } from '../config.js';
import type { Db } from '../db/client.js';
import { joinedSeatsStartingBetween, slackUserIdOf } from '../db/queries/sessions.js';
import { DAY_BEFORE_MS, reminderRows } from '../domain/sessions.js';
import type { Logger } from '../logger.js';
import { deliverySenders, planDeliveries } from './outbox/kinds.js';
import type { DeliveryClient } from './outbox/sender.js';
import { type DeliveryRunResult, sendDueDeliveries } from './outbox/worker.js';

/**
 * Plans the session reminders of everyone with a seat in a session starting within the next day
 * (an hour of slack past it), then sends what is due. Joining plans them too; this run catches
 * anything a join could not plan (e.g. a crash between the seat and the plan is impossible — same
 * transaction — but a restored backup or a seat given by hand is not). The keys make it idempotent
 * across runs and replicas; the sender checks at send time that the session still stands and the
 * person still has their seat. Each reminder is written when sent, in the recipient's language.
 */
export interface SessionRemindersDeps {
  db: Db;
  client: DeliveryClient;
  logger: Logger;
  now: () => Date;
  timezone: string;
  botCommand: string;
  chartFont?: string | undefined;
  /** DEFAULT_LOCALE: the language of reminders to people whose own is unknown (default English). */
  locales?: Locales;
}

export const SESSION_REMINDERS_CRON = '*/15 * * * *';

export async function planSessionReminders(deps: Pick<SessionRemindersDeps, 'db' | 'now'>): Promise<number> {
  const now = deps.now();
  const seats = await joinedSeatsStartingBetween(
    deps.db,
    now,
    new Date(now.getTime() + DAY_BEFORE_MS + 3_600_000),
  );
  const rows = [];
  for (const seat of seats)
    rows.push(
      ...reminderRows(
        seat.sessionId,
        seat.startsAt,
        seat.employeeId,
        now,
        await slackUserIdOf(deps.db, seat.employeeId),
      ),
    );
  return planDeliveries(deps.db, rows);
}

export async function run(deps: SessionRemindersDeps): Promise<{ planned: number; sent: DeliveryRunResult }> {
  const logger = deps.logger.child({ job: 'session-reminders' });
  const planned = await planSessionReminders(deps);
  if (planned > 0) logger.info({ planned }, 'session reminders planned');
  const sent = await sendDueDeliveries({ ...deps, logger, senders: deliverySenders });
  return { planned, sent };
}
