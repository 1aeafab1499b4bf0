import type { RunCoordinator } from 'node-cron';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema.js';

/**
 * node-cron's run coordinator on Postgres: of all replicas that reach one scheduled fire, the one
 * whose row lands in job_runs runs it; the others skip. node-cron's key is `<name>:<slot ISO>`.
 */
export function postgresRunCoordinator(db: Db, replicaId: string): RunCoordinator {
  return {
    async shouldRun(key) {
      const { job, scheduledFor } = splitKey(key);
      const inserted = await db
        .insert(jobRuns)
        .values({ job, scheduledFor, claimedBy: replicaId })
        .onConflictDoNothing()
        .returning({ job: jobRuns.job });
      return inserted.length > 0;
    },
  };
}

export function splitKey(key: string): { job: string; scheduledFor: Date } {
  const match = /^(.*):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)$/.exec(key);
  if (!match?.[1] || !match[2]) throw new Error(`unexpected node-cron coordination key: ${key}`);
  return { job: match[1], scheduledFor: new Date(match[2]) };
}
