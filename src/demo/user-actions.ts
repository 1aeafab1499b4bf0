import { createHmac } from 'node:crypto';
import { APP_ID, BOT_USER_ID, type Json, type OpenView, TEAM_ID, type Workspace } from './workspace.js';

/**
 * What Slack sends the app when a person acts in the workspace: a slash command, a click on a
 * button or menu, a modal submitted or closed, the Home tab opened. Each goes to the app's
 * /slack/events as Slack sends it (form-encoded or JSON, signed with HMAC v0 over
 * `v0:<timestamp>:<body>`), and the ack's answer is applied as Slack would apply it.
 */

export interface AppEndpoint {
  /** The app's `…/slack/events`. */
  url: string;
  signingSecret: string;
  /** Commands Slack escapes (should_escape): `@name` arrives as `<@U…|name>`, an email as `<mailto:…>`. */
  escapedCommands?: string[];
}

/** Field values as a person fills them in, by input block id: text, a chosen option (value or label), or several. */
export type FormInput = Record<string, string | string[] | null | undefined>;

export type ClickTarget =
  | { kind: 'message'; messageId: number }
  | { kind: 'home' }
  | { kind: 'modal'; viewId: string };

export interface AppAnswer {
  status: number;
  body: unknown;
}

export class UserActions {
  private eventCounter = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly app: AppEndpoint,
  ) {}

  /** Types `/bot …` (or any slash command) in a conversation. */
  async command(userId: string, channelId: string, typed: string): Promise<AppAnswer> {
    const trimmed = typed.trim();
    const match = /^(\/[^\s]+)\s*([\s\S]*)$/.exec(trimmed);
    if (!match) throw new DemoInputError('A slash command starts with /, like /bot help');
    const [, command = '', text = ''] = match;
    const user = this.workspace.users.get(userId);
    if (!user) throw new DemoInputError(`No such user: ${userId}`);
    const conversation = this.workspace.conversations.get(channelId);
    this.workspace.echoCommand(userId, channelId, trimmed);
    const body = new URLSearchParams({
      token: 'demo-verification-token',
      team_id: TEAM_ID,
      team_domain: 'demo',
      channel_id: channelId,
      channel_name: conversation?.kind === 'dm' ? 'directmessage' : (conversation?.name ?? 'unknown'),
      user_id: userId,
      user_name: user.name,
      command,
      text: this.app.escapedCommands?.includes(command) ? this.escape(text) : text,
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: this.workspace.newResponseUrl({ userId, channel: channelId }),
      trigger_id: this.workspace.newTrigger(userId),
    }).toString();
    const answer = await this.send(body, 'application/x-www-form-urlencoded');
    if (answer.status === 200 && answer.body && typeof answer.body === 'object') {
      const reply = answer.body as Json;
      if (reply.text || reply.blocks) this.workspace.postAckReply(userId, channelId, reply);
    }
    return answer;
  }

  /**
   * Clicks a button or picks from a menu (static_select / overflow) in a message, on the Home tab
   * or in a modal. `choice` is the picked option's value for menus.
   */
  async click(
    userId: string,
    target: ClickTarget,
    actionId: string,
    options: { blockId?: string; value?: string; choice?: string; form?: FormInput } = {},
  ): Promise<AppAnswer> {
    const user = this.requireUser(userId);
    const located = this.locate(target, userId);
    const found = findElement(located.blocks, actionId, options.blockId, options.value);
    if (!found) throw new DemoInputError(`No element ${actionId} there`);
    const { element, blockId } = found;
    const action: Json = {
      type: element.type,
      action_id: actionId,
      block_id: blockId,
      action_ts: actionTs(),
    };
    if (element.type === 'button') {
      action.text = element.text;
      if (element.value !== undefined) action.value = element.value;
      if (element.style !== undefined) action.style = element.style;
    } else if (
      element.type === 'static_select' ||
      element.type === 'overflow' ||
      element.type === 'radio_buttons'
    ) {
      const option = findOption(element, options.choice ?? '');
      if (!option) throw new DemoInputError(`No option ${options.choice ?? ''} in ${actionId}`);
      action.selected_option = option;
    } else if (options.choice !== undefined) {
      action.value = options.choice;
    }
    const payload: Json = {
      type: 'block_actions',
      user: userPayload(user.id, user.name),
      api_app_id: APP_ID,
      token: 'demo-verification-token',
      container: located.container,
      trigger_id: this.workspace.newTrigger(userId),
      team: { id: TEAM_ID, domain: 'demo' },
      enterprise: null,
      is_enterprise_install: false,
      ...located.extra,
      actions: [action],
    };
    if (located.view) {
      payload.view = {
        ...this.workspace.wireView(located.view),
        state: { values: stateValues(located.view.view, options.form ?? {}) },
      };
    }
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'form');
  }

  /** Submits the user's modal (`viewId`, or the top one) with these field values. */
  async submit(userId: string, form: FormInput, viewId?: string): Promise<AppAnswer> {
    const user = this.requireUser(userId);
    const view = viewId ? this.workspace.findView(viewId) : this.workspace.topModal(userId);
    if (!view || view.userId !== userId || view.view.type !== 'modal')
      throw new DemoInputError('There is no open form to submit');
    const values = stateValues(view.view, form);
    const payload: Json = {
      type: 'view_submission',
      team: { id: TEAM_ID, domain: 'demo' },
      user: userPayload(user.id, user.name),
      api_app_id: APP_ID,
      token: 'demo-verification-token',
      trigger_id: this.workspace.newTrigger(userId),
      view: { ...this.workspace.wireView(view), state: { values } },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const answer = await this.send(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'form',
    );
    if (answer.status === 200) this.workspace.applySubmissionAck(userId, view.id, answer.body, form as Json);
    return answer;
  }

  /** Closes (Cancel / ×) the user's modal; the app hears of it only when the view asked (notify_on_close). */
  async close(userId: string, viewId: string): Promise<AppAnswer | null> {
    const user = this.requireUser(userId);
    const view = this.workspace.findView(viewId);
    if (!view || view.userId !== userId) return null;
    this.workspace.closeModal(userId, viewId);
    if (view.view.notify_on_close !== true) return null;
    const payload = {
      type: 'view_closed',
      team: { id: TEAM_ID, domain: 'demo' },
      user: userPayload(user.id, user.name),
      api_app_id: APP_ID,
      token: 'demo-verification-token',
      view: this.workspace.wireView(view),
      is_cleared: false,
      is_enterprise_install: false,
    };
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'form');
  }

  /**
   * Slack's escaping of a command's text: a mention picked as `@handle` or `@FirstName` becomes
   * `<@U…|handle>`, an email `<mailto:a@b.c|a@b.c>`. Anything else stays as typed.
   */
  escape(text: string): string {
    const users = [...this.workspace.users.values()].filter((u) => !u.deleted && !u.is_bot);
    return text.replace(
      /(^|\s)(@[\p{L}.\-_]+|[^\s@<>|]+@[^\s@<>|]+\.[^\s@<>|]+)(?=$|\s)/gu,
      (whole, space, word) => {
        if (!word.startsWith('@')) return `${space}<mailto:${word}|${word}>`;
        const wanted = word.slice(1).toLowerCase();
        const user = users.find(
          (u) => u.name.toLowerCase() === wanted || u.profile.display_name.toLowerCase() === wanted,
        );
        return user ? `${space}<@${user.id}|${user.name}>` : whole;
      },
    );
  }

  /** Opens the app's Home tab (Slack sends app_home_opened each time). */
  async openHome(userId: string): Promise<AppAnswer> {
    this.requireUser(userId);
    const body = JSON.stringify({
      token: 'demo-verification-token',
      team_id: TEAM_ID,
      api_app_id: APP_ID,
      type: 'event_callback',
      event_id: `Ev${Date.now().toString(36).toUpperCase()}${++this.eventCounter}`,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'app_home_opened',
        user: userId,
        channel: this.workspace.dmWith(userId).id,
        tab: 'home',
        event_ts: actionTs(),
        ...(this.workspace.homes.get(userId)
          ? { view: this.workspace.wireView(this.workspace.homes.get(userId) as OpenView) }
          : {}),
      },
      authorizations: [
        { team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
    });
    return this.send(body, 'application/json');
  }

  private locate(
    target: ClickTarget,
    userId: string,
  ): { blocks: Json[]; container: Json; extra: Json; view?: OpenView } {
    if (target.kind === 'message') {
      const message = this.workspace.findMessageById(target.messageId);
      if (!message || message.deleted || (message.visibleTo && message.visibleTo !== userId))
        throw new DemoInputError('That message is gone');
      const conversation = this.workspace.conversations.get(message.channel);
      const ephemeral = message.visibleTo !== undefined;
      return {
        blocks: message.blocks,
        container: {
          type: 'message',
          message_ts: message.ts,
          channel_id: message.channel,
          is_ephemeral: ephemeral,
        },
        extra: {
          channel: {
            id: message.channel,
            name: conversation?.kind === 'dm' ? 'directmessage' : (conversation?.name ?? ''),
          },
          ...(ephemeral ? {} : { message: this.workspace.wire(message) }),
          state: { values: {} },
          response_url: this.workspace.newResponseUrl({
            userId,
            channel: message.channel,
            messageId: message.id,
          }),
        },
      };
    }
    const view =
      target.kind === 'home' ? this.workspace.homes.get(userId) : this.workspace.findView(target.viewId);
    if (!view || view.userId !== userId) throw new DemoInputError('That view is not open');
    return {
      blocks: (view.view.blocks as Json[] | undefined) ?? [],
      container: { type: 'view', view_id: view.id },
      extra: {},
      view,
    };
  }

  private requireUser(userId: string) {
    const user = this.workspace.users.get(userId);
    if (!user) throw new DemoInputError(`No such user: ${userId}`);
    return user;
  }

  private async send(body: string, type: 'form' | string): Promise<AppAnswer> {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', this.app.signingSecret)
      .update(`v0:${timestamp}:${body}`)
      .digest('hex');
    const response = await fetch(this.app.url, {
      method: 'POST',
      headers: {
        'content-type': type === 'form' ? 'application/x-www-form-urlencoded' : type,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': `v0=${signature}`,
      },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : '';
    } catch {
      // a plain-text ack
    }
    return { status: response.status, body: parsed };
  }
}

/** A person's mistake in the demo (an unknown user, no such button): shown to them, not a crash. */
export class DemoInputError extends Error {
  override name = 'DemoInputError';
}

function userPayload(id: string, name: string): Json {
  return { id, username: name, name, team_id: TEAM_ID };
}

function actionTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

/** Every interactive element in some blocks, with its block id (Slack generates missing ones). */
export function elementsOf(blocks: Json[]): Array<{ element: Json; blockId: string }> {
  const found: Array<{ element: Json; blockId: string }> = [];
  for (const [index, block] of blocks.entries()) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : `b${index}`;
    const candidates: unknown[] = [];
    if (block.type === 'actions' && Array.isArray(block.elements)) candidates.push(...block.elements);
    if (block.accessory) candidates.push(block.accessory);
    if (block.type === 'input' && block.element) candidates.push(block.element);
    for (const element of candidates) {
      if (element && typeof element === 'object') found.push({ element: element as Json, blockId });
    }
  }
  return found;
}

