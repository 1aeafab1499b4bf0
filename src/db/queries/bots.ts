import { and, desc, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { queryPreparedRows } from '../rows.js';
import { type BotStatus, bots, employees, reportedUses, usageEvents } from '../schema.js';

export type BotRow = typeof bots.$inferSelect;

/** A bot's content as stored (a validated draft: src/domain/bot-draft.ts). */
export type BotContent = Pick<
  BotRow,
  'name' | 'link' | 'description' | 'platform' | 'category' | 'hoursSavedPerWeek'
>;

/** Inserts a bot unless the owner already has a live one with the same name or link; null then. */
export async function insertBotUnlessDuplicate(
  db: Tx,
  ownerId: number,
  draft: BotContent,
  now: Date,
  entry: Pick<BotRow, 'enteredById' | 'ownerConfirmation'> = { enteredById: null, ownerConfirmation: null },
): Promise<BotRow | null> {
  const [row] = await db
    .insert(bots)
    .values({
      ownerId,
      ...draft,
      ...entry,
      status: 'submitted',
      submittedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/** One owner's submission, as a batch of submissions stores it (src/domain/submissions.ts). */
export interface NewSubmissionRow {
  ownerId: number;
  draft: BotContent;
  now: Date;
}

/**
 * Inserts several owners' submissions in one statement, each starting its review round at `now`
 * (the reviewer is set by the assignment, in the same transaction). A draft that duplicates a live
 * bot of its owner, or an earlier draft of the same statement, is skipped: the returned rows are
 * the ones inserted, in no promised order. The rows travel as one JSON parameter, so the statement
 * is the same whatever their number (prepared once per connection; nothing built per row).
 */
export async function insertSubmittedBots(db: Tx, rows: NewSubmissionRow[]): Promise<BotRow[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(
    rows.map(({ ownerId, draft, now }) => ({
      owner_id: ownerId,
      name: draft.name,
      description: draft.description,
      link: draft.link,
      platform: draft.platform,
      category: draft.category,
      hours_saved_per_week: draft.hoursSavedPerWeek,
      now: now.toISOString(),
    })),
  );
  // Prepared: one round trip per batch instead of two (see queryPreparedRows).
  const inserted = await queryPreparedRows<Record<string, unknown>>(
    db,
    sql`insert into bots (owner_id, name, description, link, platform, category, hours_saved_per_week,
                          status, submitted_at, review_requested_at, created_at, updated_at)
        select r.owner_id, r.name, r.description, r.link, r.platform, r.category, r.hours_saved_per_week,
               'submitted', r.now, r.now, r.now, r.now
        from rows from (json_to_recordset(${json}::json) as (owner_id integer, name text,
               description text, link text, platform text, category text, hours_saved_per_week numeric,
               now timestamptz)) with ordinality as r(owner_id, name, description, link, platform,
               category, hours_saved_per_week, now, n)
        order by r.n
        on conflict do nothing
        returning *`,
  );
  return inserted.map(toBotRow);
}

const botColumns = Object.entries(getTableColumns(bots));

/** A bots row read by raw SQL (`returning *`), mapped as the query builder maps it. */
function toBotRow(raw: Record<string, unknown>): BotRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of botColumns) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as BotRow;
}

/** The owner's live bot that a draft duplicates (same name in any case, or same link). */
export async function findDuplicateBot(
  db: Tx,
  ownerId: number,
  draft: Pick<BotContent, 'name' | 'link'>,
  exceptBotId?: number,
): Promise<BotRow | null> {
  const sameName = sql`lower(${bots.name}) = lower(${draft.name})`;
  const sameLink = draft.link === null ? sql`false` : sql`lower(${bots.link}) = lower(${draft.link})`;
  const [row] = await db
    .select()
    .from(bots)
    .where(
      and(
        eq(bots.ownerId, ownerId),
        ne(bots.status, 'withdrawn'),
        sql`(${sameName} or ${sameLink})`,
        exceptBotId === undefined ? undefined : ne(bots.id, exceptBotId),
      ),
    )
    .orderBy(bots.id)
    .limit(1);
  return row ?? null;
}

export async function getBotById(db: Tx, id: number): Promise<BotRow | null> {
  const [row] = await db.select().from(bots).where(eq(bots.id, id)).limit(1);
  return row ?? null;
}

/** Locks the bot row for the rest of the transaction. */
export async function getBotForUpdate(db: Tx, id: number): Promise<BotRow | null> {
  const [row] = await db.select().from(bots).where(eq(bots.id, id)).for('update').limit(1);
  return row ?? null;
}

export async function updateBotDraft(
  db: Tx,
  id: number,
  draft: BotContent,
  status: BotStatus,
  now: Date,
): Promise<BotRow | null> {
  const [row] = await db
    .update(bots)
    .set({ ...draft, status, version: sql`${bots.version} + 1`, updatedAt: now })
    .where(eq(bots.id, id))
    .returning();
  return row ?? null;
}

export async function setBotStatus(db: Tx, id: number, status: BotStatus, now: Date): Promise<BotRow> {
  const [row] = await db
    .update(bots)
    .set({ status, updatedAt: now, ...(status === 'withdrawn' ? { withdrawnAt: now } : {}) })
    .where(eq(bots.id, id))
    .returning();
  if (!row) throw new Error(`bot ${id} vanished while changing status`);
  return row;
}

export interface OwnedBotSummary {
  id: number;
  name: string;
  status: BotStatus;
  link: string | null;
  submittedAt: Date;
  colleagueUses: number;
  /** Who entered it for the owner (issue 14); null when the owner did. */
  enteredByName: string | null;
  ownerConfirmation: BotRow['ownerConfirmation'];
  /** Uses the bot reported about itself over the usage API: shown apart, never counted. */
  reportedUses: number;
}

/** The owner's bots, newest first, with how often colleagues (anyone but the owner) used each. */
export async function listBotsByOwner(db: Tx, ownerId: number, limit: number): Promise<OwnedBotSummary[]> {
  const uses = db
    .select({ botId: usageEvents.botId, count: sql<number>`count(*)::int`.as('count') })
    .from(usageEvents)
    .innerJoin(bots, eq(bots.id, usageEvents.botId))
    .where(and(eq(bots.ownerId, ownerId), sql`${usageEvents.userId} is distinct from ${bots.ownerId}`))
    .groupBy(usageEvents.botId)
    .as('uses');
  const reported = db
    .select({ botId: reportedUses.botId, count: sql<number>`count(*)::int`.as('reported_count') })
    .from(reportedUses)
    .innerJoin(bots, eq(bots.id, reportedUses.botId))
    .where(eq(bots.ownerId, ownerId))
    .groupBy(reportedUses.botId)
    .as('reported');
  return db
    .select({
      id: bots.id,
      name: bots.name,
      status: bots.status,
      link: bots.link,
      submittedAt: bots.submittedAt,
      colleagueUses: sql<number>`coalesce(${uses.count}, 0)`.mapWith(Number),
      enteredByName: sql<
        string | null
      >`(select en.name from employees en where en.id = ${bots.enteredById} and ${bots.enteredById} <> ${bots.ownerId})`,
      ownerConfirmation: bots.ownerConfirmation,
      reportedUses: sql<number>`coalesce(${reported.count}, 0)`.mapWith(Number),
    })
    .from(bots)
    .leftJoin(uses, eq(uses.botId, bots.id))
    .leftJoin(reported, eq(reported.botId, bots.id))
    .where(eq(bots.ownerId, ownerId))
    .orderBy(desc(bots.submittedAt), desc(bots.id))
    .limit(limit);
}

export async function countBotsByOwner(db: Tx, ownerId: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(bots)
    .where(eq(bots.ownerId, ownerId));
  return row?.count ?? 0;
}

/**
 * The owner's answer to an entry made for them: confirmed, it counts from now (submitted_at moves
 * to the confirmation, so no closed period changes); declined, it is withdrawn. Only a pending
 * entry changes; null otherwise.
 */
export async function answerOwnerConfirmation(
  db: Tx,
  id: number,
  answer: 'confirmed' | 'declined',
  now: Date,
): Promise<BotRow | null> {
  const [row] = await db
    .update(bots)
    .set(
      answer === 'confirmed'
        ? { ownerConfirmation: 'confirmed', submittedAt: now, updatedAt: now }
        : { ownerConfirmation: 'declined', status: 'withdrawn', withdrawnAt: now, updatedAt: now },
    )
    .where(and(eq(bots.id, id), eq(bots.ownerConfirmation, 'pending'), ne(bots.status, 'withdrawn')))
    .returning();
  return row ?? null;
}

/** Bots someone entered for others (issue 14), newest first, with each owner's name. */
export async function listBotsEnteredBy(
  db: Tx,
  enteredById: number,
  limit: number,
): Promise<Array<OwnedBotSummary & { ownerName: string }>> {
  return db
    .select({
      id: bots.id,
      name: bots.name,
      status: bots.status,
      link: bots.link,
      submittedAt: bots.submittedAt,
      colleagueUses:
        sql<number>`(select count(*)::int from usage_events u where u.bot_id = ${bots.id} and u.user_id is distinct from ${bots.ownerId})`.mapWith(
          Number,
        ),
      reportedUses:
        sql<number>`(select count(*)::int from reported_uses r where r.bot_id = ${bots.id})`.mapWith(Number),
      enteredByName: sql<string | null>`null`,
      ownerConfirmation: bots.ownerConfirmation,
      ownerName: employees.name,
    })
    .from(bots)
    .innerJoin(employees, eq(employees.id, bots.ownerId))
    .where(and(eq(bots.enteredById, enteredById), ne(bots.ownerId, enteredById)))
    .orderBy(desc(bots.submittedAt), desc(bots.id))
    .limit(limit);
}

/**
 * Erases what identifies the owner in their bots (`npm run forget`; docs/privacy.md): the name
 * becomes "Bot #<id>", the description `description`; link, usage-API token and the reviewer's DM
 * reference are cleared. Status, dates, platform, category and hours stay. Returns the bots' ids.
 */
export async function eraseBotsOfOwner(
  tx: Tx,
  ownerId: number,
  description: string,
  now: Date,
): Promise<number[]> {
  const erased = await tx
    .update(bots)
    .set({
      name: sql`'Bot #' || ${bots.id}`,
      description,
      link: null,
      usageTokenHash: null,
      reviewMessageChannel: null,
      reviewMessageTs: null,
      updatedAt: now,
    })
    .where(eq(bots.ownerId, ownerId))
    .returning({ id: bots.id });
  return erased.map((b) => b.id);
}
