import { eq } from 'drizzle-orm';
import { findDeliveryByKey } from '../../../db/queries/deliveries.js';
import { findSeat, findSession } from '../../../db/queries/sessions.js';
import { employees } from '../../../db/schema.js';
import { sessionCalendarFile } from '../../../domain/session-calendar.js';
import {
  HOUR_BEFORE_MS,
  type ReminderKind,
  reminderKey,
  type SessionDeliveryPayload,
} from '../../../domain/sessions.js';
import { localeOf, type Translator, translator } from '../../../i18n/index.js';
import {
  renderSeatGiven,
  renderSessionCancelledDm,
  renderSessionReminder,
} from '../../../slack/blocks/sessions.js';
import type { DeliverySender, SenderContext } from '../sender.js';
import { postMessageTo } from './messages.js';

/**
 * The session kinds of the outbox. Each payload holds ids only; the sender reads the session, the
 * person and their seat when it sends, and sends nothing (the row is done, result `skipped`) when
 * the message no longer applies: the session was cancelled or has started, the person left, or the
 * person is no longer on the roster or has no Slack account. Each is written when it is sent, in the
 * recipient's language (`employees.locale`, else DEFAULT_LOCALE) and on their clock.
 */

type Db = SenderContext['db'];

async function person(db: Db, employeeId: number) {
  const [row] = await db
    .select({
      id: employees.id,
      slackUserId: employees.slackUserId,
      timezone: employees.timezone,
      locale: employees.locale,
      name: employees.name,
    })
    .from(employees)
    .where(eq(employees.id, employeeId))
    .limit(1);
  return row ?? null;
}

async function hostName(db: Db, hostId: number, tr: Translator): Promise<string> {
  return (await person(db, hostId))?.name ?? tr.t('sessions.host_unknown');
}

/** Whether the day-before reminder went out (with the calendar file), not skipped. */
async function dayBeforeWasSent(db: Db, sessionId: number, employeeId: number): Promise<boolean> {
  const row = await findDeliveryByKey(db, reminderKey(sessionId, 'day-before', employeeId));
  return row?.status === 'sent' && !(row.result as { skipped?: string } | null)?.skipped;
}

/** The recipient's translator: their language and zone, else DEFAULT_LOCALE and TIMEZONE. */
const readerOf = (p: { timezone: string | null; locale: string | null }, context: SenderContext) =>
  translator(localeOf(p, context.locales.default), { timeZone: p.timezone || context.timezone });

/** The session reminder kinds' key says which reminder it is (`…:day-before:e12`). */
function reminderOf(key: string): ReminderKind {
  return key.includes(':day-before:') ? 'day-before' : 'hour-before';
}

/**
 * `session-reminder`: the day before (with the .ics file, as a file posted to the DM with the
 * reminder as its comment) and an hour before (a message; it carries the .ics instead when the day
 * before was never sent, e.g. for someone who joined late).
 */
export const sendSessionReminder: DeliverySender = async (row, context) => {
  const { db, client, now } = context;
  const payload = row.payload as SessionDeliveryPayload;
  const which = reminderOf(row.key);
  const session = await findSession(db, payload.sessionId);
  if (!session || session.cancelledAt) return { skipped: 'cancelled' };
  if (session.startsAt <= now) return { skipped: 'started' };
  if (which === 'day-before' && session.startsAt.getTime() - now.getTime() <= HOUR_BEFORE_MS)
    return { skipped: 'late: the hour-before reminder covers it' };
  const seat = await findSeat(db, session.id, payload.recipientEmployeeId);
  if (seat?.status !== 'joined') return { skipped: 'not joined' };
  const who = await person(db, payload.recipientEmployeeId);
  if (!who?.slackUserId) return { skipped: 'no Slack account' };
  const tr = readerOf(who, context);
  const host = await hostName(db, session.hostId, tr);
  const reply = renderSessionReminder(session, host, which, tr, context.botCommand);
  const firstSent = which === 'hour-before' && (await dayBeforeWasSent(db, session.id, who.id));
  if (which === 'hour-before' && firstSent) {
    return postMessageTo(who.slackUserId, client, reply);
  }
  // The first reminder: the text and the calendar file in one message.
  const ics = sessionCalendarFile({
    ...session,
    description: tr.t('sessions.calendar.description', { host }),
  });
  const opened = await client.conversations.open({ users: who.slackUserId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  const answer = (await client.files.uploadV2({
    channel_id: channelId,
    file: Buffer.from(ics, 'utf8'),
    filename: `ai-session-${session.id}.ics`,
    title: session.title,
    initial_comment: reply.text,
  })) as { files?: Array<{ files?: Array<{ id?: string }> }> };
  return { channel: channelId, fileId: answer.files?.[0]?.files?.[0]?.id ?? null, calendar: true };
};

/** `session-seat`: a seat freed up and the first person waiting got it. */
export const sendSeatGiven: DeliverySender = async (row, context) => {
  const { db, client, now } = context;
  const payload = row.payload as SessionDeliveryPayload;
  const session = await findSession(db, payload.sessionId);
  if (!session || session.cancelledAt) return { skipped: 'cancelled' };
  if (session.startsAt <= now) return { skipped: 'started' };
  const seat = await findSeat(db, session.id, payload.recipientEmployeeId);
  if (seat?.status !== 'joined') return { skipped: 'not joined' };
  const who = await person(db, payload.recipientEmployeeId);
  if (!who?.slackUserId) return { skipped: 'no Slack account' };
  const reply = renderSeatGiven(session, readerOf(who, context));
  return postMessageTo(who.slackUserId, client, reply);
};

/** `session-cancelled`: to everyone who had joined or was waiting when it was cancelled. */
export const sendSessionCancelled: DeliverySender = async (row, context) => {
  const { db, client } = context;
  const payload = row.payload as SessionDeliveryPayload;
  const session = await findSession(db, payload.sessionId);
  if (!session?.cancelledAt) return { skipped: 'not cancelled' };
  const who = await person(db, payload.recipientEmployeeId);
  if (!who?.slackUserId) return { skipped: 'no Slack account' };
  const reply = renderSessionCancelledDm(session, readerOf(who, context));
  return postMessageTo(who.slackUserId, client, reply);
};
