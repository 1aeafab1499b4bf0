import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { employees } from '../../src/db/schema.js';
import { CLI_TIMEOUT, handToCli, runNpmScript } from '../helpers/cli.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';

/** `npm run roster:import -- file.csv` as HR runs it: a child process on the configured database. */
const fixture = (name: string) => new URL(`../fixtures/roster/${name}`, import.meta.url).pathname;

async function rosterImport(args: string[], env: Record<string, string>) {
  const { code, stdout, stderr } = await runNpmScript('roster:import', args, env);
  return { code, stdout: stdout.trim().split('\n'), stderr: stderr.trim() };
}

describe.each(DRIVERS)('npm run roster:import on %s', (driver) => {
  let testDb: TestDatabase;
  let env: Record<string, string>;
  let reopened: Database | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver, { onDisk: true });
    env = await handToCli(testDb);
  });
  afterAll(async () => {
    await reopened?.close();
    await testDb?.destroy();
  });

  it(
    'prints the counts and each rejection; exits 2 when rows were rejected, 0 when none',
    async () => {
      const withErrors = await rosterImport([fixture('with-errors.csv')], env);
      expect(withErrors.code).toBe(2);
      expect(withErrors.stdout.slice(0, 3)).toEqual([
        'rows: 15, matched: 0, created: 3, updated: 0, rejected: 12',
        'line 4: needs an email or an employee_id',
        'line 5: email "not-an-email" is not a valid email address',
      ]);
      expect(withErrors.stdout).toContain(
        'warning: line 14: manager nobody@example.com is not on the roster or in the file; manager left empty',
      );

      const company = await rosterImport([fixture('company.csv')], env);
      expect(company).toMatchObject({
        code: 0,
        stdout: ['rows: 5, matched: 0, created: 5, updated: 0, rejected: 0'],
      });
    },
    CLI_TIMEOUT,
  );

  it(
    'exits 1 and changes nothing for a bad or missing file',
    async () => {
      const bad = await rosterImport([fixture('missing-column.csv')], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(
        /^roster import failed: the header row lacks the columns manager_email, status;.*Nothing was changed\.$/,
      );

      const missing = await rosterImport(['no-such-file.csv'], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/cannot read no-such-file\.csv .*Nothing was changed\./);

      reopened = testDb.reopen();
      expect(await reopened.db.select().from(employees)).toHaveLength(8);
    },
    CLI_TIMEOUT,
  );
});
