import type { Db, Tx } from '../db/client.js';
import { insertPlannedDeliveries, type PlannedDelivery } from '../db/queries/deliveries.js';
import {
  attendees,
  cancelSessionRow,
  countJoined,
  deleteSeat,
  employeeNameAndZone,
  findSeat,
  findSession,
  insertSeat,
  insertSession,
  lockSession,
  promoteFirstWaiting,
  replaceAttendance,
  type SeatStatus,
  type SessionRow,
  type SessionSummary,
  seatHolders,
  sessionSummaries,
  slackUserIdOf,
  waitingPosition,
} from '../db/queries/sessions.js';
import { type Locale, localeOf } from '../i18n/locale.js';
import { auditMany } from './access.js';
import { inEnglish, UserError } from './errors.js';

/**
 * AI sessions (courses, workshops, office hours): created by HR or a champion, joined by anyone.
 * Seats are given in the order people join; past the seats a join goes on the waiting list, and a
 * seat freed goes to the first person waiting, who is told (a DM through the deliveries outbox).
 * Every join, leave and cancel holds the session's row lock, so two people pressing Join for the
 * last seat at once never both get it. Reminders (the day before, with an .ics file, and an hour
 * before) are planned in the same transaction as the seat, as outbox rows keyed per person.
 */

export const SESSION_JOB = 'sessions';
/** How many upcoming sessions `/bot learn` and `session list` show. */
export const SESSIONS_SHOWN = 15;

export const DAY_BEFORE_MS = 24 * 3_600_000;
export const HOUR_BEFORE_MS = 3_600_000;

export type ReminderKind = 'day-before' | 'hour-before';

/** Why a session cannot be created, joined, left, cancelled or marked (`sessions.error.<code>`). */
export type SessionRefusalCode =
  | 'time_skipped'
  | 'time_passed'
  | 'not_found'
  | 'cancelled'
  | 'started'
  | 'cancelled_already'
  | 'taken_place'
  | 'cancelled_no_attendance'
  | 'not_started';

/** The values of a refusal: the session's id or name, or the time asked for and its zone. */
export interface SessionRefusalParams {
  id?: number;
  name?: string;
  local?: string;
  zone?: string;
}

/**
 * A user error of the sessions: a code and its values; the renderer says it in the reader's language
 * (`sessionRefusalText`). Its `message` is the English, for logs and any renderer not told of it.
 */
export class SessionRefusal extends UserError {
  override name = 'SessionRefusal';
  constructor(
    readonly reason: SessionRefusalCode,
    readonly values: SessionRefusalParams,
  ) {
    super('validation_failed', inEnglish(`sessions.error.${reason}`, { ...values }));
  }
}

export function isSessionRefusal(error: unknown): error is SessionRefusal {
  return error instanceof SessionRefusal;
}

/** Outbox payloads of the session kinds: ids only, rendered when sent (docs/deliveries.md). */
export interface SessionDeliveryPayload {
  sessionId: number;
  recipientEmployeeId: number;
  aboutEmployeeIds: number[];
}

/** A session delivery's payload, checked against its shape, as the outbox stores it. */
const sessionPayload = (payload: SessionDeliveryPayload): PlannedDelivery['payload'] => payload;

export const reminderKey = (sessionId: number, which: ReminderKind, employeeId: number) =>
  `session-reminder:${sessionId}:${which}:e${employeeId}`;
/** One per seat given from the waiting list (the seat row's id: a person may be promoted again later). */
export const seatGivenKey = (sessionId: number, employeeId: number, seatId: number) =>
  `session-seat:${sessionId}:e${employeeId}:s${seatId}`;
export const cancelledKey = (sessionId: number, employeeId: number) =>
  `session-cancelled:${sessionId}:e${employeeId}`;

/**
 * `YYYY-MM-DD HH:MM` on the wall clock of `timeZone` as an instant. A time that does not exist
 * (skipped by a daylight-saving change) is refused rather than guessed.
 */
