/**
 * Training sessions: learn, join, leave, reminders, attendance, and HR's `session` commands.
 * `{title}` is the session's mrkdwn title (`*12* · *Prompting 101*`), `{name}` its plain name;
 * `{time}` is `sessions.time`; `{where}` the place, escaped.
 */
export const sessions = {
  'sessions.none': 'No AI sessions are scheduled right now. New ones appear here and in the weekly digest.',
  'sessions.time': '{when} ({zone})',
  'sessions.host_unknown': 'a colleague',
  'sessions.created.text': 'Session {id} scheduled: {name}',
  'sessions.created':
    ':calendar: Scheduled {title}\n{time} · {minutes, plural, one {# minute} other {# minutes}} · {where}\n{seats, plural, one {# seat} other {# seats}} · hosted by {host}',
  'sessions.created.note':
    'Everyone finds it in `/bot learn` and can join there. Reminders go out the day before and an hour before.',
  'sessions.list.none':
    'No upcoming sessions. Schedule one with `{command} session create <title> | <YYYY-MM-DD HH:MM> | <minutes> | <room or link> | <seats>`.',
  'sessions.list.text': '{count, plural, one {# upcoming session} other {# upcoming sessions}}',
  'sessions.list.heading': '*Upcoming sessions* ({count})',
  'sessions.list.line':
    '{title} — {time}, {minutes, plural, one {# minute} other {# minutes}}, {where}\n  {joined}/{seats} joined · {waiting} waiting · host {host}',
  'sessions.list.note':
    '`{command} session attendance <id>` marks who came; `{command} session cancel <id>` cancels and tells everyone.',
  'sessions.learn.heading': '*Upcoming AI sessions*',
  'sessions.learn.text': '{count, plural, one {# upcoming AI session} other {# upcoming AI sessions}}',
  'sessions.learn.note':
    'Past the seats you go on the waiting list; when a seat frees up, the first person waiting gets it and a message.',
  'sessions.learn.line':
    '{title}\n{time} · {minutes, plural, one {# minute} other {# minutes}} · {where} · host {host}\n{place}',
  'sessions.learn.joined': ':white_check_mark: You have a seat.',
  'sessions.learn.waiting': ':hourglass: You are number {position} on the waiting list.',
  'sessions.learn.free': '{free, plural, one {# seat} other {# seats}} free.',
  'sessions.learn.full': 'Full · {waiting} waiting.',
  'sessions.button.leave': 'Leave',
  'sessions.button.join': 'Join',
  'sessions.button.join_waiting': 'Join waiting list',
  'sessions.joined.text': 'You have a seat at {name}.',
  'sessions.joined': ':white_check_mark: You have a seat at {title}.\n{when}',
  'sessions.joined.note': 'You will get a reminder the day before (with a calendar file) and an hour before.',
  'sessions.waiting.text': '{name} is full: you are number {position} on the waiting list.',
  'sessions.waiting':
    ':hourglass: {title} is full, so you are on the *waiting list*, number {position}.\n{when}',
  'sessions.waiting.note':
    'If a seat frees up and you are first in line, it is yours and I will message you.',
  'sessions.already.joined': 'You already have a seat at {name}.',
  'sessions.already.waiting': 'You are already on the waiting list for {name} (number {position}).',
  'sessions.left.none': 'You had no seat at {name}; nothing changed.',
  'sessions.left.joined': 'You left {name}; your seat is free for someone else.',
  'sessions.left.waiting': 'You left the waiting list for {name}.',
  'sessions.cancelled':
    'Session {id} ({name}) is cancelled; {told, plural, one {# person} other {# people}} who joined or waited will be told.',
  'sessions.attendance.opened': 'The attendance form for session {id} ({name}) is open.',
  'sessions.attendance.saved':
    'Attendance saved for {name}: {attended, plural, one {# person} other {# people}} attended.',
  'sessions.attendance.title': 'Attendance',
  'sessions.attendance.save': 'Save',
  'sessions.attendance.cancel': 'Cancel',
  'sessions.attendance.done': 'Done',
  'sessions.attendance.who': 'Who came',
  'sessions.attendance.who_continued': 'Who came (continued)',
  'sessions.attendance.others': 'Anyone else who came',
  'sessions.attendance.waiting_list': '{name} (waiting list)',
  'sessions.attendance.lost': 'This form has lost its session; open it again with the command.',
  'sessions.reminder.day_before': ':calendar: Reminder: tomorrow',
  'sessions.reminder.hour_before': ':alarm_clock: In an hour',
  'sessions.reminder':
    '{lead} — {title}\n{time} · {minutes, plural, one {# minute} other {# minutes}} · {where} · host {host}',
  'sessions.reminder.text': 'Reminder: {name} at {time}',
  'sessions.reminder.note':
    'Can’t make it? Leave in `{command} learn` so someone on the waiting list gets your seat.',
  'sessions.seat_given.text': 'A seat freed up: you now have a seat at {name}.',
  'sessions.seat_given': ':tada: A seat freed up and it is yours: {title}\n{time} · {where}',
  'sessions.seat_given.note': 'You were first on the waiting list. You will get reminders before it starts.',
  'sessions.cancelled_dm.text': 'Cancelled: {name}',
  'sessions.cancelled_dm': ':x: {title} on {time} is *cancelled*. Sorry!',
  'sessions.next.none': '*Your next AI session*\nNone yet. See what is coming up: `{command} learn`.',
  'sessions.next': '*Your next AI session*\n{title}{place}\n{time} · {where}',
  'sessions.next.waiting': ' — you are number {position} on the waiting list',
  'sessions.week.heading': '*AI sessions this week with free seats* — join in `{command} learn`',
  'sessions.week.line': '{title} — {time}, {where} · {free, plural, one {# seat} other {# seats}} free',
  'sessions.calendar.description': 'AI session hosted by {host}.',
  // Why a session cannot be joined, left, cancelled or marked (SessionRefusal codes).
  'sessions.error.time_skipped': '{local} does not exist in {zone} (the clocks skip it); pick another time.',
  'sessions.error.time_passed': '{local} ({zone}) has already passed: a session is scheduled ahead.',
  'sessions.error.not_found': 'There is no session {id}.',
  'sessions.error.cancelled': '“{name}” was cancelled.',
  'sessions.error.started': '“{name}” has already started.',
  'sessions.error.cancelled_already': '“{name}” was cancelled already.',
  'sessions.error.taken_place': '“{name}” has already taken place.',
  'sessions.error.cancelled_no_attendance': '“{name}” was cancelled: there is no attendance to mark.',
  'sessions.error.not_started': '“{name}” has not started yet: mark attendance once it has taken place.',
  // Mistakes in `/adoption session …` (SessionCommandProblem codes).
  'sessions.usage':
    'Write `session create <title> | <YYYY-MM-DD HH:MM> | <minutes> | <room or link> | <seats>`, optionally followed by `host=@someone`, e.g. `session create Prompting 101 | 2026-12-03 14:00 | 60 | Room 4.01 | 20`.',
  'sessions.problem.list_takes_nothing': '`session list` takes nothing after it.',
  'sessions.problem.needs_id': '`session {sub}` needs one session id, like `session {sub} 12`.',
  'sessions.problem.unknown':
    '`session {sub}` is not a session command: use `session create`, `session list`, `session attendance <id>` or `session cancel <id>`.',
  'sessions.problem.host_missing': '`host=` needs a person: mention them, like `host=@someone`. {usage}',
  'sessions.problem.title_length': 'A session title has 3–{max} characters. {usage}',
  'sessions.problem.bad_time':
    '`{when}` is not a start time: write it as `YYYY-MM-DD HH:MM` (24-hour clock), e.g. `2026-12-03 14:00`.',
  'sessions.problem.bad_minutes': 'The length is a whole number of minutes from 5 to 1440, e.g. `60`.',
  'sessions.problem.bad_location': 'Say where it happens: a room or a link (at most {max} characters).',
  'sessions.problem.bad_seats': 'Seats is a whole number from 1 to 1000, e.g. `20`.',
};
