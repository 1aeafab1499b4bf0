import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

import type { SlackProfile } from '../domain/roster.js';

/** A Slack user's roster fields, from users.info. Throws if Slack does not answer. */
export async function fetchSlackProfile(client: WebClient, slackUserId: string): Promise<SlackProfile> {
  const { user } = await client.users.info({ user: slackUserId });
  if (!user) throw new Error(`users.info returned no user for ${slackUserId}`);
  const profile = user.profile ?? {};
  return {
    slackUserId,
    name: user.real_name || profile.real_name || profile.display_name || user.name || slackUserId,
    email: profile.email || null,
    timezone: user.tz || null,
    title: profile.title || null,
    isGuest: Boolean(user.is_restricted || user.is_ultra_restricted),
  };
}
