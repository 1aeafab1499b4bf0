import { CronExpressionParser } from 'cron-parser';
import type { Db } from '../db/client.js';
import {
  claimJobRun,
  failJobRun,
  finishJobRun,
  type JobRunClaim,
  jobRanBefore,
  recordMissedJobRun,
  renewJobRunLease,
} from '../db/queries/job-runs.js';
import type { Logger } from '../logger.js';

/**
 * The run coordinator (docs/scheduling.md): each scheduled fire of a job runs once across all
 * replicas, and is not skipped. A fire is claimed in job_runs with a lease that the running
 * replica renews; when the job finishes the row says `done`. A run that threw is `failed` and is
 * claimed again after a backoff; a run whose replica died keeps `running` with a lease nobody
 * renews, and is claimed again once the lease has ended. Either retry may happen on any replica,
 * and only while the fire's window is open: until the next fire of the same cron expression.
 *
 * Every replica sweeps every minute and at start: it retries what is due, and runs a fire that no
 * replica claimed (the app or the database was down at that minute) when the job allows a late
 * run. A fire whose window closed before it was done is recorded as `missed`, and logged.
 */

export interface ScheduledJob {
  /** The job's name in job_runs and in logs. */
  name: string;
  /** node-cron syntax, read in the coordinator's time zone. */
  cron: string;
  /**
   * Whether a fire that no replica claimed at its minute runs late, while its window is open.
   * Never on a database where the job has not run before (a fresh install sends nothing at once).
   */
  catchUp: boolean;
  run: () => Promise<unknown>;
}

export interface FireWindow {
  /** The latest fire at or before the moment asked about. */
  fire: Date;
  /** The next fire after it: a run of `fire` may start until then. */
  closesAt: Date;
}

/** The fire of `cron` (in `timezone`) whose window holds `now`. */
export function fireWindow(cron: string, timezone: string, now: Date): FireWindow {
  // cron-parser's prev() is strictly before its start: start 1 ms late so a fire at `now` counts.
  const fire = CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1), tz: timezone })
    .prev()
    .toDate();
  const closesAt = CronExpressionParser.parse(cron, {
    currentDate: new Date(fire.getTime() + 1),
    tz: timezone,
  })
    .next()
    .toDate();
  return { fire, closesAt };
}

/** Backoff after the n-th failed run of one fire: 1, 2, 4, 8, 16, then every 30 minutes. */
export function runRetryMs(attempt: number): number {
  return Math.min(60_000 * 2 ** (attempt - 1), 30 * 60_000);
}

/** What a thrown error may say in a log: its code (SQLSTATE, Slack's, Node's) or its class. */
export function errorCode(error: unknown): string {
  const coded = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = coded?.code ?? coded?.cause?.code;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.name : typeof error;
}

export interface RunCoordinatorDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  timezone: string;
  /** Who holds a claim, in job_runs.claimed_by: host and process. */
  replicaId: string;
  /** How long a claim lasts without renewal (default 2 minutes). */
  leaseMs?: number;
  /** How often a running job's lease is renewed, in real time (default 30 s). */
  renewEveryMs?: number;
}

export type RunOutcome =
  /** The job ran and finished (`done`) or threw (`failed`, retried later). */
  | { job: string; fire: Date; outcome: 'done' | 'failed'; attempt: number }
  /** Nothing ran: done already, held elsewhere, not due, running here, or shutting down. */
  | { job: string; fire: Date | null; outcome: 'not-claimed' | 'busy' | 'stopping' | 'error' };

export interface RunCoordinator {
  /** A job's own fire, at its minute (node-cron calls this): claims and runs it. */
  fire(jobName: string): Promise<RunOutcome>;
  /** At start and every minute: for every job, records a missed fire and runs what is due. */
  sweep(): Promise<RunOutcome[]>;
  /**
   * Takes no more runs, waits up to `graceMs` for those in flight, and releases the claims of the
   * ones still running (due again at once, for another replica or the next start).
   */
  stop(graceMs: number): Promise<void>;
}

export const DEFAULT_LEASE_MS = 2 * 60_000;
const DEFAULT_RENEW_EVERY_MS = 30_000;
/** The minute after a fire, in which node-cron's own tick runs it. */
const ON_TIME_MS = 60_000;

