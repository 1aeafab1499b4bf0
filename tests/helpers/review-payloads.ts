import type { FakeSlackCall } from './fake-slack.js';
import { SIGNING_SECRET, type SlackAck, type TestApp, viewSubmission } from './harness.js';
import { slackSignatureHeaders } from './signer.js';

/**
 * Review and Home payloads exactly as Slack sends them: a button click (block_actions) in a DM or
 * on the Home tab, the decision modal's view_submission, and the app_home_opened event.
 */
export type ReviewButton = 'review_approve' | 'review_request_changes' | 'review_reject';

export type ClickSource = { kind: 'message'; channel: string; ts: string } | { kind: 'home' };

/**
 * A click on a review button. A number is a bot id, drawn (as the app draws it) with the bot's
 * version, 1 unless given; a string is sent as the raw value (an old button, a tampered one).
 */
export function blockAction(
  userId: string,
  actionId: ReviewButton,
  value: string | number,
  source: ClickSource = { kind: 'message', channel: `D${userId}`, ts: '1763200000.000100' },
  version = 1,
): Record<string, unknown> {
  const raw = typeof value === 'number' ? `${value}:${version}` : value;
  const where =
    source.kind === 'message'
      ? {
          container: {
            type: 'message',
            message_ts: source.ts,
            channel_id: source.channel,
            is_ephemeral: false,
          },
          channel: { id: source.channel, name: 'directmessage' },
          message: { type: 'message', ts: source.ts, text: 'Review requested', user: 'UBOTUSER' },
          response_url: 'https://hooks.slack.invalid/actions/T0TEAM/1/abc',
        }
      : {
          container: { type: 'view', view_id: 'VHOME' },
          view: {
            id: 'VHOME',
            team_id: 'T0TEAM',
            type: 'home',
            blocks: [],
            private_metadata: '',
            callback_id: '',
            state: { values: {} },
            hash: '1.home',
            app_id: 'A0APP',
            bot_id: 'BBOT',
          },
        };
  return {
    type: 'block_actions',
    team: { id: 'T0TEAM', domain: 'test' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    trigger_id: `trigger.${Math.random().toString(36).slice(2)}`,
    ...where,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: `review:${typeof value === 'number' ? value : raw.split(':')[0]}`,
        value: raw,
        text: { type: 'plain_text', text: actionId },
        action_ts: '1763200001.000200',
      },
    ],
  };
}

export type Decision = 'approved' | 'changes_requested' | 'rejected';

/** The decision modal submitted with a score (1–5 or none) and a comment. */
export function decisionSubmission(
  userId: string,
  botId: number,
  decision: Decision,
  form: {
    score?: number | null;
    comment?: string | null;
    fromHome?: boolean;
    /** The version the form was opened on (1 unless given); null: a form from before versions. */
    version?: number | null;
  } = {},
): Record<string, unknown> {
  const values: Record<string, Record<string, unknown>> = {
    comment: { value: { type: 'plain_text_input', value: form.comment ?? null } },
  };
  if (decision === 'approved') {
    values.score = {
      value: {
        type: 'static_select',
        selected_option:
          form.score == null
            ? null
            : { value: String(form.score), text: { type: 'plain_text', text: String(form.score) } },
      },
    };
  }
  return viewSubmission(userId, {
    callback_id: 'review_decision',
    private_metadata: JSON.stringify({
      botId,
      decision,
      ...(form.version === null ? {} : { version: form.version ?? 1 }),
      fromHome: form.fromHome ?? false,
    }),
    values,
  });
}

let eventCounter = 0;

/** Delivers app_home_opened, signed, as Slack posts events (JSON body). */
export async function openHome(
  app: TestApp,
  userId: string,
  tab: 'home' | 'messages' = 'home',
): Promise<SlackAck> {
  const body = JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: `EvHome${Date.now()}${++eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_home_opened',
      user: userId,
      channel: `D${userId}`,
      tab,
      event_ts: '1763200000.000300',
    },
    authorizations: [{ team_id: 'T0TEAM', user_id: 'UBOTUSER', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
  return app.post(body, {
    'content-type': 'application/json',
    ...slackSignatureHeaders(SIGNING_SECRET, body),
  });
}

/** A Web API argument that Bolt's client sends JSON-encoded (blocks, view). */
export function jsonArg<T = unknown>(call: FakeSlackCall | undefined, key: string): T {
  if (!call) throw new Error(`no call to read ${key} from`);
  const value = call.args[key];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export interface SentBlock {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  fields?: Array<{ type: string; text: string }>;
  elements?: Array<{ type: string; action_id?: string; value?: string; text?: unknown }>;
}

/** The action ids of every button in some blocks. */
export function buttonsIn(blocks: SentBlock[]): string[] {
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => `${e.action_id}:${e.value}`));
}
