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
