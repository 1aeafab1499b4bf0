import type { AddressInfo, Server } from 'node:net';
import type { App } from '@slack/bolt';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { HrAccess } from './domain/access.js';
import { EmployeeDirectory } from './domain/roster.js';
import { healthzRoute } from './http/healthz.js';
import { usageApiRoute } from './http/usage-api.js';
import { deliverySenders, reviewSenders } from './jobs/outbox/kinds.js';
import { type DeliveryWorkerDeps, sendDueDeliveries } from './jobs/outbox/worker.js';
import { planWeeklyDigest } from './jobs/weekly-digest.js';
import type { Logger } from './logger.js';
import { createSlackApp } from './slack/app.js';
import { createDeliveryClient } from './slack/delivery-client.js';
import type { DigestSender, Outbox } from './slack/deps.js';
import { createWorkQueue } from './slack/work-queue.js';

export interface RunningServer {
  app: App;
  /** The port serving /healthz (and /slack/events in HTTP mode). */
  port: number;
  /** The address it listens on (HTTP mode), e.g. `::` for every interface or `127.0.0.1`. */
  address: string | null;
  stop(): Promise<void>;
}

/** Starts the Slack app and its HTTP routes on an already migrated database. */
export async function startServer(
  config: Config,
  deps: {
    database: Database;
    logger: Logger;
    now?: () => Date;
    /** Listen on this address only (HTTP mode); default every interface. The demo uses 127.0.0.1. */
    host?: string;
  },
): Promise<RunningServer> {
  const { database, logger } = deps;
  const now = deps.now ?? (() => new Date());
  // Quick lane: about one task per pooled connection (more would only queue inside the driver).
  const work = createWorkQueue(database.kind === 'postgres' ? 10 : 4, config.work.quickLimit);
  const slowWork = createWorkQueue(config.work.slowConcurrency, config.work.slowLimit);
  const employees = new EmployeeDirectory();
  const hrAccess = new HrAccess({
    hrUserIds: config.hrUserIds,
    hrUsergroupId: config.hrUsergroupId,
    cacheTtlMs: config.hrAccessCacheSeconds * 1000,
  });
  const worker: Omit<DeliveryWorkerDeps, 'senders'> = {
    db: database.db,
    client: createDeliveryClient(config),
    logger,
    now,
    chartFont: config.chartFont,
    timezone: config.digest.timezone,
    botCommand: config.commands.bot,
    locales: config.locales,
  };
  const outbox: Outbox = {
    sendDue: async () => {
      await sendDueDeliveries({ ...worker, senders: deliverySenders });
    },
    sendDueReviews: async () => {
      await sendDueDeliveries({ ...worker, senders: reviewSenders });
    },
  };
  const digest: DigestSender = {
    async sendNow() {
      const channel = config.digest.channel;
      if (!channel) throw new Error('DIGEST_CHANNEL is not set');
      const plan = await planWeeklyDigest({
        db: database.db,
        logger,
        now,
        channel,
        timezone: config.digest.timezone,
        includeGuests: config.includeGuests,
        minGroupSize: config.minGroupSize,
        chartFont: config.chartFont,
      });
      if (plan.planned)
        // After the reply, in the slow lane (drained at shutdown); the minute tick finishes anything left.
        void slowWork
          .run(outbox.sendDue)
          .catch((err) => logger.error({ err }, 'sending the digest failed; the deliveries tick will retry'));
      return { week: plan.digest.week, planned: plan.planned, managerDigests: plan.managerDigests };
    },
  };
  let stopping = false;
  const app = createSlackApp(
    {
      config,
      db: database.db,
      logger,
      now,
      employees,
      work,
      slowWork,
      hrAccess,
      outbox,
      digest,
      locales: config.locales,
    },
    [
      healthzRoute(() => database.ping()),
      usageApiRoute({ db: database.db, now, logger, timezone: config.digest.timezone }),
    ],
    { stopping: () => stopping },
  );
  const started = (await app.start(
    deps.host && config.slack.mode === 'http' ? { port: config.port, host: deps.host } : config.port,
  )) as unknown;
  const listening = isServer(started) ? (started.address() as AddressInfo) : null;
  const port = listening?.port ?? config.port;
  logger.info({ mode: config.slack.mode, port, database: database.kind }, 'AI Adoption Bot is running');
  return {
    app,
    port,
    address: listening?.address ?? null,
    /**
     * Stops taking requests (the listener closes; a request still arriving on an open connection
     * is told nothing was saved), then lets the work in flight finish: every request already
     * taken gets its answer, and everything acknowledged as saved was committed before the ack.
     */
    async stop() {
      stopping = true;
      await app.stop();
      const [quick, slow] = await Promise.all([
        work.drain(SHUTDOWN_GRACE_MS),
        slowWork.drain(SHUTDOWN_GRACE_MS),
      ]);
      if (!quick || !slow) {
        logger.warn(
          { unfinished: work.size, unfinishedSlow: slowWork.size },
          'stopped with work still running after the grace period',
        );
      }
    },
  };
}

const SHUTDOWN_GRACE_MS = 10_000;

function isServer(value: unknown): value is Server {
  return typeof (value as Server | undefined)?.address === 'function';
}
