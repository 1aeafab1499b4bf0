import { and, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { queryRows } from '../rows.js';
import { jobRuns } from '../schema.js';

/** Scheduled fires (job_runs): claimed with a lease, finished, failed, retried, or recorded as missed. */

export type JobRunRow = typeof jobRuns.$inferSelect;

/** One replica's hold on one fire: valid while the row is `running` at this attempt. */
export interface JobRunClaim {
  job: string;
  scheduledFor: Date;
  attempt: number;
}

/**
 * Claims a fire: inserts its row as `running` (when `insert`), or takes over a row that failed and
 * is due again, or whose holder's lease ran out. Returns the claim, or null when the fire is done,
 * missed, held by a live lease, waiting for its retry time — or (without `insert`) never claimed.
 * One statement, so of several replicas exactly one gets each claim.
 */
export async function claimJobRun(
  db: Tx,
  input: { job: string; scheduledFor: Date; replicaId: string; now: Date; leaseUntil: Date; insert: boolean },
): Promise<JobRunClaim | null> {
  const now = input.now.toISOString();
  const lease = input.leaseUntil.toISOString();
  const takeOver = sql`(job_runs.status = 'failed' and job_runs.next_attempt_at <= ${now}::timestamptz)
    or (job_runs.status = 'running' and job_runs.lease_until <= ${now}::timestamptz)`;
  const rows = input.insert
    ? await queryRows<{ attempts: number | string }>(
        db,
        sql`insert into job_runs (job, scheduled_for, claimed_by, claimed_at, status, attempts, lease_until)
          values (${input.job}, ${input.scheduledFor.toISOString()}::timestamptz, ${input.replicaId},
            ${now}::timestamptz, 'running', 1, ${lease}::timestamptz)
          on conflict (job, scheduled_for) do update set status = 'running', attempts = job_runs.attempts + 1,
            lease_until = excluded.lease_until, claimed_by = excluded.claimed_by,
            claimed_at = excluded.claimed_at, next_attempt_at = null
          where ${takeOver}
          returning attempts`,
      )
    : await queryRows<{ attempts: number | string }>(
        db,
        sql`update job_runs set status = 'running', attempts = attempts + 1, lease_until = ${lease}::timestamptz,
            claimed_by = ${input.replicaId}, claimed_at = ${now}::timestamptz, next_attempt_at = null
          where job = ${input.job} and scheduled_for = ${input.scheduledFor.toISOString()}::timestamptz
            and (${takeOver})
          returning attempts`,
      );
  const [row] = rows;
  return row ? { job: input.job, scheduledFor: input.scheduledFor, attempt: Number(row.attempts) } : null;
}

/** The holder's update of its own claim; false when the claim is no longer this attempt's. */
async function updateClaim(
  db: Tx,
  claim: JobRunClaim,
  set: Partial<typeof jobRuns.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(jobRuns)
    .set(set)
    .where(
      and(
        eq(jobRuns.job, claim.job),
        eq(jobRuns.scheduledFor, claim.scheduledFor),
        eq(jobRuns.attempts, claim.attempt),
        eq(jobRuns.status, 'running'),
      ),
    )
    .returning({ job: jobRuns.job });
  return rows.length > 0;
}

export function renewJobRunLease(db: Tx, claim: JobRunClaim, leaseUntil: Date): Promise<boolean> {
  return updateClaim(db, claim, { leaseUntil });
}

export function finishJobRun(db: Tx, claim: JobRunClaim, now: Date): Promise<boolean> {
  return updateClaim(db, claim, { status: 'done', finishedAt: now, leaseUntil: null, lastError: null });
}

export function failJobRun(db: Tx, claim: JobRunClaim, retryAt: Date, error: string): Promise<boolean> {
  return updateClaim(db, claim, {
    status: 'failed',
    nextAttemptAt: retryAt,
    leaseUntil: null,
    lastError: error,
  });
}

/** Whether the job has a fire recorded before `before` (it was scheduled on this database then). */
export async function jobRanBefore(db: Tx, job: string, before: Date): Promise<boolean> {
  const [row] = await db
    .select({ job: jobRuns.job })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), lt(jobRuns.scheduledFor, before)))
    .limit(1);
  return row !== undefined;
}

/**
 * Records a fire whose window has closed without it being done as `missed`: inserted when no
 * replica ever claimed it, or updated from `failed` or an abandoned `running`. Returns 'absent' (never
 * claimed) or 'unfinished' (failed or abandoned) when it was recorded now, or null when it was done,
 * missed already, or is still held by a live lease.
 */
export async function recordMissedJobRun(
  db: Tx,
  input: { job: string; scheduledFor: Date; replicaId: string; now: Date; reason: string },
): Promise<'absent' | 'unfinished' | null> {
  const now = input.now.toISOString();
  const at = input.scheduledFor.toISOString();
  const inserted = await queryRows<{ job: string }>(
    db,
    sql`insert into job_runs (job, scheduled_for, claimed_by, claimed_at, status, attempts, last_error)
      values (${input.job}, ${at}::timestamptz, ${input.replicaId}, ${now}::timestamptz, 'missed', 0, ${input.reason})
      on conflict (job, scheduled_for) do nothing
      returning job`,
  );
  if (inserted.length > 0) return 'absent';
  const updated = await queryRows<{ job: string }>(
    db,
    sql`update job_runs set status = 'missed', lease_until = null, next_attempt_at = null,
        last_error = coalesce(last_error || '; ', '') || ${input.reason}
      where job = ${input.job} and scheduled_for = ${at}::timestamptz
        and (status = 'failed' or (status = 'running' and lease_until <= ${now}::timestamptz))
      returning job`,
  );
  return updated.length > 0 ? 'unfinished' : null;
}

export async function findJobRun(db: Tx, job: string, scheduledFor: Date): Promise<JobRunRow | null> {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.scheduledFor, scheduledFor)))
    .limit(1);
  return row ?? null;
}
