import type { KnownBlock, View } from '@slack/types';
import type { SessionRow, SessionSummary } from '../../db/queries/sessions.js';
import type { SessionCommandProblem } from '../../domain/session-command.js';
import type {
  AttendanceForm,
  JoinOutcome,
  LeaveOutcome,
  ReminderKind,
  SessionRefusal,
} from '../../domain/sessions.js';
import type { Translator } from '../../i18n/index.js';
import { renderUserError } from './bot-messages.js';
import { button, context, message, plainText, SLACK_LIMITS, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

/**
 * AI sessions: the HR replies, `/bot learn` with its buttons, the attendance checklist, the DMs.
 * Every renderer speaks the reader's language (`tr`); times are on the reader's clock (`tr.timeZone`
 * unless a zone is given).
 */

export const SESSION_JOIN_ACTION = 'session_join';
export const SESSION_LEAVE_ACTION = 'session_leave';
export const ATTENDANCE_VIEW_ID = 'session_attendance';
export const ATTENDANCE_CHECKLIST_PREFIX = 'attended_';
export const ATTENDANCE_OTHERS_BLOCK = 'attended_others';
const CHECKBOX_OPTIONS = SLACK_LIMITS.checkboxOptions;
/** Checklist groups shown (100 people); a modal holds 100 blocks. */
const CHECKLIST_GROUPS = 10;

/**
 * "Thu 3 Dec 2026, 14:00 (Europe/Berlin)" / "2026年12月3日周四 14:00（Europe/Berlin）": a session's
 * start on the reader's own clock (default: the translator's zone).
 */
export function sessionTime(at: Date, tr: Translator, timeZone: string = tr.timeZone): string {
  return tr.t('sessions.time', { when: wallClock(at, tr.locale, timeZone), zone: timeZone });
}

function wallClock(at: Date, locale: Translator['locale'], timeZone: string): string {
  const options = {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  } as const;
  if (locale !== 'en') return new Intl.DateTimeFormat(locale, { ...options, month: 'long' }).format(at);
  const parts = new Intl.DateTimeFormat('en-GB', { ...options, month: 'short' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

const title = (s: { id: number; title: string }) => `*${s.id}* · *${escapeMrkdwn(clip(s.title, 120))}*`;
const where = (location: string) => escapeMrkdwn(clip(location, 300));
/** The session's name inside a sentence: escaped, clipped. */
const named = (s: { title: string }) => escapeMrkdwn(clip(s.title, 120));

export function renderSessionCreated(session: SessionRow, hostName: string, tr: Translator): SlackMessage {
  return message(tr.t('sessions.created.text', { id: session.id, name: named(session) }), [
    section(
      tr.t('sessions.created', {
        title: title(session),
        time: sessionTime(session.startsAt, tr),
        minutes: session.minutes,
        where: where(session.location),
        seats: session.seats,
        host: escapeMrkdwn(hostName),
      }),
    ),
    context(tr.t('sessions.created.note')),
  ]);
}

export function renderSessionList(
  sessions: SessionSummary[],
  tr: Translator,
  hrCommand: string,
): SlackMessage {
  if (sessions.length === 0) return message(tr.t('sessions.list.none', { command: hrCommand }));
  const lines = sessions.map((s) =>
    tr.t('sessions.list.line', {
      title: title(s),
      time: sessionTime(s.startsAt, tr),
      minutes: s.minutes,
      where: where(s.location),
      joined: s.joined,
      seats: s.seats,
      waiting: s.waiting,
      host: escapeMrkdwn(s.hostName),
    }),
  );
  return message(tr.t('sessions.list.text', { count: sessions.length }), [
    section(tr.t('sessions.list.heading', { count: sessions.length })),
    ...lines.map((line) => section(line)),
    context(tr.t('sessions.list.note', { command: hrCommand })),
  ]);
}

/** `/bot learn`: each upcoming session with Join or Leave, times on the reader's clock. */
export function renderLearn(sessions: SessionSummary[], tr: Translator): SlackMessage {
  if (sessions.length === 0) return message(tr.t('sessions.none'));
  const blocks: KnownBlock[] = [section(tr.t('sessions.learn.heading'))];
  for (const s of sessions) blocks.push(learnBlock(s, tr));
  blocks.push(context(tr.t('sessions.learn.note')));
  return { text: tr.t('sessions.learn.text', { count: sessions.length }), blocks };
}

function learnBlock(s: SessionSummary, tr: Translator): KnownBlock {
  const free = Math.max(0, s.seats - s.joined);
  const place =
    s.myStatus === 'joined'
      ? tr.t('sessions.learn.joined')
      : s.myStatus === 'waiting'
        ? tr.t('sessions.learn.waiting', { position: s.myWaitingPosition ?? '?' })
        : free > 0
          ? tr.t('sessions.learn.free', { free })
          : tr.t('sessions.learn.full', { waiting: s.waiting });
  const joined = s.myStatus !== null;
  return section(
    tr.t('sessions.learn.line', {
      title: title(s),
      time: sessionTime(s.startsAt, tr),
      minutes: s.minutes,
      where: where(s.location),
      host: escapeMrkdwn(s.hostName),
      place,
    }),
    {
      blockId: `session:${s.id}`,
      accessory: button({
        actionId: joined ? SESSION_LEAVE_ACTION : SESSION_JOIN_ACTION,
        text: tr.t(
          joined
            ? 'sessions.button.leave'
            : free > 0
              ? 'sessions.button.join'
              : 'sessions.button.join_waiting',
        ),
        value: String(s.id),
        ...(joined ? {} : { style: 'primary' as const }),
      }),
    },
  );
}

export function renderJoinOutcome(outcome: JoinOutcome, tr: Translator): SlackMessage {
  const s = outcome.session;
  const when = `${sessionTime(s.startsAt, tr)} · ${where(s.location)}`;
  switch (outcome.kind) {
    case 'joined':
      return message(tr.t('sessions.joined.text', { name: named(s) }), [
        section(tr.t('sessions.joined', { title: title(s), when })),
        context(tr.t('sessions.joined.note')),
      ]);
    case 'waiting':
      return message(tr.t('sessions.waiting.text', { name: named(s), position: outcome.position }), [
        section(tr.t('sessions.waiting', { title: title(s), position: outcome.position, when })),
        context(tr.t('sessions.waiting.note')),
      ]);
    case 'already':
      return message(
        outcome.status === 'joined'
          ? tr.t('sessions.already.joined', { name: named(s) })
          : tr.t('sessions.already.waiting', { name: named(s), position: outcome.position ?? '?' }),
      );
  }
}

export function renderLeaveOutcome(outcome: LeaveOutcome, tr: Translator): SlackMessage {
  const name = named(outcome.session);
  if (outcome.left === null) return message(tr.t('sessions.left.none', { name }));
  return message(
    tr.t(outcome.left === 'joined' ? 'sessions.left.joined' : 'sessions.left.waiting', { name }),
  );
}

/** Why a session cannot be created, joined, left, cancelled or marked: plain text, the reader's language. */
export function sessionRefusalText(refusal: SessionRefusal, tr: Translator): string {
  const { name } = refusal.values;
  return tr.t(`sessions.error.${refusal.reason}`, {
    ...refusal.values,
    ...(name === undefined ? {} : { name: clip(name, 120) }),
  });
}

/** The same as a reply (escaped once, by renderUserError). */
export function renderSessionRefusal(refusal: SessionRefusal, tr: Translator): SlackMessage {
  return renderUserError(sessionRefusalText(refusal, tr), tr);
}

/** A mistake in `/adoption session …`, explained in the reader's language. */
export function sessionProblemText(problem: SessionCommandProblem, tr: Translator): string {
  const usage = tr.t('sessions.usage');
  if (problem.code === 'usage') return usage;
  return tr.t(`sessions.problem.${problem.code}`, { ...problem.params, usage });
}

export function renderSessionCancelled(session: SessionRow, told: number, tr: Translator): SlackMessage {
  return message(tr.t('sessions.cancelled', { id: session.id, name: named(session), told }));
}

export function renderAttendanceOpened(session: SessionRow, tr: Translator): SlackMessage {
  return message(tr.t('sessions.attendance.opened', { id: session.id, name: named(session) }));
}

export function renderAttendanceSaved(session: SessionRow, attended: number, tr: Translator): SlackMessage {
  return message(tr.t('sessions.attendance.saved', { name: named(session), attended }));
}

/** The attendance checklist: everyone who joined or waited (ticked if marked), plus a picker for anyone else. */
export function renderAttendanceModal(form: AttendanceForm, tr: Translator): View {
  const marked = new Set(form.marked.map((m) => m.employeeId));
  const holders = form.holders.slice(0, CHECKBOX_OPTIONS * CHECKLIST_GROUPS);
  const blocks: KnownBlock[] = [
    section(
      `${title(form.session)}\n${sessionTime(form.session.startsAt, tr)} · ${where(form.session.location)}`,
    ),
  ];
  for (let i = 0; i < holders.length; i += CHECKBOX_OPTIONS) {
    const group = holders.slice(i, i + CHECKBOX_OPTIONS);
    const options = group.map((h) => ({
      text: plainText(
        h.status === 'waiting' ? tr.t('sessions.attendance.waiting_list', { name: h.name }) : h.name,
        SLACK_LIMITS.optionText,
      ),
      value: String(h.employeeId),
    }));
    const initial = options.filter((o) => marked.has(Number(o.value)));
    blocks.push({
      type: 'input',
      optional: true,
      block_id: `${ATTENDANCE_CHECKLIST_PREFIX}${i / CHECKBOX_OPTIONS}`,
      label: plainText(tr.t(i === 0 ? 'sessions.attendance.who' : 'sessions.attendance.who_continued')),
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
    label: plainText(tr.t(holders.length > 0 ? 'sessions.attendance.others' : 'sessions.attendance.who')),
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
    title: plainText(tr.t('sessions.attendance.title'), SLACK_LIMITS.viewTitle),
    submit: plainText(tr.t('sessions.attendance.save'), SLACK_LIMITS.viewTitle),
    close: plainText(tr.t('sessions.attendance.cancel'), SLACK_LIMITS.viewTitle),
    blocks,
  };
}

/** The modal once attendance is saved (it replaces the checklist). */
export function renderAttendanceSavedView(session: SessionRow, attended: number, tr: Translator): View {
  return {
    type: 'modal',
    title: plainText(tr.t('sessions.attendance.title'), SLACK_LIMITS.viewTitle),
    close: plainText(tr.t('sessions.attendance.done'), SLACK_LIMITS.viewTitle),
    blocks: renderAttendanceSaved(session, attended, tr).blocks ?? [],
  };
}

/** A session DM as the outbox sends it (rendered when sent, in the recipient's language and zone). */
export function renderSessionReminder(
  session: SessionRow,
  hostName: string,
  which: ReminderKind,
  tr: Translator,
  botCommand: string,
): SlackMessage {
  const time = sessionTime(session.startsAt, tr);
  const text = tr.t('sessions.reminder', {
    lead: tr.t(which === 'day-before' ? 'sessions.reminder.day_before' : 'sessions.reminder.hour_before'),
    title: title(session),
    time,
    minutes: session.minutes,
    where: where(session.location),
    host: escapeMrkdwn(hostName),
  });
  return message(tr.t('sessions.reminder.text', { name: named(session), time }), [
    section(text),
    context(tr.t('sessions.reminder.note', { command: botCommand })),
  ]);
}

export function renderSeatGiven(session: SessionRow, tr: Translator): SlackMessage {
  return message(tr.t('sessions.seat_given.text', { name: named(session) }), [
    section(
      tr.t('sessions.seat_given', {
        title: title(session),
        time: sessionTime(session.startsAt, tr),
        where: where(session.location),
      }),
    ),
    context(tr.t('sessions.seat_given.note')),
  ]);
}

export function renderSessionCancelledDm(session: SessionRow, tr: Translator): SlackMessage {
  return message(tr.t('sessions.cancelled_dm.text', { name: named(session) }), [
    section(
      tr.t('sessions.cancelled_dm', { title: title(session), time: sessionTime(session.startsAt, tr) }),
    ),
  ]);
}

/** The Home tab's line: my next session. */
export function renderNextSession(
  next: SessionSummary | null,
  tr: Translator,
  botCommand: string,
): KnownBlock[] {
  if (!next) return [section(tr.t('sessions.next.none', { command: botCommand }))];
  const place =
    next.myStatus === 'waiting'
      ? tr.t('sessions.next.waiting', { position: next.myWaitingPosition ?? '?' })
      : '';
  return [
    section(
      tr.t('sessions.next', {
        title: title(next),
        place,
        time: sessionTime(next.startsAt, tr),
        where: where(next.location),
      }),
    ),
  ];
}

/** The weekly digest's section: the coming week's sessions with free seats (DIGEST_LOCALE). */
export function renderUpcomingSessionsSection(
  sessions: Array<{ id: number; title: string; startsAt: Date; location: string; freeSeats: number }>,
  timeZone: string,
  botCommand: string,
  tr: Translator,
): KnownBlock[] {
  if (sessions.length === 0) return [];
  const lines = sessions.map((s) =>
    tr.t('sessions.week.line', {
      title: title(s),
      time: sessionTime(s.startsAt, tr, timeZone),
      where: where(s.location),
      free: s.freeSeats,
    }),
  );
  return [section(`${tr.t('sessions.week.heading', { command: botCommand })}\n${lines.join('\n')}`)];
}
