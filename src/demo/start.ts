import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { bots } from '../db/schema.js';
import { createReviewPeriod } from '../domain/review-periods.js';
import { importRoster } from '../domain/roster-import/index.js';
import { localeFromSlack, localeOf } from '../i18n/index.js';
import { deliverySenders } from '../jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../jobs/outbox/worker.js';
import { run as runRosterSync } from '../jobs/roster-sync.js';
import { startScheduler } from '../jobs/scheduler.js';
import { createLogger, type Logger } from '../logger.js';
import { type RunningServer, startServer } from '../server.js';
import { createDeliveryClient } from '../slack/delivery-client.js';
import {
  CHAMPIONS_USERGROUP,
  DIGEST_CHANNEL,
  GENERAL_CHANNEL,
  HR_USER_IDS,
  MIN_GROUP_SIZE,
  PEOPLE,
  REVIEWER_USER_IDS,
  rosterCsv,
  slackUsers,
} from './company.js';
import { historyStart, quarterSoFar } from './history.js';
import { DemoClock, runScript } from './script/runner.js';
import { UserActions } from './user-actions.js';
import { startDemoWebServer } from './web-server.js';
import { Workspace } from './workspace.js';

/**
 * Starts the whole demo: the simulated workspace and page on 127.0.0.1, then the REAL app
 * (startServer, HTTP mode, a fresh signing secret, SLACK_API_URL pointing at the workspace) on the
 * embedded database, then the company: HR's roster file through the roster import, the Slack
 * accounts through the roster sync, and the current review period. The app is configured only
 * through loadConfig, as in production; it cannot tell the workspace from Slack.
 */

export interface DemoOptions {
  /** Port of the page and the simulated Slack; 0 picks a free one. */
  port?: number;
  /** Where PGlite keeps its files; default a fresh temporary directory, removed at stop. */
  dataDir?: string;
  /** The app's clock (the scripted run moves it); default the real time. */
  now?: () => Date;
  /**
   * Start on a company with a history: the quarter so far (history.ts), played against the app
   * with its clock set back, before the schedules start. Default: a blank company.
   */
  history?: boolean;
  /** Run the app's schedules (roster sync, reminders… and whatever jobs the app has). */
  scheduler?: boolean;
  /**
   * Also work the app's deliveries outbox this often (ms), as the scheduler's minute tick does,
   * so what is due a few seconds later (the digest chart) shows in seconds. Default: never.
   */
  deliveriesEveryMs?: number;
  logLevel?: Config['logLevel'];
}

export interface Demo {
  url: string;
  workspace: Workspace;
  actions: UserActions;
  app: RunningServer;
  database: Database;
  config: Config;
  /** The app's own address (slash commands, the usage API). */
  appUrl: string;
  logger: Logger;
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  if (options.history && options.now) throw new Error('a demo with history keeps its own clock');
  // With a history, the clock is set back while the story plays, then follows the real time.
  const clock = options.history ? new DemoClock(null) : null;
  const now = clock?.now ?? options.now ?? (() => new Date());
  const workspace = new Workspace(now);
  for (const user of slackUsers()) workspace.addUser(user);
  workspace.addChannel(GENERAL_CHANNEL.id, GENERAL_CHANNEL.name);
  workspace.addChannel(DIGEST_CHANNEL.id, DIGEST_CHANNEL.name);
  workspace.usergroups.set(CHAMPIONS_USERGROUP, [...REVIEWER_USER_IDS]);

  const web = await startDemoWebServer(workspace, options.port ?? 3100);
  const temporaryDir = options.dataDir ? null : mkdtempSync(join(tmpdir(), 'ai-adoption-demo-'));
  // Undone in reverse: schedules, app, database, page and workspace, then the temporary files.
  const cleanups: Array<() => Promise<void> | void> = [
    () => {
      if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
    },
    () => web.close(),
  ];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const config = loadConfig({
      SLACK_BOT_TOKEN: `xoxb-demo-${randomBytes(8).toString('hex')}`,
      SLACK_SIGNING_SECRET: randomBytes(24).toString('hex'),
      SLACK_API_URL: `${web.url}/api/`,
      PORT: '0',
      DATA_DIR: options.dataDir ?? (temporaryDir as string),
      HR_USER_IDS: HR_USER_IDS.join(','),
      REVIEWER_USER_IDS: REVIEWER_USER_IDS.join(','),
      DIGEST_CHANNEL: DIGEST_CHANNEL.id,
      MIN_GROUP_SIZE: String(MIN_GROUP_SIZE),
      TIMEZONE: 'UTC',
      LOG_LEVEL: options.logLevel ?? 'warn',
    });
    const logger = createLogger(config.logLevel);
    const database = openDatabase(config.database);
    cleanups.push(() => database.close());
    await database.migrate();
    // The app, like the page, answers only on this machine.
    const app = await startServer(config, { database, logger, now, host: '127.0.0.1' });
    cleanups.push(() => app.stop());
    const appUrl = `http://127.0.0.1:${app.port}`;
    if (config.slack.mode !== 'http') throw new Error('the demo runs the app in HTTP mode');
    const actions = new UserActions(workspace, {
      url: `${appUrl}/slack/events`,
      signingSecret: config.slack.signingSecret,
      // As manifest.json's should_escape: Slack sends mentions as <@U…|name> (both commands).
      escapedCommands: [config.commands.bot, config.commands.hr],
    });

