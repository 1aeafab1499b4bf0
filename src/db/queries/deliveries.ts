import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { queryRows } from '../rows.js';
import { deliveries } from '../schema.js';

/** The deliveries outbox: planned messages, claimed by workers, marked sent or failed. */

export type DeliveryRow = typeof deliveries.$inferSelect;

export interface PlannedDelivery {
  job: string;
  kind: string;
  key: string;
  /** Where Slack sends it: a channel id, or the recipient's Slack user id for a DM. */
  recipient: string;
  /** A reference (DeliveryReference in src/jobs/outbox/sender.ts): ids, numbers, dates, codes. */
  payload: { recipientEmployeeId: number | null; aboutEmployeeIds: number[] };
  /** Not before this time (default: at once). */
  notBefore: Date;
}

/** Rows per INSERT: 7 parameters each, well under Postgres's 65,535. */
const INSERT_CHUNK = 2_000;

/** Inserts the rows whose key is new; returns how many were new. Run inside the planning transaction. */
export async function insertPlannedDeliveries(tx: Tx, rows: PlannedDelivery[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const result = await tx
      .insert(deliveries)
      .values(
        chunk.map((row) => ({
          job: row.job,
          kind: row.kind,
          key: row.key,
          recipient: row.recipient,
          payload: row.payload,
          nextAttemptAt: row.notBefore,
        })),
      )
      .onConflictDoNothing({ target: deliveries.key })
      .returning({ id: deliveries.id });
    inserted += result.length;
  }
  return inserted;
}

/** What a claim returns (see toDeliveryRow). */
const CLAIMED_COLUMNS = sql.raw(`d.id, d.job, d.kind, d.key, d.recipient, d.payload, d.status, d.attempts,
  d.next_attempt_at, d.last_error, d.rate_limited_ms, d.result, d.sent_at, d.created_at`);

/**
 * Claims the next due row: pending, or stuck in `sending` past its lease (its worker died). The
 * claim commits at once: status `sending`, one more attempt, and the lease end in next_attempt_at.
 * SKIP LOCKED lets any number of workers and replicas claim side by side without waiting.
 */
export async function claimNextDelivery(
  db: Tx,
  input: { now: Date; leaseUntil: Date; kinds: readonly string[] },
): Promise<DeliveryRow | null> {
  const kinds = sql.join(
    input.kinds.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`update deliveries d
      set status = 'sending', attempts = d.attempts + 1, next_attempt_at = ${input.leaseUntil.toISOString()}::timestamptz
      from (
        select id from deliveries
        where status in ('pending', 'sending') and next_attempt_at <= ${input.now.toISOString()}::timestamptz
          and kind in (${kinds})
        order by next_attempt_at, id
        limit 1
        for update skip locked
      ) due
      where d.id = due.id
      returning ${CLAIMED_COLUMNS}`,
  );
  return row ? toDeliveryRow(row) : null;
}

/**
 * Claims again a row this worker released a moment ago (to wait out a rate limit), if it is still
 * as released: pending, at the same attempt count. Null when another worker has taken it meanwhile.
 */
export async function reclaimDelivery(
  db: Tx,
  input: { id: number; releasedAttempts: number; leaseUntil: Date },
): Promise<DeliveryRow | null> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`update deliveries d
      set status = 'sending', attempts = d.attempts + 1, next_attempt_at = ${input.leaseUntil.toISOString()}::timestamptz
      where d.id = ${input.id} and d.status = 'pending' and d.attempts = ${input.releasedAttempts}
      returning ${CLAIMED_COLUMNS}`,
  );
  return row ? toDeliveryRow(row) : null;
}

/**
 * The outcome of one attempt. Each update holds only while the row is still this attempt's
 * (status `sending`, same attempt number): a worker that outlived its lease cannot overwrite what
 * the worker that re-claimed the row recorded.
 */
async function updateAttempt(
  db: Tx,
  claim: { id: number; attempt: number },
  set: Partial<typeof deliveries.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(deliveries)
    .set(set)
    .where(
      and(
        eq(deliveries.id, claim.id),
        eq(deliveries.attempts, claim.attempt),
        eq(deliveries.status, 'sending'),
      ),
    )
    .returning({ id: deliveries.id });
  return rows.length > 0;
}

export function markDeliverySent(
  db: Tx,
  claim: { id: number; attempt: number },
  now: Date,
  result: unknown,
): Promise<boolean> {
  return updateAttempt(db, claim, { status: 'sent', sentAt: now, result: result ?? null, lastError: null });
}

export function markDeliveryRetry(
  db: Tx,
  claim: { id: number; attempt: number },
  retryAt: Date,
  error: string,
): Promise<boolean> {
  return updateAttempt(db, claim, { status: 'pending', nextAttemptAt: retryAt, lastError: error });
}

export function markDeliveryFailed(
  db: Tx,
  claim: { id: number; attempt: number },
  error: string,
): Promise<boolean> {
  return updateAttempt(db, claim, { status: 'failed', lastError: error });
}