function findElement(
  blocks: Json[],
  actionId: string,
  blockId: string | undefined,
  value: string | undefined,
): { element: Json; blockId: string } | undefined {
  return elementsOf(blocks).find(
    (entry) =>
      entry.element.action_id === actionId &&
      (blockId === undefined || entry.blockId === blockId) &&
      (value === undefined || entry.element.value === value),
  );
}

interface OptionJson {
  text?: { text?: string };
  value?: string;
}

function allOptions(element: Json): OptionJson[] {
  const direct = Array.isArray(element.options) ? (element.options as OptionJson[]) : [];
  const grouped = Array.isArray(element.option_groups)
    ? (element.option_groups as Array<{ options?: OptionJson[] }>).flatMap((g) => g.options ?? [])
    : [];
  return [...direct, ...grouped];
}

/** An option picked by its value, or by its label as a person reads it. */
function findOption(element: Json, wanted: string): OptionJson | undefined {
  const options = allOptions(element);
  return (
    options.find((o) => o.value === wanted) ??
    options.find((o) => o.text?.text?.toLowerCase() === wanted.toLowerCase())
  );
}

/**
 * view.state.values as Slack builds it: for each input block (and each actions block with menus),
 * `{ [block_id]: { [action_id]: { type, value | selected_option | … } } }`. Blocks left empty are
 * sent with a null value, as Slack does.
 */
