import type { Db } from '../db/client.js';
import {
  type DepartmentFigures,
  figuresByDepartment,
  type PersonRecord,
  personRecords,
} from '../db/queries/metrics.js';
import type { ReviewPeriod } from './review-periods.js';
import { windowFor } from './stats.js';

/**
 * Where the digest and the nudges read the metrics: the period-to-date figures as they stood at
 * `asOf`. This is the one seam to switch to precomputed snapshots later; everything here goes
 * through the metric definitions of src/db/queries/metrics.ts.
 */
export interface FiguresOptions {
  timezone: string;
  includeGuests: boolean;
}

export function departmentFiguresAt(
  db: Db,
  period: ReviewPeriod,
  asOf: Date,
  options: FiguresOptions,
): Promise<DepartmentFigures[]> {
  return figuresByDepartment(db, windowFor(period, { ...options, now: asOf }));
}

/** People per query when reading the records of a list of people (bounded memory, few round trips). */
export const RECORDS_BATCH = 5_000;

/**
 * The records of these roster ids, RECORDS_BATCH at a time: the caller handles each batch before the
 * next is read, so memory holds one batch, not the whole roster.
 */
export async function* personRecordsOf(
  db: Db,
  period: ReviewPeriod,
  asOf: Date,
  options: FiguresOptions,
  ids: readonly number[],
): AsyncGenerator<PersonRecord[]> {
  const window = windowFor(period, { ...options, now: asOf });
  for (let i = 0; i < ids.length; i += RECORDS_BATCH)
    yield await personRecords(db, window, { kind: 'employees', ids: ids.slice(i, i + RECORDS_BATCH) });
}
