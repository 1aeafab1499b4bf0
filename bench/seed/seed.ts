/**
 * Speed: every table goes in through COPY, inside ONE transaction that first drops the loaded
 * tables' secondary indexes and foreign keys and re-creates them, from their catalogue
 * definitions, after the load (a sort-based build is far faster than 10M random index
 * insertions). If anything fails, the transaction rolls back and nothing is lost or left disabled.
 */

import postgres from 'postgres';
import { openPostgres } from '../../src/db/client.js';
import { botLines, planCatalog } from './bots.js';
import { copyInto, dropForLoad, LOADED_TABLES, quoted } from './load.js';
import type { Options } from './options.js';
import { employeeLines, historyLines, planRoster } from './people.js';
import { reviewLines, reviewPeriods } from './reviews.js';
import { DAY_MS, seconds, thousands } from './rows.js';
import { seedSessions } from './sessions.js';
import { usageLines } from './usage.js';

export async function seed(options: Options): Promise<number> {
  const started = performance.now();
  const migrating = openPostgres(options.databaseUrl, { max: 1 });
  try {
    await migrating.migrate();
  } finally {
    await migrating.close();
  }
  const sql: postgres.Sql = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql<{ count: number }[]>`select count(*)::int as count from employees`;
    const existingEmployees = existing?.count ?? 0;
    if (existingEmployees > 0 && !options.truncate) {
      console.error(
        `The database already has ${thousands(existingEmployees)} employees; seeding would mix made-up people with them. ` +
          'Nothing was changed. Re-run with --truncate to empty employees and everything that references them ' +
          '(history, bots, reviews, usage, audit log) and the review periods first.',
      );
      return 1;
    }

    const todayMs = Date.parse(`${options.today}T00:00:00Z`);
    const todayDay = todayMs / DAY_MS;
    let step = performance.now();
    const roster = planRoster(options.employees, todayDay, options.seed);
    const catalog = planCatalog(options.bots, roster, todayMs, options.seed);
    console.log(`planned the company in memory: ${seconds(step)} s`);
    const report = (label: string, rows: number | null, since: number) =>
      console.log(
        `${label.padEnd(34)} ${rows === null ? '' : `${thousands(rows)} rows`.padStart(18)}  ${seconds(since).padStart(6)} s`,
      );

    await sql.begin(async (tx) => {
      await tx`set local maintenance_work_mem = '512MB'`;
      await tx`set local work_mem = '256MB'`;
      step = performance.now();
      // Truncating in this transaction also lets COPY write the rows frozen (no vacuum pass later).
      // The other loaded tables are empty whenever employees is (they all reference it).
      const truncated = options.truncate
        ? ['employees', 'employee_history', 'bots', 'reviews', 'usage_events', 'review_periods']
        : ['employee_history', 'bots', 'reviews', 'usage_events'];
      await tx.unsafe(`truncate ${truncated.join(', ')} restart identity cascade`);
      const deferred = await dropForLoad(tx);
      report(`emptied, dropped ${deferred.indexes.length} idx/${deferred.foreignKeys.length} fk`, null, step);
      const freeze = (table: string) => truncated.includes(table);

      step = performance.now();
      await copyInto(tx, 'employees', employeeLines(roster, options.seed), freeze('employees'));
      report('employees', roster.count, step);
      step = performance.now();
      await copyInto(tx, 'employee_history', historyLines(roster), true);
      const [history] = await tx<{ count: number }[]>`select count(*)::int as count from employee_history`;
      report('employee_history', history?.count ?? 0, step);
      step = performance.now();
      await copyInto(tx, 'bots', botLines(catalog, roster, options.seed), true);
      report('bots', catalog.count, step);
      step = performance.now();
      await copyInto(tx, 'reviews', reviewLines(catalog, options.seed), true);
      const [reviewCount] = await tx<{ count: number }[]>`select count(*)::int as count from reviews`;
      report('reviews', reviewCount?.count ?? 0, step);
      step = performance.now();
      const usageStarted = step;
      await copyInto(
        tx,
        'usage_events',
        usageLines(options.uses, catalog, roster, todayMs, options.seed, (rows) =>
          console.log(`  usage_events ${thousands(rows)} rows after ${seconds(usageStarted)} s`),
        ),
        true,
      );
      report('usage_events', options.uses, step);
      step = performance.now();
      const periods = reviewPeriods(todayMs);
      for (const period of periods) {
        await tx`insert into review_periods (name, starts_on, ends_on, required_approved_bots, created_by)
                 values (${period.name}, ${period.start}, ${period.end}, 1, 'seed') on conflict do nothing`;
      }
      report('review_periods', periods.length, step);
      for (const table of LOADED_TABLES) {
        await tx.unsafe(
          `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`,
        );
      }

      for (const table of LOADED_TABLES) {
        const own = deferred.indexes.filter((index) => index.table === table);
        if (own.length === 0) continue;
        step = performance.now();
        for (const index of own) await tx.unsafe(index.definition);
        report(`indexes on ${table} (${own.length})`, null, step);
      }
      step = performance.now();
      for (const fk of deferred.foreignKeys) {
        await tx.unsafe(`alter table ${fk.table} add constraint ${quoted(fk.name)} ${fk.definition}`);
      }
      report(`foreign keys (${deferred.foreignKeys.length}, checked)`, null, step);
      step = performance.now();
      const sessionCount = await seedSessions(tx, roster.count, options.today);
      report('training_sessions, attendance', sessionCount, step);
    });

    step = performance.now();
    await sql.unsafe(
      `vacuum (analyze) ${[...LOADED_TABLES, 'review_periods', 'training_sessions', 'session_attendance'].join(', ')}`,
    );
    report('vacuum analyze', null, step);
    console.log(
      `${'total'.padEnd(34)} ${''.padStart(18)}  ${seconds(started).padStart(6)} s  (seed ${options.seed}, data up to ${options.today})`,
    );
    return 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
