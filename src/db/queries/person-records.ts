import { sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { queryRows } from '../rows.js';
import {
  type MetricsScope,
  type MetricsWindow,
  type PersonRecord,
  personRecordsQuery,
  toPersonRecord,
} from './metrics.js';

/**
 * Pages of person records (src/db/queries/metrics.ts `personRecordsQuery`, the row HR exports):
 * who has not met the requirement (`/adoption lagging`) and a manager's team (`/bot team`).
 */

/** Someone who has not met the period's requirement, with their manager in the period. */
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

/** One page of the people in scope who have not met the requirement, by department and name, and how many there are. */
export async function laggingPeoplePage(
  db: Tx,
  window: MetricsWindow,
  scope: MetricsScope,
  page: { limit: number; offset: number },
): Promise<{ total: number; people: LaggingPerson[] }> {
  const records = personRecordsQuery(window, scope);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.roster_id, r.name, r.slack_user_id, r.department, r.bots_submitted, r.bots_approved,
               r.manager_name, r.manager_slack_user_id, count(*) over () as total
        from (${records}) r
        where not r.requirement_met
        order by r.department nulls last, r.name, r.roster_id
        limit ${page.limit} offset ${page.offset}`,
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

/**
 * One page of a manager's direct reports' records, those who have not met the requirement first,
 * then by name; with how many there are and how many have met it.
 */
export async function teamRecordsPage(
  db: Tx,
  window: MetricsWindow,
  managerId: number,
  page: { limit: number; offset: number },
): Promise<{ total: number; met: number; records: PersonRecord[] }> {
  const records = personRecordsQuery(window, { kind: 'manager', managerId });
  const [counts] = await queryRows<{ total: string | number; met: string | number }>(
    db,
    sql`select count(*) as total, count(*) filter (where r.requirement_met) as met from (${records}) r`,
  );
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.* from (${records}) r
        order by r.requirement_met, r.name, r.roster_id
        limit ${page.limit} offset ${page.offset}`,
  );
  return {
    total: Number(counts?.total ?? 0),
    met: Number(counts?.met ?? 0),
    records: rows.map(toPersonRecord),
  };
}
