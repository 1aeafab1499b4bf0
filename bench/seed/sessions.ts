import type postgres from 'postgres';
import { HISTORY_DAYS } from './rows.js';

/** AI sessions held over the history (one per 50 employees, 2 years), 25 seats, 20 marked as attending. */
const EMPLOYEES_PER_SESSION = 50;
const ATTENDEES_PER_SESSION = 20;

/**
 * Sessions and attendance, in SQL after the roster is loaded (ids 1…n, hosts and attendees spread
 * by multiplicative hashing, so a run is repeatable). About 5% of the company attends in a quarter.
 */
export async function seedSessions(
  tx: postgres.TransactionSql,
  employees: number,
  today: string,
): Promise<number> {
  const sessions = Math.max(1, Math.round(employees / EMPLOYEES_PER_SESSION));
  await tx`truncate training_sessions, session_seats, session_attendance restart identity cascade`;
  await tx`insert into training_sessions (title, starts_at, minutes, location, seats, host_id, created_by, created_at)
    select 'AI session ' || g,
           ${today}::date - ((g::bigint * ${HISTORY_DAYS}) / ${sessions})::int + time '10:00',
           60, 'Room ' || (g % 40), 25, 1 + (g::bigint * 7919) % ${employees}, 'seed',
           ${today}::date - ((g::bigint * ${HISTORY_DAYS}) / ${sessions})::int - 14
    from generate_series(1, ${sessions}) g`;
  await tx`insert into session_attendance (session_id, employee_id, marked_by, marked_at)
    select s.id, 1 + (s.id::bigint * 104729 + k::bigint * 15485863) % ${employees}, 'seed', s.starts_at + interval '2 hours'
    from training_sessions s, generate_series(1, ${ATTENDEES_PER_SESSION}) k
    on conflict do nothing`;
  const [row] = await tx<{ count: number }[]>`select count(*)::int as count from session_attendance`;
  return row?.count ?? 0;
}
