import type { Db } from '../db/client.js';
import { findEmployeeByKey } from '../db/queries/employees.js';
import { type PersonRecord, personRecords } from '../db/queries/metrics.js';
import { type LaggingPerson, laggingPeoplePage } from '../db/queries/person-records.js';
import { UserError } from './errors.js';
import type { PersonTarget } from './hr-command.js';
import { isoDay } from './periods.js';
import { type ReviewPeriod, resolvePeriod } from './review-periods.js';
import {
  knownDepartments,
  type StatsOptions,
  splitStatsArgs,
  unknownDepartment,
  windowFor,
} from './stats.js';

/**
 * What HR looks up about people: one person's record (`person`) and the people who have not met
 * the requirement (`lagging`). Both are person-level: the caller audits every result it shows.
 */
export interface PersonLookup {
  period: ReviewPeriod;
  employee: { id: number; name: string; slackUserId: string | null };
  /** Null when the person does not count in the period (not on the roster then, or a guest). */
  record: PersonRecord | null;
}

export async function lookUpPerson(
  db: Db,
  target: PersonTarget,
  periodText: string | undefined,
  options: StatsOptions,
): Promise<PersonLookup> {
  const found = await findEmployeeByKey(db, target);
  if (!found) {
    const id = target.kind === 'slack' ? target.slackUserId : target.email;
    throw new UserError('person_not_on_roster', { who: target.kind, id });
  }
  const employee = { id: found.id, name: found.name, slackUserId: found.slackUserId };
  const period = await resolvePeriod(db, periodText, isoDay(options.now, options.timezone));
  const [record] = await personRecords(db, windowFor(period, options), {
    kind: 'employee',
    employeeId: employee.id,
  });
  return { period, employee, record: record ?? null };
}

export type { LaggingPerson } from '../db/queries/person-records.js';

export interface LaggingPage {
  period: ReviewPeriod;
  department: string | null;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Everyone in scope who has not met the requirement. */
  total: number;
  people: LaggingPerson[];
}

export const LAGGING_PAGE_SIZE = 40;

/** `lagging [department] [period]`: members who have not met the period's requirement, by department and name. */
export async function laggingPeople(
  db: Db,
  args: string[],
  page: number,
  options: StatsOptions,
  pageSize = LAGGING_PAGE_SIZE,
): Promise<LaggingPage> {
  const { department, periodText } = await splitStatsArgs(db, args);
  if (department) {
    const known = await knownDepartments(db);
    if (!known.some((d) => d.toLowerCase() === department.toLowerCase())) {
      throw unknownDepartment(department, known);
    }
  }
  const period = await resolvePeriod(db, periodText, isoDay(options.now, options.timezone));
  const scope = department ? { kind: 'department' as const, department } : { kind: 'company' as const };
  const { total, people } = await laggingPeoplePage(db, windowFor(period, options), scope, {
    limit: pageSize,
    offset: (Math.max(1, page) - 1) * pageSize,
  });
  return { period, department, page: Math.max(1, page), pageSize, total, people };
}
