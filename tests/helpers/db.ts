import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../../src/db/client.js';

/**
 * The database fixture for both drivers, after drizzle's own integration tests: every suite runs
 * on PGlite, and also on real Postgres when TEST_DATABASE_URL is set. Each call gets a fresh,
 * migrated database of its own: a copy of the template that tests/helpers/db-templates.ts migrated
 * once for the run (then migrate() finds nothing to do), or, without that template, a new database
 * migrated from scratch.
 */
export type Driver = 'pglite' | 'postgres';

export const DRIVERS: Driver[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  driver: Driver;
  database: Database;
  /** postgres:// URL (postgres) or data directory (pglite, on disk) to reopen the same data. */
  location: string;
  /** Opens another handle on the same data (a restart). Close the first one before, for PGlite. */
  reopen(): Database;
  destroy(): Promise<void>;
}

export async function createTestDatabase(
  driver: Driver,
  options: { onDisk?: boolean } = {},
): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const dir = options.onDisk ? mkdtempSync(join(tmpdir(), 'aab-pglite-')) : 'memory://';
    const loadDataDir = pgliteTemplate();
    const database = openPglite(dir, loadDataDir ? { loadDataDir } : {});
    await database.migrate();
    return {
      driver,
      database,
      location: dir,
      reopen: () => openPglite(dir),
      async destroy() {
        await database.close();
        if (options.onDisk) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `aab_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const template = inject('postgresTemplate');
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString());
  await database.migrate();
  return {
    driver,
    database,
    location: url.toString(),
    reopen: () => openPostgres(url.toString()),
    async destroy() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

let pgliteDump: Blob | undefined;

/** The migrated PGlite template's dump, read once per worker; undefined when the run has none. */
function pgliteTemplate(): Blob | undefined {
  const file = inject('pgliteTemplateFile');
  if (!file) return undefined;
  pgliteDump ??= new Blob([readFileSync(file)]);
  return pgliteDump;
}
