import type { Config } from '../../src/config.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { WORKING_TEXTS } from '../../src/slack/blocks/bot-messages.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { slackSignatureHeaders } from './signer.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/**
 * The real app in HTTP mode on port 0, its Web API pointed at a fake Slack. Requests are sent
 * exactly as Slack sends them: form-encoded and signed.
 */
export interface TestApp {
  server: RunningServer;
  slack: FakeSlack;
  config: Config;
  baseUrl: string;
  /** Sends a slash command; returns the HTTP status and the ack body (parsed when JSON). */
  command(userId: string, text: string, options?: { command?: string; userName?: string }): Promise<SlackAck>;
  /** Sends an interaction payload (block_actions, view_submission…). */
  interaction(payload: Record<string, unknown>): Promise<SlackAck>;
  /** Posts a raw body with the given headers (for signature tests). */
  post(body: string, headers: Record<string, string>): Promise<SlackAck>;
  /**
   * The next answer the user sees for a command or interaction, waiting for it if needed: a
   * command's answer in its ack body, or a response_url message, in the order they arrived. A
   * "working on it" ack is not an answer (the answer follows through response_url).
   */
  nextResponse(): Promise<Record<string, unknown>>;
  /** Every answer seen so far (as nextResponse counts them). */
  answers(): Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface SlackAck {
  status: number;
  body: unknown;
}

export async function startTestApp(
  database: Database,
  options: { env?: Record<string, string>; now?: () => Date; slack?: FakeSlack; logger?: Logger } = {},
): Promise<TestApp> {
  const slack = options.slack ?? (await startFakeSlack());
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const logger = options.logger ?? createLogger(config.logLevel);
  const server = await startServer(config, {
    database,
    logger,
    ...(options.now ? { now: options.now } : {}),
  });
  const baseUrl = `http://127.0.0.1:${server.port}`;
  let responsesSeen = 0;
  // Answers in arrival order: response_url messages are taken in before each ack answer is added.
  const answers: Record<string, unknown>[] = [];
  let responseUrlTaken = 0;
  const takeResponseUrlMessages = () => {
    while (responseUrlTaken < slack.responses.length)
      answers.push((slack.responses[responseUrlTaken++] as { body: Record<string, unknown> }).body);
  };

  const post = async (body: string, headers: Record<string, string>): Promise<SlackAck> => {
    const res = await fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : '';
    } catch {
      // plain-text ack
    }
    return { status: res.status, body: parsed };
  };
  const postNotingAnswer = async (body: string, headers: Record<string, string>) => {
    const ack = await post(body, headers);
    takeResponseUrlMessages();
    if (ack.status === 200 && isAnswer(ack.body)) answers.push(ack.body);
    return ack;
  };
  const signedPost = (body: string) => postNotingAnswer(body, slackSignatureHeaders(SIGNING_SECRET, body));

  return {
    server,
    slack,
    config,
    baseUrl,
    post: postNotingAnswer,
    command(userId, text, commandOptions = {}) {
      const body = new URLSearchParams({
        token: 'deprecated-verification-token',
        team_id: 'T0TEAM',
        team_domain: 'test',
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: userId,
        user_name: commandOptions.userName ?? userId.toLowerCase(),
        command: commandOptions.command ?? config.commands.bot,
        text,
        api_app_id: 'A0APP',
        is_enterprise_install: 'false',
        response_url: slack.newResponseUrl(),
        trigger_id: `trigger.${Math.random().toString(36).slice(2)}`,
      }).toString();
      return signedPost(body);
    },
    interaction(payload) {
      return signedPost(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    },
    async nextResponse() {
      const index = responsesSeen++;
      return slack.waitFor(() => {
        takeResponseUrlMessages();
        return answers[index];
      });
    },
    answers() {
      takeResponseUrlMessages();
      return [...answers];
    },
    async stop() {
      await server.stop();
      if (!options.slack) await slack.close();
    },
  };
}

/** An ack body that is a message for the user (not empty, not a modal's response_action, not "working on it"). */
function isAnswer(body: unknown): body is Record<string, unknown> {
  if (!body || typeof body !== 'object') return false;
  const text = (body as { text?: unknown }).text;
  return typeof text === 'string' && !WORKING_TEXTS.has(text) && !('response_action' in body);
}

/** A view_submission payload as Slack sends it for a modal the app opened. */
export function viewSubmission(
  userId: string,
  view: { callback_id: string; private_metadata?: string; values: Record<string, Record<string, unknown>> },
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: 'T0TEAM', domain: 'test' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    trigger_id: `trigger.${Math.random().toString(36).slice(2)}`,
    view: {
      id: 'V0VIEW',
      team_id: 'T0TEAM',
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      state: { values: view.values },
      hash: '1.abc',
      title: { type: 'plain_text', text: 'x' },
      blocks: [],
      app_id: 'A0APP',
      bot_id: 'BBOT',
    },
  };
}

/** The modal state for given field values, shaped like Slack's view.state.values. */
export function formValues(fields: {
  name?: string;
  description?: string;
  link?: string | null;
  category?: string | null;
  platform?: string | null;
  hoursSavedPerWeek?: string | null;
}): Record<string, Record<string, unknown>> {
  const text = (value: string | null | undefined) => ({
    value: { type: 'plain_text_input', value: value ?? null },
  });
  const select = (value: string | null | undefined) => ({
    value: {
      type: 'static_select',
      selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null,
    },
  });
  return {
    name: text(fields.name),
    description: text(fields.description),
    link: text(fields.link),
    category: select(fields.category),
    platform: select(fields.platform),
    hoursSavedPerWeek: { value: { type: 'number_input', value: fields.hoursSavedPerWeek ?? null } },
  };
}