export function zonedWallTimeToInstant(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at a guess, then at the corrected instant (two passes settle any DST edge).
  let instant = wall - offsetMs(new Date(wall), timeZone);
  instant = wall - offsetMs(new Date(instant), timeZone);
  return wall - offsetMs(new Date(instant), timeZone) === instant ? new Date(instant) : null;
}

function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

export interface NewSession {
  title: string;
  startsAtLocal: string;
  minutes: number;
  location: string;
  seats: number;
  hostEmployeeId: number;
  createdBy: string;
}

export async function createSession(
  db: Db,
  input: NewSession,
  options: { now: Date; timezone: string },
): Promise<{ session: SessionRow; hostName: string | null }> {
  const startsAt = zonedWallTimeToInstant(input.startsAtLocal, options.timezone);
  const when = { local: input.startsAtLocal, zone: options.timezone };
  if (!startsAt) throw new SessionRefusal('time_skipped', when);
  if (startsAt <= options.now) throw new SessionRefusal('time_passed', when);
  const session = await insertSession(db, {
    title: input.title,
    startsAt,
    minutes: input.minutes,
    location: input.location,
    seats: input.seats,
    hostId: input.hostEmployeeId,
    createdBy: input.createdBy,
    createdAt: options.now,
  });
  const host = await employeeNameAndZone(db, input.hostEmployeeId);
  return { session, hostName: host?.name ?? null };
}

/**
 * `/bot learn`: upcoming sessions with the person's place in each, and the language and zone to
 * show them in (theirs from the roster, else the defaults).
 */
export async function learnSessions(
  db: Db,
  employeeId: number | null,
  options: { now: Date; timezone: string; locale: Locale },
): Promise<{ sessions: SessionSummary[]; reader: { locale: Locale; timezone: string } }> {
  const [sessions, reader] = await Promise.all([
    upcomingSessions(db, { now: options.now, employeeId }),
    readerOf(db, employeeId, options),
  ]);
  return { sessions, reader };
}

/**
 * The language and zone to speak to a person in: theirs from the roster, else the defaults
 * (DEFAULT_LOCALE, TIMEZONE). Someone not on the roster gets the defaults.
 */
export async function readerOf(
  db: Db,
  employeeId: number | null,
  defaults: { locale: Locale; timezone: string },
): Promise<{ locale: Locale; timezone: string }> {
  const person = employeeId === null ? null : await employeeNameAndZone(db, employeeId);
  return { locale: localeOf(person, defaults.locale), timezone: person?.timezone || defaults.timezone };
}

/** Upcoming sessions (not started, not cancelled), soonest first, with joined and waiting counts. */
export function upcomingSessions(
  db: Db,
  input: { now: Date; employeeId?: number | null; limit?: number },
): Promise<SessionSummary[]> {
  return sessionSummaries(db, {
    from: input.now,
    limit: input.limit ?? SESSIONS_SHOWN,
    forEmployeeId: input.employeeId ?? null,
  });
}

/** The next session a person joined or waits for (the Home tab). */
export async function nextSessionFor(
  db: Db,
  employeeId: number | null,
  now: Date,
): Promise<SessionSummary | null> {
  if (employeeId === null) return null;
  const [next] = await sessionSummaries(db, {
    from: now,
    limit: 1,
    forEmployeeId: employeeId,
    onlyMine: true,
  });
  return next ?? null;
}

/** A session that can still be joined or left: it exists, is not cancelled and has not started. */
function openSession(session: SessionRow | null, id: number, now: Date): SessionRow {
  if (!session) throw new SessionRefusal('not_found', { id });
  if (session.cancelledAt) throw new SessionRefusal('cancelled', { name: session.title });
  if (session.startsAt <= now) throw new SessionRefusal('started', { name: session.title });
  return session;
}

export type JoinOutcome =
  | { kind: 'joined'; session: SessionRow }
  | { kind: 'waiting'; session: SessionRow; position: number }
  | { kind: 'already'; session: SessionRow; status: SeatStatus; position: number | null };

