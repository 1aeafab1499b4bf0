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

export function personRecordsAt(
  db: Db,
  period: ReviewPeriod,
  asOf: Date,
  options: FiguresOptions,
): Promise<PersonRecord[]> {
  return personRecords(db, windowFor(period, { ...options, now: asOf }), { kind: 'company' });
}
