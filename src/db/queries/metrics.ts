import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { queryRows } from '../rows.js';

/**
 * The adoption metrics of DESIGN §5 as SQL aggregations. Definitions, with worked examples, are
 * in docs/metrics.md; this is the only place that encodes them.
 *
 * Everything is computed "as of" the period's end (or now, for a period still running) from
 * timestamps and history, never from current state, so a past period's figures do not move.
 */
export interface MetricsWindow {
  /** First day, inclusive (ISO). */
  start: string;
  /** Last day, inclusive (ISO). */
  end: string;
  /** Period days are calendar days in this zone. */
  timezone: string;
  now: Date;
  requiredApprovedBots: number;
  includeGuests: boolean;
}

export type MetricsScope =
  | { kind: 'company' }
  | { kind: 'department'; department: string }
  | { kind: 'manager'; managerId: number }
  | { kind: 'employee'; employeeId: number }
  /** Roster ids in (afterId, throughId]: one batch of the export, read in id order. */
  | { kind: 'employee-range'; afterId: number; throughId: number }
  /** These roster ids (a batch of at most a few thousand, e.g. the people a nudge is due for). */
  | { kind: 'employees'; ids: readonly number[] };

export interface AdoptionFigures {
  headcount: number;
  builders: number;
  qualified: number;
  newBots: number;
  approvedBots: number;
  pendingReviews: number;
  medianReviewTurnaroundHours: number | null;
  uses: number;
  distinctColleagueUsers: number;
  adoptedBots: number;
  medianDaysToFirstBot: number | null;
  estimatedHoursSavedPerWeek: number;
}

/** A bot is "adopted" when this many colleagues used it in the 28 days up to the as-of time. */
export const ADOPTION_THRESHOLD = 3;
export const ADOPTION_WINDOW_DAYS = 28;

