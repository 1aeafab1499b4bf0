import type { Db } from '../db/client.js';
import {
  findEmployeeIdBySlackUser,
  insertEmployeeFromSlack,
  type SlackProfile,
} from '../db/queries/employees.js';

export type { SlackProfile };

/**
 * The roster row for a Slack user, created on first contact from their Slack profile.
 * `fetchProfile` is only called for someone not yet on the roster; if it fails, the person is
 * still added with what the caller knows (the roster sync fills in the rest later).
 */
export async function ensureEmployee(
  db: Db,
  slackUserId: string,
  fetchProfile: () => Promise<SlackProfile>,
  fallback: Omit<SlackProfile, 'slackUserId'>,
  now: Date,
): Promise<number> {
  const known = await findEmployeeIdBySlackUser(db, slackUserId);
  if (known !== null) return known;
  let profile: SlackProfile;
  try {
    profile = await fetchProfile();
  } catch {
    profile = { slackUserId, ...fallback };
  }
  return insertEmployeeFromSlack(db, profile, now);
}

export async function findEmployeeId(db: Db, slackUserId: string): Promise<number | null> {
  return findEmployeeIdBySlackUser(db, slackUserId);
}

/**
 * Slack user id → roster id, remembered per process (ids never change), with one lookup in
 * flight per user: a burst of first commands from one person makes one users.info call and
 * one insert, not one each.
 */
export class EmployeeDirectory {
  private readonly ids = new Map<string, number>();
  private readonly pending = new Map<string, Promise<number>>();

  constructor(private readonly maxEntries = 100_000) {}

  async ensure(
    db: Db,
    slackUserId: string,
    fetchProfile: () => Promise<SlackProfile>,
    fallback: Omit<SlackProfile, 'slackUserId'>,
    now: Date,
  ): Promise<number> {
    const known = this.ids.get(slackUserId);
    if (known !== undefined) return known;
    let lookup = this.pending.get(slackUserId);
    if (!lookup) {
      lookup = ensureEmployee(db, slackUserId, fetchProfile, fallback, now)
        .then((id) => this.remember(slackUserId, id))
        .finally(() => this.pending.delete(slackUserId));
      this.pending.set(slackUserId, lookup);
    }
    return lookup;
  }

  /** The roster id of a Slack user, or null when they are not on the roster (nothing is created). */
  async find(db: Db, slackUserId: string): Promise<number | null> {
    const known = this.ids.get(slackUserId);
    if (known !== undefined) return known;
    const id = await findEmployeeIdBySlackUser(db, slackUserId);
    return id === null ? null : this.remember(slackUserId, id);
  }

  private remember(slackUserId: string, id: number): number {
    if (this.ids.size >= this.maxEntries) {
      const oldest = this.ids.keys().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    this.ids.set(slackUserId, id);
    return id;
  }
}
