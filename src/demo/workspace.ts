/**
 * The demo's stand-in for a Slack workspace: its people, channels, direct messages, ephemeral
 * messages, Home tabs, open modals and shared files, kept in memory, and the Web API methods the
 * app calls on it. It implements Slack's methods generically (any message to any channel, any
 * view, any file), so new features of the app show up here without changes. The HTTP side of it
 * lives in web-server.ts; the user's side (commands, clicks, submissions) in user-actions.ts.
 */

export type Json = Record<string, unknown>;

export interface WorkspaceUser {
  id: string;
  name: string;
  real_name: string;
  tz: string;
  /** Slack's locale ('zh-CN', 'en-US'); answered only with include_locale, as Slack does. */
  locale?: string;
  is_bot?: boolean;
  deleted?: boolean;
  is_restricted?: boolean;
  profile: { email: string; title: string; real_name: string; display_name: string };
}

export interface Conversation {
  id: string;
  kind: 'channel' | 'dm';
  /** `ai-adoption` for a channel; the person's name for a DM with the app. */
  name: string;
  /** For a DM: the person the app talks to. */
  userId?: string;
}

export interface SharedFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
  url: string;
}

export interface Message {
  /** Unique within the workspace, for the page and for updates. */
  id: number;
  channel: string;
  ts: string;
  /** Who posted it: the app's bot user, or a person (a command they typed). */
  from: string;
  text: string;
  blocks: Json[];
  files: SharedFile[];
  /** Set for an ephemeral message: only this user sees it. */
  visibleTo?: string;
  /** A slash command as the person typed it (shown to them only, like Slack's composer echo). */
  isCommand?: boolean;
  edited?: boolean;
  deleted?: boolean;
  /** When it was posted, on the app's clock. */
  at: string;
}

export interface OpenView {
  id: string;
  userId: string;
  view: Json;
  hash: string;
  /** Field errors from the last response_action: errors, by block id. */
  errors: Record<string, string>;
  /** The values last submitted, so a form shown again with errors keeps the user's input. */
  values: Json;
}

export interface StoredFile {
  id: string;
  name: string;
  title: string;
  bytes: Buffer;
  uploaded: boolean;
  sharedIn: string[];
}

/** Something the app did that a person would see; the transcript and the page are built from these. */
export type WorkspaceEvent =
  | { kind: 'message'; message: Message }
  | { kind: 'message_updated'; message: Message }
  | { kind: 'message_deleted'; message: Message }
  | { kind: 'modal_opened' | 'modal_updated' | 'modal_pushed'; userId: string; view: OpenView }
  | { kind: 'modal_errors'; userId: string; view: OpenView }
  | { kind: 'modal_closed'; userId: string; viewId: string }
  | { kind: 'home_published'; userId: string; view: Json }
  | { kind: 'api_error'; method: string; error: string };

export const BOT_USER_ID = 'U0ADOPTBOT';
export const BOT_ID = 'B0ADOPTBOT';
export const TEAM_ID = 'T0DEMO';
export const APP_ID = 'A0DEMOAPP';

/** Where a response_url leads: the conversation of the command or message it came with. */
interface ResponseTarget {
  userId: string;
  channel: string;
  /** The message whose button was clicked (replace_original / delete_original act on it). */
  messageId?: number;
  /** The last message posted through this response_url (a command's replace_original replaces it). */
  lastPostedId?: number;
}

export class Workspace {
  readonly users = new Map<string, WorkspaceUser>();
  readonly usergroups = new Map<string, string[]>();
  readonly conversations = new Map<string, Conversation>();
  readonly messages: Message[] = [];
  readonly homes = new Map<string, OpenView>();
  /** Each user's modal stack, bottom first. */
  readonly modals = new Map<string, OpenView[]>();
  readonly files = new Map<string, StoredFile>();
  readonly events: WorkspaceEvent[] = [];
  /** Bumped on every change; the page polls/streams it. */
  version = 0;
  private readonly listeners = new Set<(event: WorkspaceEvent) => void>();
  private readonly triggers = new Map<string, { userId: string; used: boolean }>();
  private readonly responseUrls = new Map<string, ResponseTarget>();
  private counter = 0;
  private tsCounter = 0;

  /**
   * @param now the app's clock (message times); ts values stay unique and increasing regardless.
   * @param baseUrl where this workspace is served, for response_url, upload and file addresses.
   */
  constructor(
    private readonly now: () => Date,
    public baseUrl = '',
  ) {}

