import { webApi } from '@slack/bolt';
import type { Config } from '../config.js';

/**
 * The deliveries outbox's own Slack Web API client (src/jobs/outbox, docs/deliveries.md): no
 * retries of its own and 429s thrown, so the worker owns both, and Bolt's client (commands,
 * buttons) is never held up by a digest.
 */
export type DeliveryClient = webApi.WebClient;

export function createDeliveryClient(
  config: Pick<Config, 'slack' | 'slackApiUrl'>,
  options: {
    /** Aborts every request in flight (at shutdown), so a send given up is also cut off. */
    signal?: AbortSignal;
    fetch?: typeof globalThis.fetch;
  } = {},
): DeliveryClient {
  const { signal } = options;
  const baseFetch = options.fetch ?? globalThis.fetch;
  return new webApi.WebClient(config.slack.botToken, {
    slackApiUrl: config.slackApiUrl,
    ...(signal && {
      fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        baseFetch(input, {
          ...init,
          signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
        }),
    }),
    // The worker waits out Retry-After itself (the row released meanwhile) and backs off on errors, so
    // one rate-limited method never blocks a lane for the web client's 30-minute retry schedule.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 30_000,
  });
}
