import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Config } from '../config.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A database handle: postgres.js or PGlite behind one type. Queries take it first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction; every query function accepts either. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, Record<string, never>> | Db;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Applies the committed migrations in `migrations/` (safe with several replicas starting at once). */
  migrate(): Promise<void>;
  /** True when the database answers a trivial query within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

// Arbitrary constant: the advisory lock that serialises migrations across replicas.
const MIGRATION_LOCK_KEY = 727_001;

export function openDatabase(config: Config['database']): Database {
  return config.kind === 'postgres' ? openPostgres(config.url) : openPglite(config.dataDir);
}

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    // Fail fast while the database is down, so users hear "not saved" within Slack's 3 s.
    connect_timeout: 2,
    idle_timeout: 30,
    // JIT compilation cost 1–3 s per metrics query at 100k employees and saved nothing (docs/benchmarks.md).
    connection: { jit: 'off' },
    onnotice: () => {},
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder: MIGRATIONS_FOLDER });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await lockClient.end({ timeout: 5 });
      }
    },
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * The embedded default: PGlite on disk under `dataDir`, or in memory when `dataDir` is `memory://`.
 * `loadDataDir`: a new database starts as a copy of this dump (`dumpDataDir()`), not an empty one.
 */
export function openPglite(dataDir: string, options: { loadDataDir?: Blob } = {}): Database {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = options.loadDataDir
    ? new PGlite(dataDir, { loadDataDir: options.loadDataDir })
    : new PGlite(dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    ping: (timeoutMs) => (closed ? Promise.resolve(false) : ping(db, timeoutMs)),
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

async function ping(db: Db, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db.execute(sql`select 1`).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
