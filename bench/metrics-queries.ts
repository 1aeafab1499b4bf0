import os from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { ConfigError, loadDatabaseConfig } from '../src/config.js';
import { type Database, openPostgres } from '../src/db/client.js';
import { findSnapshot, findSnapshotQuery } from '../src/db/queries/adoption-snapshots.js';
import {
  adoptionFigures,
  adoptionFiguresByDepartmentQuery,
  adoptionFiguresQuery,
  figuresByDepartment,
  figuresByDepartmentQuery,
  funnelByDepartment,
  funnelByDepartmentQuery,
  type MetricsScope,
  type MetricsWindow,
  personRecords,
  personRecordsQuery,
} from '../src/db/queries/metrics.js';
import { liveFunnel, refreshSnapshots } from '../src/domain/figures.js';
import { myRecord } from '../src/domain/my-record.js';
import { isoDay, quarterContaining } from '../src/domain/periods.js';
import { periodBefore, type ReviewPeriod, resolvePeriod } from '../src/domain/review-periods.js';
import {
  adoptionStats,
  learningFunnel,
  type StatsOptions,
  type StatsSource,
  statsSource,
  windowFor,
} from '../src/domain/stats.js';
import { fmt, summarize, table } from './stats.js';

/**
 * HR stats and person-record latency on a seeded Postgres (DESIGN §6: "an HR stats query at full
 * scale answers in p95 ≤ 250 ms"). Seed first: `npm run seed` (see docs/benchmarks.md).
 *
 *   npx tsx bench/metrics-queries.ts [--database-url postgres://…] [--runs 30] [--live-runs 10]
 *                                    [--warmup 3] [--past 2026-Q3] [--verify] [--explain-all]
 *
 * For the current quarter (as of now) and a past one, it times what users wait for — `/adoption
 * stats` served from snapshots (STATS_REFRESH_MINUTES), `/bot me`, one person's record — and, as
 * "background" cases, the live computation and the snapshot refresh behind them. One call at a
 * time on an otherwise idle pool, the cases interleaved round by round so that machine noise hits
 * them all alike. Then it prints EXPLAIN (ANALYZE, BUFFERS) of the slowest served and the slowest
 * background SQL, and of the refresh. The snapshots it reads are refreshed once before the timed rounds (and by the
 * refresh case), so they are fresh, as the scheduled job keeps them.
 */

const TARGET_P95_MS = 250;
const USAGE =
  'usage: npx tsx bench/metrics-queries.ts [--database-url postgres://…] [--runs 30] [--live-runs 10] [--warmup 3] [--past 2026-Q3] [--verify] [--explain-all]';
/** What STATS_REFRESH_MINUTES defaults to: the snapshot cases read snapshots this fresh. */
const REFRESH_MINUTES = 10;
/** What `useLargeWorkMem` sets for the refresh (src/db/queries/adoption-snapshots.ts). */
const REFRESH_WORK_MEM = '64MB';

interface Options {
  databaseUrl: string;
  runs: number;
  liveRuns: number;
  warmup: number;
  past: string | undefined;
  verify: boolean;
  explainAll: boolean;
}

interface Case {
  name: string;
  period: ReviewPeriod;
  run: () => Promise<unknown>;
  /** The SQL of its (main) statement, for EXPLAIN. */
  query: SQL | { sql: string; params: unknown[] };
  /** `served`: a user waits for it (the target applies); `background`: the live fallback or the refresh. */
  kind: 'served' | 'background';
  samples: number[];
}