export function stateValues(view: Json, form: FormInput): Record<string, Record<string, Json>> {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  const values: Record<string, Record<string, Json>> = {};
  for (const { element, blockId } of elementsOf(blocks)) {
    if (element.type === 'button' || element.type === 'overflow') continue;
    const actionId = String(element.action_id ?? '');
    const input = form[blockId] ?? form[actionId];
    const state: Json = { type: element.type };
    const one = Array.isArray(input) ? input[0] : input;
    const text = one === undefined || one === null || one === '' ? null : String(one);
    switch (element.type) {
      case 'static_select':
      case 'radio_buttons':
        state.selected_option = text === null ? null : (findOption(element, text) ?? null);
        break;
      case 'multi_static_select':
      case 'checkboxes':
        state.selected_options = (Array.isArray(input) ? input : text === null ? [] : [text])
          .map((v) => findOption(element, String(v)))
          .filter(Boolean);
        break;
      case 'datepicker':
        state.selected_date = text;
        break;
      case 'timepicker':
        state.selected_time = text;
        break;
      case 'users_select':
        state.selected_user = text;
        break;
      case 'conversations_select':
        state.selected_conversation = text;
        break;
      case 'channels_select':
        state.selected_channel = text;
        break;
      default:
        // plain_text_input, number_input, url_text_input, email_text_input
        state.value = text;
    }
    values[blockId] = { ...values[blockId], [actionId]: state };
  }
  return values;
}
