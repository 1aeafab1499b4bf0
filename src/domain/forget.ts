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
 * - scheduled messages (`deliveries`) hold references, rendered when sent: those addressed to them
 *   are cancelled (not sent yet) or lose their recipient (sent); those naming them and not sent
 *   yet go out without them; nothing else is touched (see eraseMessages);
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
  /** Scheduled messages cancelled, scrubbed of their recipient, or to be sent without them. */
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
    const messages = await eraseMessages(tx, person);
    await tx
      .update(employees)
      .set({
        name: FORMER_EMPLOYEE(person.id),
        email: null,
        slackUserId: null,
        hrEmployeeId: null,
        title: null,
        timezone: null,
        locale: null,
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

/**
 * The scheduled messages concerning the person, found by reference, never by text: payloads hold
 * roster ids (docs/deliveries.md), so this touches exactly the rows addressed to them or naming them.
 * - addressed to them (`recipientEmployeeId`, or a DM to their Slack id): not sent yet → deleted
 *   (nothing goes to an erased person); sent or failed → recipient and Slack's answer scrubbed;
 * - naming them (`aboutEmployeeIds`), not sent yet: their id leaves the list, so the message is
 *   rendered without them when it is sent. Sent rows hold ids only and are left as they are.
 */
async function eraseMessages(tx: Tx, person: { id: number; slackUserId: string | null }): Promise<number> {
  const unsent = sql`${deliveries.status} in ('pending', 'sending')`;
  const addressed = or(
    sql`(${deliveries.payload}->>'recipientEmployeeId') = ${String(person.id)}`,
    person.slackUserId ? eq(deliveries.recipient, person.slackUserId) : undefined,
  );
  const cancelled = await tx
    .delete(deliveries)
    .where(and(addressed, unsent))
    .returning({ id: deliveries.id });
  const scrubbed = await tx
    .update(deliveries)
    .set({ recipient: 'erased', result: null })
    .where(and(addressed, sql`not (${unsent})`))
    .returning({ id: deliveries.id });
  const rerendered = await tx
    .update(deliveries)
    .set({
      payload: sql`jsonb_set(${deliveries.payload}, '{aboutEmployeeIds}',
        coalesce((select jsonb_agg(value) from jsonb_array_elements(${deliveries.payload}->'aboutEmployeeIds')
                  where value <> to_jsonb(${person.id}::int)), '[]'::jsonb))`,
    })
    .where(and(unsent, sql`${deliveries.payload}->'aboutEmployeeIds' @> to_jsonb(array[${person.id}::int])`))
    .returning({ id: deliveries.id });
  return cancelled.length + scrubbed.length + rerendered.length;
}
