import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { queryRows } from '../rows.js';
import { employees, sessionAttendance, sessionSeats, trainingSessions } from '../schema.js';

/** AI sessions, their seats and waiting lists, and who attended (src/domain/sessions.ts). */

export type SessionRow = typeof trainingSessions.$inferSelect;
export type SeatStatus = 'joined' | 'waiting';

export interface SessionSummary {
  id: number;
  title: string;
  startsAt: Date;
  minutes: number;
  location: string;
  seats: number;
  hostId: number;
  hostName: string;
  hostSlackUserId: string | null;
  joined: number;
  waiting: number;
  /** The asking person's place: joined, waiting, or null (only for `forEmployeeId`). */
  myStatus: SeatStatus | null;
  /** Their place in the waiting list (1 = next), when waiting. */
  myWaitingPosition: number | null;
}

export async function insertSession(
  tx: Tx,
  values: typeof trainingSessions.$inferInsert,
): Promise<SessionRow> {
  const [row] = await tx.insert(trainingSessions).values(values).returning();
  if (!row) throw new Error('session insert returned no row');
  return row;
}

export async function findSession(db: Tx, id: number): Promise<SessionRow | null> {
  const [row] = await db.select().from(trainingSessions).where(eq(trainingSessions.id, id)).limit(1);
  return row ?? null;
}

/** The session's row, locked until the transaction ends: joins, leaves and cancels take turns on it. */
export async function lockSession(tx: Tx, id: number): Promise<SessionRow | null> {
  const [row] = await tx
    .select()
    .from(trainingSessions)
    .where(eq(trainingSessions.id, id))
    .for('update')
    .limit(1);
  return row ?? null;
}

/**
 * Sessions not cancelled that start in [from, to), soonest first, with joined and waiting counts;
 * with `forEmployeeId`, that person's place in each. `onlyMine` keeps the ones they joined or wait for.
 */
export async function sessionSummaries(
  db: Tx,
  input: { from: Date; to?: Date; limit: number; forEmployeeId?: number | null; onlyMine?: boolean },
): Promise<SessionSummary[]> {
  const me = input.forEmployeeId ?? null;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.id, s.title, s.starts_at, s.minutes, s.location, s.seats, s.host_id,
          h.name as host_name, h.slack_user_id as host_slack_user_id,
          (select count(*) from session_seats x where x.session_id = s.id and x.status = 'joined') as joined,
          (select count(*) from session_seats x where x.session_id = s.id and x.status = 'waiting') as waiting,
          mine.status as my_status,
          case when mine.status = 'waiting' then
            (select count(*) from session_seats x where x.session_id = s.id and x.status = 'waiting' and x.id <= mine.id)
          end as my_position
        from training_sessions s
        join employees h on h.id = s.host_id
        left join session_seats mine on mine.session_id = s.id and mine.employee_id = ${me}
        where s.cancelled_at is null and s.starts_at >= ${input.from.toISOString()}::timestamptz
          ${input.to ? sql`and s.starts_at < ${input.to.toISOString()}::timestamptz` : sql``}
          ${input.onlyMine ? sql`and mine.id is not null` : sql``}
        order by s.starts_at, s.id
        limit ${input.limit}`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    title: String(row.title),
    startsAt: new Date(row.starts_at as string),
    minutes: Number(row.minutes),
    location: String(row.location),
    seats: Number(row.seats),
    hostId: Number(row.host_id),
    hostName: String(row.host_name),
    hostSlackUserId: row.host_slack_user_id === null ? null : String(row.host_slack_user_id),
    joined: Number(row.joined),
    waiting: Number(row.waiting),
    myStatus: (row.my_status ?? null) as SeatStatus | null,
    myWaitingPosition:
      row.my_position === null || row.my_position === undefined ? null : Number(row.my_position),
  }));
}

/**
 * The weekly digest's part: sessions starting in [from, to) that still have free seats, soonest
 * first. Titles and places only (no person is named).
 */
export interface UpcomingSessionWithSeats {
  id: number;
  title: string;
  startsAt: Date;
  minutes: number;
  location: string;
  freeSeats: number;
}

export async function upcomingSessionsWithSeats(
  db: Tx,
  from: Date,
  to: Date,
  limit = 10,
): Promise<UpcomingSessionWithSeats[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.id, s.title, s.starts_at, s.minutes, s.location,
          s.seats - (select count(*) from session_seats x where x.session_id = s.id and x.status = 'joined') as free
        from training_sessions s
        where s.cancelled_at is null
          and s.starts_at >= ${from.toISOString()}::timestamptz and s.starts_at < ${to.toISOString()}::timestamptz
          and s.seats > (select count(*) from session_seats x where x.session_id = s.id and x.status = 'joined')
        order by s.starts_at, s.id
        limit ${limit}`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    title: String(row.title),
    startsAt: new Date(row.starts_at as string),
    minutes: Number(row.minutes),
    location: String(row.location),
    freeSeats: Number(row.free),
  }));
}

