import type { Config, Locales } from '../config.js';
import type { Db } from '../db/client.js';
import type { HrAccess } from '../domain/access.js';
import type { EmployeeDirectory } from '../domain/roster.js';
import type { Logger } from '../logger.js';
import type { WorkQueue } from './work-queue.js';

/** What every listener may use. `now` is injected so tests control the clock. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  now: () => Date;
  /** Slack user → roster id, cached, one lookup in flight per user. */
  employees: EmployeeDirectory;
  /** The quick lane: commands answered in their ack, and follow-ups (bounded, drained at shutdown). */
  work: WorkQueue;
  /** The slow lane: exports, the digest, live stats; its own concurrency, never ahead of quick work. */
  slowWork: WorkQueue;
  /** Who is HR (HR_USER_IDS or HR_USERGROUP_ID, the group's members cached). */
  hrAccess: HrAccess;
  /**
   * DEFAULT_LOCALE for people whose language is unknown, DIGEST_LOCALE for the channel digest:
   * `translator(localeOf(employee, deps.locales.default))` (src/i18n, docs/i18n.md).
   */
  locales: Locales;
  /** The deliveries outbox (src/jobs/outbox, docs/deliveries.md), built in src/server.ts. */
  outbox: Outbox;
  /** The weekly digest, on demand (`/adoption digest send`), built in src/server.ts. */
  digest: DigestSender;
}

/** Sends what a change just planned; the minute tick sends whatever a failed run leaves. */
export interface Outbox {
  /** Sends every delivery due now, of every kind; rejects when the run fails. */
  sendDue(): Promise<void>;
  /** Sends only the review loop's deliveries due now: a kick never picks up a digest's thousands of rows. */
  sendDueReviews(): Promise<void>;
}

export interface DigestSender {
  /**
   * Plans this week's digest for DIGEST_CHANNEL (once a week, whoever asks) and, when it was new,
   * sends it in the slow lane after the reply (the minute tick finishes anything left).
   */
  sendNow(): Promise<{ week: string; planned: boolean; managerDigests: number }>;
}
