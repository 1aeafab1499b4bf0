import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { seedSmallCompany } from '../fixtures/small-company.js';
import { createTestDatabase, type Driver, type TestDatabase } from './db.js';
import { startTestApp, type TestApp } from './harness.js';

export type SmallCompany = Awaited<ReturnType<typeof seedSmallCompany>>;
export type TestAppOptions = NonNullable<Parameters<typeof startTestApp>[1]>;

export interface SuiteOptions {
  /** Seed the hand-computed company of docs/metrics.md (tests/fixtures/small-company.ts). */
  smallCompany?: boolean;
  /** Start the real app on the database (tests/helpers/harness.ts), with these options. */
  app?: TestAppOptions | true;
}

/** What a suite shares; each part throws when read before the suite started or when not asked for. */
export interface Suite {
  readonly testDb: TestDatabase;
  readonly db: Db;
  readonly company: SmallCompany;
  readonly app: TestApp;
}

/**
 * The setup integration suites share: a fresh, migrated database on `driver` (and, when asked, the
 * small company on it, then the real app on it) before the suite's tests, all stopped after them.
 * Call it in a `describe.each(DRIVERS)` body; a `beforeAll` registered after it runs after it.
 */
export function useSuite(driver: Driver, options: SuiteOptions = {}): Suite {
  let testDb: TestDatabase | undefined;
  let company: SmallCompany | undefined;
  let app: TestApp | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    if (options.smallCompany) company = await seedSmallCompany(testDb.database.db);
    if (options.app) app = await startTestApp(testDb.database, options.app === true ? {} : options.app);
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the suite has no ${what} (not started, or not asked for)`);
    return value;
  };
  return {
    get testDb() {
      return ready(testDb, 'database');
    },
    get db() {
      return ready(testDb, 'database').database.db;
    },
    get company() {
      return ready(company, 'small company');
    },
    get app() {
      return ready(app, 'app');
    },
  };
}