function scopeFilter(scope: MetricsScope): SQL {
  switch (scope.kind) {
    case 'company':
      return sql`true`;
    case 'department':
      return sql`lower(coalesce(h.department, e.department)) = lower(${scope.department})`;
    case 'manager':
      return sql`coalesce(h.manager_id, e.manager_id) = ${scope.managerId}`;
    case 'employee':
      return sql`e.id = ${scope.employeeId}`;
    case 'employee-range':
      return sql`e.id > ${scope.afterId} and e.id <= ${scope.throughId}`;
    case 'employees':
      return scope.ids.length === 0
        ? sql`false`
        : sql`e.id in (${sql.join(
            scope.ids.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  }
}

/**
 * The period's bounds as SQL expressions: its first instant, and the as-of time (the end of its last
 * day, or now for a period still running). Written inline wherever they are used, rather than read
 * from a one-row CTE, so that the planner sees constants: with them it estimates "bots submitted
 * before the as-of time" or "uses since the start" correctly and picks index scans for a department
 * or a person instead of hashing every bot and every use of the period.
 */
function periodBounds(window: MetricsWindow): { start: SQL; asOf: SQL } {
  return {
    start: sql`((${window.start}::date)::timestamp at time zone ${window.timezone})`,
    asOf: sql`least(((${window.end}::date + 1)::timestamp at time zone ${window.timezone}), ${window.now.toISOString()}::timestamptz)`,
  };
}

/** The as-of time of a window (the end of its last day, or now for a period still running). */
export async function windowAsOf(db: Tx, window: MetricsWindow): Promise<Date> {
  const [row] = await queryRows<{ as_of: string | Date }>(
    db,
    sql`select ${periodBounds(window).asOf} as as_of`,
  );
  if (!row) throw new Error('as-of query returned no row');
  return new Date(row.as_of);
}

/** Who counts in the period, and in which department and under whom, as of its end (roster history). */
function membersQuery(window: MetricsWindow, scope: MetricsScope): SQL {
  const { asOf } = periodBounds(window);
  return sql`
      select e.id, e.active_from, coalesce(h.department, e.department) as department,
             coalesce(h.manager_id, e.manager_id) as manager_id
      from employees e
      left join employee_history h
        on h.employee_id = e.id and h.valid_from <= ${asOf} and (h.valid_to is null or h.valid_to > ${asOf})
      where e.active_from <= ${window.end}::date
        and (e.active_until is null or e.active_until > ${window.start}::date)
        and (${window.includeGuests} or not e.is_guest)
        and ${scopeFilter(scope)}`;
}

/**
 * The shared definitions: the period's bounds, its members (who counts, and in which department,
 * as of the end), their bots alive at the end, and when each was first approved.
 */
function baseCtes(window: MetricsWindow, scope: MetricsScope): SQL {
  const { start, asOf } = periodBounds(window);
  return sql`
    bounds as (
      select ${start} as start_ts, ${asOf} as as_of
    ),
    members as (${membersQuery(window, scope)}),
    live_bots as (
      select bt.id, bt.owner_id, bt.submitted_at, bt.hours_saved_per_week
      from bots bt
      join members m on m.id = bt.owner_id
      where bt.submitted_at < ${asOf} and (bt.withdrawn_at is null or bt.withdrawn_at >= ${asOf})
        -- An entry made for someone on Slack counts once they confirm it (its submitted_at is then
        -- the confirmation time, so no past period moves); pending and declined entries never count.
        and (bt.owner_confirmation is null or bt.owner_confirmation = 'confirmed')
    ),
    decisions as (
      select r.bot_id,
             min(r.decided_at) as first_decided_at,
             min(r.decided_at) filter (where r.decision = 'approved') as approved_at
      from reviews r
      join live_bots lb on lb.id = r.bot_id
      where r.decided_at < ${asOf}
      group by r.bot_id
    ),
    bot_facts as (
      select lb.id, lb.owner_id, lb.submitted_at, lb.hours_saved_per_week, d.first_decided_at, d.approved_at
      from live_bots lb
      left join decisions d on d.bot_id = lb.id
    ),
    per_owner as (
      select bf.owner_id,
             count(*) filter (where bf.approved_at >= ${start}) as approved_in_period,
             min(bf.submitted_at) filter (where bf.submitted_at >= ${start}) as first_in_period
      from bot_facts bf
      group by bf.owner_id
    )`;
}

export async function adoptionFigures(
  db: Tx,
  window: MetricsWindow,
  scope: MetricsScope,
): Promise<AdoptionFigures> {
  const [row] = await queryRows<Record<string, string | number | null>>(
    db,
    adoptionFiguresQuery(window, scope),
  );
  if (!row) throw new Error('metrics query returned no row');
  return toFigures(row);
}

/** A count from SQL (a bigint arrives as a string; no row, 0) and a value that may be missing. */
const num = (value: string | number | null | undefined) =>
  value === null || value === undefined ? 0 : Number(value);
const maybe = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

function toFigures(row: Record<string, string | number | null>): AdoptionFigures {
  return {
    headcount: num(row.headcount),
    builders: num(row.builders),
    qualified: num(row.qualified),
    newBots: num(row.new_bots),
    approvedBots: num(row.approved_bots),
    pendingReviews: num(row.pending_reviews),
    medianReviewTurnaroundHours: maybe(row.median_review_hours),
    uses: num(row.uses),
    distinctColleagueUsers: num(row.distinct_users),
    adoptedBots: num(row.adopted_bots),
    medianDaysToFirstBot: maybe(row.median_days_to_first),
    estimatedHoursSavedPerWeek: num(row.hours_saved),
  };
}

/** The SQL behind `adoptionFigures` (one row), e.g. for EXPLAIN in bench/metrics-queries.ts. */
export function adoptionFiguresQuery(window: MetricsWindow, scope: MetricsScope): SQL {
  const { start, asOf } = periodBounds(window);
  // Each CTE is read in one pass that computes all of its figures (FILTER), not once per figure.
  return sql`with ${baseCtes(window, scope)},
    colleague_uses as (
      select u.bot_id, u.user_id, u.occurred_at
      from usage_events u
      join live_bots lb on lb.id = u.bot_id
      where u.occurred_at >= least(${start}, ${asOf} - make_interval(days => ${ADOPTION_WINDOW_DAYS}))
        and u.occurred_at < ${asOf}
        and u.user_id is distinct from lb.owner_id
    ),
    people as (
      select count(*) as headcount,
             count(*) filter (where coalesce(po.approved_in_period, 0) >= ${window.requiredApprovedBots}) as qualified,
             percentile_cont(0.5) within group (order by
               (po.first_in_period at time zone ${window.timezone})::date - greatest(${window.start}::date, m.active_from))
               filter (where po.first_in_period is not null) as median_days_to_first
      from members m
      left join per_owner po on po.owner_id = m.id
    ),
    bot_totals as (
      select count(*) filter (where bf.submitted_at >= ${start}) as new_bots,
             count(*) filter (where bf.approved_at >= ${start}) as approved_bots,
             count(*) filter (where bf.first_decided_at is null) as pending_reviews,
             percentile_cont(0.5) within group (order by extract(epoch from bf.first_decided_at - bf.submitted_at) / 3600)
               filter (where bf.first_decided_at >= ${start}) as median_review_hours,
             coalesce(sum(bf.hours_saved_per_week) filter (where bf.approved_at is not null), 0) as hours_saved
      from bot_facts bf
    ),
    use_totals as (
      select count(*) filter (where cu.occurred_at >= ${start}) as uses,
             count(distinct cu.user_id) filter (where cu.occurred_at >= ${start}) as distinct_users
      from colleague_uses cu
    )
    select p.headcount,
      (select count(*) from per_owner) as builders,
      p.qualified, bt.new_bots, bt.approved_bots, bt.pending_reviews, bt.median_review_hours,
      ut.uses, ut.distinct_users,
      (select count(*) from (
        select cu.bot_id from colleague_uses cu
        where cu.occurred_at >= ${asOf} - make_interval(days => ${ADOPTION_WINDOW_DAYS}) and cu.user_id is not null
        group by cu.bot_id having count(distinct cu.user_id) >= ${ADOPTION_THRESHOLD}) adopted) as adopted_bots,
      p.median_days_to_first, bt.hours_saved
    from people p, bot_totals bt, use_totals ut`;
}

/** The figures of one department (grouped by its exact name, as `figuresByDepartment` does). */
export interface DepartmentAdoptionFigures {
  department: string | null;
  figures: AdoptionFigures;
}

/**
 * The company's figures and every department's, from one statement (so they agree with each other),
 * each equal to `adoptionFigures` for that scope: the same CTEs and the same predicates, grouped by
 * the member's department as of the as-of time (GROUPING SETS: one row per department, one for all).
 * Departments come largest first, like `figuresByDepartment`; people without a department form the
 * `null` group. This is what the snapshot refresh runs: at full scale one pass costs about what the
 * company figures alone cost, where 40 department queries would cost twice as much again.
 */
export async function adoptionFiguresByDepartment(
  db: Tx,
  window: MetricsWindow,
): Promise<{ company: AdoptionFigures; departments: DepartmentAdoptionFigures[] }> {
  const rows = await queryRows<Record<string, string | number | null>>(
    db,
    adoptionFiguresByDepartmentQuery(window),
  );
  let company: AdoptionFigures | undefined;
  const departments: DepartmentAdoptionFigures[] = [];
  for (const row of rows) {
    if (Number(row.all_rows) === 1) company = toFigures(row);
    else
      departments.push({
        department: row.department === null ? null : String(row.department),
        figures: toFigures(row),
      });
  }
  return { company: company ?? toFigures({}), departments };
}

/** The SQL behind `adoptionFiguresByDepartment`: the company row first (all_rows = 1), then departments. */
export function adoptionFiguresByDepartmentQuery(window: MetricsWindow): SQL {
  const { start, asOf } = periodBounds(window);
  // `all_rows` is grouping(department): 1 on the company row, 0 on a department's (including the
  // null department), so the null group and the company row never meet in the joins below.
  return sql`with ${baseCtes(window, { kind: 'company' })},
    colleague_uses as (
      select u.bot_id, u.user_id, u.occurred_at, m.department
      from usage_events u
      join live_bots lb on lb.id = u.bot_id
      join members m on m.id = lb.owner_id
      where u.occurred_at >= least(${start}, ${asOf} - make_interval(days => ${ADOPTION_WINDOW_DAYS}))
        and u.occurred_at < ${asOf}
        and u.user_id is distinct from lb.owner_id
    ),
    people as (
      select grouping(m.department) as all_rows, m.department,
             count(*) as headcount,
             count(po.owner_id) as builders,
             count(*) filter (where coalesce(po.approved_in_period, 0) >= ${window.requiredApprovedBots}) as qualified,
             percentile_cont(0.5) within group (order by
               (po.first_in_period at time zone ${window.timezone})::date - greatest(${window.start}::date, m.active_from))
               filter (where po.first_in_period is not null) as median_days_to_first
      from members m
      left join per_owner po on po.owner_id = m.id
      group by grouping sets ((m.department), ())
    ),
    bot_totals as (
      select grouping(m.department) as all_rows, m.department,
             count(*) filter (where bf.submitted_at >= ${start}) as new_bots,
             count(*) filter (where bf.approved_at >= ${start}) as approved_bots,
             count(*) filter (where bf.first_decided_at is null) as pending_reviews,
             percentile_cont(0.5) within group (order by extract(epoch from bf.first_decided_at - bf.submitted_at) / 3600)
               filter (where bf.first_decided_at >= ${start}) as median_review_hours,
             coalesce(sum(bf.hours_saved_per_week) filter (where bf.approved_at is not null), 0) as hours_saved
      from bot_facts bf
      join members m on m.id = bf.owner_id
      group by grouping sets ((m.department), ())
    ),
    use_totals as (
      select grouping(cu.department) as all_rows, cu.department,
             count(*) filter (where cu.occurred_at >= ${start}) as uses,
             count(distinct cu.user_id) filter (where cu.occurred_at >= ${start}) as distinct_users
      from colleague_uses cu
      group by grouping sets ((cu.department), ())
    ),
    adopted as (
      select grouping(a.department) as all_rows, a.department, count(*) as adopted_bots
      from (
        select cu.department, cu.bot_id from colleague_uses cu
        where cu.occurred_at >= ${asOf} - make_interval(days => ${ADOPTION_WINDOW_DAYS}) and cu.user_id is not null
        group by cu.department, cu.bot_id having count(distinct cu.user_id) >= ${ADOPTION_THRESHOLD}) a
      group by grouping sets ((a.department), ())
    )
    select p.all_rows, p.department, p.headcount, p.builders, p.qualified,
           bt.new_bots, bt.approved_bots, bt.pending_reviews, bt.median_review_hours,
           ut.uses, ut.distinct_users, ad.adopted_bots, p.median_days_to_first, bt.hours_saved
    from people p
    left join bot_totals bt on bt.all_rows = p.all_rows and bt.department is not distinct from p.department
    left join use_totals ut on ut.all_rows = p.all_rows and ut.department is not distinct from p.department
    left join adopted ad on ad.all_rows = p.all_rows and ad.department is not distinct from p.department
    order by p.all_rows desc, p.headcount desc, p.department`;
}

export interface DepartmentFigures {
  department: string | null;
  headcount: number;
  builders: number;
  qualified: number;
}

/** Headcount, builders and qualified per department (as of the period's end), largest first. */
export async function figuresByDepartment(db: Tx, window: MetricsWindow): Promise<DepartmentFigures[]> {
  const rows = await queryRows<Record<string, string | number | null>>(db, figuresByDepartmentQuery(window));
  return rows.map((row) => ({
    department: row.department === null ? null : String(row.department),
    headcount: Number(row.headcount),
    builders: Number(row.builders),
    qualified: Number(row.qualified),
  }));
}

/** The SQL behind `figuresByDepartment`. */
export function figuresByDepartmentQuery(window: MetricsWindow): SQL {
  return sql`with ${baseCtes(window, { kind: 'company' })}
    select m.department,
           count(*) as headcount,
           count(po.owner_id) as builders,
           count(*) filter (where coalesce(po.approved_in_period, 0) >= ${window.requiredApprovedBots}) as qualified
    from members m
    left join per_owner po on po.owner_id = m.id
    group by m.department
    order by count(*) desc, m.department`;
}

/** One employee's record for a period: the row HR exports, and exactly what `/bot me` shows them. */
export interface PersonRecord {
  /** The roster's own id (employees.id), never shown in the export. */
  rosterId: number;
  employeeId: string | null;
  slackUserId: string | null;
  name: string;
  email: string | null;
  department: string | null;
  managerEmail: string | null;
  /** The manager in the period (for review summaries); never in the export. */
  managerSlackUserId: string | null;
  botsSubmitted: number;
  botsApproved: number;
  firstSubmittedAt: Date | null;
  bestScore: number | null;
  colleagueUses: number;
  distinctColleagueUsers: number;
  estHoursSavedPerWeek: number;
  requirementMet: boolean;
  /**
   * Who entered this person's bots for them (manager, AI champion or HR), among the bots the record
   * counts (submitted or approved in the period): names and emails, by name. Empty when they entered
   * their own.
   */
  enteredBy: Array<{ name: string; email: string | null }>;
  /** Uses the person's bots reported about themselves (usage API): shown apart, never counted. */
  reportedUses: number;
  /** AI sessions held in the period (not cancelled) that they were marked as attending. */
  sessionsAttended: number;
}

/** Person records of everyone in scope who counts in the period, by department then name. */
export async function personRecords(
  db: Tx,
  window: MetricsWindow,
  scope: MetricsScope,
): Promise<PersonRecord[]> {
  const rows = await queryRows<Record<string, unknown>>(db, personRecordsQuery(window, scope));
  return rows.map(toPersonRecord);
}

export function personRecordsQuery(window: MetricsWindow, scope: MetricsScope): SQL {
  return sql`with ${baseCtes(window, scope)},
    uses as (
      select lb.owner_id, count(*) as uses, count(distinct u.user_id) as users
      from usage_events u
      join live_bots lb on lb.id = u.bot_id
      cross join bounds b
      where u.occurred_at >= b.start_ts and u.occurred_at < b.as_of and u.user_id is distinct from lb.owner_id
      group by lb.owner_id
    ),
    reported as (
      select lb.owner_id, count(*) as reported
      from reported_uses ru
      join live_bots lb on lb.id = ru.bot_id
      cross join bounds b
      where ru.occurred_at >= b.start_ts and ru.occurred_at < b.as_of
      group by lb.owner_id
    ),
    scores as (
      select lb.owner_id, max(r.score) as best_score
      from reviews r
      join live_bots lb on lb.id = r.bot_id
      cross join bounds b
      where r.decided_at >= b.start_ts and r.decided_at < b.as_of
      group by lb.owner_id
    ),
    attended as (
      select a.employee_id, count(*) as sessions
      from session_attendance a
      join members m on m.id = a.employee_id
      join training_sessions s on s.id = a.session_id
      cross join bounds b
      where s.starts_at >= b.start_ts and s.starts_at < b.as_of and s.cancelled_at is null
      group by a.employee_id
    ),
    own_bots as (
      select lb.owner_id,
             count(*) filter (where lb.submitted_at >= b.start_ts) as submitted,
             coalesce(sum(lb.hours_saved_per_week) filter (where d.approved_at is not null), 0) as hours
      from live_bots lb
      left join decisions d on d.bot_id = lb.id
      cross join bounds b
      group by lb.owner_id
    ),
    entered as (
      select lb.owner_id,
             jsonb_agg(distinct jsonb_build_object('name', en.name, 'email', en.email)) as entered_by
      from bots bt
      join live_bots lb on lb.id = bt.id
      left join decisions d on d.bot_id = lb.id
      join employees en on en.id = bt.entered_by_id
      cross join bounds b
      where bt.entered_by_id is not null and bt.entered_by_id <> bt.owner_id
        and (lb.submitted_at >= b.start_ts or d.approved_at >= b.start_ts)
      group by lb.owner_id
    )
    select e.id as roster_id, e.hr_employee_id, e.slack_user_id, e.name, e.email, m.department,
           mgr.email as manager_email, mgr.name as manager_name, mgr.slack_user_id as manager_slack_user_id,
           coalesce(ob.submitted, 0) as bots_submitted,
           coalesce(po.approved_in_period, 0) as bots_approved,
           po.first_in_period as first_submitted_at,
           sc.best_score,
           coalesce(us.uses, 0) as colleague_uses,
           coalesce(us.users, 0) as distinct_colleague_users,
           coalesce(ob.hours, 0) as hours,
           coalesce(po.approved_in_period, 0) >= ${window.requiredApprovedBots} as requirement_met,
           ent.entered_by,
           coalesce(rp.reported, 0) as reported_uses,
           coalesce(att.sessions, 0) as sessions_attended
    from members m
    join employees e on e.id = m.id
    left join employees mgr on mgr.id = m.manager_id
    left join per_owner po on po.owner_id = m.id
    left join own_bots ob on ob.owner_id = m.id
    left join uses us on us.owner_id = m.id
    left join reported rp on rp.owner_id = m.id
    left join scores sc on sc.owner_id = m.id
    left join entered ent on ent.owner_id = m.id
    left join attended att on att.employee_id = m.id
    order by ${scope.kind === 'employee-range' ? sql`e.id` : sql`m.department nulls last, e.name, e.id`}`;
}

export function toPersonRecord(row: Record<string, unknown>): PersonRecord {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    rosterId: Number(row.roster_id),
    employeeId: text(row.hr_employee_id),
    slackUserId: text(row.slack_user_id),
    name: String(row.name),
    email: text(row.email),
    department: text(row.department),
    managerEmail: text(row.manager_email),
    managerSlackUserId: text(row.manager_slack_user_id),
    botsSubmitted: Number(row.bots_submitted),
    botsApproved: Number(row.bots_approved),
    firstSubmittedAt: row.first_submitted_at ? new Date(row.first_submitted_at as string | Date) : null,
    bestScore: row.best_score === null ? null : Number(row.best_score),
    colleagueUses: Number(row.colleague_uses),
    distinctColleagueUsers: Number(row.distinct_colleague_users),
    estHoursSavedPerWeek: Number(row.hours),
    requirementMet: row.requirement_met === true || row.requirement_met === 't',
    enteredBy: enteredByList(row.entered_by),
    reportedUses: Number(row.reported_uses ?? 0),
    sessionsAttended: Number(row.sessions_attended ?? 0),
  };
}

/** The `entered_by` JSON array (a string on some drivers), sorted by name then email. */
function enteredByList(value: unknown): Array<{ name: string; email: string | null }> {
  if (value === null || value === undefined) return [];
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as Array<{
    name?: unknown;
    email?: unknown;
  }>;
  return parsed
    .map((p) => ({
      name: String(p.name),
      email: p.email === null || p.email === undefined ? null : String(p.email),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.email ?? '').localeCompare(b.email ?? ''));
}

/**
 * The learning funnel of one group: of its members, who attended ≥ 1 session held in the period,
 * and of those, who is a builder, then qualified, then has a bot a colleague used in the period
 * (each stage a subset of the one before). Beside it, attendees against everyone else: builder
 * rate and median days to first bot (docs/metrics.md, "Funnel").
 */
export interface FunnelFigures {
  headcount: number;
  attended: number;
  attendedBuilders: number;
  attendedQualified: number;
  attendedUsed: number;
  /** Builders among attendees (= attendedBuilders) and among the others. */
  nonAttendees: number;
  nonAttendeeBuilders: number;
  attendeeMedianDaysToFirstBot: number | null;
  nonAttendeeMedianDaysToFirstBot: number | null;
}

export interface DepartmentFunnel {
  department: string | null;
  funnel: FunnelFigures;
}

/** The funnel of one scope and, for the company, each department's (largest first). */
export interface ScopeFunnel {
  funnel: FunnelFigures;
  departments: DepartmentFunnel[];
}

/** The company's funnel and every department's (as of the period's end), from one statement. */
export async function funnelByDepartment(
  db: Tx,
  window: MetricsWindow,
): Promise<{ company: FunnelFigures; departments: DepartmentFunnel[] }> {
  const rows = await queryRows<Record<string, string | number | null>>(db, funnelByDepartmentQuery(window));
  let company: FunnelFigures | undefined;
  const departments: DepartmentFunnel[] = [];
  for (const row of rows) {
    const funnel = toFunnel(row);
    if (Number(row.all_rows) === 1) company = funnel;
    else departments.push({ department: row.department === null ? null : String(row.department), funnel });
  }
  return { company: company ?? toFunnel({}), departments };
}

function toFunnel(row: Record<string, string | number | null>): FunnelFigures {
  return {
    headcount: num(row.headcount),
    attended: num(row.attended),
    attendedBuilders: num(row.attended_builders),
    attendedQualified: num(row.attended_qualified),
    attendedUsed: num(row.attended_used),
    nonAttendees: num(row.non_attendees),
    nonAttendeeBuilders: num(row.non_attendee_builders),
    attendeeMedianDaysToFirstBot: maybe(row.attendee_median_days),
    nonAttendeeMedianDaysToFirstBot: maybe(row.non_attendee_median_days),
  };
}

/**
 * The SQL behind `funnelByDepartment`. Builder and first bot are read for every member from the
 * bots' covering index alone (no reviews); approvals and colleague uses only for attendees' bots,
 * a small share of the company, by index probes. Reading every member's bots still takes about a
 * second at 100,000 people: `/adoption stats` reads the funnel the stats refresh stores
 * (src/domain/figures.ts), and this runs live only as a fallback (docs/benchmarks.md).
 */
export function funnelByDepartmentQuery(window: MetricsWindow): SQL {
  const { start, asOf } = periodBounds(window);
  const days = sql`(m.first_in_period at time zone ${window.timezone})::date - greatest(${window.start}::date, m.active_from)`;
  return sql`with members as (${membersQuery(window, { kind: 'company' })}),
    attended as (
      select distinct a.employee_id
      from session_attendance a
      join training_sessions s on s.id = a.session_id
      where s.starts_at >= ${start} and s.starts_at < ${asOf} and s.cancelled_at is null
    ),
    owners as (
      select bt.owner_id, min(bt.submitted_at) filter (where bt.submitted_at >= ${start}) as first_in_period
      from bots bt
      join members m on m.id = bt.owner_id
      where bt.submitted_at < ${asOf} and (bt.withdrawn_at is null or bt.withdrawn_at >= ${asOf})
      group by bt.owner_id
    ),
    attendee_bots as (
      -- Attendees' live bots, owner by owner through the bots' covering index (a few thousand
      -- probes, not the whole index). Attendees who are not members are dropped by the final join.
      select bt.id, bt.owner_id
      from attended a
      cross join lateral (
        select b.id, b.owner_id from bots b
        where b.owner_id = a.employee_id
          and b.submitted_at < ${asOf} and (b.withdrawn_at is null or b.withdrawn_at >= ${asOf})
      ) bt
    ),
    attendee_approved as (
      select ab.owner_id, count(*) as approved_in_period
      from attendee_bots ab
      join lateral (
        select min(r.decided_at) as approved_at from reviews r
        where r.bot_id = ab.id and r.decision = 'approved' and r.decided_at < ${asOf}
      ) d on true
      where d.approved_at >= ${start}
      group by ab.owner_id
    ),
    attendee_used as (
      -- One colleague's use per bot is enough: a probe of (bot_id, occurred_at, user_id) each,
      -- rather than sorting every use of the period.
      select distinct ab.owner_id
      from attendee_bots ab
      cross join lateral (
        select 1 from usage_events u
        where u.bot_id = ab.id and u.occurred_at >= ${start} and u.occurred_at < ${asOf}
          and u.user_id is not null and u.user_id <> ab.owner_id
        limit 1
      ) used
    ),
    stages as (
      select m.department, m.active_from, o.first_in_period,
             a.employee_id is not null as attended,
             o.owner_id is not null as builder,
             coalesce(aa.approved_in_period, 0) >= ${window.requiredApprovedBots} as qualified,
             au.owner_id is not null as used
      from members m
      left join attended a on a.employee_id = m.id
      left join owners o on o.owner_id = m.id
      left join attendee_approved aa on aa.owner_id = m.id
      left join attendee_used au on au.owner_id = m.id
    )
    select grouping(m.department) as all_rows, m.department,
           count(*) as headcount,
           count(*) filter (where m.attended) as attended,
           count(*) filter (where m.attended and m.builder) as attended_builders,
           count(*) filter (where m.attended and m.builder and m.qualified) as attended_qualified,
           count(*) filter (where m.attended and m.builder and m.qualified and m.used) as attended_used,
           count(*) filter (where not m.attended) as non_attendees,
           count(*) filter (where not m.attended and m.builder) as non_attendee_builders,
           percentile_cont(0.5) within group (order by ${days})
             filter (where m.attended and m.first_in_period is not null) as attendee_median_days,
           percentile_cont(0.5) within group (order by ${days})
             filter (where not m.attended and m.first_in_period is not null) as non_attendee_median_days
    from stages m
    group by grouping sets ((m.department), ())
    order by all_rows desc, headcount desc, m.department`;
}
