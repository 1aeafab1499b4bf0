/**
 * `npm run seed -- [--employees 100000] [--bots 500000] [--uses 10000000] [--seed 1]
 *                  [--today YYYY-MM-DD] [--database-url postgres://…] [--truncate]`
 *
 * Fills a Postgres database (DATABASE_URL or --database-url) with a made-up company at the scale
 * of DESIGN §6, for the benchmarks in bench/. The same --seed and --today give the same rows.
 * Data ends the day before --today (default: today, UTC).
 *
 * One file per thing it generates: people.ts (departments, roster, history), bots.ts (bots and how
 * they were reviewed), reviews.ts, usage.ts, sessions.ts; seed.ts loads them (COPY, see load.ts).
 *
 * It refuses a database that already has employees unless --truncate (or --force) is given;
 * --truncate empties employees and everything that references them (history, bots, reviews,
 * usage, audit log) and the review periods.
 */

import { ConfigError } from '../../src/config.js';
import { errorSummary } from '../../src/logger.js';
import { parseOptions, USAGE } from './options.js';
import { thousands } from './rows.js';
import { seed } from './seed.js';

try {
  const options = parseOptions(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(options);
    process.exitCode = options === USAGE ? 0 : 1;
  } else {
    console.log(
      `seeding ${thousands(options.employees)} employees, ${thousands(options.bots)} bots, ${thousands(options.uses)} usage events (seed ${options.seed})`,
    );
    process.exitCode = await seed(options);
  }
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `seed failed; nothing was changed: ${errorSummary(error)}`,
  );
  process.exitCode = 1;
}
