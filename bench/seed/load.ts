/** COPY into the loaded tables, with their secondary indexes and foreign keys dropped meanwhile. */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';

type TransactionSql = postgres.TransactionSql;

/** The tables the seed writes, in load order. */
export const LOADED_TABLES = ['employees', 'employee_history', 'bots', 'reviews', 'usage_events'] as const;

const COLUMNS: Record<(typeof LOADED_TABLES)[number], string> = {
  employees:
    'id, slack_user_id, hr_employee_id, name, email, department, manager_id, title, timezone, is_guest, ' +
    'active_from, active_until, reminders_opt_out, org_source, created_at, updated_at',
  employee_history: 'id, employee_id, valid_from, valid_to, department, manager_id, active',
  bots:
    'id, owner_id, name, description, link, platform, category, hours_saved_per_week, status, reviewer_id, ' +
    'usage_token_hash, submitted_at, decided_at, withdrawn_at, created_at, updated_at',
  reviews: 'id, bot_id, reviewer_id, decision, score, comment, decided_at',
  usage_events: 'id, bot_id, user_id, source, occurred_at',
};

export const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

interface Deferred {
  indexes: { table: string; name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/** Drops the loaded tables' secondary indexes and foreign keys, returning how to re-create them. */
export async function dropForLoad(tx: TransactionSql): Promise<Deferred> {
  const tables = [...LOADED_TABLES];
  const foreignKeys = await tx<{ table: string; name: string; definition: string }[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint
    where contype = 'f' and conrelid = any(${tables}::regclass[])
    order by conrelid::regclass::text, conname`;
  // Indexes that back a constraint (primary keys) stay.
  const indexes = await tx<{ table: string; name: string; definition: string }[]>`
    select i.indrelid::regclass::text as table, i.indexrelid::regclass::text as name,
           pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid = any(${tables}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by i.indrelid::regclass::text, i.indexrelid::regclass::text`;
  for (const fk of foreignKeys) await tx.unsafe(`alter table ${fk.table} drop constraint ${quoted(fk.name)}`);
  for (const index of indexes) await tx.unsafe(`drop index ${index.name}`);
  return { indexes, foreignKeys };
}

export async function copyInto(
  tx: TransactionSql,
  table: (typeof LOADED_TABLES)[number],
  lines: Iterable<string>,
  freeze: boolean,
): Promise<void> {
  const writable = await tx
    .unsafe(`copy ${table} (${COLUMNS[table]}) from stdin${freeze ? ' with (freeze)' : ''}`)
    .writable();
  await pipeline(Readable.from(lines), writable);
}
