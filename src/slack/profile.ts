import type { webApi } from '@slack/bolt';
import type { SlackProfile } from '../domain/roster.js';
import { slackProfileOf } from '../domain/roster-sync.js';

/** A Slack user's roster fields, from users.info (the same rules as the roster sync). Throws if Slack does not answer. */
export async function fetchSlackProfile(
  client: webApi.WebClient,
  slackUserId: string,
): Promise<SlackProfile> {
  const { user } = await client.users.info({ user: slackUserId, include_locale: true });
  if (!user) throw new Error(`users.info returned no user for ${slackUserId}`);
  return slackProfileOf({ ...user, id: slackUserId });
}

/** A newcomer's roster fields when users.info fails: the Slack name (or id) only; the roster sync fills in the rest. */
export function fallbackProfile(source: { user_name?: string; user_id: string }) {
  return {
    name: source.user_name || source.user_id,
    email: null,
    timezone: null,
    title: null,
    isGuest: false,
  };
}
