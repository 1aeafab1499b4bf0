import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Locale } from '../i18n/locale.js';

/**
 * Every entity of DESIGN §4. Constraints live here, not only in code: the database refuses a
 * second copy of a bot, a score outside 1–5, a period that ends before it starts.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The roster: everyone who counts in headcount, with or without a Slack account. */
export const employees = pgTable(
  'employees',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slackUserId: text('slack_user_id'),
    hrEmployeeId: text('hr_employee_id'),
    name: text('name').notNull(),
    email: text('email'),
    department: text('department'),
    managerId: integer('manager_id').references((): AnyPgColumn => employees.id, {
      onDelete: 'set null',
    }),
    title: text('title'),
    timezone: text('timezone'),
    /** The language to speak to them (from their Slack locale); null: unknown, DEFAULT_LOCALE applies. */
    locale: text('locale').$type<Locale>(),
    isGuest: boolean('is_guest').notNull().default(false),
    /** First day the person counts in headcount (hire date, or first seen). */
    activeFrom: date('active_from').notNull().default(sql`current_date`),
    /** First day the person no longer counts; null while employed. */
    activeUntil: date('active_until'),
    /**
     * Said `/bot remind off`: no deadline nudges (src/domain/nudge-opt-out.ts). Review reminders, to
     * reviewers, are another thing. The column keeps its first name.
     */
    nudgeOptOut: boolean('reminders_opt_out').notNull().default(false),
    /** Which source last set department/manager: HR data wins over Slack profile data. */
    orgSource: text('org_source', { enum: ['slack', 'hr'] })
      .notNull()
      .default('slack'),
    /**
     * A Slack account that presented an email another person's row is already linked to: it got
     * its own row (without that email) and waits for HR to say who it is (docs/roster.md).
     */
    identityReviewNeeded: boolean('identity_review_needed').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('employees_slack_user_id_key').on(t.slackUserId),
    uniqueIndex('employees_hr_employee_id_key').on(t.hrEmployeeId),
    uniqueIndex('employees_email_key').on(sql`lower(${t.email})`),
    index('employees_department_idx').on(t.department),
    index('employees_manager_id_idx').on(t.managerId),
    check('employees_active_range', sql`${t.activeUntil} is null or ${t.activeUntil} >= ${t.activeFrom}`),
  ],
);

/**
 * Roster history: one row per span of time in which a person's department, manager and
 * employment were constant, so that a past period's figures never move when someone changes team.
 */
