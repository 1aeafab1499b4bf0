import type { SQL } from 'drizzle-orm';
import type { Tx } from './client.js';

/** Runs raw SQL and returns its rows, whichever driver answers (postgres.js: an array; PGlite: { rows }). */
export async function queryRows<T>(db: Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