  onEvent(listener: (event: WorkspaceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addUser(user: WorkspaceUser): void {
    this.users.set(user.id, user);
  }

  addChannel(id: string, name: string): void {
    this.conversations.set(id, { id, kind: 'channel', name });
  }

  /** The DM between the app and a person (Slack's conversations.open). */
  dmWith(userId: string): Conversation {
    const id = `D${userId.slice(1)}`;
    let dm = this.conversations.get(id);
    if (!dm) {
      dm = { id, kind: 'dm', name: this.users.get(userId)?.real_name ?? userId, userId };
      this.conversations.set(id, dm);
    }
    return dm;
  }

  userName(userId: string): string {
    if (userId === BOT_USER_ID) return 'AI Adoption Bot';
    return this.users.get(userId)?.real_name ?? userId;
  }

  // -------------------------------------------------------------------------------------------
  // The user's side: what Slack creates when a person acts (used by user-actions.ts)

  newTrigger(userId: string): string {
    const id = `${++this.counter}.${Date.now()}.demo${Math.random().toString(16).slice(2, 10)}`;
    this.triggers.set(id, { userId, used: false });
    return id;
  }

  newResponseUrl(target: ResponseTarget): string {
    const id = `R${++this.counter}`;
    this.responseUrls.set(id, target);
    return `${this.baseUrl}/response/${id}`;
  }

  /** Shows a command as the person typed it, to them only. */
  echoCommand(userId: string, channel: string, text: string): Message {
    return this.post({ channel, from: userId, text, blocks: [], visibleTo: userId, isCommand: true });
  }

  /** A reply the app gave in the HTTP ack of a slash command (text/blocks, ephemeral unless in_channel). */
  postAckReply(userId: string, channel: string, body: Json): Message {
    return this.post({
      channel,
      from: BOT_USER_ID,
      text: stringOr(body.text, ''),
      blocks: arrayOf(body.blocks),
      ...(body.response_type === 'in_channel' ? {} : { visibleTo: userId }),
    });
  }

  topModal(userId: string): OpenView | undefined {
    return this.modals.get(userId)?.at(-1);
  }

  findView(viewId: string): OpenView | undefined {
    for (const stack of this.modals.values()) {
      const found = stack.find((view) => view.id === viewId);
      if (found) return found;
    }
    for (const home of this.homes.values()) if (home.id === viewId) return home;
    return undefined;
  }

  /** Applies a view_submission's ack (response_action) to the user's modal stack. */
  applySubmissionAck(userId: string, viewId: string, ack: unknown, submitted: Json): void {
    const stack = this.modals.get(userId) ?? [];
    const index = stack.findIndex((view) => view.id === viewId);
    if (index < 0) return;
    const body = (ack && typeof ack === 'object' ? ack : {}) as Json;
    const current = stack[index] as OpenView;
    switch (body.response_action) {
      case 'errors':
        current.errors = Object.fromEntries(
          Object.entries((body.errors as Record<string, unknown>) ?? {}).map(([k, v]) => [k, String(v)]),
        );
        current.values = submitted;
        this.emit({ kind: 'modal_errors', userId, view: current });
        return;
      case 'update':
        stack[index] = this.newView(userId, body.view as Json, current.id);
        this.emit({ kind: 'modal_updated', userId, view: stack[index] as OpenView });
        return;
      case 'push': {
        const pushed = this.newView(userId, body.view as Json);
        stack.push(pushed);
        this.emit({ kind: 'modal_pushed', userId, view: pushed });
        return;
      }
      case 'clear':
        this.closeModal(userId, undefined);
        return;
      default:
        this.closeModal(userId, viewId);
    }
  }

  /** Closes one view and those above it, or the whole stack when `viewId` is undefined. */
  closeModal(userId: string, viewId: string | undefined): void {
    const stack = this.modals.get(userId) ?? [];
    const index = viewId === undefined ? 0 : stack.findIndex((view) => view.id === viewId);
    if (index < 0) return;
    const closed = stack.splice(index);
    for (const view of closed) this.emit({ kind: 'modal_closed', userId, viewId: view.id });
  }

  // -------------------------------------------------------------------------------------------
  // The Web API

  /** Answers one Web API call as Slack would (the HTTP layer decodes args and encodes the answer). */
  callMethod(method: string, args: Json): Json {
    const handler = this.methods[method];
    const answer = handler ? handler(args) : { ok: false, error: 'unknown_method' };
    if (answer.ok === false) this.emit({ kind: 'api_error', method, error: String(answer.error) });
    return answer;
  }

  private readonly methods: Record<string, (args: Json) => Json> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://demo.slack.invalid/',
      team: 'Demo Company',
      user: 'ai-adoption-bot',
      team_id: TEAM_ID,
      user_id: BOT_USER_ID,
      bot_id: BOT_ID,
    }),
    'users.info': (args) => {
      const user = this.users.get(String(args.user));
      return user
        ? { ok: true, user: withLocaleIfAsked(user, args) }
        : { ok: false, error: 'user_not_found' };
    },
    'users.list': (args) => {
      const all = [...this.users.values()];
      const limit = Math.max(1, Math.min(1000, Number(args.limit) || 100));
      const start = Number(String(args.cursor ?? '').replace(/^offset:/, '')) || 0;
      const members = all.slice(start, start + limit).map((user) => withLocaleIfAsked(user, args));
      const next = start + limit < all.length ? `offset:${start + limit}` : '';
      return { ok: true, members, response_metadata: { next_cursor: next } };
    },
    'usergroups.users.list': (args) => {
      const members = this.usergroups.get(String(args.usergroup));
      return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
    },
    'conversations.open': (args) => {
      const users = String(args.users ?? '')
        .split(',')
        .filter(Boolean);
      const [userId] = users;
      if (users.length !== 1 || !userId || !this.users.has(userId))
        return { ok: false, error: 'user_not_found' };
      return { ok: true, channel: { id: this.dmWith(userId).id } };
    },
    'chat.postMessage': (args) => {
      const channel = this.resolveChannel(args.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!hasContent(args)) return { ok: false, error: 'no_text' };
      const message = this.post({
        channel: channel.id,
        from: BOT_USER_ID,
        text: stringOr(args.text, ''),
        blocks: arrayOf(args.blocks),
      });
      return { ok: true, channel: channel.id, ts: message.ts, message: this.wire(message) };
    },
    'chat.postEphemeral': (args) => {
      const channel = this.resolveChannel(args.channel);
      const user = String(args.user ?? '');
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!this.users.has(user)) return { ok: false, error: 'user_not_found' };
      const message = this.post({
        channel: channel.id,
        from: BOT_USER_ID,
        text: stringOr(args.text, ''),
        blocks: arrayOf(args.blocks),
        visibleTo: user,
      });
      return { ok: true, message_ts: message.ts };
    },
    'chat.update': (args) => {
      const message = this.findMessage(args.channel, args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      if (message.from !== BOT_USER_ID) return { ok: false, error: 'cant_update_message' };
      this.replace(message, args);
      return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
    },
    'chat.delete': (args) => {
      const message = this.findMessage(args.channel, args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      this.remove(message);
      return { ok: true, channel: message.channel, ts: message.ts };
    },
    'views.open': (args) => {
      const trigger = this.useTrigger(args.trigger_id);
      if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
      const view = this.newView(trigger.userId, parseJson(args.view));
      // Slack opens a new modal on top of nothing: an earlier modal of this user is gone.
      this.closeModal(trigger.userId, undefined);
      this.modals.set(trigger.userId, [view]);
      this.emit({ kind: 'modal_opened', userId: trigger.userId, view });
      return { ok: true, view: this.wireView(view) };
    },
    'views.push': (args) => {
      const trigger = this.useTrigger(args.trigger_id);
      if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
      const stack = this.modals.get(trigger.userId);
      if (!stack?.length) return { ok: false, error: 'not_found' };
      const view = this.newView(trigger.userId, parseJson(args.view));
      stack.push(view);
      this.emit({ kind: 'modal_pushed', userId: trigger.userId, view });
      return { ok: true, view: this.wireView(view) };
    },
    'views.update': (args) => {
      const viewId = String(args.view_id ?? '');
      const existing = this.findView(viewId);
      if (!existing) return { ok: false, error: 'not_found' };
      if (args.hash && args.hash !== existing.hash) return { ok: false, error: 'hash_conflict' };
      const updated = this.newView(existing.userId, parseJson(args.view), existing.id);
      if (existing.view.type === 'home') {
        this.homes.set(existing.userId, updated);
        this.emit({ kind: 'home_published', userId: existing.userId, view: updated.view });
      } else {
        const stack = this.modals.get(existing.userId) ?? [];
        stack[stack.indexOf(existing)] = updated;
        this.emit({ kind: 'modal_updated', userId: existing.userId, view: updated });
      }
      return { ok: true, view: this.wireView(updated) };
    },
    'views.publish': (args) => {
      const userId = String(args.user_id ?? '');
      if (!this.users.has(userId)) return { ok: false, error: 'user_not_found' };
      const view = parseJson(args.view);
      if (view.type !== 'home') return { ok: false, error: 'invalid_arguments' };
      const previous = this.homes.get(userId);
      if (args.hash && previous && args.hash !== previous.hash) return { ok: false, error: 'hash_conflict' };
      const published = this.newView(userId, view, previous?.id);
      this.homes.set(userId, published);
      this.emit({ kind: 'home_published', userId, view });
      return { ok: true, view: this.wireView(published) };
    },
    'files.getUploadURLExternal': (args) => {
      const name = String(args.filename ?? '');
      if (!name) return { ok: false, error: 'invalid_arguments' };
      const id = `F${String(++this.counter).padStart(6, '0')}`;
      this.files.set(id, { id, name, title: name, bytes: Buffer.alloc(0), uploaded: false, sharedIn: [] });
      return { ok: true, file_id: id, upload_url: `${this.baseUrl}/upload/${id}` };
    },
    'files.completeUploadExternal': (args) => {
      const list = parseJsonArray(args.files) as Array<{ id?: string; title?: string }>;
      const files = list.map((entry) => this.files.get(String(entry.id)));
      if (files.length === 0 || files.some((file) => !file?.uploaded))
        return { ok: false, error: 'file_not_found' };
      const channelIds = [args.channel_id, ...String(args.channels ?? '').split(',')].filter(
        (value): value is string => typeof value === 'string' && value !== '',
      );
      const shared: SharedFile[] = [];
      for (const [index, file] of (files as StoredFile[]).entries()) {
        file.title = list[index]?.title || file.name;
        shared.push(this.sharedFile(file));
      }
      for (const channelId of channelIds) {
        const channel = this.resolveChannel(channelId);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        for (const file of files as StoredFile[]) file.sharedIn.push(channel.id);
        this.post({
          channel: channel.id,
          from: BOT_USER_ID,
          text: stringOr(args.initial_comment, ''),
          blocks: [],
          files: shared,
        });
      }
      return { ok: true, files: shared.map((file) => ({ id: file.id, title: file.title, name: file.name })) };
    },
  };

  /** The upload URL's body (the bytes of a file announced by files.getUploadURLExternal). */
  receiveUpload(fileId: string, bytes: Buffer): boolean {
    const file = this.files.get(fileId);
    if (!file) return false;
    file.bytes = bytes;
    file.uploaded = true;
    return true;
  }

  /** A message sent to a response_url. Returns an error text for Slack's non-200 answers. */
  receiveResponse(responseId: string, body: Json): string | null {
    const target = this.responseUrls.get(responseId);
    if (!target) return 'no_active_hooks';
    const original =
      target.messageId !== undefined
        ? this.messages.find((m) => m.id === target.messageId)
        : this.messages.find((m) => m.id === target.lastPostedId);
    if (body.delete_original === true || body.delete_original === 'true') {
      if (original && !original.deleted) this.remove(original);
      return null;
    }
    if ((body.replace_original === true || body.replace_original === 'true') && original) {
      this.replace(original, body);
      return null;
    }
    if (!hasContent(body)) return 'no_text';
    const message = this.post({
      channel: target.channel,
      from: BOT_USER_ID,
      text: stringOr(body.text, ''),
      blocks: arrayOf(body.blocks),
      ...(body.response_type === 'in_channel' ? {} : { visibleTo: target.userId }),
    });
    target.lastPostedId = message.id;
    return null;
  }

  fileBytes(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** Messages a user can see in one conversation, oldest first. */
  visibleMessages(userId: string, channel: string): Message[] {
    return this.messages.filter(
      (m) => m.channel === channel && !m.deleted && (m.visibleTo === undefined || m.visibleTo === userId),
    );
  }

  findMessageById(id: number): Message | undefined {
    return this.messages.find((m) => m.id === id);
  }

  /** A message as the Web API and interaction payloads show it. */
  wire(message: Message): Json {
    return {
      type: 'message',
      ts: message.ts,
      user: message.from,
      ...(message.from === BOT_USER_ID ? { bot_id: BOT_ID, app_id: APP_ID } : {}),
      text: message.text,
      blocks: message.blocks,
      ...(message.files.length ? { files: message.files } : {}),
      team: TEAM_ID,
    };
  }

  wireView(view: OpenView): Json {
    return {
      id: view.id,
      team_id: TEAM_ID,
      type: view.view.type,
      private_metadata: '',
      callback_id: '',
      external_id: '',
      ...view.view,
      state: { values: {} },
      hash: view.hash,
      app_id: APP_ID,
      bot_id: BOT_ID,
      root_view_id: view.id,
      previous_view_id: null,
    };
  }

  // -------------------------------------------------------------------------------------------

  private post(fields: Omit<Message, 'id' | 'ts' | 'at' | 'files'> & { files?: SharedFile[] }): Message {
    const message: Message = {
      id: ++this.counter,
      ts: this.nextTs(),
      at: this.now().toISOString(),
      files: [],
      ...fields,
    };
    this.messages.push(message);
    this.emit({ kind: 'message', message });
    return message;
  }

  private replace(message: Message, body: Json): void {
    if (body.text !== undefined) message.text = stringOr(body.text, '');
    if (body.blocks !== undefined) message.blocks = arrayOf(body.blocks);
    else if (body.text !== undefined) message.blocks = [];
    message.edited = true;
    this.emit({ kind: 'message_updated', message });
  }

  private remove(message: Message): void {
    message.deleted = true;
    this.emit({ kind: 'message_deleted', message });
  }

  private findMessage(channel: unknown, ts: unknown): Message | undefined {
    const resolved = this.resolveChannel(channel);
    return this.messages.find((m) => m.channel === resolved?.id && m.ts === String(ts) && !m.deleted);
  }

  /** A channel id, a DM id, or a user id (Slack delivers a message to a user id in their DM with the app). */
  private resolveChannel(value: unknown): Conversation | undefined {
    const id = String(value ?? '');
    if (this.users.has(id)) return this.dmWith(id);
    return this.conversations.get(id);
  }

  private useTrigger(value: unknown): { userId: string } | undefined {
    const trigger = this.triggers.get(String(value ?? ''));
    if (!trigger || trigger.used) return undefined;
    trigger.used = true;
    return trigger;
  }

  private newView(userId: string, view: Json, id?: string): OpenView {
    return {
      id: id ?? `V${String(++this.counter).padStart(6, '0')}`,
      userId,
      view,
      hash: `${Date.now()}.${++this.counter}`,
      errors: {},
      values: {},
    };
  }

  private sharedFile(file: StoredFile): SharedFile {
    return {
      id: file.id,
      name: file.name,
      title: file.title,
      mimetype: mimeTypeOf(file.name),
      size: file.bytes.length,
      url: `${this.baseUrl}/files/${file.id}/${encodeURIComponent(file.name)}`,
    };
  }

  private nextTs(): string {
    const seconds = Math.floor(this.now().getTime() / 1000);
    return `${seconds}.${String(++this.tsCounter).padStart(6, '0')}`;
  }

  private emit(event: WorkspaceEvent): void {
    this.events.push(event);
    this.version++;
    for (const listener of this.listeners) listener(event);
  }
}

export function mimeTypeOf(name: string): string {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  return (
    {
      png: 'image/png',
      jpg: 'image/jpeg',
      jpeg: 'image/jpeg',
      gif: 'image/gif',
      svg: 'image/svg+xml',
      csv: 'text/csv',
      txt: 'text/plain',
      json: 'application/json',
      pdf: 'application/pdf',
    }[extension] ?? 'application/octet-stream'
  );
}

function hasContent(args: Json): boolean {
  return (typeof args.text === 'string' && args.text !== '') || arrayOf(args.blocks).length > 0;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Bolt's client sends nested arguments (blocks, view, files) JSON-encoded in a form body. */
export function parseJson(value: unknown): Json {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  if (typeof value !== 'string') return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : {};
  } catch {
    return {};
  }
}

function parseJsonArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function arrayOf(value: unknown): Json[] {
  return parseJsonArray(value).filter((b): b is Json => Boolean(b) && typeof b === 'object');
}

/** A user as Slack answers: the locale only when the caller asked for it (include_locale). */
function withLocaleIfAsked(user: WorkspaceUser, args: Record<string, unknown>): WorkspaceUser {
  if (String(args.include_locale) === 'true') return user;
  const { locale: _, ...rest } = user;
  return rest;
}