export async function joinSession(
  db: Db,
  input: { sessionId: number; employeeId: number; now: Date },
): Promise<JoinOutcome> {
  return db.transaction(async (tx) => {
    const session = openSession(await lockSession(tx, input.sessionId), input.sessionId, input.now);
    const existing = await findSeat(tx, session.id, input.employeeId);
    if (existing)
      return {
        kind: 'already',
        session,
        status: existing.status,
        position: existing.status === 'waiting' ? await waitingPosition(tx, session.id, existing.id) : null,
      };
    const free = (await countJoined(tx, session.id)) < session.seats;
    const seat = await insertSeat(tx, {
      sessionId: session.id,
      employeeId: input.employeeId,
      status: free ? 'joined' : 'waiting',
      enrolledAt: input.now,
    });
    if (!free) return { kind: 'waiting', session, position: await waitingPosition(tx, session.id, seat.id) };
    await planReminders(tx, session, input.employeeId, input.now);
    return { kind: 'joined', session };
  });
}

export interface LeaveOutcome {
  session: SessionRow;
  /** What the person held: a seat, a place in the waiting list, or nothing. */
  left: SeatStatus | null;
  /** Roster id of whoever got the freed seat (and was told), if anyone. */
  promotedEmployeeId: number | null;
}

export async function leaveSession(
  db: Db,
  input: { sessionId: number; employeeId: number; now: Date },
): Promise<LeaveOutcome> {
  return db.transaction(async (tx) => {
    const session = openSession(await lockSession(tx, input.sessionId), input.sessionId, input.now);
    const seat = await findSeat(tx, session.id, input.employeeId);
    if (!seat) return { session, left: null, promotedEmployeeId: null };
    await deleteSeat(tx, seat.id);
    let promotedEmployeeId: number | null = null;
    if (seat.status === 'joined' && (await countJoined(tx, session.id)) < session.seats) {
      const promoted = await promoteFirstWaiting(tx, session.id);
      if (promoted) {
        promotedEmployeeId = promoted.employeeId;
        await insertPlannedDeliveries(tx, [
          sessionDelivery(
            'session-seat',
            seatGivenKey(session.id, promoted.employeeId, promoted.id),
            session.id,
            promoted.employeeId,
            input.now,
            await slackUserIdOf(tx, promoted.employeeId),
          ),
        ]);
        await planReminders(tx, session, promoted.employeeId, input.now);
      }
    }
    return { session, left: seat.status, promotedEmployeeId };
  });
}

/** Cancels a session; everyone joined or waiting is told (one outbox row each). */
export async function cancelSession(
  db: Db,
  input: { sessionId: number; now: Date },
): Promise<{ session: SessionRow; told: number }> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId);
    if (!session) throw new SessionRefusal('not_found', { id: input.sessionId });
    if (session.cancelledAt) throw new SessionRefusal('cancelled_already', { name: session.title });
    if (session.startsAt.getTime() + session.minutes * 60_000 <= input.now.getTime())
      throw new SessionRefusal('taken_place', { name: session.title });
    await cancelSessionRow(tx, session.id, input.now);
    const holders = await seatHolders(tx, session.id);
    await insertPlannedDeliveries(
      tx,
      holders.map((h) =>
        sessionDelivery(
          'session-cancelled',
          cancelledKey(session.id, h.employeeId),
          session.id,
          h.employeeId,
          input.now,
          h.slackUserId,
        ),
      ),
    );
    return { session: { ...session, cancelledAt: input.now }, told: holders.length };
  });
}

/**
 * Plans a joined person's two reminders: the day before (or at once, for someone who joins later
 * than that) and an hour before. A reminder whose time has passed is not planned; the sender checks
 * again when it sends (cancelled, left, already started: nothing is sent).
 */
async function planReminders(tx: Tx, session: SessionRow, employeeId: number, now: Date): Promise<void> {
  const recipient = await slackUserIdOf(tx, employeeId);
  await insertPlannedDeliveries(tx, reminderRows(session.id, session.startsAt, employeeId, now, recipient));
}

