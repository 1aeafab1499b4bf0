import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type PersonRecord, personRecords, personRecordsQuery } from '../db/queries/metrics.js';
import { queryRows } from '../db/rows.js';
import { employees } from '../db/schema.js';
import { UserError } from './errors.js';
import type { PersonTarget } from './hr-command.js';
import { isoDay } from './periods.js';
import { type ReviewPeriod, resolvePeriod } from './review-periods.js';
import { knownDepartments, type StatsOptions, splitStatsArgs, windowFor } from './stats.js';

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
  const [employee] = await db
    .select({ id: employees.id, name: employees.name, slackUserId: employees.slackUserId })
    .from(employees)
    .where(
      target.kind === 'slack'
        ? eq(employees.slackUserId, target.slackUserId)
        : sql`lower(${employees.email}) = ${target.email.toLowerCase()}`,
    )
    .limit(1);
  if (!employee) {
    const who = target.kind === 'slack' ? `<@${target.slackUserId}>` : target.email;
    throw new UserError('validation_failed', `${who} is not on the roster.`);
  }
  const period = await resolvePeriod(db, periodText, isoDay(options.now, options.timezone));
  const [record] = await personRecords(db, windowFor(period, options), {
    kind: 'employee',
    employeeId: employee.id,
  });
  return { period, employee, record: record ?? null };
}

export interface LaggingPerson {
  rosterId: number;
  name: string;
  slackUserId: string | null;
  department: string | null;
  botsSubmitted: number;
  botsApproved: number;
  managerName: string | null;
  managerSlackUserId: string | null;
}

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
      throw new UserError(
        'validation_failed',
        `No one is in a department called "${department}". Departments: ${known.join(', ') || 'none yet (import the HR roster)'}.`,
      );
    }
  }
  const period = await resolvePeriod(db, periodText, isoDay(options.now, options.timezone));
  const scope = department ? { kind: 'department' as const, department } : { kind: 'company' as const };
  const records = personRecordsQuery(windowFor(period, options), scope);
  const offset = (Math.max(1, page) - 1) * pageSize;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.roster_id, r.name, r.slack_user_id, r.department, r.bots_submitted, r.bots_approved,
               r.manager_name, r.manager_slack_user_id, count(*) over () as total
        from (${records}) r
        where not r.requirement_met
        order by r.department nulls last, r.name, r.roster_id
        limit ${pageSize} offset ${offset}`,
  );
  const total =
    rows.length > 0
      ? Number(rows[0]?.total)
      : (
          await queryRows<{ total: string | number }>(
            db,
            sql`select count(*) as total from (${records}) r where not r.requirement_met`,
          )
        )[0]?.total;
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    period,
    department,
    page: Math.max(1, page),
    pageSize,
    total: Number(total ?? 0),
    people: rows.map((row) => ({
      rosterId: Number(row.roster_id),
      name: String(row.name),
      slackUserId: text(row.slack_user_id),
      department: text(row.department),
      botsSubmitted: Number(row.bots_submitted),
      botsApproved: Number(row.bots_approved),
      managerName: text(row.manager_name),
      managerSlackUserId: text(row.manager_slack_user_id),
    })),
  };
}