export const employeeHistory = pgTable(
  'employee_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    department: text('department'),
    managerId: integer('manager_id').references(() => employees.id, { onDelete: 'set null' }),
    active: boolean('active').notNull(),
  },
  (t) => [
    index('employee_history_employee_idx').on(t.employeeId, t.validFrom),
    uniqueIndex('employee_history_open_row_key').on(t.employeeId).where(sql`${t.validTo} is null`),
    check('employee_history_range', sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

export const botStatus = pgEnum('bot_status', [
  'submitted',
  'approved',
  'changes_requested',
  'rejected',
  'withdrawn',
]);
/** A bot's status: the one list (the rules for moving between them: src/domain/bot-status.ts). */
export type BotStatus = (typeof botStatus.enumValues)[number];

/**
 * A bot entered for someone else waits for its owner's word when the owner has Slack (issue 14):
 * `pending` until they answer, then `confirmed` or `declined` (declined bots are withdrawn). Null:
 * nothing to confirm (the owner entered it, or has no Slack). Only null and `confirmed` count.
 */
export const botOwnerConfirmation = pgEnum('bot_owner_confirmation', ['pending', 'confirmed', 'declined']);

/** A submission: the unit of adoption. Shown to users as #id. */
export const bots = pgTable(
  'bots',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => employees.id),
    name: text('name').notNull(),
    description: text('description').notNull(),
    link: text('link'),
    platform: text('platform'),
    category: text('category'),
    hoursSavedPerWeek: numeric('hours_saved_per_week', { precision: 6, scale: 2, mode: 'number' }),
    status: botStatus('status').notNull().default('submitted'),
    /**
     * The content's version: 1 at submission, +1 on every edit. Review buttons and the decision
     * modal carry the version the reviewer saw; a decision on another version decides nothing.
     */
    version: integer('version').notNull().default(1),
    reviewerId: integer('reviewer_id').references(() => employees.id, { onDelete: 'set null' }),
    /** sha256 of the bot's usage-API token; the token itself is never stored. */
    usageTokenHash: text('usage_token_hash'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** When the current review was requested (submission or resubmission): the reminder clock. */
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    /** The reviewer's DM for the current request, updated once decided so stale buttons go. */
    reviewMessageChannel: text('review_message_channel'),
    reviewMessageTs: text('review_message_ts'),
    /** The last reminder sent to the reviewer about this bot (at most one a day). */
    reviewRemindedAt: timestamp('review_reminded_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Who entered it for the owner (their manager, an AI champion or HR); null when the owner did. */
    enteredById: integer('entered_by_id').references((): AnyPgColumn => employees.id, {
      onDelete: 'set null',
    }),
    ownerConfirmation: botOwnerConfirmation('owner_confirmation'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The same owner cannot hold two live bots with one name (any case) or one link.
    uniqueIndex('bots_owner_name_key')
      .on(t.ownerId, sql`lower(${t.name})`)
      .where(sql`${t.status} <> 'withdrawn'`),
    uniqueIndex('bots_owner_link_key')
      .on(t.ownerId, sql`lower(${t.link})`)
      .where(sql`${t.link} is not null and ${t.status} <> 'withdrawn'`),
    uniqueIndex('bots_usage_token_hash_key').on(t.usageTokenHash),
    index('bots_owner_idx').on(t.ownerId, t.createdAt),
    index('bots_status_idx').on(t.status, t.submittedAt),
    index('bots_reviewer_idx').on(t.reviewerId).where(sql`${t.status} = 'submitted'`),
    // Metrics read a group's live bots by owner from this index alone (no heap visits); see docs/benchmarks.md.
    index('bots_owner_live_idx').on(
      t.ownerId,
      t.submittedAt,
      t.withdrawnAt,
      t.hoursSavedPerWeek,
      t.id,
      t.ownerConfirmation,
    ),
    index('bots_entered_by_idx').on(t.enteredById, t.ownerId).where(sql`${t.enteredById} is not null`),
    check(
      'bots_hours_range',
      sql`${t.hoursSavedPerWeek} is null or ${t.hoursSavedPerWeek} between 0 and 168`,
    ),
  ],
);

export const reviewDecision = pgEnum('review_decision', ['approved', 'changes_requested', 'rejected']);
export type ReviewDecision = (typeof reviewDecision.enumValues)[number];

export const reviews = pgTable(
  'reviews',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    botId: integer('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => employees.id),
    decision: reviewDecision('decision').notNull(),
    score: smallint('score'),
    comment: text('comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Covers the metrics' first decision / first approval / best score per bot (index-only), and any
    // lookup by bot_id (reviews_bot_idx, its prefix, was dropped as redundant: docs/benchmarks.md).
    index('reviews_bot_decision_idx').on(t.botId, t.decidedAt, t.decision, t.score),
    check('reviews_score_range', sql`${t.score} is null or ${t.score} between 1 and 5`),
    check('reviews_approval_has_score', sql`${t.decision} <> 'approved' or ${t.score} is not null`),
  ],
);

export const usageSource = pgEnum('usage_source', ['slash', 'button', 'api']);

export const usageEvents = pgTable(
  'usage_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    botId: integer('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    /** Null when a bot reports a use without saying who. */
    userId: integer('user_id').references(() => employees.id, { onDelete: 'set null' }),
    source: usageSource('source').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Covers a group's or a person's colleague uses per bot and period (index-only, with the user), and
    // any lookup by bot_id (usage_events_bot_idx, its prefix, was dropped as redundant: docs/benchmarks.md).
    index('usage_events_bot_user_idx').on(t.botId, t.occurredAt, t.userId),
    index('usage_events_user_idx').on(t.userId, t.occurredAt),
    index('usage_events_occurred_idx').on(t.occurredAt),
    // Only a colleague's own action in Slack is a use; what a bot reports is a reported use (below).
    check('usage_events_slack_source', sql`${t.source} <> 'api'`),
  ],
);

/**
 * Uses a bot reported about itself over the usage API. Its token is held by the bot's owner, so a
 * report is the owner's word: kept and shown apart as "reported by the bot", never counted as a
 * colleague's use, in any figure or requirement (docs/metrics.md, docs/usage-api.md).
 */
export const reportedUses = pgTable(
  'reported_uses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    botId: integer('bot_id')
      .notNull()
      .references(() => bots.id, { onDelete: 'cascade' }),
    /** The roster member the report named; null when anonymous or when nobody on the roster has that email. */
    userId: integer('user_id').references(() => employees.id, { onDelete: 'set null' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The report's own `id`: a replay with the same id is stored once per bot. */
    reportId: text('report_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reported_uses_bot_report_key').on(t.botId, t.reportId).where(sql`${t.reportId} is not null`),
    index('reported_uses_bot_occurred_idx').on(t.botId, t.occurredAt),
    index('reported_uses_user_idx').on(t.userId),
    check('reported_uses_report_id_length', sql`char_length(${t.reportId}) between 1 and 100`),
  ],
);

export const reviewPeriods = pgTable(
  'review_periods',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    /** Inclusive last day. */
    endsOn: date('ends_on').notNull(),
    requiredApprovedBots: smallint('required_approved_bots').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('review_periods_name_key').on(sql`lower(${t.name})`),
    index('review_periods_range_idx').on(t.startsOn, t.endsOn),
    check('review_periods_range', sql`${t.endsOn} >= ${t.startsOn}`),
    check('review_periods_requirement', sql`${t.requiredApprovedBots} between 0 and 100`),
  ],
);

/** Append-only: who looked at or exported whose data, when, and how. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    actorSlackUserId: text('actor_slack_user_id').notNull(),
    action: text('action').notNull(),
    subjectEmployeeId: integer('subject_employee_id').references(() => employees.id, {
      onDelete: 'set null',
    }),
    via: text('via', { enum: ['command', 'home', 'cli', 'schedule'] }).notNull(),
    detail: jsonb('detail'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_subject_idx').on(t.subjectEmployeeId)],
);

export const deliveryStatus = pgEnum('delivery_status', ['pending', 'sending', 'sent', 'failed']);

/** Every scheduled message, planned before it is sent, so that none is sent twice or skipped. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    job: text('job').notNull(),
    /** Which sender delivers it (src/jobs/outbox/kinds.ts); the payload's shape is the kind's. */
    kind: text('kind').notNull(),
    /** e.g. digest:2026-W48:C0123 — unique per job, period and recipient. */
    key: text('key').notNull(),
    recipient: text('recipient').notNull(),
    payload: jsonb('payload').notNull(),
    status: deliveryStatus('status').notNull().default('pending'),
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    /** Time spent waiting out Slack's Retry-After for this row; capped (not counted as attempts). */
    rateLimitedMs: integer('rate_limited_ms').notNull().default(0),
    /** What Slack answered for the send that succeeded (message ts, file id). */
    result: jsonb('result'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('deliveries_key').on(t.key),
    index('deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('deliveries_job_idx').on(t.job, t.createdAt),
  ],
);

/**
 * `running`: claimed, lease held; `done`: finished; `failed`: threw, retried after `next_attempt_at`
 * while its window is open; `missed`: its window closed before it was done (docs/scheduling.md).
 */
export const jobRunStatus = pgEnum('job_run_status', ['running', 'done', 'failed', 'missed']);

/**
 * One scheduled fire of a job (src/jobs/run-coordinator.ts), and records such as nudge checks. A fire
 * is claimed with a lease; a failed or abandoned one is claimed again, on any replica, until done.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }).notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Rows written before leases existed, and plain records (nudge checks), are done when written. */
    status: jobRunStatus('status').notNull().default('done'),
    attempts: smallint('attempts').notNull().default(1),
    /** While running: the claim is the holder's until then; past it, the run is taken for abandoned. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** While failed: not retried before then. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** A code or short reason, never an error object's message with query parameters. */
    lastError: text('last_error'),
  },
  (t) => [primaryKey({ columns: [t.job, t.scheduledFor] })],
);

/** Slack event ids already handled: Slack retries, Bolt does not de-duplicate. */
export const processedSlackEvents = pgTable(
  'processed_slack_events',
  {
    eventId: text('event_id').primaryKey(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('processed_slack_events_received_idx').on(t.receivedAt)],
);

/**
 * Precomputed adoption figures of one scope (the company, or a department by its lower-case name)
 * for one period, as the metrics module computed them at `computed_at` (as of `as_of`). HR stats
 * read these when fresh; see src/domain/figures.ts and docs/benchmarks.md.
 */
export const adoptionSnapshots = pgTable(
  'adoption_snapshots',
  {
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    timezone: text('timezone').notNull(),
    requiredApprovedBots: smallint('required_approved_bots').notNull(),
    includeGuests: boolean('include_guests').notNull(),
    scopeKind: text('scope_kind', { enum: ['company', 'department'] }).notNull(),
    /** '' for the company; the department's name in lower case. */
    scopeKey: text('scope_key').notNull(),
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    /** AdoptionFigures. */
    figures: jsonb('figures').notNull(),
    /** Company rows written by the refresh: headcount, builders, qualified per department. */
    departments: jsonb('departments'),
    /** ScopeFunnel (the learning funnel; department rows: no departments), computed with `figures`. */
    funnel: jsonb('funnel'),
  },
  (t) => [
    primaryKey({
      name: 'adoption_snapshots_pkey',
      columns: [
        t.periodStart,
        t.periodEnd,
        t.timezone,
        t.requiredApprovedBots,
        t.includeGuests,
        t.scopeKind,
        t.scopeKey,
      ],
    }),
    index('adoption_snapshots_computed_idx').on(t.computedAt),
  ],
);

/**
 * An AI session (course, workshop, office hours): the company's rooms, time and courses. Created by
 * HR or an AI champion; hosted by one person on the roster. A cancelled session keeps its row (and
 * its attendance, if any) so past figures do not move; it just stops being offered.
 */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    minutes: smallint('minutes').notNull(),
    /** A room or a link, as typed. */
    location: text('location').notNull(),
    seats: smallint('seats').notNull(),
    hostId: integer('host_id')
      .notNull()
      .references(() => employees.id),
    createdBy: text('created_by').notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('training_sessions_starts_idx').on(t.startsAt).where(sql`${t.cancelledAt} is null`),
    check('training_sessions_minutes_range', sql`${t.minutes} between 5 and 1440`),
    check('training_sessions_seats_range', sql`${t.seats} between 1 and 1000`),
  ],
);

export const sessionSeatStatus = pgEnum('session_seat_status', ['joined', 'waiting']);

/**
 * Who joined a session (a seat) or waits for one. Leaving deletes the row; the waiting list is in
 * the order of `id` (one row per join, so a person who leaves and joins again goes to the back).
 */
export const sessionSeats = pgTable(
  'session_seats',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    status: sessionSeatStatus('status').notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('session_seats_session_employee_key').on(t.sessionId, t.employeeId),
    index('session_seats_employee_idx').on(t.employeeId),
  ],
);

/** Who came to a session, as marked by its host, HR or a champion (joined or not). */
export const sessionAttendance = pgTable(
  'session_attendance',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    markedBy: text('marked_by').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.employeeId] }),
    // The funnel and the export count a person's sessions attended (index-only by employee).
    index('session_attendance_employee_idx').on(t.employeeId, t.sessionId),
  ],
);