export function reminderRows(
  sessionId: number,
  startsAt: Date,
  employeeId: number,
  now: Date,
  recipient: string | null,
): Array<PlannedDelivery & { kind: 'session-reminder' }> {
  const rows: Array<PlannedDelivery & { kind: 'session-reminder' }> = [];
  const start = startsAt.getTime();
  const plan = (which: ReminderKind, at: number) =>
    rows.push({
      ...sessionDelivery(
        'session-reminder',
        reminderKey(sessionId, which, employeeId),
        sessionId,
        employeeId,
        now,
        recipient,
      ),
      notBefore: new Date(Math.max(at, now.getTime())),
    });
  if (now.getTime() < start - HOUR_BEFORE_MS) plan('day-before', start - DAY_BEFORE_MS);
  if (now.getTime() < start) plan('hour-before', start - HOUR_BEFORE_MS);
  return rows;
}

function sessionDelivery<K extends 'session-reminder' | 'session-seat' | 'session-cancelled'>(
  kind: K,
  key: string,
  sessionId: number,
  employeeId: number,
  now: Date,
  recipient: string | null,
): PlannedDelivery & { kind: K } {
  return {
    job: `${SESSION_JOB}:${sessionId}`,
    kind,
    key,
    // Who it is for, as `forget` finds it; the sender reads the person's Slack id again when it sends.
    recipient: recipient ?? `e${employeeId}`,
    payload: sessionPayload({
      sessionId,
      recipientEmployeeId: employeeId,
      aboutEmployeeIds: [employeeId],
    }),
    notBefore: now,
  };
}

export interface AttendanceForm {
  session: SessionRow;
  /** Everyone who joined or waited, in order. */
  holders: Awaited<ReturnType<typeof seatHolders>>;
  /** Everyone marked so far (joined or not). */
  marked: Awaited<ReturnType<typeof attendees>>;
}

export async function attendanceForm(db: Db, sessionId: number): Promise<AttendanceForm> {
  const session = await findSession(db, sessionId);
  if (!session) throw new SessionRefusal('not_found', { id: sessionId });
  if (session.cancelledAt) throw new SessionRefusal('cancelled_no_attendance', { name: session.title });
  const [holders, marked] = await Promise.all([seatHolders(db, sessionId), attendees(db, sessionId)]);
  return { session, holders, marked };
}

/** Whether this roster member hosts the session (hosts may mark its attendance). */
export async function isSessionHost(db: Db, sessionId: number, employeeId: number | null): Promise<boolean> {
  if (employeeId === null) return false;
  const session = await findSession(db, sessionId);
  return session?.hostId === employeeId;
}

/**
 * Sets who attended to exactly `employeeIds`, and audits each person added or removed (an entry
 * made about someone else). Refused for a cancelled session or one that has not started yet.
 */
export async function markAttendance(
  db: Db,
  input: { sessionId: number; employeeIds: readonly number[]; markedBy: string; now: Date },
): Promise<{ session: SessionRow; attended: number; added: number[]; removed: number[] }> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId);
    if (!session) throw new SessionRefusal('not_found', { id: input.sessionId });
    if (session.cancelledAt) throw new SessionRefusal('cancelled_no_attendance', { name: session.title });
    if (session.startsAt > input.now) throw new SessionRefusal('not_started', { name: session.title });
    const unique = [...new Set(input.employeeIds)];
    const { added, removed } = await replaceAttendance(tx, {
      sessionId: session.id,
      employeeIds: unique,
      markedBy: input.markedBy,
      at: input.now,
    });
    await auditMany(
      tx,
      [
        ...added.map((id) => ({ id, action: 'session_attendance_marked' })),
        ...removed.map((id) => ({ id, action: 'session_attendance_unmarked' })),
      ].map(({ id, action }) => ({
        actor: input.markedBy,
        action,
        via: 'command' as const,
        subjectEmployeeId: id,
        detail: { sessionId: session.id },
      })),
      input.now,
    );
    return { session, attended: unique.length, added, removed };
  });
}
