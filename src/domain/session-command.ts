import { unescapeSlackText } from './bot-command.js';

/**
 * The grammar of `/adoption session …` (DESIGN §2). Parsing never throws; a mistake becomes help
 * with the problem as a code. Times are written in the company's zone (TIMEZONE) and stay text
 * here: the domain turns them into an instant.
 */
export type SessionCommand =
  | {
      kind: 'session-create';
      title: string;
      /** `YYYY-MM-DD HH:MM`, wall-clock time in TIMEZONE. */
      startsAtLocal: string;
      minutes: number;
      location: string;
      seats: number;
      /** The host's Slack user id when `host=@user` was given; the creator hosts otherwise. */
      hostSlackUserId: string | null;
    }
  | { kind: 'session-list' }
  | { kind: 'session-attendance'; sessionId: number }
  | { kind: 'session-cancel'; sessionId: number }
  /** A mistake in a session command (answered to HR and champions alike). */
  | { kind: 'session-help'; problem: SessionCommandProblem };

/**
 * What was wrong, as a code and its values; the renderer explains it in the reader's language
 * (`sessions.problem.<code>`, or `sessions.usage` for `usage`).
 */
export type SessionCommandProblem =
  | { code: 'usage'; params?: undefined }
  | { code: 'list_takes_nothing'; params?: undefined }
  | { code: 'needs_id'; params: { sub: string } }
  | { code: 'unknown'; params: { sub: string } }
  | { code: 'host_missing'; params?: undefined }
  | { code: 'title_length'; params: { max: number } }
  | { code: 'bad_time'; params: { when: string } }
  | { code: 'bad_minutes'; params?: undefined }
  | { code: 'bad_location'; params: { max: number } }
  | { code: 'bad_seats'; params?: undefined };

export const TITLE_MAX = 120;
export const LOCATION_MAX = 300;

// Chinese input methods type a full-width bar; accept both.
const BAR = /[|｜]/;
const HOST = /(?:^|\s)host=(?:<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>|([UW][A-Z0-9]{2,}))\s*$/i;

/** `text` is what follows `session`. */
export function parseSessionCommand(text: string): SessionCommand {
  const match = /^(\S*)\s*([\s\S]*)$/.exec(text.trim());
  const sub = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  switch (sub) {
    case '':
    case 'list':
      return rest === '' ? { kind: 'session-list' } : help({ code: 'list_takes_nothing' });
    case 'attendance':
    case 'cancel': {
      const id = parseSessionId(rest);
      if (id === null) return help({ code: 'needs_id', params: { sub } });
      return sub === 'attendance'
        ? { kind: 'session-attendance', sessionId: id }
        : { kind: 'session-cancel', sessionId: id };
    }
    case 'create':
      return parseCreate(rest);
    default:
      return help({ code: 'unknown', params: { sub: sub.slice(0, 30) } });
  }
}

function parseCreate(rest: string): SessionCommand {
  let text = rest;
  let hostSlackUserId: string | null = null;
  const host = HOST.exec(text);
  if (host) {
    hostSlackUserId = (host[1] ?? host[2] ?? '').toUpperCase();
    text = text.slice(0, host.index).replace(/[|｜]\s*$/, '');
  } else if (/(?:^|\s)host=/i.test(text)) {
    return help({ code: 'host_missing' });
  }
  const parts = text.split(BAR).map((part) => part.trim());
  if (parts.length !== 5) return help({ code: 'usage' });
  const [rawTitle = '', when = '', minutesText = '', rawLocation = '', seatsText = ''] = parts;
  const title = unescapeSlackText(rawTitle).trim();
  const location = unescapeSlackText(rawLocation).trim();
  if ([...title].length < 3 || [...title].length > TITLE_MAX)
    return help({ code: 'title_length', params: { max: TITLE_MAX } });
  if (!isLocalDateTime(when)) return help({ code: 'bad_time', params: { when: when.slice(0, 30) } });
  const minutes = wholeNumber(minutesText);
  if (minutes === null || minutes < 5 || minutes > 1440) return help({ code: 'bad_minutes' });
  if (location === '' || [...location].length > LOCATION_MAX)
    return help({ code: 'bad_location', params: { max: LOCATION_MAX } });
  const seats = wholeNumber(seatsText);
  if (seats === null || seats < 1 || seats > 1000) return help({ code: 'bad_seats' });
  return {
    kind: 'session-create',
    title,
    startsAtLocal: when.replace(/\s+/, ' '),
    minutes,
    location,
    seats,
    hostSlackUserId,
  };
}

/** `12` or `#12`; null for anything else. */
export function parseSessionId(text: string): number | null {
  const match = /^#?(\d{1,9})$/.exec(text.trim());
  if (!match) return null;
  const id = Number(match[1]);
  return id > 0 ? id : null;
}

/** A real calendar day and a 24-hour time: `2026-12-03 14:00`. */
function isLocalDateTime(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2})$/.exec(text);
  if (!match) return false;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return (
    day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60
  );
}

function wholeNumber(text: string): number | null {
  return /^\d{1,5}$/.test(text) ? Number(text) : null;
}

const help = (problem: SessionCommandProblem): SessionCommand => ({ kind: 'session-help', problem });

export function isSessionCommand(command: { kind: string }): command is SessionCommand {
  return command.kind.startsWith('session-');
}
