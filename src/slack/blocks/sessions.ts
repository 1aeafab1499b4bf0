import type { KnownBlock, View } from '@slack/types';
import type { SessionRow, SessionSummary } from '../../db/queries/sessions.js';
import type { AttendanceForm, JoinOutcome, LeaveOutcome, ReminderKind } from '../../domain/sessions.js';
import { button, context, message, plainText, SLACK_LIMITS, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

/** AI sessions: the HR replies, `/bot learn` with its buttons, the attendance checklist, the DMs. */

export const SESSION_JOIN_ACTION = 'session_join';
export const SESSION_LEAVE_ACTION = 'session_leave';
export const ATTENDANCE_VIEW_ID = 'session_attendance';
export const ATTENDANCE_CHECKLIST_PREFIX = 'attended_';
export const ATTENDANCE_OTHERS_BLOCK = 'attended_others';
const CHECKBOX_OPTIONS = SLACK_LIMITS.checkboxOptions;
/** Checklist groups shown (100 people); a modal holds 100 blocks. */
const CHECKLIST_GROUPS = 10;

/** "Thu 3 Dec 2026, 14:00 (Europe/Berlin)": a session's start on the reader's own clock. */
export function sessionTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} (${timeZone})`;
}

const title = (s: { id: number; title: string }) => `*${s.id}* · *${escapeMrkdwn(clip(s.title, 120))}*`;
const where = (location: string) => escapeMrkdwn(clip(location, 300));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderSessionCreated(session: SessionRow, hostName: string, timeZone: string): SlackMessage {
  return message(`Session ${session.id} scheduled: ${session.title}`, [
    section(
      `:calendar: Scheduled ${title(session)}\n${sessionTime(session.startsAt, timeZone)} · ${plural(session.minutes, 'minute')} · ${where(session.location)}\n${plural(session.seats, 'seat')} · hosted by ${escapeMrkdwn(hostName)}`,
    ),
    context(
      'Everyone finds it in `/bot learn` and can join there. Reminders go out the day before and an hour before.',
    ),
  ]);
}

export function renderSessionList(
  sessions: SessionSummary[],
  timeZone: string,
  hrCommand: string,
): SlackMessage {
  if (sessions.length === 0)
    return message(
      `No upcoming sessions. Schedule one with \`${hrCommand} session create <title> | <YYYY-MM-DD HH:MM> | <minutes> | <room or link> | <seats>\`.`,
    );
  const lines = sessions.map(
    (s) =>
      `${title(s)} — ${sessionTime(s.startsAt, timeZone)}, ${plural(s.minutes, 'minute')}, ${where(s.location)}\n  ${s.joined}/${s.seats} joined · ${s.waiting} waiting · host ${escapeMrkdwn(s.hostName)}`,
  );
  return message(`${sessions.length} upcoming session(s)`, [
    section(`*Upcoming sessions* (${sessions.length})`),
    ...lines.map((line) => section(line)),
    context(
      `\`${hrCommand} session attendance <id>\` marks who came; \`${hrCommand} session cancel <id>\` cancels and tells everyone.`,
    ),
  ]);
}

/** `/bot learn`: each upcoming session with Join or Leave, times on the reader's clock. */
export function renderLearn(sessions: SessionSummary[], timeZone: string): SlackMessage {
  if (sessions.length === 0)
    return message('No AI sessions are scheduled right now. New ones appear here and in the weekly digest.');
  const blocks: KnownBlock[] = [section('*Upcoming AI sessions*')];
  for (const s of sessions) blocks.push(learnBlock(s, timeZone));
  blocks.push(
    context(
      'Past the seats you go on the waiting list; when a seat frees up, the first person waiting gets it and a message.',
    ),
  );
  return { text: `${sessions.length} upcoming AI session(s)`, blocks };
}

