import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { App } from '@slack/bolt';
import { pino } from 'pino';
import postgres from 'postgres';
import { loadConfig } from '../src/config.js';
import { type Database, openPostgres } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { startServer } from '../src/server.js';
import { boltLogger } from '../src/slack/bolt-logger.js';
import { AckKind, type ClientResult, createClient, epochNow } from './slash-client.js';
import { createFakeSlackHost, type ReplyKind } from './slash-fake-slack.js';
import { concat, fmt, summarize, table } from './stats.js';
import { local, type Remote, spawn } from './worker-rpc.js';

/**
 * Slash-command acknowledgement benchmark (DESIGN §6: "a slash command is acknowledged well within
 * Slack's 3 s (target p99 ≤ 200 ms under 100 concurrent users), at a throughput comparable to a
 * bare Bolt app that only acknowledges"; and issue 12: what the user waits for is the answer, not
 * the ack).
 *
 * In one process run: a fresh Postgres database; the real app (HTTP mode, port 0) on it, a bare
 * Bolt app that only acks /bot, and a Bolt app that does one INSERT per request and acks with the
 * answer ("Bolt + INSERT", the yardstick for stored-and-answered), all on the main thread; the fake
 * Slack Web API + response_url endpoint on a worker thread; N simulated users on another worker
 * thread (with `--inline`, everything on the main thread). Each user opens its keep-alive
 * connection with an untimed `/bot help` (or, with `--new-connections`, uses a new connection for
 * every request), then is a closed loop sending signed `/bot submit <unique name> | <unique link> |
 * <description>` commands, each with its own response_url, each as soon as the previous one was
 * acknowledged. A request's answer is its ack body when that holds one ("Saved #12", "Nothing was
 * saved", "Busy"), else the response_url message for it; "saved" answer time runs from sending the
 * request to that answer. Targets run in rounds, their order rotated each round, so all see the
 * same machine conditions; every phase waits (bounded) for the answers still owed through
 * response_url before the next phase starts.
 *
 *   npx tsx bench/slash-ack.ts [--users 100] [--requests 3000] [--seconds 60] [--rounds 3]
 *                              [--warmup 200] [--new-connections] [--inline] [--json raw.json]
 *
 * Exit code 1 when an acknowledged app request got no answer, an answer came late or twice, or the
 * bots stored differ from the answers "Saved" ("Busy — nothing was saved" is an honest answer).
 * Latency figures never fail the run.
 */

const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-bench-token';
/** Per app phase: how long to wait for the replies still owed after the last ack. */
const REPLY_TIMEOUT_MS = 30_000;
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Options {
  users: number;
  requests: number;
  seconds: number;
  rounds: number;
  warmup: number;
  inline: boolean;
  newConnections: boolean;
  json: string | undefined;
}

const USAGE =
  'usage: npx tsx bench/slash-ack.ts [--users 100] [--requests 3000] [--seconds 60] [--rounds 3] [--warmup 200] [--new-connections] [--inline] [--json FILE]';

function parseOptions(argv: string[]): Options {
  try {
    return checkOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function checkOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string', default: '100' },
      requests: { type: 'string', default: '3000' },
      seconds: { type: 'string', default: '60' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '200' },
      inline: { type: 'boolean', default: false },
      'new-connections': { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (name: string, raw: string, min: number, max: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      console.error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")\n${USAGE}`);
      process.exit(2);
    }
    return value;
  };
  const options = {
    users: whole('users', values.users, 1, 1000),
    requests: whole('requests', values.requests, 1, 1_000_000),
    seconds: whole('seconds', values.seconds, 1, 600),
    rounds: whole('rounds', values.rounds, 1, 20),
    warmup: whole('warmup', values.warmup, 0, 100_000),
    inline: values.inline,
    newConnections: values['new-connections'],
    json: values.json,
  };
  if (options.requests < options.rounds) {
    console.error('--requests must be at least --rounds');
    process.exit(2);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Cleanup: everything started registers how to stop it; run once, last started first, on the
// normal path, on error, on SIGINT/SIGTERM and when the time budget runs out.

const cleanups: { name: string; run: () => Promise<unknown> }[] = [];
let cleaning: Promise<void> | undefined;

/** Registers a stop step; returns it, made idempotent, for stopping early on the normal path. */
function onCleanup(name: string, run: () => Promise<unknown>): () => Promise<unknown> {
  let result: Promise<unknown> | undefined;
  const once = () => {
    result ??= run();
    return result;
  };
  cleanups.push({ name, run: once });
  return once;
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await withTimeout(step.run(), 10_000, `${step.name} did not stop within 10 s`);
      } catch (error) {
        console.error(`cleanup: ${step.name}: ${String(error)}`);
      }
    }
  })();
  return cleaning;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function exitAfterCleanup(code: number): void {
  void cleanup().finally(() => {
    process.exitCode = uncaught.length > 0 ? 1 : code;
    // Everything is closed, so the process should end by itself; never hang if it does not.
    setTimeout(() => {
      console.error('warning: an open handle kept the process alive after cleanup; exiting');
      process.exit(code);
    }, 3000).unref();
  });
}

