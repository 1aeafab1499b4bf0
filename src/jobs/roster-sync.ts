import type { Db } from '../db/client.js';
import { type RosterSyncCounts, type SlackDirectory, syncRosterFromSlack } from '../domain/roster-sync.js';
import type { Logger } from '../logger.js';

export interface RosterSyncJobDeps {
  db: Db;
  /** Bolt's `app.client`: it waits out Slack's rate limits (429 + Retry-After) by itself. */
  client: SlackDirectory;
  includeGuests: boolean;
  logger: Logger;
  now: () => Date;
}

/**
 * The roster sync job (at start and daily): reads every Slack user and logs what changed.
 * Errors propagate to the caller, which logs them; a failed run changes only what it finished.
 */
export async function run(deps: RosterSyncJobDeps): Promise<RosterSyncCounts> {
  const logger = deps.logger.child({ job: 'roster-sync' });
  const started = Date.now();
  const counts = await syncRosterFromSlack({
    db: deps.db,
    client: deps.client,
    includeGuests: deps.includeGuests,
    now: deps.now(),
    logger,
  });
  logger.info({ ...counts, ms: Date.now() - started }, 'roster sync finished');
  return counts;
}
