import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPostgres } from '../src/db/client.js';
import { countDeliveriesByStatus } from '../src/db/queries/deliveries.js';
import { NUDGE_JOB, planNudges } from '../src/jobs/nudges.js';
import { deliverySenders } from '../src/jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../src/jobs/outbox/worker.js';
import { DIGEST_JOB, MANAGER_DIGEST_JOB, planWeeklyDigest } from '../src/jobs/weekly-digest.js';
import { createLogger } from '../src/logger.js';
import { createDeliveryClient } from '../src/slack/delivery-client.js';
import { startFakeSlack } from '../tests/helpers/fake-slack.js';
import { fmt, table } from './stats.js';

/**
 * Plans and sends the weekly digest (channel message, chart, one DM per manager) and a day of
 * deadline nudges for a seeded company, against the fake Web API; prints planning time,
 * messages per second and peak memory (DESIGN §6: "the digest for the full roster is computed in
 * seconds and sent within Slack's rate limits").
 *
 *   npm run bench:digest -- [--employees 100000] [--bots 200000] [--uses 1000000] [--concurrency 8]
 *                           [--database-url postgres://…/postgres] [--keep]
 *
 * It creates a database aab_bench_digest_<random> on --database-url (default BENCH_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/postgres), seeds it with `bench/seed/main.ts` (data up to Sunday
 * 2026-11-15), adds the review period BENCH (2026-10-01 … 2026-11-30, ≥ 1 approved bot: Monday
 * 2026-11-16 is its 14-days-before nudge day), and drops the database at the end unless --keep.
 * The fake Slack answers every call at once and keeps no bodies: what is measured is our side.
 */

const USAGE =
  'usage: npm run bench:digest -- [--employees 100000] [--bots 200000] [--uses 1000000] [--concurrency 8] [--database-url URL] [--keep]';
const TODAY = '2026-11-16'; // a Monday
const TIMEZONE = 'Asia/Shanghai';
const CHANNEL = 'C0BENCH';