// An exception thrown by the app or a library outside any request (e.g. postgres.js when its pool
// is closed under queued queries) is reported and fails the run, but never skips the cleanup.
const uncaught: string[] = [];
process.on('uncaughtException', (error) => {
  uncaught.push(String(error));
  console.error(`uncaught exception (app or library): ${error.stack ?? String(error)}`);
});

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping and dropping the benchmark database…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Parts of the setup.

async function createBenchDatabase(adminUrl: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const name = `aab_bench_${randomBytes(5).toString('hex')}`;
  try {
    const [row] = await admin<{ server_version: string }[]>`show server_version`;
    await admin.unsafe(`create database ${name}`);
    onCleanup(`drop database ${name}`, async () => {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    });
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return { name, url: url.toString(), serverVersion: row?.server_version ?? '?' };
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** A Bolt app that only acknowledges /bot: the throughput and latency to compare with. */
async function startBareApp(apiUrl: string): Promise<{ port: number; stop: () => Promise<unknown> }> {
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: apiUrl },
    logger: boltLogger(createLogger('silent')),
  });
  app.command('/bot', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as unknown as { address(): { port: number } };
  return { port: server.address().port, stop: () => app.stop() };
}

/**
 * The yardstick for "what the user waits for": a Bolt app that does one INSERT per /bot request
 * (its own pool of 10, like the app's) and acks with the answer, "Saved … as #id".
 */
async function startInsertApp(
  apiUrl: string,
  databaseUrl: string,
): Promise<{ port: number; stop: () => Promise<unknown> }> {
  const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
  await sql`create table if not exists bench_inserts (id bigserial primary key, name text not null)`;
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: apiUrl },
    logger: boltLogger(createLogger('silent')),
  });
  app.command('/bot', async ({ ack, command }) => {
    const name =
      command.text
        .split('|')[0]
        ?.replace(/^submit\s+/, '')
        .trim() ?? '';
    try {
      const [row] = await sql<
        { id: string }[]
      >`insert into bench_inserts (name) values (${name}) returning id`;
      await ack({ response_type: 'ephemeral', text: `Saved ${name} as #${row?.id}` });
    } catch {
      await ack({ response_type: 'ephemeral', text: 'Nothing was saved.' });
    }
  });
  const server = (await app.start(0)) as unknown as { address(): { port: number } };
  return {
    port: server.address().port,
    stop: async () => {
      await app.stop();
      await sql.end({ timeout: 5 });
    },
  };
}

/** A pino logger that prints nothing but counts what the app logs at warn level and above. */
function countingLogger() {
  const seen = { count: 0, samples: [] as string[] };
  const logger = pino(
    { level: 'warn', base: { app: 'ai-adoption-bot' } },
    {
      write(line: string) {
        seen.count++;
        if (seen.samples.length < 3) seen.samples.push(line.trim().slice(0, 400));
      },
    },
  );
  return { logger, seen };
}

