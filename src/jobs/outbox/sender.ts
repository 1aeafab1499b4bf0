import type { Locales } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { DeliveryRow } from '../../db/queries/deliveries.js';
import type { Logger } from '../../logger.js';
import type { DeliveryClient } from '../../slack/delivery-client.js';

/**
 * The sender contract of the deliveries outbox (docs/deliveries.md, "Adding a kind"): what a
 * sender gets, what a payload holds, what a sender returns. The worker (./worker.ts) knows only
 * this; the senders (./senders/) and their registry (./kinds.ts) implement it.
 */

export type { DeliveryClient };

/** What every sender gets besides its row. */
export interface SenderContext {
  db: Db;
  client: DeliveryClient;
  logger: Logger;
  now: Date;
  /** Font file for charts (CHART_FONT); undefined: the CJK font installed by npm ci. */
  chartFont: string | undefined;
  /** TIMEZONE, for people whose own zone is unknown (default UTC). */
  timezone: string;
  /** BOT_COMMAND, for messages that point to a command (default /bot). */
  botCommand: string;
  /** DEFAULT_LOCALE (recipients whose language is unknown) and DIGEST_LOCALE (the channel digest). */
  locales: Locales;
}

/**
 * What every payload holds besides its kind's own ids, figures and codes (docs/deliveries.md):
 * whom it is addressed to and whom it names, as roster ids, so `forget` finds exactly the rows
 * concerning a person. Payloads never hold names, emails, bot texts, comments or rendered text.
 */
export interface DeliveryReference {
  /** Roster id of the person it is addressed to; null for a channel (or a recipient not on the roster). */
  recipientEmployeeId: number | null;
  /** Roster ids of the people it names; the sender shows only these. */
  aboutEmployeeIds: number[];
}

/** Sends one row; resolves with what to store as its result, throws what Slack said. */
export type DeliverySender = (delivery: DeliveryRow, context: SenderContext) => Promise<unknown>;

/** Senders by kind: what a worker run may send (rows of other kinds are left for another run). */
export type DeliverySenders = Partial<Record<string, DeliverySender>>;