/**
 * Gives a claimed row back without using up its attempt: pending again, due at `retryAt`, its
 * attempt count as before the claim. For a rate-limit wait (with the row's new total wait) and for
 * a send given up at shutdown (with `error` saying its outcome is unknown).
 */
export function releaseDelivery(
  db: Tx,
  claim: { id: number; attempt: number },
  release: { retryAt: Date; rateLimitedMs?: number; error?: string },
): Promise<boolean> {
  return updateAttempt(db, claim, {
    status: 'pending',
    attempts: claim.attempt - 1,
    nextAttemptAt: release.retryAt,
    ...(release.rateLimitedMs === undefined ? {} : { rateLimitedMs: release.rateLimitedMs }),
    ...(release.error === undefined ? {} : { lastError: release.error }),
  });
}

export async function findDeliveryByKey(db: Tx, key: string): Promise<DeliveryRow | null> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.key, key)).limit(1);
  return row ?? null;
}

/** Rows of one job by status, e.g. for a run's summary or a bench. */
export async function countDeliveriesByStatus(db: Tx, job: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; n: string | number }>(
    db,
    sql`select status, count(*) as n from deliveries where job = ${job} group by status`,
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

function toDeliveryRow(row: Record<string, unknown>): DeliveryRow {
  const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
  return {
    id: Number(row.id),
    job: String(row.job),
    kind: String(row.kind),
    key: String(row.key),
    recipient: String(row.recipient),
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    status: row.status as DeliveryRow['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: date(row.next_attempt_at) as Date,
    lastError: row.last_error === null ? null : String(row.last_error),
    rateLimitedMs: Number(row.rate_limited_ms),
    result: typeof row.result === 'string' ? JSON.parse(row.result) : (row.result ?? null),
    sentAt: date(row.sent_at),
    createdAt: date(row.created_at) as Date,
  };
}

/** Which of these keys are planned already. */
export async function existingDeliveryKeys(db: Tx, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
    const chunk = keys.slice(i, i + INSERT_CHUNK);
    const rows = await db
      .select({ key: deliveries.key })
      .from(deliveries)
      .where(inArray(deliveries.key, chunk));
    for (const row of rows) found.add(row.key);
  }
  return found;
}

/**
 * Forgets sent and failed rows created before `before`. Safe once their keys can no longer be
 * planned again: digest keys name a week, nudge keys a period's last two weeks.
 */
export async function purgeFinishedDeliveries(db: Tx, before: Date): Promise<number> {
  const rows = await db
    .delete(deliveries)
    .where(and(inArray(deliveries.status, ['sent', 'failed']), lt(deliveries.createdAt, before)))
    .returning({ id: deliveries.id });
  return rows.length;
}

/** Whether a job has planned any row of this kind (e.g. a period's review summaries). */
export async function jobHasDeliveries(db: Tx, job: string, kind: string): Promise<boolean> {
  const [row] = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.job, job), eq(deliveries.kind, kind)))
    .limit(1);
  return row !== undefined;
}

/** A person whose scheduled messages are erased: their roster id and Slack user id. */
export interface DeliveryPerson {
  id: number;
  slackUserId: string | null;
}

const unsentDelivery = sql`${deliveries.status} in ('pending', 'sending')`;

/** Rows addressed to the person: by roster id in the payload, or a DM to their Slack user id. */
const addressedTo = (person: DeliveryPerson) =>
  or(
    sql`(${deliveries.payload}->>'recipientEmployeeId') = ${String(person.id)}`,
    person.slackUserId ? eq(deliveries.recipient, person.slackUserId) : undefined,
  );

/** Deletes the messages addressed to the person and not sent yet; returns how many. */
export async function cancelUnsentDeliveriesTo(tx: Tx, person: DeliveryPerson): Promise<number> {
  const rows = await tx
    .delete(deliveries)
    .where(and(addressedTo(person), unsentDelivery))
    .returning({ id: deliveries.id });
  return rows.length;
}

/** Scrubs the recipient and Slack's answer from the messages sent (or failed) to the person; returns how many. */
export async function scrubSentDeliveriesTo(tx: Tx, person: DeliveryPerson): Promise<number> {
  const rows = await tx
    .update(deliveries)
    .set({ recipient: 'erased', result: null })
    .where(and(addressedTo(person), sql`not (${unsentDelivery})`))
    .returning({ id: deliveries.id });
  return rows.length;
}

/** Takes the person's id out of `aboutEmployeeIds` of the messages not sent yet; returns how many. */
export async function removeFromUnsentDeliveries(tx: Tx, employeeId: number): Promise<number> {
  const rows = await tx
    .update(deliveries)
    .set({
      payload: sql`jsonb_set(${deliveries.payload}, '{aboutEmployeeIds}',
        coalesce((select jsonb_agg(value) from jsonb_array_elements(${deliveries.payload}->'aboutEmployeeIds')
                  where value <> to_jsonb(${employeeId}::int)), '[]'::jsonb))`,
    })
    .where(
      and(
        unsentDelivery,
        sql`${deliveries.payload}->'aboutEmployeeIds' @> to_jsonb(array[${employeeId}::int])`,
      ),
    )
    .returning({ id: deliveries.id });
  return rows.length;
}
