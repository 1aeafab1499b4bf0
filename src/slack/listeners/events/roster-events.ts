import { applySlackMember, type SlackMember } from '../../../domain/roster-sync.js';
import type { AppDeps } from '../../deps.js';
import type { Listeners } from '../../router.js';

/**
 * `team_join` and `user_change` keep the roster current between daily syncs, with the same rules
 * as the sync (src/domain/roster-sync.ts). Bolt acknowledges events before this runs; the work goes
 * through the app's work queue (a burst of profile edits cannot exhaust the database pool), and a
 * failure is logged: the next daily sync repairs the row.
 */
export function register(app: Listeners, deps: AppDeps): void {
  for (const type of ['team_join', 'user_change'] as const) {
    app.event(type, async ({ event }) => {
      const user: SlackMember & { id: string } = event.user;
      const log = deps.logger.child({ event: type, user: user.id });
      try {
        const outcome = await deps.work.run(() =>
          applySlackMember(deps.db, user, { includeGuests: deps.config.includeGuests, now: deps.now() }),
        );
        log.debug({ outcome }, 'roster updated from a Slack event');
      } catch (error) {
        log.error({ err: error }, 'could not update the roster from a Slack event');
      }
    });
  }
}