export interface SeatRow {
  id: number;
  employeeId: number;
  status: SeatStatus;
}

export async function findSeat(db: Tx, sessionId: number, employeeId: number): Promise<SeatRow | null> {
  const [row] = await db
    .select({ id: sessionSeats.id, employeeId: sessionSeats.employeeId, status: sessionSeats.status })
    .from(sessionSeats)
    .where(and(eq(sessionSeats.sessionId, sessionId), eq(sessionSeats.employeeId, employeeId)))
    .limit(1);
  return row ?? null;
}

export async function countJoined(tx: Tx, sessionId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionSeats)
    .where(and(eq(sessionSeats.sessionId, sessionId), eq(sessionSeats.status, 'joined')));
  return Number(row?.n ?? 0);
}

/** Place in the waiting list of one seat row (1 = next). */
export async function waitingPosition(tx: Tx, sessionId: number, seatId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionSeats)
    .where(
      and(
        eq(sessionSeats.sessionId, sessionId),
        eq(sessionSeats.status, 'waiting'),
        sql`${sessionSeats.id} <= ${seatId}`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function insertSeat(
  tx: Tx,
  values: { sessionId: number; employeeId: number; status: SeatStatus; enrolledAt: Date },
): Promise<SeatRow> {
  const [row] = await tx
    .insert(sessionSeats)
    .values(values)
    .returning({ id: sessionSeats.id, employeeId: sessionSeats.employeeId, status: sessionSeats.status });
  if (!row) throw new Error('seat insert returned no row');
  return row;
}

export async function deleteSeat(tx: Tx, seatId: number): Promise<void> {
  await tx.delete(sessionSeats).where(eq(sessionSeats.id, seatId));
}

/** Gives the first waiting person a seat; returns their seat, or null when nobody waits. */
export async function promoteFirstWaiting(tx: Tx, sessionId: number): Promise<SeatRow | null> {
  const [row] = await queryRows<{ id: number; employee_id: number }>(
    tx,
    sql`update session_seats set status = 'joined'
        where id = (select id from session_seats where session_id = ${sessionId} and status = 'waiting'
                    order by id limit 1)
        returning id, employee_id`,
  );
  return row ? { id: Number(row.id), employeeId: Number(row.employee_id), status: 'joined' } : null;
}

/** Everyone joined or waiting, in order (joined first), with what a checklist needs to show them. */
export async function seatHolders(
  db: Tx,
  sessionId: number,
): Promise<
  Array<{ seatId: number; employeeId: number; status: SeatStatus; name: string; slackUserId: string | null }>
> {
  return db
    .select({
      seatId: sessionSeats.id,
      employeeId: sessionSeats.employeeId,
      status: sessionSeats.status,
      name: employees.name,
      slackUserId: employees.slackUserId,
    })
    .from(sessionSeats)
    .innerJoin(employees, eq(employees.id, sessionSeats.employeeId))
    .where(eq(sessionSeats.sessionId, sessionId))
    .orderBy(asc(sessionSeats.status), asc(sessionSeats.id));
}

export async function cancelSessionRow(tx: Tx, sessionId: number, at: Date): Promise<void> {
  await tx.update(trainingSessions).set({ cancelledAt: at }).where(eq(trainingSessions.id, sessionId));
}

/** Who is marked as having attended, with names (for the checklist). */
export async function attendees(
  db: Tx,
  sessionId: number,
): Promise<Array<{ employeeId: number; name: string; slackUserId: string | null }>> {
  return db
    .select({
      employeeId: sessionAttendance.employeeId,
      name: employees.name,
      slackUserId: employees.slackUserId,
    })
    .from(sessionAttendance)
    .innerJoin(employees, eq(employees.id, sessionAttendance.employeeId))
    .where(eq(sessionAttendance.sessionId, sessionId))
    .orderBy(asc(employees.name), asc(employees.id));
}

/** Makes the session's attendance exactly `employeeIds`; returns who was added and who removed. */
export async function replaceAttendance(
  tx: Tx,
  input: { sessionId: number; employeeIds: readonly number[]; markedBy: string; at: Date },
): Promise<{ added: number[]; removed: number[] }> {
  const current = await tx
    .select({ employeeId: sessionAttendance.employeeId })
    .from(sessionAttendance)
    .where(eq(sessionAttendance.sessionId, input.sessionId));
  const before = new Set(current.map((row) => row.employeeId));
  const after = new Set(input.employeeIds);
  const added = [...after].filter((id) => !before.has(id)).sort((a, b) => a - b);
  const removed = [...before].filter((id) => !after.has(id)).sort((a, b) => a - b);
  if (removed.length > 0)
    await tx
      .delete(sessionAttendance)
      .where(
        and(eq(sessionAttendance.sessionId, input.sessionId), inArray(sessionAttendance.employeeId, removed)),
      );
  if (added.length > 0)
    await tx.insert(sessionAttendance).values(
      added.map((employeeId) => ({
        sessionId: input.sessionId,
        employeeId,
        markedBy: input.markedBy,
        markedAt: input.at,
      })),
    );
  return { added, removed };
}

/** Joined seats of sessions starting in (from, to], not cancelled: who the reminder job plans for. */
export async function joinedSeatsStartingBetween(
  db: Tx,
  from: Date,
  to: Date,
): Promise<Array<{ sessionId: number; employeeId: number; startsAt: Date }>> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select x.session_id, x.employee_id, s.starts_at
        from training_sessions s join session_seats x on x.session_id = s.id and x.status = 'joined'
        where s.cancelled_at is null and s.starts_at > ${from.toISOString()}::timestamptz
          and s.starts_at <= ${to.toISOString()}::timestamptz
        order by s.id, x.id`,
  );
  return rows.map((row) => ({
    sessionId: Number(row.session_id),
    employeeId: Number(row.employee_id),
    startsAt: new Date(row.starts_at as string),
  }));
}

export async function slackUserIdOf(db: Tx, employeeId: number): Promise<string | null> {
  const [row] = await db
    .select({ slackUserId: employees.slackUserId })
    .from(employees)
    .where(eq(employees.id, employeeId))
    .limit(1);
  return row?.slackUserId ?? null;
}

/** A roster member's name, Slack time zone and language (null when unknown). */
export async function employeeNameAndZone(
  db: Tx,
  employeeId: number,
): Promise<{ name: string; timezone: string | null; locale: string | null } | null> {
  const [row] = await db
    .select({ name: employees.name, timezone: employees.timezone, locale: employees.locale })
    .from(employees)
    .where(eq(employees.id, employeeId))
    .limit(1);
  return row ?? null;
}
