import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import type { Db } from '../../db/client.js';
import { processedSlackEvents } from '../../db/schema.js';
import type { AppDeps } from '../deps.js';

/**
 * Slack delivers an event again when it did not see our 200 in time (X-Slack-Retry-Num), and
 * Bolt does not de-duplicate. This global middleware claims each `event_id` in
 * processed_slack_events and drops any delivery whose id was already claimed, so every event is
 * handled once, even with several replicas. Requests without an event_id (commands, actions)
 * pass through untouched. Register it before every other middleware and listener.
 */
export function dedupeEvents(deps: Pick<AppDeps, 'db' | 'logger' | 'now'>): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = eventIdOf(body);
    if (eventId === null) return next();
    if (await claimSlackEvent(deps.db, eventId, deps.now())) return next();
    deps.logger.info({ eventId }, 'dropped a repeated delivery of a Slack event');
  };
}

export function register(app: App, deps: AppDeps): void {
  app.use(dedupeEvents(deps));
}

/** True the first time an event id is seen; false for every later delivery of it. */
export async function claimSlackEvent(db: Db, eventId: string, at: Date): Promise<boolean> {
  const inserted = await db
    .insert(processedSlackEvents)
    .values({ eventId, receivedAt: at })
    .onConflictDoNothing()
    .returning({ eventId: processedSlackEvents.eventId });
  return inserted.length > 0;
}

function eventIdOf(body: unknown): string | null {
  const eventId = (body as { event_id?: unknown } | null)?.event_id;
  return typeof eventId === 'string' && eventId !== '' ? eventId : null;
}
