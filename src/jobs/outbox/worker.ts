import { setTimeout as sleepFor } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import type { Locales } from '../../config.js';
import type { Db } from '../../db/client.js';
import {
  claimNextDelivery,
  type DeliveryRow,
  markDeliveryFailed,
  markDeliveryRetry,
  markDeliverySent,
  reclaimDelivery,
  releaseDelivery,
} from '../../db/queries/deliveries.js';
import { errorSummary, type Logger } from '../../logger.js';
import type { DeliveryClient, DeliverySender, DeliverySenders } from './sender.js';

/**
 * The deliveries outbox (docs/deliveries.md). A job first PLANS every message it will send, in one
 * transaction, as rows with a unique key; then workers SEND due rows one by one, each claimed with
 * FOR UPDATE SKIP LOCKED and marked sent or failed. A second run, a second replica or a restart
 * finds the keys taken and the rows claimed or done, so nothing is planned twice and nothing planned
 * is forgotten.
 *
 * Exactly once vs at least once: Slack's chat.postMessage has no idempotency key, so the one
 * unavoidable gap is a crash after Slack accepted a message and before its row says `sent`. We
 * choose AT LEAST ONCE for that gap, and keep it as narrow as possible: the row is marked `sending`
 * (with its attempt number) and committed before the call, and marked `sent` in the very next
 * statement after Slack answers. A row left in `sending` by a dead worker is re-claimed after
 * LEASE_MS and sent again, logged as "outcome unknown". Every other path (a second replica, a
 * restart between sends, a retry after an error Slack reported) sends nothing twice.
 *
 * The worker knows no kind: each run is given its senders (the caller passes `deliverySenders` from
 * ./kinds.ts, or a part of it) and claims only rows of those kinds.
 */

/** How long a claim lasts: a worker that has not answered by then is taken for dead. */
export const LEASE_MS = 5 * 60_000;
/** Attempts before a row is recorded as failed. */
export const MAX_ATTEMPTS = 5;
/**
 * Total Retry-After a row may wait, over all its claims, before it is recorded as failed. Waits
 * are not attempts (a rate limit says nothing about the message), so this caps them instead.
 */
export const MAX_RATE_LIMITED_MS = 10 * 60_000;
/** last_error of a row whose send was given up at shutdown: Slack may or may not have it. */
export const INTERRUPTED_SEND = 'interrupted by shutdown; outcome unknown';

/** Backoff after the n-th failed attempt: 30 s, 2 min, 8 min, 32 min (then: failed). */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 4 ** (attempt - 1), 60 * 60_000);
}

/** Slack errors worth another try; every other platform error (channel_not_found…) is final. */
const RETRYABLE_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
  'team_added_to_org',
]);

export type FailureKind =
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'retry'; reason: string }
  | { kind: 'final'; reason: string };

/** What to do about an error a sender threw. */
export function classifyFailure(error: unknown): FailureKind {
  const coded = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
  };
  switch (coded?.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { kind: 'rate-limited', retryAfterMs: Math.max(1, coded.retryAfter ?? 1) * 1000 };
    case webApi.ErrorCode.PlatformError: {
      const reason = coded.data?.error ?? 'unknown_error';
      return RETRYABLE_PLATFORM_ERRORS.has(reason) ? { kind: 'retry', reason } : { kind: 'final', reason };
    }
    case webApi.ErrorCode.HTTPError:
      return { kind: 'retry', reason: `HTTP ${coded.statusCode ?? '?'}` };
    case webApi.ErrorCode.RequestError:
      return { kind: 'retry', reason: `request failed: ${errorSummary(error)}` };
    case webApi.ErrorCode.FileUploadInvalidArgumentsError:
      return { kind: 'final', reason: (error as Error).message };
    default:
      // Never a database error's message: it quotes the query's parameters.
      return { kind: 'retry', reason: errorSummary(error) };
  }
}

/** Without configured languages (tests, tools): English for everyone. */
const ENGLISH: Locales = { default: 'en', digest: 'en' };

export interface DeliveryWorkerDeps {
  db: Db;
  client: DeliveryClient;
  logger: Logger;
  now: () => Date;
  chartFont?: string | undefined;
  timezone?: string;
  botCommand?: string;
  /** DEFAULT_LOCALE and DIGEST_LOCALE (default: English for both). */
  locales?: Locales;
  /** The kinds this run sends and their senders (every kind: `deliverySenders` in ./kinds.ts). */
  senders: DeliverySenders;
  /** Rows in flight at once (default 4). */
  concurrency?: number;
  /**
   * Shutdown: claims nothing more, gives up sends in flight and rate-limit waits at once, and
   * releases their rows (pending, attempt not used up) instead of leaving them `sending`.
   */
  signal?: AbortSignal;
  /** Real-time wait, injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryRunResult {
  sent: number;
  retrying: number;
  failed: number;
  /** Times the run waited for a Retry-After. */
  rateLimitWaits: number;
}

/**
 * Sends every row due now, `concurrency` at a time, until none is left; resolves with counts.
 * Safe to run anywhere at any time: on each replica's tick, after a job plans, at start.
 */