const { values } = parseArgs({
  options: {
    employees: { type: 'string', default: '100000' },
    bots: { type: 'string', default: '200000' },
    uses: { type: 'string', default: '1000000' },
    concurrency: { type: 'string', default: '8' },
    'database-url': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const whole = (name: string, text: string | undefined) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a whole number ≥ 1\n${USAGE}`);
    process.exit(1);
  }
  return n;
};
const employees = whole('employees', values.employees);
const concurrency = whole('concurrency', values.concurrency);
const adminUrl =
  values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Peak resident memory, sampled every 50 ms: over the run, and over the current step. */
let peakRss = 0;
let stepPeakRss = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  stepPeakRss = Math.max(stepPeakRss, rss);
}, 50);
/** Starts a step's memory peak; the returned function ends it and gives the step's peak RSS. */
const stepMemory = () => {
  stepPeakRss = process.memoryUsage().rss;
  return () => Math.max(stepPeakRss, process.memoryUsage().rss);
};
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 0)} MB`;
const seconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;

const name = `aab_bench_digest_${randomBytes(4).toString('hex')}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = openPostgres(url.toString());
const slack = await startFakeSlack();
try {
  console.log(`database ${name}: seeding ${employees} employees, ${values.bots} bots, ${values.uses} uses…`);
  const seedStarted = Date.now();
  const seeded = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/seed/main.ts',
      '--employees',
      String(employees),
      '--bots',
      String(values.bots),
      '--uses',
      String(values.uses),
      '--today',
      TODAY,
      '--database-url',
      url.toString(),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (seeded.status !== 0) throw new Error(`seeding failed (exit ${seeded.status})`);
  console.log(`seeded in ${seconds(Date.now() - seedStarted)}`);
  const db = database.db;
  await db.execute(
    sql`insert into review_periods (name, starts_on, ends_on, required_approved_bots) values ('BENCH', '2026-10-01', '2026-11-30', 1)`,
  );
  await db.execute(sql`analyze`);

  // The fake keeps no call bodies (100k DMs would dominate memory); it only counts.
  let calls = 0;
  Object.defineProperty(slack.calls, 'push', { value: () => ++calls });
  const client = createDeliveryClient({
    slack: { mode: 'http', botToken: 'xoxb-bench', signingSecret: 'bench-secret' },
    slackApiUrl: slack.apiUrl,
  });
  const logger = createLogger('warn');
  const monday9 = new Date(`${TODAY}T01:00:00Z`); // 09:00 in Asia/Shanghai
  peakRss = process.memoryUsage().rss;
  const startRss = peakRss;

  // 1. The weekly digest: the figures (12 weekly metrics queries), the lists, manager digests, the plan.
  let started = Date.now();
  let endStep = stepMemory();
  const digest = await planWeeklyDigest({
    db,
    logger,
    now: () => monday9,
    channel: CHANNEL,
    timezone: TIMEZONE,
    includeGuests: false,
    minGroupSize: 5,
    chartFont: undefined,
  });
  const digestPlanMs = Date.now() - started;
  const digestPlanRss = endStep();
  const digestRows =
    Object.values(await countDeliveriesByStatus(db, DIGEST_JOB)).reduce((a, b) => a + b, 0) +
    Object.values(await countDeliveriesByStatus(db, MANAGER_DIGEST_JOB)).reduce((a, b) => a + b, 0);
  started = Date.now();
  endStep = stepMemory();
  const digestSent = await sendDueDeliveries({
    senders: deliverySenders,
    db,
    client,
    logger,
    now: () => new Date(monday9.getTime() + 60_000),
    concurrency,
  });
  const digestSendMs = Date.now() - started;
  const digestSendRss = endStep();

  // 2. A day of nudge ticks (every 15 minutes over 24 hours): each zone reaches 10:00 once.
  let nudgePlanMs = 0;
  let ticks = 0;
  let candidates = 0;
  endStep = stepMemory();
  for (
    let t = Date.parse(`${TODAY}T00:00:00Z`) - 14 * 3_600_000;
    t < Date.parse(`${TODAY}T24:00:00Z`);
    t += 15 * 60_000
  ) {
    const tickStarted = Date.now();
    const plan = await planNudges({
      db,
      logger,
      now: () => new Date(t),
      timezone: TIMEZONE,
      includeGuests: false,
      botCommand: '/bot',
    });
    nudgePlanMs += Date.now() - tickStarted;
    ticks++;
    candidates = Math.max(candidates, plan.candidates);
  }
  const nudgePlanRss = endStep();
  const nudgeRows = Object.values(await countDeliveriesByStatus(db, NUDGE_JOB)).reduce((a, b) => a + b, 0);
  started = Date.now();
  endStep = stepMemory();
  const nudgeSent = await sendDueDeliveries({
    senders: deliverySenders,
    db,
    client,
    logger,
    now: () => new Date(`${TODAY}T23:59:00Z`),
    concurrency,
  });
  const nudgeSendMs = Date.now() - started;
  const nudgeSendRss = endStep();
  clearInterval(sampler);

  const heapLimit = getHeapStatistics().heap_size_limit;
  console.log(
    `\nweek ${digest.digest.week}, ${digest.digest.departments.length} departments, ${digest.managerDigests} managers; ` +
      `concurrency ${concurrency}; Slack calls seen by the fake: ${calls}\n`,
  );
  console.log(
    table(
      [
        'step',
        'rows planned',
        'planning',
        'peak RSS planning',
        'sent',
        'sending',
        'peak RSS sending',
        'messages/s',
      ],
      [
        [
          'weekly digest (+ chart, manager DMs)',
          String(digestRows),
          seconds(digestPlanMs),
          mb(digestPlanRss),
          String(digestSent.sent),
          seconds(digestSendMs),
          mb(digestSendRss),
          fmt(digestSent.sent / (digestSendMs / 1000), 0),
        ],
        [
          `nudges (${ticks} ticks over a day)`,
          String(nudgeRows),
          seconds(nudgePlanMs),
          mb(nudgePlanRss),
          String(nudgeSent.sent),
          seconds(nudgeSendMs),
          mb(nudgeSendRss),
          fmt(nudgeSent.sent / (nudgeSendMs / 1000), 0),
        ],
      ],
    ),
  );
  console.log(
    `\npeak RSS ${mb(peakRss)} (at start of the run ${mb(startRss)}); V8 heap limit ${mb(heapLimit)} ` +
      `(set with NODE_OPTIONS=--max-old-space-size=<MB>)`,
  );
  if (digestSent.failed + nudgeSent.failed > 0)
    console.log(`FAILED deliveries: ${digestSent.failed + nudgeSent.failed}`);
} finally {
  clearInterval(sampler);
  await slack.close();
  await database.close();
  if (!values.keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
  else console.log(`kept database ${name}`);
  await admin.end();
}