    const today = now();
    await seedCompany({
      database,
      app,
      config,
      logger,
      now,
      periodStart: options.history ? historyStart(today) : null,
    });
    const demo: Demo = {
      url: web.url,
      workspace,
      actions,
      app,
      database,
      config,
      appUrl,
      logger,
      stop: stopAll,
    };
    // A kept database (--data-dir) that already has its story is not played again.
    if (clock && (await database.db.$count(bots)) === 0) {
      await runScript(demo, clock, quarterSoFar(today));
      clock.release();
    }
    if (options.scheduler) {
      const scheduler = startScheduler({ config, db: database.db, client: app.app.client, logger, now });
      cleanups.push(() => scheduler.stop());
    }
    if (options.deliveriesEveryMs) {
      const ticker = deliveriesTicker(config, database, logger, now, options.deliveriesEveryMs);
      cleanups.push(() => ticker.stop());
    }
    web.attach(actions, pageDirectory(config));
    return demo;
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}

/** Sends what is due in the deliveries outbox every `everyMs` (one run at a time), with the app's own worker. */
function deliveriesTicker(
  config: Config,
  database: Database,
  logger: Logger,
  now: () => Date,
  everyMs: number,
): { stop(): Promise<void> } {
  const client = createDeliveryClient(config);
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = sendDueDeliveries({
      senders: deliverySenders,
      db: database.db,
      client,
      logger,
      now,
      chartFont: config.chartFont,
      locales: config.locales,
    })
      .catch((err) => logger.error({ err }, 'sending deliveries failed'))
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** The company, through the app's own roster import, roster sync and review periods. */
async function seedCompany(deps: {
  database: Database;
  app: RunningServer;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** The history's first day, when it starts before the quarter. */
  periodStart: string | null;
}): Promise<void> {
  const { db } = deps.database;
  const report = await importRoster(db, rosterCsv(), deps.now());
  if (report.rejected > 0) throw new Error(`demo roster rejected: ${JSON.stringify(report.rejections)}`);
  await runRosterSync({
    db,
    client: deps.app.app.client,
    includeGuests: deps.config.includeGuests,
    logger: deps.logger,
    now: deps.now,
  });
  const today = deps.now();
  const quarter = Math.floor(today.getUTCMonth() / 3);
  const year = today.getUTCFullYear();
  const quarterStart = `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(year, quarter * 3 + 3, 0)).toISOString().slice(0, 10);
  // Early in a quarter, the period reaches back to the history's first day (ISO dates compare as text).
  const start = deps.periodStart && deps.periodStart < quarterStart ? deps.periodStart : quarterStart;
  const name = `FY${String(year).slice(2)}-Q${quarter + 1}`;
  await createReviewPeriod(db, {
    name: start === quarterStart ? name : `${name} demo`,
    range: `${start}..${end}`,
    requirement: 1,
    createdBy: HR_USER_IDS[0] ?? 'demo',
  });
}

function pageDirectory(config: Config) {
  return {
    people: PEOPLE.filter((p) => p.slackUserId !== null).map((p) => ({
      id: p.slackUserId as string,
      name: p.name,
      title: p.title,
      department: p.department,
      // The language the app speaks to them: their Slack locale, as the roster sync stores it.
      locale: localeOf({ locale: localeFromSlack(p.slackLocale) }, config.locales.default),
      roles: [
        ...(config.hrUserIds.includes(p.slackUserId as string) ? ['HR'] : []),
        ...(config.reviewerUserIds.includes(p.slackUserId as string) ? ['AI champion'] : []),
        ...(PEOPLE.some((other) => other.managerEmail === p.email) ? ['manager'] : []),
      ],
    })),
    channels: [GENERAL_CHANNEL, DIGEST_CHANNEL],
    commands: [config.commands.bot, config.commands.hr],
  };
}
