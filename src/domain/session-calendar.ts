import { createEvent } from 'ics';

/**
 * A session as an iCalendar file (RFC 5545), made with the `ics` library: the start in UTC (every
 * calendar shows it on the reader's own clock), the length, the place, and a stable UID so that a
 * second copy updates the same event instead of adding one. `description` is written in the
 * reader's language by the caller (`sessions.calendar.description`).
 */
export function sessionCalendarFile(session: {
  id: number;
  title: string;
  startsAt: Date;
  minutes: number;
  location: string;
  description: string;
}): string {
  const { error, value } = createEvent({
    uid: `ai-session-${session.id}@ai-adoption-bot`,
    start: session.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: session.minutes },
    title: session.title,
    location: session.location,
    description: session.description,
    status: 'CONFIRMED',
    productId: 'ai-adoption-bot',
  });
  if (error || !value) throw new Error(`could not write the calendar file of session ${session.id}`);
  return value;
}