export function createRunCoordinator(deps: RunCoordinatorDeps, jobs: ScheduledJob[]): RunCoordinator {
  const { db, timezone, replicaId } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const renewEveryMs = deps.renewEveryMs ?? DEFAULT_RENEW_EVERY_MS;
  const logger = deps.logger.child({ component: 'run-coordinator' });
  const byName = new Map(jobs.map((job) => [job.name, job]));
  /** Per job, on this replica: its claim once taken, and the end of its attempt. */
  const inFlight = new Map<string, { claim: JobRunClaim | null; done: Promise<unknown> }>();
  let stopping = false;

  const run = async (job: ScheduledJob, claim: JobRunClaim, window: FireWindow): Promise<RunOutcome> => {
    const log = logger.child({
      job: job.name,
      fire: claim.scheduledFor.toISOString(),
      attempt: claim.attempt,
    });
    if (claim.attempt > 1) log.warn('scheduled run claimed again (the last attempt failed or was abandoned)');
    const renew = setInterval(() => {
      renewJobRunLease(db, claim, new Date(deps.now().getTime() + leaseMs))
        .then((held) => {
          if (!held) log.warn('scheduled run lost its claim while running');
        })
        .catch((error) => log.warn({ error: errorCode(error) }, 'could not renew a scheduled run’s lease'));
    }, renewEveryMs);
    renew.unref();
    let failure: { error: unknown } | null = null;
    try {
      await job.run();
    } catch (error) {
      failure = { error };
    } finally {
      clearInterval(renew);
    }
    const outcome = { job: job.name, fire: claim.scheduledFor, attempt: claim.attempt };
    if (!failure) {
      const finished = await finishJobRun(db, claim, deps.now()).catch((error) => {
        // The row stays `running`: once its lease ends, the fire runs again (jobs are safe to repeat).
        log.error({ error: errorCode(error) }, 'scheduled run done, but could not be recorded as done');
        return null;
      });
      if (finished) log.info('scheduled run done');
      else if (finished === false)
        log.warn('scheduled run finished after its claim was taken over or released');
      return { ...outcome, outcome: 'done' };
    }
    const code = errorCode(failure.error);
    const retryAt = new Date(deps.now().getTime() + runRetryMs(claim.attempt));
    const retried = retryAt < window.closesAt;
    log.error(
      { error: code, retryAt: retried ? retryAt.toISOString() : null },
      retried
        ? 'scheduled run failed; it will be retried'
        : 'scheduled run failed; its window closes before a retry',
    );
    await failJobRun(db, claim, retryAt, code).catch((markError) =>
      // The row stays `running`: once its lease ends, it is retried like an abandoned run.
      log.error({ error: errorCode(markError) }, 'could not record a failed scheduled run'),
    );
    return { ...outcome, outcome: 'failed' };
  };

  const attempt = async (job: ScheduledJob, mode: 'fire' | 'sweep'): Promise<RunOutcome> => {
    if (stopping) return { job: job.name, fire: null, outcome: 'stopping' };
    if (inFlight.has(job.name)) return { job: job.name, fire: null, outcome: 'busy' };
    // Held from here, so a sweep and the job's own fire in the same instant cannot both claim.
    let release = () => {};
    const slot = new Promise<unknown>((resolve) => {
      release = () => resolve(undefined);
    });
    inFlight.set(job.name, { claim: null, done: slot });
    let fire: Date | null = null;
    try {
      const now = deps.now();
      const window = fireWindow(job.cron, timezone, now);
      fire = window.fire;
      let insert = mode === 'fire';
      if (mode === 'sweep') {
        const previous = fireWindow(job.cron, timezone, new Date(window.fire.getTime() - 1)).fire;
        if (await jobRanBefore(db, job.name, previous)) {
          const missed = await recordMissedJobRun(db, {
            job: job.name,
            scheduledFor: previous,
            replicaId,
            now,
            reason: 'window closed before the run was done',
          });
          if (missed)
            logger.error(
              {
                job: job.name,
                fire: previous.toISOString(),
                was: missed,
                windowClosedAt: window.fire.toISOString(),
              },
              'scheduled run missed: its window closed before it was done; it will not run',
            );
        }
        // A fire's own minute is its task's (fire()); a sweep takes it up only after that.
        insert =
          job.catchUp &&
          now.getTime() - window.fire.getTime() >= ON_TIME_MS &&
          (await jobRanBefore(db, job.name, window.fire));
      }
      const claim = await claimJobRun(db, {
        job: job.name,
        scheduledFor: window.fire,
        replicaId,
        now,
        leaseUntil: new Date(now.getTime() + leaseMs),
        insert,
      });
      if (!claim) return { job: job.name, fire, outcome: 'not-claimed' };
      if (mode === 'sweep' && claim.attempt === 1)
        logger.warn(
          { job: job.name, fire: window.fire.toISOString(), closesAt: window.closesAt.toISOString() },
          'scheduled run missed at its minute (no replica ran it); running it now, inside its window',
        );
      inFlight.set(job.name, { claim, done: slot });
      return await run(job, claim, window);
    } catch (error) {
      logger.error({ job: job.name, error: errorCode(error) }, 'could not claim a scheduled run');
      return { job: job.name, fire, outcome: 'error' };
    } finally {
      inFlight.delete(job.name);
      release();
    }
  };

  return {
    fire(jobName) {
      const job = byName.get(jobName);
      if (!job) throw new Error(`no scheduled job named ${jobName}`);
      return attempt(job, 'fire');
    },
    sweep() {
      return Promise.all(jobs.map((job) => attempt(job, 'sweep')));
    },
    async stop(graceMs) {
      stopping = true;
      const running = [...inFlight.values()];
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled(running.map((r) => r.done)), grace]);
      clearTimeout(timer);
      const unfinished = [...inFlight.values()].flatMap(({ claim }) => (claim ? [claim] : []));
      await Promise.all(
        unfinished.map(async (claim) => {
          const released = await failJobRun(db, claim, deps.now(), 'interrupted by shutdown').catch(
            () => false,
          );
          logger.warn(
            { job: claim.job, fire: claim.scheduledFor.toISOString(), attempt: claim.attempt, released },
            'scheduled run interrupted by shutdown; released for another replica or the next start',
          );
        }),
      );
    },
  };
}
