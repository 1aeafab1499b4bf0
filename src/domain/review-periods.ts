import type { Db } from '../db/client.js';
import {
  findReviewPeriodByName,
  findReviewPeriodContaining,
  findReviewPeriodsEnded,
  insertReviewPeriod,
  listReviewPeriods,
  type ReviewPeriodRow,
} from '../db/queries/periods.js';
import { UserError } from './errors.js';
import {
  addDays,
  isoDay,
  type PeriodRange,
  previousPeriod,
  quarterContaining,
  readPeriod,
} from './periods.js';

/** A period with the requirement employees must meet in it. */
export interface ReviewPeriod extends PeriodRange {
  requiredApprovedBots: number;
  /** True for a period HR created; false for one written ad hoc (`2026-Q3`) or the fallback quarter. */
  stored: boolean;
}

export const DEFAULT_REQUIREMENT = 1;

/**
 * What a period argument means: a stored period by name, or the grammar of DESIGN §2; without an
 * argument, the current review period (the stored one containing today, else this quarter).
 */
export async function resolvePeriod(db: Db, text: string | undefined, today: string): Promise<ReviewPeriod> {
  if (text === undefined || text.trim() === '') {
    const current = await findReviewPeriodContaining(db, today);
    return current
      ? fromRow(current)
      : { ...quarterContaining(today), requiredApprovedBots: DEFAULT_REQUIREMENT, stored: false };
  }
  const named = await findReviewPeriodByName(db, text.trim());
  if (named) return fromRow(named);
  const parsed = readPeriod(text);
  if (!parsed.ok) throw new UserError(parsed.code, parsed.params);
  // An ad-hoc period takes the requirement of the stored period it ends in, if any.
  const around = await findReviewPeriodContaining(db, parsed.period.end);
  return {
    ...parsed.period,
    requiredApprovedBots: around?.requiredApprovedBots ?? DEFAULT_REQUIREMENT,
    stored: false,
  };
}

/** The period before, with the same requirement, for "change since the previous period". */
export function periodBefore(period: ReviewPeriod): ReviewPeriod {
  const before = previousPeriod(period);
  return { ...before, requiredApprovedBots: period.requiredApprovedBots, stored: false };
}

export interface NewPeriodInput {
  name: string;
  range: string;
  requirement: number;
  createdBy: string;
}

export async function createReviewPeriod(db: Db, input: NewPeriodInput): Promise<ReviewPeriod> {
  const name = input.name.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u.test(name)) {
    throw new UserError('period_name_invalid');
  }
  const parsed = readPeriod(input.range);
  if (!parsed.ok) throw new UserError(parsed.code, parsed.params);
  if (!Number.isInteger(input.requirement) || input.requirement < 0 || input.requirement > 100) {
    throw new UserError('period_requirement_invalid');
  }
  const row = await insertReviewPeriod(db, {
    name,
    startsOn: parsed.period.start,
    endsOn: parsed.period.end,
    requiredApprovedBots: input.requirement,
    createdBy: input.createdBy,
  });
  if (!row) throw new UserError('period_name_taken', { name });
  return fromRow(row);
}

export async function listPeriods(db: Db, now: Date, timeZone: string) {
  const today = isoDay(now, timeZone);
  const rows = await listReviewPeriods(db);
  return rows.map((row) => ({ ...fromRow(row), current: row.startsOn <= today && today <= row.endsOn }));
}

/**
 * Stored periods that ended in the `lookbackDays` before `today` (their last day is before today):
 * what the period-end job delivers. Older ones are left alone, so a new install does not send
 * every past period's export at once.
 */
export async function periodsJustEnded(
  db: Db,
  today: string,
  lookbackDays: number,
): Promise<Array<ReviewPeriod & { id: number }>> {
  const rows = await findReviewPeriodsEnded(db, addDays(today, -lookbackDays), today);
  return rows.map((row) => ({ ...fromRow(row), id: row.id }));
}

function fromRow(row: ReviewPeriodRow): ReviewPeriod {
  return {
    name: row.name,
    start: row.startsOn,
    end: row.endsOn,
    kind: 'range',
    requiredApprovedBots: row.requiredApprovedBots,
    stored: true,
  };
}