/** A Slack user id per simulated user, distinct per phase and run: each one is a new employee. */
function slackUserId(runId: string, phase: string, index: number): string {
  return `U${runId}${phase}${String(index).padStart(4, '0')}`.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

// ---------------------------------------------------------------------------------------------
// One phase: N users against one target, then (app) the wait for its replies.

type ClientApi = ReturnType<typeof createClient>;
type FakeSlackApi = Awaited<ReturnType<typeof createFakeSlackHost>>;

type Target = 'app' | 'bare' | 'insert';

interface Phase {
  phase: string;
  round: number;
  target: Target;
  client: ClientResult;
  sent: number;
  acked: number;
  errors: number;
  elapsedMs: number;
  /** Response_url reply time per acknowledged request that got one (app only). */
  endToEnd: Float64Array;
  /** Request sent → its answer "Saved" (in the ack or through response_url), per saved request. */
  savedAnswer: Float64Array;
  /** Answers by kind, wherever they came (ack body or response_url); missing = acked, never answered. */
  replies: Record<ReplyKind | 'missing' | 'unexpected', number>;
  /** Answers that came in the ack itself. */
  answeredInAck: number;
  /** Highest resident set size sampled during the phase (whole process: apps, workers), MB. */
  peakRssMb: number;
  firstReplyMs: number;
  drainMs: number;
  replySamples: string[];
  usersInfoCalls: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** CPU used during the phase (load and reply wait), ms: the main thread (the apps), the bench database's backends. */
  mainCpuMs: number;
  postgresCpuMs: number;
}

interface PhaseContext {
  options: Options;
  runId: string;
  client: Remote<ClientApi>;
  fake: Remote<FakeSlackApi>;
  responseBase: string;
  urls: Record<Target, string>;
  loopDelay: IntervalHistogram;
  /** CPU used so far by each Postgres backend of the bench database, ms by pid (NaN: not measurable). */
  postgresCpuMs: () => Promise<Map<number, number>>;
}

async function runPhase(
  ctx: PhaseContext,
  round: number,
  target: Target,
  phase: string,
  requests: number,
  maxSeconds: number,
): Promise<Phase> {
  const userIds = Array.from({ length: ctx.options.users }, (_, i) => slackUserId(ctx.runId, phase, i));
  await ctx.fake.call('reset', userIds);
  const mainCpuBefore = mainThreadCpuMs();
  const postgresCpuBefore = await ctx.postgresCpuMs();
  ctx.loopDelay.reset();
  ctx.loopDelay.enable();
  let peakRss = process.memoryUsage.rss();
  const rssSampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  const client = await ctx.client.call('runPhase', {
    phase,
    target,
    url: ctx.urls[target],
    signingSecret: SIGNING_SECRET,
    userIds,
    requests,
    maxSeconds,
    responseBase: ctx.responseBase,
    runId: ctx.runId,
    newConnections: ctx.options.newConnections,
  });
  ctx.loopDelay.disable();
  const loop = delayMs(ctx.loopDelay);
  let acked = 0;
  let owed = 0; // acknowledged without the answer in the ack: it is owed through response_url
  client.statuses.forEach((status, seq) => {
    if (status !== 200) return;
    acked++;
    const kind = client.ackKinds[seq];
    // The bare app only acks: nothing is owed (waiting for it would idle the bench 30 s a round).
    if (target !== 'bare' && (kind === AckKind.NONE || kind === AckKind.WORKING)) owed++;
  });

  // Wait (bounded) for every answer owed through response_url, so that the next phase starts on
  // a quiet server.
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  while (owed > 0 && (await ctx.fake.call('count', undefined)) < owed && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  clearInterval(rssSampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const mainCpuMs = mainThreadCpuMs() - mainCpuBefore;
  let postgresCpuMs = 0;
  // A backend that ended during the phase is not counted; one that started counts from 0.
  for (const [pid, ms] of await ctx.postgresCpuMs()) postgresCpuMs += ms - (postgresCpuBefore.get(pid) ?? 0);
  const arrivals = await ctx.fake.call('collect', undefined);
  const replies = {
    saved: 0,
    duplicate: 0,
    notSaved: 0,
    other: 0,
    missing: 0,
    unexpected: arrivals.repeated,
  };
  const endToEnd: number[] = [];
  const savedAnswer: number[] = [];
  const answered = new Uint8Array(client.sent);
  let answeredInAck = 0;
  const ackKindNames: Record<number, ReplyKind> = {
    [AckKind.SAVED]: 'saved',
    [AckKind.DUPLICATE]: 'duplicate',
    [AckKind.NOT_SAVED]: 'notSaved',
    [AckKind.OTHER]: 'other',
  };
  client.statuses.forEach((status, seq) => {
    const kind = ackKindNames[client.ackKinds[seq] as number];
    if (status !== 200 || !kind) return;
    answered[seq] = 1;
    answeredInAck++;
    replies[kind]++;
    if (kind === 'saved') savedAnswer.push(client.latencies[seq] as number);
  });
  let lastArrival = Number.NaN;
  arrivals.tags.forEach((tag, i) => {
    const seq = Number(tag.slice(phase.length + 1));
    const at = arrivals.atEpoch[i] as number;
    if (!tag.startsWith(`${phase}-`) || client.statuses[seq] !== 200 || answered[seq]) {
      replies.unexpected++;
      return;
    }
    answered[seq] = 1;
    const kind = arrivals.kinds[i] as ReplyKind;
    replies[kind]++;
    const sinceSent = at - (client.sentAtEpoch[seq] as number);
    endToEnd.push(sinceSent);
    if (kind === 'saved') savedAnswer.push(sinceSent);
    if (!(at <= lastArrival)) lastArrival = at;
  });
  // Every acknowledged request is owed an answer, from every target but the bare one (ack only).
  if (target !== 'bare') replies.missing = acked - answered.reduce((a, b) => a + b, 0);
  let firstArrival = Number.NaN;
  for (const at of arrivals.atEpoch) if (!(at >= firstArrival)) firstArrival = at;

  return {
    phase,
    round,
    target,
    client,
    sent: client.sent,
    acked,
    errors: client.sent - acked,
    elapsedMs: client.endEpoch - client.startEpoch,
    endToEnd: Float64Array.from(endToEnd),
    savedAnswer: Float64Array.from(savedAnswer),
    replies,
    answeredInAck,
    peakRssMb: peakRss / 1024 / 1024,
    firstReplyMs: firstArrival - client.startEpoch,
    drainMs:
      replies.missing > 0
        ? epochNow() - client.endEpoch
        : Number.isNaN(lastArrival)
          ? 0
          : Math.max(0, lastArrival - client.endEpoch),
    replySamples: arrivals.samples,
    usersInfoCalls: arrivals.usersInfoCalls,
    ...loop,
    mainCpuMs,
    postgresCpuMs,
  };
}

/** CPU time of a process or thread from /proc (Linux), ms; NaN elsewhere. */
function procCpuMs(path: string): number {
  try {
    // After the command name: utime and stime are the 12th and 13th fields, in clock ticks (100 Hz).
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The main thread's CPU: the three apps under test run there (the load and fake Slack do not). */
function mainThreadCpuMs(): number {
  return procCpuMs(`/proc/self/task/${process.pid}/stat`);
}

function delayMs(histogram: IntervalHistogram): { loopDelayP99Ms: number; loopDelayMaxMs: number } {
  // Nanoseconds; with nothing recorded max is a huge sentinel, so report "not measured".
  const recorded = histogram.count > 0;
  return {
    loopDelayP99Ms: recorded ? histogram.percentile(99) / 1e6 : Number.NaN,
    loopDelayMaxMs: recorded ? histogram.max / 1e6 : Number.NaN,
  };
}

// ---------------------------------------------------------------------------------------------
// The run.

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL;
  const runId = randomBytes(3).toString('hex');

  const cpus = os.cpus();
  console.log('Slash-command ack benchmark (bench/slash-ack.ts)');
  console.log(
    `machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? '?'}), Node ${process.version}, ${os.platform()} ${os.arch()}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `parameters: --users ${options.users} --requests ${options.requests} (per target) --seconds ${options.seconds} (max per target) --rounds ${options.rounds} --warmup ${options.warmup} (per target)${options.newConnections ? ' --new-connections' : ''}${options.inline ? ' --inline' : ''}`,
  );

  // A hard bound on the whole run, whatever happens.
  // Three targets; each phase may wait REPLY_TIMEOUT_MS for owed answers, and an app that answers
  // late still has work left at the next phase.
  const budgetMs =
    (3 * options.seconds + 120 + 3 * (options.rounds + 1) * (REPLY_TIMEOUT_MS / 1000) + 60) * 1000;
  setTimeout(() => {
    console.error(`benchmark exceeded its ${Math.round(budgetMs / 1000)} s budget; aborting`);
    exitAfterCleanup(1);
  }, budgetMs).unref();

  const benchDb = await createBenchDatabase(adminUrl);
  const database: Database = openPostgres(benchDb.url);
  const closeDatabase = onCleanup('database client', () => database.close());
  await database.migrate();
  // Our own connection for the checks, so that the app's pool can be closed (flushing its
  // statistics) before we count.
  const check = postgres(benchDb.url, { max: 1, onnotice: () => {} });
  onCleanup('check client', () => check.end({ timeout: 5 }));
  const commitsBefore = await committedTransactions(check);
  console.log(
    `database: ${benchDb.name} on ${redact(adminUrl)} (PostgreSQL ${benchDb.serverVersion}), migrated; dropped at the end`,
  );

  const fake: Remote<FakeSlackApi> = options.inline
    ? local(await createFakeSlackHost())
    : await spawn<FakeSlackApi>(new URL('./slash-fake-slack.ts', import.meta.url), 'createFakeSlackHost');
  onCleanup('fake Slack', () => fake.terminate());
  const client: Remote<ClientApi> = options.inline
    ? local(createClient())
    : await spawn<ClientApi>(new URL('./slash-client.ts', import.meta.url), 'createClient');
  onCleanup('load generator', () => client.terminate());
  const { apiUrl, responseBase } = await fake.call('info', undefined);

  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: benchDb.url,
  });
  const appLog = countingLogger();
  const server = await startServer(config, { database, logger: appLog.logger });
  const stopApp = onCleanup('real app', () => server.stop());
  const bare = await startBareApp(apiUrl);
  onCleanup('bare app', () => bare.stop());
  const insert = await startInsertApp(apiUrl, benchDb.url);
  onCleanup('Bolt + INSERT app', () => insert.stop());

  const urls = {
    app: `http://127.0.0.1:${server.port}/slack/events`,
    bare: `http://127.0.0.1:${bare.port}/slack/events`,
    insert: `http://127.0.0.1:${insert.port}/slack/events`,
  };
  console.log(
    `threads: main = real app + bare app + Bolt+INSERT app; ${options.inline ? 'users and fake Slack also on main (--inline)' : `worker 1 = simulated users (node:http agent, maxSockets = users, ${options.newConnections ? 'a new connection per request' : 'keep-alive'}); worker 2 = fake Slack`}`,
  );
  console.log(
    `order: warm-up bare, insert, app, then ${options.rounds} round(s), the order of the three targets rotated each round; each target gets requests/rounds per round, at most seconds/rounds s per round`,
  );

  const ctx: PhaseContext = {
    options,
    runId,
    client,
    fake,
    responseBase,
    urls,
    loopDelay: monitorEventLoopDelay({ resolution: 5 }),
    postgresCpuMs: async () => {
      // Only a database on this machine has its backends in our /proc.
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(adminUrl).hostname))
        return new Map([[0, Number.NaN]]);
      const rows = await check<{ pid: number }[]>`
        select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
      return new Map(rows.map((r) => [r.pid, procCpuMs(`/proc/${r.pid}/stat`)]));
    },
  };
  const warmups: Phase[] = [];
  if (options.warmup > 0) {
    warmups.push(await runPhase(ctx, 0, 'bare', 'wb', options.warmup, 30));
    warmups.push(await runPhase(ctx, 0, 'insert', 'wi', options.warmup, 30));
    warmups.push(await runPhase(ctx, 0, 'app', 'wa', options.warmup, 30));
  }
  const measured: Phase[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const share =
      Math.floor(options.requests / options.rounds) + (round <= options.requests % options.rounds ? 1 : 0);
    const targets: Target[] = ['bare', 'insert', 'app'];
    const order = targets.map((_, i) => targets[(i + round - 1) % targets.length] as Target);
    for (const target of order) {
      const phase = `r${round}${target[0]}`;
      measured.push(await runPhase(ctx, round, target, phase, share, options.seconds / options.rounds));
    }
  }
  const all = [...warmups, ...measured];

  // --- Proof the work was done: one stored bot per acknowledged app request.
  const appPhases = all.filter((p) => p.target === 'app');
  const appAcked = sum(appPhases.map((p) => p.acked));
  await stopApp();
  await closeDatabase();
  const [counts] = await check<{ bots: number; employees: number }[]>`
    select (select count(*) from bots)::int as bots, (select count(*) from employees)::int as employees`;
  const storedBots = counts?.bots ?? 0;
  const appCommits = (await committedTransactions(check, true)) - commitsBefore;

  // --- Report.
  console.log(
    '\nper phase (ms; round 0 = warm-up, not in the totals; open max = slowest untimed connection-opening /bot help; loop p99 = main-thread event-loop delay; 1st reply = first response_url reply after the timed load started; drain = last reply after the last ack):',
  );
  console.log(
    table(
      [
        'phase',
        'round',
        'target',
        'open max',
        'requests',
        'errors',
        'p50',
        'p99',
        'max',
        'req/s',
        'loop p99',
        '1st reply',
        'e2e p50',
        'drain',
      ],
      all.map((p) => {
        const s = summarize(p.client.latencies);
        const app = p.target === 'app';
        return [
          p.phase,
          String(p.round),
          p.target,
          p.client.openLatencies.length ? fmt(summarize(p.client.openLatencies).max) : '-',
          String(p.sent),
          String(p.errors),
          fmt(s.p50),
          fmt(s.p99),
          fmt(s.max),
          fmt(p.acked / (p.elapsedMs / 1000), 0),
          fmt(p.loopDelayP99Ms),
          app ? fmt(p.firstReplyMs, 0) : '-',
          app ? fmt(summarize(p.endToEnd).p50, 0) : '-',
          app ? fmt(p.drainMs, 0) : '-',
        ];
      }),
    ),
  );

  const totals = (target: Target) => {
    const phases = measured.filter((p) => p.target === target);
    const acked = sum(phases.map((p) => p.acked));
    const saved = sum(phases.map((p) => p.replies.saved));
    const busySeconds = sum(phases.map((p) => p.elapsedMs + p.drainMs)) / 1000;
    return {
      target,
      phases,
      sent: sum(phases.map((p) => p.sent)),
      errors: sum(phases.map((p) => p.errors)),
      latency: summarize(concat(phases.map((p) => p.client.latencies))),
      rps: acked / (sum(phases.map((p) => p.elapsedMs)) / 1000),
      savedPerSecond: target === 'bare' ? Number.NaN : saved / busySeconds,
      savedAnswer: summarize(concat(phases.map((p) => p.savedAnswer))),
      inAck: sum(phases.map((p) => p.answeredInAck)),
      unanswered: sum(phases.map((p) => p.replies.missing)),
      peakRssMb: Math.max(...phases.map((p) => p.peakRssMb)),
      mainCpuPerRequest: sum(phases.map((p) => p.mainCpuMs)) / acked,
      postgresCpuPerRequest: sum(phases.map((p) => p.postgresCpuMs)) / acked,
    };
  };
  const bareTotals = totals('bare');
  const insertTotals = totals('insert');
  const appTotals = totals('app');
  console.log(
    `\nsummary over the ${options.rounds} measured round(s) (ack = request sent → full HTTP response; "saved" answer = request sent → the answer "Saved", in the ack or through response_url; stored and answered/s = "Saved" answers per second from a round's first request to its last answer; peak RSS = whole process, MB):`,
  );
  console.log(
    table(
      [
        'target',
        'requests',
        'errors',
        'acks/s',
        'ack p50',
        'ack p99',
        'stored+answered/s',
        'saved p50',
        'saved p99',
        'in ack',
        'unanswered',
        'peak RSS',
      ],
      [bareTotals, insertTotals, appTotals].map((t) => [
        t.target === 'insert' ? 'Bolt + INSERT' : t.target === 'bare' ? 'bare Bolt' : 'this app',
        String(t.sent),
        String(t.errors),
        fmt(t.rps, 0),
        fmt(t.latency.p50),
        fmt(t.latency.p99),
        t.target === 'bare' ? '-' : fmt(t.savedPerSecond, 0),
        t.target === 'bare' ? '-' : fmt(t.savedAnswer.p50),
        t.target === 'bare' ? '-' : fmt(t.savedAnswer.p99),
        t.target === 'bare' ? '-' : String(t.inAck),
        t.target === 'bare' ? '-' : String(t.unanswered),
        fmt(t.peakRssMb, 0),
      ]),
    ),
  );
  console.log(
    `ratios: app/bare acks/s ×${fmt(appTotals.rps / bareTotals.rps, 2)}, app/(Bolt + INSERT) stored and answered/s ×${fmt(appTotals.savedPerSecond / insertTotals.savedPerSecond, 2)}`,
  );
  console.log(
    `CPU per acknowledged request, ms (main thread = where the three apps run; Postgres = the bench database's backends; 10 ms clock ticks, load and reply wait): ${[
      bareTotals,
      insertTotals,
      appTotals,
    ]
      .map(
        (t) =>
          `${t.target === 'insert' ? 'Bolt + INSERT' : t.target === 'bare' ? 'bare Bolt' : 'this app'} ${fmt(t.mainCpuPerRequest, 3)} + ${fmt(t.postgresCpuPerRequest, 3)}`,
      )
      .join(', ')}`,
  );
  console.log(
    `peak RSS per measured round (MB; flat memory = no growth from round to round): ${Array.from(
      { length: options.rounds },
      (_, r) => fmt(Math.max(...measured.filter((p) => p.round === r + 1).map((p) => p.peakRssMb)), 0),
    ).join(', ')}`,
  );
  const e2e = summarize(concat(appTotals.phases.map((p) => p.endToEnd)));
  if (e2e.count > 0)
    console.log(
      `app answers through response_url (request sent → reply received): ${e2e.count}, p50 ${fmt(e2e.p50)} ms, p99 ${fmt(e2e.p99)} ms, max ${fmt(e2e.max)} ms; longest drain after a phase's last ack ${fmt(Math.max(...appTotals.phases.map((p) => p.drainMs)), 0)} ms`,
    );

  const replies = { saved: 0, duplicate: 0, notSaved: 0, other: 0, missing: 0, unexpected: 0 };
  for (const p of appPhases)
    for (const key of Object.keys(replies) as (keyof typeof replies)[]) replies[key] += p.replies[key];
  console.log(
    `app answers (warm-up included): saved ${replies.saved}, already submitted ${replies.duplicate}, not saved ${replies.notSaved}, other ${replies.other}, unanswered ${replies.missing}, unexpected ${replies.unexpected}`,
  );
  for (const sample of new Set(appPhases.flatMap((p) => p.replySamples)))
    console.log(`  reply sample: ${sample}`);
  const errorKinds = mergeCounts(all.map((p) => p.client.errorKinds));
  if (Object.keys(errorKinds).length > 0)
    console.log(`request errors by kind: ${JSON.stringify(errorKinds)}`);
  console.log(
    `main-thread event-loop delay, worst phase: p99 bare ${fmt(maxOf(bareTotals.phases, 'loopDelayP99Ms'))} ms / app ${fmt(maxOf(appTotals.phases, 'loopDelayP99Ms'))} ms; max bare ${fmt(maxOf(bareTotals.phases, 'loopDelayMaxMs'))} ms / app ${fmt(maxOf(appTotals.phases, 'loopDelayMaxMs'))} ms`,
  );
  console.log(
    `app log lines at warn or above: ${appLog.seen.count}${appLog.seen.samples.map((s) => `\n  log sample: ${s}`).join('')}`,
  );
  console.log(
    `database: ${storedBots} bots stored, ${appAcked} app requests acknowledged (warm-up included); ${counts?.employees ?? 0} employees for ${appPhases.length * options.users} users; ${sum(appPhases.map((p) => p.usersInfoCalls))} users.info calls`,
  );
  console.log(
    `database work: ${appCommits} transactions committed by the app and Bolt + INSERT (${fmt(appCommits / appAcked, 1)} per acknowledged app request; each autocommit statement counts as one)`,
  );
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  if (options.json) {
    const replacer = (_key: string, value: unknown) =>
      value instanceof Float64Array || value instanceof Uint16Array
        ? Array.from(value, (v) => Math.round(v * 1000) / 1000)
        : value;
    const raw = { options, machine: { cpus: cpus.length, node: process.version }, phases: all };
    writeFileSync(options.json, JSON.stringify(raw, replacer));
    console.log(`raw results written to ${options.json}`);
  }

  const problems: string[] = [];
  // An honest "nothing was saved" (busy) is an answer; a "Saved" must be stored, and stored only once.
  if (storedBots !== replies.saved)
    problems.push(`bots stored (${storedBots}) ≠ answers "Saved" (${replies.saved})`);
  if (replies.missing > 0) problems.push(`${replies.missing} acknowledged requests never got an answer`);
  if (replies.other + replies.duplicate > 0)
    problems.push(`${replies.other + replies.duplicate} answers neither "Saved" nor "nothing was saved"`);
  if (replies.unexpected > 0) problems.push(`${replies.unexpected} unexpected, late or repeated replies`);
  if (uncaught.length > 0) problems.push(`${uncaught.length} uncaught exception(s), first: ${uncaught[0]}`);
  const p99 = appTotals.latency.p99;
  console.log(
    `DESIGN §6 target, app ack p99 ≤ 200 ms with ${options.users} concurrent users: ${p99 <= 200 ? 'met' : 'NOT met'} (${fmt(p99)} ms)`,
  );
  if (appTotals.errors + bareTotals.errors > 0)
    console.log(`warning: ${appTotals.errors} app and ${bareTotals.errors} bare requests failed`);
  if (problems.length > 0) {
    console.log(`FAILED: ${problems.join('; ')}`);
    return 1;
  }
  const savedP99 = appTotals.savedAnswer.p99;
  console.log(
    `issue 12 targets: "saved" p99 ≤ 1 s ${savedP99 <= 1000 ? 'met' : 'NOT met'} (${fmt(savedP99)} ms); stored and answered ≥ 0.7× Bolt + INSERT ${appTotals.savedPerSecond >= 0.7 * insertTotals.savedPerSecond ? 'met' : 'NOT met'}; unanswered ${replies.missing}`,
  );
  console.log(
    `OK: every acknowledged app request got an answer; each of the ${replies.saved} "Saved" is stored once, ${replies.notSaved} were told nothing was saved`,
  );
  return 0;
}

/**
 * Transactions committed in the bench database so far (pg_stat_database). Statistics reach it when
 * a backend goes idle or exits; with `settle`, read until two reads a moment apart (nearly) agree.
 */
async function committedTransactions(sql: postgres.Sql, settle = false): Promise<number> {
  const read = async () => {
    const [row] = await sql<{ n: number }[]>`
      select xact_commit::int as n from pg_stat_database where datname = current_database()`;
    return row?.n ?? 0;
  };
  let value = await read();
  for (let i = 0; settle && i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = await read();
    // Our own reads are transactions too; a few more do not mean the app's stats are still arriving.
    const settled = next - value <= 3;
    value = next;
    if (settled) break;
  }
  return value;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function maxOf(phases: Phase[], key: 'loopDelayP99Ms' | 'loopDelayMaxMs'): number {
  return Math.max(...phases.map((p) => p[key]));
}

function mergeCounts(parts: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of parts) for (const [k, v] of Object.entries(part)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

try {
  exitAfterCleanup(await main());
} catch (error) {
  if (!interrupted) console.error('benchmark failed:', error);
  exitAfterCleanup(1);
}
