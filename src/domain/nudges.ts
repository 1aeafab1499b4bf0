import { addDays } from './periods.js';

/**
 * When deadline nudges go out (DESIGN §2, issue 5): 14, 7 and 2 days before the period's last
 * day, at 10:00 in the employee's own time zone, never on a weekend. A nudge day that falls on a
 * Saturday or Sunday moves to the Friday before (earlier, not later: a later nudge would leave
 * less time than promised). The job runs every 15 minutes and plans the nudges of everyone whose
 * local time is between 10:00 and 20:00 on a nudge day, so a replica that was down at 10:00 still
 * nudges that day, but nobody is nudged at night.
 */
export const NUDGE_OFFSETS = [14, 7, 2] as const;
export const NUDGE_FROM_HOUR = 10;
export const NUDGE_UNTIL_HOUR = 20;

/** The day of the nudge `offset` days before `end` (inclusive last day): moved off weekends to the Friday before. */
export function nudgeDay(end: string, offset: number): string {
  const day = addDays(end, -offset);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  if (weekday === 6) return addDays(day, -1);
  if (weekday === 0) return addDays(day, -2);
  return day;
}

/** The wall-clock date and time at `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): { date: string; hour: number; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The nudges (offsets in days) due at `now` for someone in `timeZone`, for a period. */
export function dueNudgeOffsets(
  period: { start: string; end: string },
  now: Date,
  timeZone: string,
): number[] {
  const local = localTime(now, timeZone);
  if (local.hour < NUDGE_FROM_HOUR || local.hour >= NUDGE_UNTIL_HOUR) return [];
  return NUDGE_OFFSETS.filter((offset) => {
    const day = nudgeDay(period.end, offset);
    return day === local.date && day >= period.start;
  });
}
