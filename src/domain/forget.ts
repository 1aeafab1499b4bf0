import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { bots, deliveries, employees, reviewPeriods, reviews } from '../db/schema.js';
import { audit } from './access.js';

/**
 * `npm run forget`: erases one person's personal data and keeps every count. What counts as
 * personal data, and what is kept and why, is in docs/privacy.md; in short:
 *
 * - their roster row keeps its id, department, manager link, dates and guest flag (headcount and
 *   department figures need them); name becomes "Former employee #<id>"; email, Slack user id, HR
 *   employee id, title and time zone are cleared;
 * - their bots keep status, dates, platform, category and hours (counts and hours saved need
 *   them); the name becomes "Bot #<id>", the description is replaced, the link, the usage-API
 *   token and the reviewer's DM reference are cleared;
 * - review comments they wrote, and comments others wrote about their bots, are cleared (scores and
 *   decisions stay); review periods they created lose the creator;
 * - scheduled messages (`deliveries`) addressed to them or naming them (their name, email, Slack id
 *   or a bot's name) have their content erased; those not yet sent are cancelled (marked failed);
 * - usage events, roster history and the audit log hold ids only and are kept (the audit log is
 *   append-only, and records the erasure itself).
 */
export type ForgetTarget = { kind: 'slack'; slackUserId: string } | { kind: 'email'; email: string };

export interface ForgetReport {
  employeeId: number;
  /** Still employed (no end date): the Slack roster sync may add them again from their profile. */
  stillActive: boolean;
  bots: number;
  reviewComments: number;
  /** Scheduled messages whose content was erased (those not sent yet are cancelled). */
  messages: number;
}

export class ForgetError extends Error {
  override name = 'ForgetError';
}

export function parseForgetTarget(text: string): ForgetTarget | null {
  const value = text.trim();
  if (/^[UW][A-Z0-9]{2,}$/.test(value)) return { kind: 'slack', slackUserId: value };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { kind: 'email', email: value.toLowerCase() };
  return null;
}

export const FORMER_EMPLOYEE = (id: number) => `Former employee #${id}`;
const ERASED_DESCRIPTION = '(erased at the owner’s request)';

export async function forgetPerson(
  db: Db,
  target: ForgetTarget,
  actor: string,
  now: Date,
): Promise<ForgetReport> {
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({
        id: employees.id,
        name: employees.name,
        email: employees.email,
        slackUserId: employees.slackUserId,
        activeUntil: employees.activeUntil,
      })
      .from(employees)
      .where(
        target.kind === 'slack'
          ? eq(employees.slackUserId, target.slackUserId)
          : sql`lower(${employees.email}) = ${target.email}`,
      )
      .for('update');
    if (!person) {
      const who = target.kind === 'slack' ? target.slackUserId : target.email;
      throw new ForgetError(
        `no one on the roster has ${target.kind === 'slack' ? 'Slack user id' : 'email'} ${who}`,
      );
    }
    const botNames = await tx.select({ name: bots.name }).from(bots).where(eq(bots.ownerId, person.id));
    const messages = await eraseMessages(tx, person, [
      person.name,
      person.email,
      person.slackUserId,
      ...botNames.map((b) => b.name),
    ]);
    await tx
      .update(employees)
      .set({
        name: FORMER_EMPLOYEE(person.id),
        email: null,
        slackUserId: null,
        hrEmployeeId: null,
        title: null,
        timezone: null,
        updatedAt: now,
      })
      .where(eq(employees.id, person.id));
    const erasedBots = await tx
      .update(bots)
      .set({
        name: sql`'Bot #' || ${bots.id}`,
        description: ERASED_DESCRIPTION,
        link: null,
        usageTokenHash: null,
        reviewMessageChannel: null,
        reviewMessageTs: null,
        updatedAt: now,
      })
      .where(eq(bots.ownerId, person.id))
      .returning({ id: bots.id });
    const ownBotIds = erasedBots.map((b) => b.id);
    const erasedComments = await tx
      .update(reviews)
      .set({ comment: null })
      .where(
        and(
          sql`${reviews.comment} is not null`,
          ownBotIds.length > 0
            ? or(eq(reviews.reviewerId, person.id), inArray(reviews.botId, ownBotIds))
            : eq(reviews.reviewerId, person.id),
        ),
      )
      .returning({ id: reviews.id });
    if (person.slackUserId) {
      await tx
        .update(reviewPeriods)
        .set({ createdBy: null })
        .where(eq(reviewPeriods.createdBy, person.slackUserId));
    }
    await audit(
      tx,
      {
        actor,
        action: 'person_forgotten',
        via: 'cli',
        subjectEmployeeId: person.id,
        detail: { bots: ownBotIds.length, reviewComments: erasedComments.length, messages },
      },
      now,
    );
    return {
      employeeId: person.id,
      stillActive: person.activeUntil === null,
      bots: ownBotIds.length,
      reviewComments: erasedComments.length,
      messages,
    };
  });
}

/** Texts shorter than this are not searched for in messages (a two-letter name would match anything). */
const MIN_NEEDLE_LENGTH = 3;

/**
 * Erases the content of every scheduled message addressed to the person or naming them, as stored
 * (JSON, Slack-escaped mrkdwn); one not sent yet is cancelled, so nothing naming them goes out.
 */
async function eraseMessages(
  tx: Tx,
  person: { id: number; slackUserId: string | null },
  texts: Array<string | null>,
): Promise<number> {
  const needles = new Set<string>();
  for (const text of texts) {
    if (!text || text.length < MIN_NEEDLE_LENGTH) continue;
    needles.add(text);
    needles.add(JSON.stringify(text).slice(1, -1));
    needles.add(text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
  }
  const like = (needle: string) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const conditions = [...needles].map((needle) => sql`${deliveries.payload}::text ilike ${like(needle)}`);
  if (person.slackUserId) conditions.push(eq(deliveries.recipient, person.slackUserId));
  if (conditions.length === 0) return 0;
  const unsent = sql`${deliveries.status} in ('pending', 'sending')`;
  const erased = await tx
    .update(deliveries)
    .set({
      payload: { erased: true },
      recipient: person.slackUserId
        ? sql`case when ${deliveries.recipient} = ${person.slackUserId} then 'erased' else ${deliveries.recipient} end`
        : deliveries.recipient,
      // Keys name recipients (unique per job, period and recipient): the id goes, uniqueness stays.
      key: person.slackUserId
        ? sql`replace(${deliveries.key}, ${person.slackUserId}, ${`erased#${person.id}`})`
        : deliveries.key,
      status: sql`case when ${unsent} then 'failed'::delivery_status else ${deliveries.status} end`,
      lastError: sql`case when ${unsent} then 'cancelled: it named a person whose data was erased' else ${deliveries.lastError} end`,
    })
    .where(or(...conditions))
    .returning({ id: deliveries.id });
  return erased.length;
}