const OPTION_SPEC = {
  'database-url': { type: 'string' },
  runs: { type: 'string', default: '30' },
  'live-runs': { type: 'string', default: '10' },
  warmup: { type: 'string', default: '3' },
  past: { type: 'string' },
  verify: { type: 'boolean', default: false },
  'explain-all': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function parseOptions(argv: string[]): Options | string {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTION_SPEC }>>['values'];
  try {
    values = parseArgs({ args: argv, options: OPTION_SPEC, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return `${(error as Error).message}\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const runs = Number(values.runs);
  const liveRuns = Number(values['live-runs']);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000) return `--runs must be 1–1000\n${USAGE}`;
  if (!Number.isInteger(liveRuns) || liveRuns < 1 || liveRuns > runs) {
    return `--live-runs must be 1–--runs\n${USAGE}`;
  }
  if (!Number.isInteger(warmup) || warmup < 0 || warmup > 100) return `--warmup must be 0–100\n${USAGE}`;
  let databaseUrl = values['database-url'];
  if (databaseUrl === undefined) {
    const { database } = loadDatabaseConfig(process.env);
    if (database.kind !== 'postgres') {
      return 'Set DATABASE_URL or pass --database-url postgres://…: this benchmark needs a seeded Postgres.';
    }
    databaseUrl = database.url;
  }
  return {
    databaseUrl,
    runs,
    liveRuns,
    warmup,
    past: values.past,
    verify: values.verify,
    explainAll: values['explain-all'],
  };
}

async function main(options: Options): Promise<number> {
  // JIT off, as the app's own connections (src/db/client.ts), so that EXPLAIN shows the app's plans.
  const raw = postgres(options.databaseUrl, { max: 1, onnotice: () => {}, connection: { jit: 'off' } });
  let database: Database | undefined;
  try {
    const [counts] = await raw<{ employees: number; bots: number; uses: number }[]>`
      select (select count(*) from employees)::int as employees,
             (select count(*) from bots)::int as bots,
             (select reltuples::bigint from pg_class where oid = 'usage_events'::regclass)::bigint as uses`.catch(
      () => [undefined],
    );
    if (!counts || counts.employees === 0) {
      console.error(
        'This database has no employees (or no schema). Seed it first, e.g.\n' +
          '  npm run seed -- --employees 100000 --bots 500000 --uses 10000000 --database-url <the same URL>',
      );
      return 1;
    }
    const [server] = await raw<Record<string, string>[]>`
      select current_setting('server_version') as version, current_setting('shared_buffers') as shared_buffers,
             current_setting('work_mem') as work_mem, current_setting('jit') as jit,
             current_setting('max_parallel_workers_per_gather') as parallel_workers,
             pg_size_pretty(pg_database_size(current_database())) as size`;
    console.log(
      `database: ${current(options.databaseUrl)} (${server?.size}); ${counts.employees.toLocaleString('en-US')} employees, ` +
        `${counts.bots.toLocaleString('en-US')} bots, ~${Number(counts.uses).toLocaleString('en-US')} usage events`,
    );
    console.log(
      `server: PostgreSQL ${server?.version}, shared_buffers ${server?.shared_buffers}, work_mem ${server?.work_mem}, ` +
        `jit ${server?.jit}, parallel workers/gather ${server?.parallel_workers}`,
    );
    console.log(
      `client: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );

    database = openPostgres(options.databaseUrl);
    const db = database.db;
    const now = new Date();
    const statsOptions: StatsOptions = { now, timezone: 'UTC', includeGuests: false };
    const today = isoDay(now, 'UTC');
    const currentPeriod = await resolvePeriod(db, undefined, today);
    const pastPeriod = await resolvePeriod(
      db,
      options.past ?? periodText(periodBefore(currentPeriod)),
      today,
    );

    const departments = await raw<{ department: string; headcount: number }[]>`
      select department, count(*)::int as headcount from employees
      where active_until is null and department is not null group by department order by count(*) desc, department`;
    const largest = departments[0];
    const middle = departments[Math.floor(departments.length / 2)];
    if (!largest || !middle) throw new Error('no departments in the seeded data');
    // Worst case for `/bot me`: the active employee with the most bots; and a typical builder.
    const [top] = await raw<{ id: number; bots: number }[]>`
      select b.owner_id as id, count(*)::int as bots from bots b join employees e on e.id = b.owner_id
      where e.active_until is null and not e.is_guest group by b.owner_id order by count(*) desc, b.owner_id limit 1`;
    const [typical] = await raw<{ id: number; bots: number }[]>`
      with per as (select owner_id, count(*)::int as n from bots group by owner_id)
      select per.owner_id as id, per.n as bots from per join employees e on e.id = per.owner_id
      where e.active_until is null and not e.is_guest
        and per.n = (select percentile_disc(0.5) within group (order by n) from per)
      order by per.owner_id limit 1`;
    if (!top || !typical) throw new Error('no bots in the seeded data');
    console.log(
      `periods: current ${currentPeriod.name} (${currentPeriod.start}..${currentPeriod.end}, as of now), ` +
        `past ${pastPeriod.name} (${pastPeriod.start}..${pastPeriod.end})`,
    );
    console.log(
      `departments: largest "${largest.department}" (${largest.headcount}), mid-size "${middle.department}" ` +
        `(${middle.headcount}); people: #${top.id} with ${top.bots} bots (most), #${typical.id} with ${typical.bots} (median builder)`,
    );

    const cases: Case[] = [];
    const snapshots = statsSource(REFRESH_MINUTES);
    const live = statsSource(0);
    for (const period of [currentPeriod, pastPeriod]) {
      const window: MetricsWindow = windowFor(period, statsOptions);
      const add = (name: string, kind: Case['kind'], run: () => Promise<unknown>, query: Case['query']) =>
        cases.push({ name, period, kind, run, query, samples: [] });
      const company: MetricsScope = { kind: 'company' };
      const mid = { kind: 'department', department: middle.department } as const;
      const big = { kind: 'department', department: largest.department } as const;
      const periodArgs = period === currentPeriod ? [] : [period.name];
      const statsArgs = (department: string) => [...department.split(' '), ...periodArgs];
      // What users wait for: `/adoption stats` is the figures and then the learning funnel.
      const stats = async (args: string[], source: StatsSource) => {
        const report = await adoptionStats(db, args, statsOptions, source);
        return learningFunnel(db, report, statsOptions, source);
      };
      add(
        '/adoption stats + funnel (company, snapshot)',
        'served',
        () => stats(periodArgs, snapshots),
        findSnapshotQuery(db, window, company).toSQL(),
      );
      add(
        '/adoption stats + funnel <mid-size dept> (snapshot)',
        'served',
        () => stats(statsArgs(middle.department), snapshots),
        findSnapshotQuery(db, window, mid).toSQL(),
      );
      add(
        '/adoption stats + funnel <largest dept> (snapshot)',
        'served',
        () => stats(statsArgs(largest.department), snapshots),
        findSnapshotQuery(db, window, big).toSQL(),
      );
      for (const [label, person] of [
        ['most bots', top],
        ['median builder', typical],
      ] as const) {
        const scope: MetricsScope = { kind: 'employee', employeeId: person.id };
        add(
          `/bot me (${label})`,
          'served',
          () => myRecord(db, person.id, period === currentPeriod ? undefined : period.name, statsOptions),
          personRecordsQuery(window, scope),
        );
        add(
          `personRecords (one person, ${label})`,
          'served',
          () => personRecords(db, window, scope),
          personRecordsQuery(window, scope),
        );
      }
      // The learning funnel computed live (the fallback; the refresh computes it too).
      add(
        'learning funnel (company + every dept, live)',
        'background',
        () => funnelByDepartment(db, window),
        funnelByDepartmentQuery(window),
      );
      // The live computation (fallback without a fresh snapshot; STATS_REFRESH_MINUTES=0) and the refresh.
      add(
        'snapshot refresh (company + every dept)',
        'background',
        () => refreshSnapshots(db, window),
        adoptionFiguresByDepartmentQuery(window),
      );
      add(
        '/adoption stats + funnel (company, live)',
        'background',
        () => stats(periodArgs, live),
        adoptionFiguresQuery(window, company),
      );
      add(
        '/adoption stats + funnel <mid-size dept> (live)',
        'background',
        () => stats(statsArgs(middle.department), live),
        adoptionFiguresQuery(window, mid),
      );
      add(
        'adoptionFigures company (live)',
        'background',
        () => adoptionFigures(db, window, company),
        adoptionFiguresQuery(window, company),
      );
      add(
        'adoptionFigures mid-size dept (live)',
        'background',
        () => adoptionFigures(db, window, mid),
        adoptionFiguresQuery(window, mid),
      );
      add(
        'adoptionFigures largest dept (live)',
        'background',
        () => adoptionFigures(db, window, big),
        adoptionFiguresQuery(window, big),
      );
      add(
        'figuresByDepartment (live)',
        'background',
        () => figuresByDepartment(db, window),
        figuresByDepartmentQuery(window),
      );
    }

    // Fresh snapshots of both periods (and of the period before each, which the stats compare with),
    // as the scheduled refresh leaves them.
    for (const period of [currentPeriod, pastPeriod, periodBefore(pastPeriod)]) {
      const t0 = performance.now();
      await refreshSnapshots(db, windowFor(period, statsOptions));
      console.log(`refreshed the snapshots of ${period.name} in ${fmt(performance.now() - t0)} ms`);
    }

    const started = performance.now();
    for (let round = -options.warmup; round < options.runs; round++) {
      for (const c of cases) {
        // Background cases take seconds each: they run only in the first --live-runs rounds.
        if (c.kind === 'background' && round >= options.liveRuns) continue;
        const t0 = performance.now();
        await c.run();
        if (round >= 0) c.samples.push(performance.now() - t0);
      }
      if (round >= 0 && (round + 1) % 10 === 0) {
        console.log(
          `  … ${round + 1}/${options.runs} rounds (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
    }

    const rows = cases.map((c) => {
      const s = summarize(c.samples);
      return [
        c.name,
        c.period.name,
        String(c.samples.length),
        fmt(s.p50),
        fmt(s.p95),
        fmt(s.max),
        c.kind === 'background' ? 'background' : s.p95 <= TARGET_P95_MS ? 'ok' : 'SLOW',
      ];
    });
    console.log(
      `\n${options.runs} rounds (background cases: the first ${options.liveRuns}) after ${options.warmup} warm-up rounds, ` +
        `sequential, times in ms; target p95 ≤ ${TARGET_P95_MS} ms for what users wait for ` +
        `(snapshots refreshed every ${REFRESH_MINUTES} minutes)\n`,
    );
    console.log(table(['case', 'period', 'runs', 'p50', 'p95', 'max', 'target'], rows));

    const ranked = [...cases].sort((a, b) => summarize(b.samples).p95 - summarize(a.samples).p95);
    // The slowest served case, the slowest background case, and the refresh (what keeps running).
    const refresh = ranked.find((c) => c.name.startsWith('snapshot refresh'));
    const explained = options.explainAll
      ? ranked
      : [
          ...new Set(
            [
              ranked.find((c) => c.kind === 'served'),
              ranked.find((c) => c.kind === 'background'),
              refresh,
            ].filter((c): c is Case => c !== undefined),
          ),
        ];
    const dialect = new PgDialect();
    for (const c of explained) {
      const { sql: text, params } = 'getSQL' in c.query ? dialect.sqlToQuery(c.query) : c.query;
      const explain = (sql: postgres.Sql | postgres.TransactionSql) =>
        sql.unsafe<{ 'QUERY PLAN': string }[]>(
          `explain (analyze, buffers) ${text}`,
          params as postgres.ParameterOrJSON<never>[],
        );
      // The refresh runs with its own work_mem (useLargeWorkMem): explain it the same way.
      const plan =
        c === refresh
          ? await raw.begin(async (tx) => {
              await tx.unsafe(`set local work_mem = '${REFRESH_WORK_MEM}'`);
              return explain(tx);
            })
          : await explain(raw);
      console.log(
        `\nEXPLAIN (ANALYZE, BUFFERS) — ${c.name}, ${c.period.name} (${c.kind}${c.name.startsWith('/') ? ', its main statement' : ''}):`,
      );
      for (const line of plan) console.log(line['QUERY PLAN']);
    }
    let verifyFailed = false;
    if (options.verify) {
      // The snapshots must hold exactly what the live query gives for the same moment, at full scale too.
      for (const period of [currentPeriod, pastPeriod]) {
        const window = windowFor(period, statsOptions);
        const refreshed = await refreshSnapshots(db, window);
        const mismatches: string[] = [];
        // Deep equality, not JSON text: jsonb read back orders an object's keys its own way.
        const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b);
        if (!same(refreshed.company, await adoptionFigures(db, window, { kind: 'company' }))) {
          mismatches.push('company');
        }
        if (!same(refreshed.funnel, await liveFunnel(db, window, { kind: 'company' }))) {
          mismatches.push('company funnel');
        }
        for (const d of refreshed.departments) {
          if (d.department === null) continue;
          const scope = { kind: 'department', department: d.department } as const;
          const live = await adoptionFigures(db, window, scope);
          if (!same(d.figures, live)) mismatches.push(d.department);
          const stored = (await findSnapshot(db, window, scope))?.funnel;
          if (stored && !same(stored, await liveFunnel(db, window, scope))) {
            mismatches.push(`${d.department} funnel`);
          }
        }
        console.log(
          mismatches.length === 0
            ? `\nverify ${period.name}: the snapshot refresh equals adoptionFigures and the live funnel for the company and all ${refreshed.departments.filter((d) => d.department !== null).length} departments`
            : `\nverify ${period.name}: MISMATCH for ${mismatches.join(', ')}`,
        );
        if (mismatches.length > 0) verifyFailed = true;
      }
    }
    const served = cases.filter((c) => c.kind === 'served');
    const slow = served.filter((c) => summarize(c.samples).p95 > TARGET_P95_MS).length;
    console.log(
      slow === 0
        ? `\nall ${served.length} served cases meet the target`
        : `\n${slow} of ${served.length} served cases miss the target`,
    );
    return verifyFailed ? 1 : 0;
  } finally {
    await database?.close();
    await raw.end({ timeout: 5 });
  }
}

/** `2026-Q3` for a calendar quarter (so a stored period of that name is found), else `start..end`. */
function periodText(period: { start: string; end: string }): string {
  const quarter = quarterContaining(period.start);
  return quarter.start === period.start && quarter.end === period.end
    ? quarter.name
    : `${period.start}..${period.end}`;
}

/** The URL without its password, for the report. */
function current(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

try {
  const options = parseOptions(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(options);
    process.exitCode = options === USAGE ? 0 : 2;
  } else {
    process.exitCode = await main(options);
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
