/** The seed's command line: defaults at the scale of DESIGN §6, and where the database is. */

import { parseArgs } from 'node:util';
import { loadDatabaseConfig } from '../../src/config.js';
import { thousands } from './rows.js';

export const USAGE =
  'usage: npm run seed -- [--employees 100000] [--bots 500000] [--uses 10000000] [--seed 1] ' +
  '[--today YYYY-MM-DD] [--database-url postgres://…] [--truncate]';

export interface Options {
  employees: number;
  bots: number;
  uses: number;
  seed: number;
  today: string;
  databaseUrl: string;
  truncate: boolean;
}

const OPTION_SPEC = {
  employees: { type: 'string', default: '100000' },
  bots: { type: 'string', default: '500000' },
  uses: { type: 'string', default: '10000000' },
  seed: { type: 'string', default: '1' },
  today: { type: 'string' },
  'database-url': { type: 'string' },
  truncate: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

export function parseOptions(args: string[]): Options | string {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTION_SPEC }>>['values'];
  try {
    values = parseArgs({ args, options: OPTION_SPEC, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return `${(error as Error).message}\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const whole = (name: string, text: string, min: number, max: number): number | string => {
    const value = Number(text.replaceAll('_', ''));
    return Number.isInteger(value) && value >= min && value <= max
      ? value
      : `--${name} must be a whole number from ${min} to ${thousands(max)} (got ${text})`;
  };
  const employees = whole('employees', values.employees, 1, 2_000_000);
  const bots = whole('bots', values.bots, 1, 10_000_000);
  const uses = whole('uses', values.uses, 0, 200_000_000);
  const seedValue = whole('seed', values.seed, 0, 2 ** 31 - 1);
  for (const value of [employees, bots, uses, seedValue]) if (typeof value === 'string') return value;
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
    return `--today must be a date like 2026-11-30 (got ${today})`;
  }
  let databaseUrl = values['database-url'];
  if (databaseUrl === undefined) {
    const { database } = loadDatabaseConfig(process.env);
    if (database.kind !== 'postgres') {
      return 'Set DATABASE_URL or pass --database-url postgres://…: the seed fills a Postgres server, not the embedded database.';
    }
    databaseUrl = database.url;
  } else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return '--database-url must be a postgres:// or postgresql:// URL';
  }
  return {
    employees: employees as number,
    bots: bots as number,
    uses: uses as number,
    seed: seedValue as number,
    today,
    databaseUrl,
    truncate: values.truncate || values.force,
  };
}
