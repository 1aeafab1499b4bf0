import type { Db } from '../db/client.js';
import { type PersonRecord, personRecords } from '../db/queries/metrics.js';
import { isoDay } from './periods.js';
import { type ReviewPeriod, resolvePeriod } from './review-periods.js';
import { type StatsOptions, windowFor } from './stats.js';

export interface MyRecord {
  period: ReviewPeriod;
  /** Null when the person does not count in this period (not on the roster then, or a guest). */
  record: PersonRecord | null;
  today: string;
}

/** `/bot me`: the employee's own row of the HR export, from the same query. */
export async function myRecord(
  db: Db,
  employeeId: number | null,
  periodText: string | undefined,
  options: StatsOptions,
): Promise<MyRecord> {
  const today = isoDay(options.now, options.timezone);
  const period = await resolvePeriod(db, periodText, today);
  if (employeeId === null) return { period, record: null, today };
  const [record] = await personRecords(db, windowFor(period, options), { kind: 'employee', employeeId });
  return { period, record: record ?? null, today };
}