function learnBlock(s: SessionSummary, timeZone: string): KnownBlock {
  const free = Math.max(0, s.seats - s.joined);
  const place =
    s.myStatus === 'joined'
      ? ':white_check_mark: You have a seat.'
      : s.myStatus === 'waiting'
        ? `:hourglass: You are number ${s.myWaitingPosition ?? '?'} on the waiting list.`
        : free > 0
          ? `${plural(free, 'seat')} free.`
          : `Full · ${s.waiting} waiting.`;
  const joined = s.myStatus !== null;
  return section(
    `${title(s)}\n${sessionTime(s.startsAt, timeZone)} · ${plural(s.minutes, 'minute')} · ${where(s.location)} · host ${escapeMrkdwn(s.hostName)}\n${place}`,
    {
      blockId: `session:${s.id}`,
      accessory: button({
        actionId: joined ? SESSION_LEAVE_ACTION : SESSION_JOIN_ACTION,
        text: joined ? 'Leave' : free > 0 ? 'Join' : 'Join waiting list',
        value: String(s.id),
        ...(joined ? {} : { style: 'primary' as const }),
      }),
    },
  );
}

export function renderJoinOutcome(outcome: JoinOutcome, timeZone: string): SlackMessage {
  const s = outcome.session;
  const when = `${sessionTime(s.startsAt, timeZone)} · ${where(s.location)}`;
  switch (outcome.kind) {
    case 'joined':
      return message(`You have a seat at ${s.title}.`, [
        section(`:white_check_mark: You have a seat at ${title(s)}.\n${when}`),
        context('You will get a reminder the day before (with a calendar file) and an hour before.'),
      ]);
    case 'waiting':
      return message(`${s.title} is full: you are number ${outcome.position} on the waiting list.`, [
        section(
          `:hourglass: ${title(s)} is full, so you are on the *waiting list*, number ${outcome.position}.\n${when}`,
        ),
        context('If a seat frees up and you are first in line, it is yours and I will message you.'),
      ]);
    case 'already':
      return message(
        outcome.status === 'joined'
          ? `You already have a seat at ${s.title}.`
          : `You are already on the waiting list for ${s.title} (number ${outcome.position}).`,
      );
  }
}

export function renderLeaveOutcome(outcome: LeaveOutcome): SlackMessage {
  const s = outcome.session;
  if (outcome.left === null) return message(`You had no seat at ${s.title}; nothing changed.`);
  return message(
    outcome.left === 'joined'
      ? `You left ${s.title}; your seat is free for someone else.`
      : `You left the waiting list for ${s.title}.`,
  );
}

export function renderSessionCancelled(session: SessionRow, told: number): SlackMessage {
  return message(
    `Session ${session.id} (${session.title}) is cancelled; ${plural(told, 'person')} who joined or waited will be told.`,
  );
}

export function renderAttendanceOpened(session: SessionRow): SlackMessage {
  return message(`The attendance form for session ${session.id} (${session.title}) is open.`);
}

export function renderAttendanceSaved(session: SessionRow, attended: number): SlackMessage {
  return message(`Attendance saved for ${session.title}: ${plural(attended, 'person')} attended.`);
}

