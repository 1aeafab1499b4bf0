import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  is_restricted?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  profile?: { email?: string; title?: string; display_name?: string; real_name?: string };
}

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

export interface FakeSlack {
  /** Web API base URL, to pass as SLACK_API_URL. */
  apiUrl: string;
  calls: FakeSlackCall[];
  responses: FakeSlackResponse[];
  users: Map<string, FakeSlackUser>;
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
      return user ? { ok: true, user } : { ok: false, error: 'user_not_found' };
    },
    'views.open': (args) => ({
      ok: true,
      view: { id: `V${calls.length}`, ...(parseJson(args.view) as object) },
    }),
    'views.update': () => ({ ok: true }),
    'chat.postMessage': (args) => ({ ok: true, channel: args.channel, ts: `${Date.now() / 1000}` }),
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      const args = parseArgs(req, raw);
      calls.push({ method, args });
      const handler = handlers.get(method) ?? defaults[method] ?? (() => ({ ok: true }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(handler(args)));
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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
