import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Tx } from './client.js';

/** Runs raw SQL and returns its rows, whichever driver answers (postgres.js: an array; PGlite: { rows }). */
export async function queryRows<T>(db: Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * queryRows as a prepared statement. drizzle sends raw SQL to postgres.js unprepared, and
 * postgres.js then asks the server for the parameter types first: two round trips per statement
 * (Parse/Describe, then Bind/Execute). Prepared, the statement text is parsed once per connection
 * and every later run is one round trip. Only for statements whose text never changes (values
 * are parameters), run often: each distinct text stays prepared on its connection.
 */
export async function queryPreparedRows<T>(db: Tx, query: SQL): Promise<T[]> {
  const { dialect } = db as unknown as { dialect: PgDialect };
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, 'prepared', false);
  const result = (await prepared.execute()) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
