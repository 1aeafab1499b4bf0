import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { createDeliveryClient, type DeliveryClient } from '../../src/slack/delivery-client.js';

/**
 * A local stand-in for Slack's Web API and response_url endpoints. It records every call so
 * tests can assert what the app said back to Slack.
 */
export interface FakeSlackCall {
  method: string;
  args: Record<string, unknown>;
}

export interface FakeSlackResponse {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeSlackUser {
  id: string;
  name?: string;
  real_name?: string;
  tz?: string;
  /** Slack's locale, e.g. 'zh-CN'; users.info returns it only with include_locale. */
  locale?: string;
  is_restricted?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  profile?: { email?: string; title?: string; display_name?: string; real_name?: string };
}

/** A whole HTTP answer, for when a test needs a status other than 200 (e.g. 429 with Retry-After). */
export interface FakeHttpReply {
  httpStatus: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

export function httpReply(
  httpStatus: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): FakeHttpReply {
  return { httpStatus, headers, body };
}

/** A file the app uploaded with files.uploadV2 (getUploadURLExternal, the upload, completeUploadExternal). */
export interface FakeSlackUpload {
  fileId: string;
  filename: string;
  bytes: Buffer;
  /** Set once files.completeUploadExternal shares it: where it was posted, and with what comment. */
  channelId?: string;
  initialComment?: string;
  threadTs?: string;
}

type HandlerAnswer = Record<string, unknown> | FakeHttpReply;
/** An answer, or a promise of one (a test can hold a call open, e.g. to stand for a crash mid-call). */
type Handler = (args: Record<string, unknown>) => HandlerAnswer | Promise<HandlerAnswer>;

export interface FakeSlack {
  /** Web API base URL, to pass as SLACK_API_URL. */
  apiUrl: string;
  calls: FakeSlackCall[];
  responses: FakeSlackResponse[];
  users: Map<string, FakeSlackUser>;
  /** User group id → member user ids, answered by usergroups.users.list. */
  usergroups: Map<string, string[]>;
  /** Files uploaded through files.uploadV2, by file id. */
  uploads: Map<string, FakeSlackUpload>;
  /** A fresh response_url for one slash command or interaction. */
  newResponseUrl(): string;
  /** Override a Web API method's answer. */
  on(method: string, handler: Handler): void;
  /** Make response_url answer with this HTTP status (Slack answers 404 for expired ones). */
  responseStatus: number;
  callsTo(method: string): FakeSlackCall[];
  /** Resolves once `predicate` holds, polling; rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeSlackCall[] = [];
  const responses: FakeSlackResponse[] = [];
  const users = new Map<string, FakeSlackUser>();
  const usergroups = new Map<string, string[]>();
  const uploads = new Map<string, FakeSlackUpload>();
  let fileCounter = 0;
  const handlers = new Map<string, Handler>();
  let responseCounter = 0;

  const defaults: Record<string, Handler> = {
    'auth.test': () => ({
      ok: true,
      user_id: 'UBOTUSER',
      bot_id: 'BBOT',
      team_id: 'T0TEAM',
      team: 'Test',
      url: 'https://test.slack.com/',
    }),
    'users.info': (args) => {
      const user = users.get(String(args.user));
      if (!user) return { ok: false, error: 'user_not_found' };
      if (String(args.include_locale) === 'true') return { ok: true, user };
      const { locale: _, ...withoutLocale } = user;
      return { ok: true, user: withoutLocale };
    },
    'views.open': (args) => ({
      ok: true,
      view: { id: `V${calls.length}`, ...(parseJson(args.view) as object) },
    }),
    'views.update': () => ({ ok: true }),
    'chat.postMessage': (args) => ({ ok: true, channel: args.channel, ts: `${Date.now() / 1000}` }),
    'usergroups.users.list': (args) => {
      const members = usergroups.get(String(args.usergroup));
      return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
    },
    'files.getUploadURLExternal': (args) => {
      const fileId = `F${++fileCounter}`;
      uploads.set(fileId, { fileId, filename: String(args.filename ?? ''), bytes: Buffer.alloc(0) });
      return { ok: true, file_id: fileId, upload_url: `${base}/upload/${fileId}` };
    },
    'files.completeUploadExternal': (args) => {
      const files = parseJson(args.files) as { id: string; title?: string }[];
      for (const file of Array.isArray(files) ? files : []) {
        const upload = uploads.get(file.id);
        if (!upload) return { ok: false, error: 'file_not_found' };
        if (typeof args.channel_id === 'string') upload.channelId = args.channel_id;
        if (typeof args.initial_comment === 'string') upload.initialComment = args.initial_comment;
        if (typeof args.thread_ts === 'string') upload.threadTs = args.thread_ts;
      }
      return { ok: true, files: (Array.isArray(files) ? files : []).map((f) => ({ id: f.id })) };
    },
  };

  const server: Server = createServer(async (req, res) => {
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      const args = parseArgs(req, raw);
      calls.push({ method, args });
      const handler = handlers.get(method) ?? defaults[method] ?? (() => ({ ok: true }));
      const answer = await handler(args);
      if (isHttpReply(answer)) {
        res.writeHead(answer.httpStatus, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      const upload = uploads.get(url.pathname.slice('/upload/'.length));
      if (!upload) {
        res.writeHead(404).end();
        return;
      }
      upload.bytes = await uploadedBytes(req, bytes);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${bytes.length}`);
      return;
    }
    if (url.pathname.startsWith('/response/')) {
      responses.push({
        id: url.pathname.slice('/response/'.length),
        body: parseJson(raw) as Record<string, unknown>,
      });
      res.writeHead(fake.responseStatus, { 'content-type': 'text/plain' });
      res.end(fake.responseStatus === 200 ? 'ok' : 'no_active_hooks');
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    users,
    usergroups,
    uploads,
    responseStatus: 200,
    newResponseUrl: () => `${base}/response/${++responseCounter}`,
    on: (method, handler) => void handlers.set(method, handler),
    callsTo: (method) => calls.filter((c) => c.method === method),
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = predicate();
        if (value) return value;
        if (Date.now() > deadline) throw new Error('fake Slack: timed out waiting for the expected call');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The web client posts the file as multipart/form-data; anything else is taken as the raw bytes. */
async function uploadedBytes(req: IncomingMessage, body: Buffer): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return body;
  const form = await new Response(body, { headers: { 'content-type': type } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

function isHttpReply(value: Record<string, unknown> | FakeHttpReply): value is FakeHttpReply {
  return typeof (value as FakeHttpReply).httpStatus === 'number';
}

function parseArgs(req: IncomingMessage, raw: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('application/json'))
    return parseJson(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? {};
  try {
    return JSON.parse(value);
  } catch {
    return {};
  }
}

/** The deliveries outbox's own Slack client (src/slack/delivery-client.ts), pointed at the fake. */
export function deliveryClientFor(slack: FakeSlack): DeliveryClient {
  return createDeliveryClient(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-t',
      SLACK_SIGNING_SECRET: 'secret-123',
      SLACK_API_URL: slack.apiUrl,
    }),
  );
}
