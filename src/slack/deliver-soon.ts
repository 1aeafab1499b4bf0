import type { AppDeps } from './deps.js';

/**
 * Sends what an action just planned in the outbox (a seat given, a cancellation, a reminder due now)
 * after the reply, in the work queue (drained at shutdown); the minute tick sends anything left.
 */
export function deliverSoon(deps: AppDeps, purpose: string): void {
  const { logger } = deps;
  void deps.work
    .run(deps.outbox.sendDue)
    .catch((err) =>
      logger.error({ err, purpose }, 'sending deliveries failed; the deliveries tick will retry'),
    );
}