export async function sendDueDeliveries(deps: DeliveryWorkerDeps): Promise<DeliveryRunResult> {
  const { senders } = deps;
  const kinds = Object.keys(senders);
  const sleep = deps.sleep ?? ((ms: number) => sleepFor(ms));
  const logger = deps.logger.child({ job: 'deliveries' });
  const result: DeliveryRunResult = { sent: 0, retrying: 0, failed: 0, rateLimitWaits: 0 };
  // One gate for all lanes: after a 429 nobody calls Slack before Retry-After has passed.
  let resumeAt = 0;
  const stopped = new Promise<'stopped'>((resolve) => {
    if (deps.signal?.aborted) resolve('stopped');
    deps.signal?.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  /** Waits for the gate; false when shutdown came first. */
  const waitForGate = async (): Promise<boolean> => {
    while (!deps.signal?.aborted && Date.now() < resumeAt) {
      const until = resumeAt;
      await Promise.race([sleep(until - Date.now()), stopped]);
      if (resumeAt === until) break; // waited it out (unless another lane's 429 moved the gate)
    }
    return !deps.signal?.aborted;
  };

  const deliver = async (claimed: DeliveryRow) => {
    let row = claimed;
    const log = logger.child({ delivery: row.key, kind: row.kind, attempt: row.attempts });
    const sender: DeliverySender | undefined = senders[row.kind];
    if (!sender) {
      await markDeliveryFailed(
        deps.db,
        { id: row.id, attempt: row.attempts },
        `no sender for kind ${row.kind}`,
      );
      result.failed++;
      return;
    }
    if (row.attempts > MAX_ATTEMPTS) {
      await markDeliveryFailed(
        deps.db,
        { id: row.id, attempt: row.attempts },
        `gave up after ${MAX_ATTEMPTS} attempts: ${row.lastError ?? 'outcome unknown'}`,
      );
      result.failed++;
      return;
    }
    // A row re-claimed without a recorded error: its worker died mid-send (see the note above).
    if (row.attempts > 1 && row.lastError === null)
      log.warn('previous attempt’s outcome unknown; sending again');
    if (row.lastError === INTERRUPTED_SEND)
      log.warn('send interrupted by a shutdown; outcome unknown; sending again');
    let reclaimed = false; // after a rate-limit wait: the gate is open for this row
    for (;;) {
      const claim = { id: row.id, attempt: row.attempts };
      if (deps.signal?.aborted || !(reclaimed || (await waitForGate()))) {
        await releaseDelivery(deps.db, claim, { retryAt: deps.now() });
        return;
      }
      const outcome = await Promise.race([
        sender(row, {
          db: deps.db,
          client: deps.client,
          logger: log,
          now: deps.now(),
          chartFont: deps.chartFont,
          timezone: deps.timezone ?? 'UTC',
          botCommand: deps.botCommand ?? '/bot',
          locales: deps.locales ?? ENGLISH,
        }).then(
          (sent) => ({ sent }),
          (error: unknown) => ({ error }),
        ),
        stopped,
      ]);
      if (outcome === 'stopped') {
        log.warn('send given up at shutdown; the row is released, its outcome unknown');
        await releaseDelivery(deps.db, claim, { retryAt: deps.now(), error: INTERRUPTED_SEND });
        return;
      }
      if ('sent' in outcome) {
        await markDeliverySent(deps.db, claim, deps.now(), outcome.sent);
        result.sent++;
        return;
      }
      const { error } = outcome;
      const failure = classifyFailure(error);
      if (failure.kind === 'rate-limited') {
        const waited = row.rateLimitedMs + failure.retryAfterMs;
        if (waited > MAX_RATE_LIMITED_MS) {
          const reason = `rate limited: over ${MAX_RATE_LIMITED_MS / 60_000} min of Retry-After in total`;
          log.error({ reason, rateLimitedMs: row.rateLimitedMs }, 'delivery failed for good');
          await markDeliveryFailed(deps.db, claim, reason);
          result.failed++;
          return;
        }
        // Released while it waits, so a crash or shutdown in the wait costs no attempt either.
        result.rateLimitWaits++;
        resumeAt = Math.max(resumeAt, Date.now() + failure.retryAfterMs);
        log.info(
          { retryAfterMs: failure.retryAfterMs, rateLimitedMs: waited },
          'rate limited; waiting for Retry-After',
        );
        const retryAt = new Date(deps.now().getTime() + failure.retryAfterMs);
        if (!(await releaseDelivery(deps.db, claim, { retryAt, rateLimitedMs: waited }))) return; // claim lost
        if (!(await waitForGate())) return;
        const again = await reclaimDelivery(deps.db, {
          id: row.id,
          releasedAttempts: claim.attempt - 1,
          leaseUntil: new Date(deps.now().getTime() + LEASE_MS),
        });
        if (!again) return; // another worker took it when it came due
        row = again;
        reclaimed = true;
        continue;
      }
      if (failure.kind === 'final' || row.attempts >= MAX_ATTEMPTS) {
        log.error({ err: error, reason: failure.reason }, 'delivery failed for good');
        await markDeliveryFailed(deps.db, claim, failure.reason);
        result.failed++;
      } else {
        const delay = backoffMs(row.attempts);
        log.warn({ reason: failure.reason, retryInMs: delay }, 'delivery failed; will retry');
        await markDeliveryRetry(deps.db, claim, new Date(deps.now().getTime() + delay), failure.reason);
        result.retrying++;
      }
      return;
    }
  };

  const lane = async () => {
    while (!deps.signal?.aborted) {
      const now = deps.now();
      const row = await claimNextDelivery(deps.db, {
        now,
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        kinds,
      });
      if (!row) return;
      await deliver(row);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, lane));
  if (result.sent + result.retrying + result.failed > 0) logger.info(result, 'deliveries sent');
  return result;
}
