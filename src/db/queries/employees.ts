import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../client.js';
import { employees } from '../schema.js';
import { recordOrgState } from './employee-history.js';

export interface SlackProfile {
  slackUserId: string;
  name: string;
  email: string | null;
  timezone: string | null;
  title: string | null;
  isGuest: boolean;
}

export async function findEmployeeIdBySlackUser(db: Tx, slackUserId: string): Promise<number | null> {
  const [row] = await db
    .select({ id: employees.id })
    .from(employees)
    .where(eq(employees.slackUserId, slackUserId))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Adds a Slack user to the roster, or links them to an HR-imported row with the same email.
 * Safe under concurrency: two first contacts at once end with one row.
 */
export async function insertEmployeeFromSlack(db: Tx, profile: SlackProfile, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    if (profile.email) {
      const [linked] = await tx
        .update(employees)
        .set({
          slackUserId: profile.slackUserId,
          timezone: profile.timezone,
          title: sql`coalesce(${employees.title}, ${profile.title})`,
          isGuest: profile.isGuest,
          updatedAt: now,
        })
        .where(and(sql`lower(${employees.email}) = lower(${profile.email})`, isNull(employees.slackUserId)))
        .returning({ id: employees.id });
      if (linked) return linked.id;
    }
    const [inserted] = await tx
      .insert(employees)
      .values({
        slackUserId: profile.slackUserId,
        name: profile.name,
        email: profile.email,
        timezone: profile.timezone,
        title: profile.title,
        isGuest: profile.isGuest,
        activeFrom: isoDate(now),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: employees.id });
    if (inserted) {
      await recordOrgState(tx, inserted.id, { department: null, managerId: null, active: true }, now);
      return inserted.id;
    }
    // Someone else inserted the same person (by Slack id or email) a moment ago.
    const [existing] = await tx
      .select({ id: employees.id })
      .from(employees)
      .where(
        profile.email
          ? sql`${employees.slackUserId} = ${profile.slackUserId} or lower(${employees.email}) = lower(${profile.email})`
          : eq(employees.slackUserId, profile.slackUserId),
      )
      .limit(1);
    if (!existing) throw new Error(`employee ${profile.slackUserId} vanished during insert`);
    return existing.id;
  });
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
