import { UserError } from './errors.js';
import type { PeriodErrorCode } from './hr-errors.js';

/**
 * The period grammar of DESIGN §2, in one place: `2026-Q4`, `2026-H2`, `2026-11`, `2026`, or
 * `2026-10-01..2026-12-31`. Dates are ISO day strings; `end` is inclusive.
 */
export interface PeriodRange {
  name: string;
  start: string;
  end: string;
  kind: 'year' | 'half' | 'quarter' | 'month' | 'range';
}

/** A period read, or why the text is not one: a code (`hr.error.<code>` in the catalogs) and its values. */
export type PeriodRead =
  | { ok: true; period: PeriodRange }
  | { ok: false; code: PeriodErrorCode; params: Record<string, string> };

/** The same, the problem said in English (for logs and the English-only CLIs). */
export type PeriodParse = { ok: true; period: PeriodRange } | { ok: false; error: string };

const MAX_RANGE_DAYS = 366 * 5;

type Rule = [RegExp, (m: RegExpExecArray, text: string) => PeriodRead];

const RULES: Rule[] = [
  [
    /^(\d{4})$/,
    (m) =>
      ok({ name: `${m[1]}`, kind: 'year', start: day(+(m[1] ?? 0), 1, 1), end: day(+(m[1] ?? 0), 12, 31) }),
  ],
  [
    /^(\d{4})-?[Hh]([12])$/,
    (m) => {
      const [year, half] = [Number(m[1]), Number(m[2])];
      const first = half === 1 ? 1 : 7;
      return ok({
        name: `${year}-H${half}`,
        kind: 'half',
        start: day(year, first, 1),
        end: lastDay(year, first + 5),
      });
    },
  ],
  [
    /^(\d{4})-?[Qq]([1-4])$/,
    (m) => {
      const [year, quarter] = [Number(m[1]), Number(m[2])];
      const first = (quarter - 1) * 3 + 1;
      return ok({
        name: `${year}-Q${quarter}`,
        kind: 'quarter',
        start: day(year, first, 1),
        end: lastDay(year, first + 2),
      });
    },
  ],
  [
    /^(\d{4})-(\d{2})$/,
    (m, text) => {
      const [year, month] = [Number(m[1]), Number(m[2])];
      if (month < 1 || month > 12) return fail('period_no_month', { text, month: m[2] ?? '' });
      return ok({
        name: `${year}-${pad(month)}`,
        kind: 'month',
        start: day(year, month, 1),
        end: lastDay(year, month),
      });
    },
  ],
  [
    /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/,
    (m) => {
      const [start, end] = [m[1] ?? '', m[2] ?? ''];
      for (const date of [start, end]) if (!isRealDate(date)) return fail('period_not_a_date', { date });
      if (end < start) return fail('period_ends_before_start', { start, end });
      if (daysBetween(start, end) >= MAX_RANGE_DAYS) return fail('period_too_long', {});
      return ok({ name: `${start}..${end}`, kind: 'range', start, end });
    },
  ],
];

/** Reads a period; a problem comes back as a code with its values (the renderer says it). */
export function readPeriod(text: string): PeriodRead {
  const value = text.trim();
  for (const [pattern, build] of RULES) {
    const match = pattern.exec(value);
    if (match) return build(match, value);
  }
  return fail('period_unknown', { text: value.slice(0, 40) });
}

/** `readPeriod`, with the problem in English. */
export function parsePeriod(text: string): PeriodParse {
  const read = readPeriod(text);
  if (read.ok) return read;
  return { ok: false, error: new UserError(read.code, read.params).message };
}

export function looksLikePeriod(text: string): boolean {
  return /^\d{4}(-?[HhQq]\d|-\d{2}|-\d{2}-\d{2}\s*\.\.\s*\d{4}-\d{2}-\d{2})?$/.test(text.trim());
}

/** The period of the same kind just before this one (for a range: as many days, ending the day before). */
export function previousPeriod(period: PeriodRange): PeriodRange {
  const [year, month] = period.start.split('-').map(Number) as [number, number];
  switch (period.kind) {
    case 'year':
      return mustParse(`${year - 1}`);
    case 'half':
      return mustParse(month === 1 ? `${year - 1}-H2` : `${year}-H1`);
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      return mustParse(quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`);
    }
    case 'month':
      return mustParse(month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`);
    case 'range': {
      const length = daysBetween(period.start, period.end);
      const end = addDays(period.start, -1);
      const start = addDays(end, -length);
      return { name: `${start}..${end}`, kind: 'range', start, end };
    }
  }
}

/** The calendar quarter containing `date` (the fallback when no review period is defined). */
export function quarterContaining(date: string): PeriodRange {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return mustParse(`${year}-Q${Math.floor((month - 1) / 3) + 1}`);
}

/** Today's date in a time zone, as an ISO day. */
export function isoDay(now: Date, timeZone: string): string {
  // Every submission asks for today: formatting costs more than the rest of the routing, and a
  // day changes only on a whole minute in every time zone, so one answer serves a minute.
  const minute = Math.floor(now.getTime() / 60_000);
  const known = isoDays.get(timeZone);
  if (known?.minute === minute) return known.day;
  let format = isoDayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    isoDayFormats.set(timeZone, format);
  }
  const day = format.format(now);
  isoDays.set(timeZone, { minute, day });
  return day;
}

const isoDayFormats = new Map<string, Intl.DateTimeFormat>();
const isoDays = new Map<string, { minute: number; day: string }>();

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function isRealDate(isoDate: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return false;
  const date = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDate;
}

function mustParse(text: string): PeriodRange {
  const parsed = parsePeriod(text);
  if (!parsed.ok) throw new Error(`internal: ${text} should parse: ${parsed.error}`);
  return parsed.period;
}

const ok = (period: PeriodRange): PeriodRead => ({ ok: true, period });
const fail = (code: PeriodErrorCode, params: Record<string, string>): PeriodRead => ({
  ok: false,
  code,
  params,
});
const pad = (n: number) => String(n).padStart(2, '0');
const day = (year: number, month: number, d: number) => `${year}-${pad(month)}-${pad(d)}`;
const lastDay = (year: number, month: number) =>
  day(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