/** The attendance checklist: everyone who joined or waited (ticked if marked), plus a picker for anyone else. */
export function renderAttendanceModal(form: AttendanceForm, timeZone: string): View {
  const marked = new Set(form.marked.map((m) => m.employeeId));
  const holders = form.holders.slice(0, CHECKBOX_OPTIONS * CHECKLIST_GROUPS);
  const blocks: KnownBlock[] = [
    section(
      `${title(form.session)}\n${sessionTime(form.session.startsAt, timeZone)} · ${where(form.session.location)}`,
    ),
  ];
  for (let i = 0; i < holders.length; i += CHECKBOX_OPTIONS) {
    const group = holders.slice(i, i + CHECKBOX_OPTIONS);
    const options = group.map((h) => ({
      text: plainText(`${h.name}${h.status === 'waiting' ? ' (waiting list)' : ''}`, SLACK_LIMITS.optionText),
      value: String(h.employeeId),
    }));
    const initial = options.filter((o) => marked.has(Number(o.value)));
    blocks.push({
      type: 'input',
      optional: true,
      block_id: `${ATTENDANCE_CHECKLIST_PREFIX}${i / CHECKBOX_OPTIONS}`,
      label: { type: 'plain_text', text: i === 0 ? 'Who came' : 'Who came (continued)' },
      element: {
        type: 'checkboxes',
        action_id: 'attended',
        options,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
    });
  }
  const holderIds = new Set(holders.map((h) => h.employeeId));
  const others = form.marked.filter((m) => !holderIds.has(m.employeeId) && m.slackUserId);
  blocks.push({
    type: 'input',
    optional: true,
    block_id: ATTENDANCE_OTHERS_BLOCK,
    label: { type: 'plain_text', text: holders.length > 0 ? 'Anyone else who came' : 'Who came' },
    element: {
      type: 'multi_users_select',
      action_id: 'attended',
      ...(others.length > 0 ? { initial_users: others.map((m) => m.slackUserId as string) } : {}),
    },
  });
  return {
    type: 'modal',
    callback_id: ATTENDANCE_VIEW_ID,
    private_metadata: String(form.session.id),
    title: { type: 'plain_text', text: 'Attendance' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** A session DM as the outbox sends it (rendered when sent). */
export function renderSessionReminder(
  session: SessionRow,
  hostName: string,
  which: ReminderKind,
  timeZone: string,
  botCommand: string,
): SlackMessage {
  const lead = which === 'day-before' ? ':calendar: Reminder: tomorrow' : ':alarm_clock: In an hour';
  const text = `${lead} — ${title(session)}\n${sessionTime(session.startsAt, timeZone)} · ${plural(session.minutes, 'minute')} · ${where(session.location)} · host ${escapeMrkdwn(hostName)}`;
  return message(`Reminder: ${session.title} at ${sessionTime(session.startsAt, timeZone)}`, [
    section(text),
    context(`Can't make it? Leave in \`${botCommand} learn\` so someone on the waiting list gets your seat.`),
  ]);
}

export function renderSeatGiven(session: SessionRow, timeZone: string): SlackMessage {
  return message(`A seat freed up: you now have a seat at ${session.title}.`, [
    section(
      `:tada: A seat freed up and it is yours: ${title(session)}\n${sessionTime(session.startsAt, timeZone)} · ${where(session.location)}`,
    ),
    context('You were first on the waiting list. You will get reminders before it starts.'),
  ]);
}

export function renderSessionCancelledDm(session: SessionRow, timeZone: string): SlackMessage {
  return message(`Cancelled: ${session.title}`, [
    section(`:x: ${title(session)} on ${sessionTime(session.startsAt, timeZone)} is *cancelled*. Sorry!`),
  ]);
}

/** The Home tab's line: my next session. */
export function renderNextSession(
  next: SessionSummary | null,
  timeZone: string,
  botCommand: string,
): KnownBlock[] {
  if (!next)
    return [section(`*Your next AI session*\nNone yet. See what is coming up: \`${botCommand} learn\`.`)];
  const place =
    next.myStatus === 'waiting'
      ? ` — you are number ${next.myWaitingPosition ?? '?'} on the waiting list`
      : '';
  return [
    section(
      `*Your next AI session*\n${title(next)}${place}\n${sessionTime(next.startsAt, timeZone)} · ${where(next.location)}`,
    ),
  ];
}

/** The weekly digest's section: the coming week's sessions with free seats. */
export function renderUpcomingSessionsSection(
  sessions: Array<{ id: number; title: string; startsAt: Date; location: string; freeSeats: number }>,
  timeZone: string,
  botCommand: string,
): KnownBlock[] {
  if (sessions.length === 0) return [];
  const lines = sessions.map(
    (s) =>
      `${title(s)} — ${sessionTime(s.startsAt, timeZone)}, ${where(s.location)} · ${plural(s.freeSeats, 'seat')} free`,
  );
  return [
    section(`*AI sessions this week with free seats* — join in \`${botCommand} learn\`\n${lines.join('\n')}`),
  ];
}
