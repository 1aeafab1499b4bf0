import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../i18n/index.js';
import { DemoInputError, type FormInput, type UserActions } from './user-actions.js';
import { type Json, mimeTypeOf, type Workspace } from './workspace.js';

/**
 * One local HTTP server for the whole demo, on 127.0.0.1:
 * - what the app sees as Slack: the Web API (`/api/<method>`), response_url (`/response/<id>`),
 *   the file upload URL (`/upload/<id>`) and file downloads (`/files/<id>/<name>`);
 * - what a person sees: the page (`/`, `/page/*`) and its JSON endpoints (`/demo/*`), with live
 *   updates as Server-Sent Events (`/demo/events`).
 */

export interface PageDirectory {
  /** The people to act as, in the order shown, with the language the app speaks to each. */
  people: Array<{
    id: string;
    name: string;
    title: string;
    department: string;
    roles: string[];
    locale: Locale;
  }>;
  channels: Array<{ id: string; name: string }>;
  commands: string[];
}

export interface DemoWebServer {
  url: string;
  port: number;
  /** Connects the page to the app once it runs. */
  attach(actions: UserActions, directory: PageDirectory): void;
  close(): Promise<void>;
}

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
const PAGE_FILES: Record<string, string> = {
  '/': 'index.html',
  '/page/app.js': 'app.js',
  '/page/blocks.js': 'blocks.js',
  '/page/style.css': 'style.css',
};

export async function startDemoWebServer(workspace: Workspace, port: number): Promise<DemoWebServer> {
  let actions: UserActions | null = null;
  let directory: PageDirectory = { people: [], channels: [], commands: [] };
  const streams = new Set<ServerResponse>();
  let pending: NodeJS.Timeout | null = null;
  workspace.onEvent(() => {
    // Coalesce bursts (a reply, a DM and a Home update) into one notice.
    pending ??= setTimeout(() => {
      pending = null;
      for (const stream of streams) stream.write(`data: ${workspace.version}\n\n`);
    }, 20);
  });

  let actualPortKnown = false;
  const server: Server = createServer((req, res) => {
    if (!actualPortKnown) {
      res.writeHead(503).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = foreignRequest(req, actualPort);
    if (refusal) {
      await readBody(req); // read what was sent, so the client hears the refusal, not a reset
      res.writeHead(403, { 'content-type': 'text/plain' }).end(refusal);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      const raw = await readBody(req);
      const args = parseArgs(req, raw.toString('utf8'));
      sendJson(res, 200, workspace.callMethod(path.slice('/api/'.length), args));
      return;
    }
    if (path.startsWith('/response/') && req.method === 'POST') {
      const raw = (await readBody(req)).toString('utf8');
      let body: Json = {};
      try {
        body = JSON.parse(raw) as Json;
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
        return;
      }
      const error = workspace.receiveResponse(path.slice('/response/'.length), body);
      res.writeHead(error ? 404 : 200, { 'content-type': 'text/plain' }).end(error ?? 'ok');
      return;
    }
    if (path.startsWith('/upload/') && req.method === 'POST') {
      const bytes = await uploadedBytes(req, await readBody(req));
      if (!workspace.receiveUpload(path.slice('/upload/'.length), bytes)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
      return;
    }
    if (path.startsWith('/files/')) {
      const [, , id = ''] = path.split('/');
      const file = workspace.fileBytes(id);
      if (!file?.uploaded) {
        res.writeHead(404).end();
        return;
      }
      const download = url.searchParams.has('download');
      res.writeHead(200, {
        'content-type': `${mimeTypeOf(file.name)}${mimeTypeOf(file.name).startsWith('text/') ? '; charset=utf-8' : ''}`,
        'content-length': file.bytes.length,
        ...(download
          ? { 'content-disposition': `attachment; filename="${file.name.replace(/"/g, '')}"` }
          : {}),
      });
      res.end(file.bytes);
      return;
    }
    const pageFile = PAGE_FILES[path];
    if (pageFile && req.method === 'GET') {
      const content = await readFile(`${PAGE_DIR}${pageFile}`);
      res.writeHead(200, {
        'content-type': `${pageType(pageFile)}; charset=utf-8`,
        'cache-control': 'no-store',
      });
      res.end(content);
      return;
    }
    if (path === '/demo/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(`data: ${workspace.version}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (path === '/demo/state' && req.method === 'GET') {
      sendJson(res, 200, pageState(workspace, directory, url.searchParams.get('user') ?? ''));
      return;
    }
    if (path.startsWith('/demo/') && req.method === 'POST') {
      if (!actions) {
        sendJson(res, 503, { error: 'The app is still starting; try again in a moment.' });
        return;
      }
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Json;
      try {
        sendJson(res, 200, await act(actions, path.slice('/demo/'.length), body));
      } catch (error) {
        if (error instanceof DemoInputError) sendJson(res, 400, { error: error.message });
        else throw error;
      }
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  server.listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const actualPort = (server.address() as AddressInfo).port;
  actualPortKnown = true;
  const url = `http://127.0.0.1:${actualPort}`;
  workspace.baseUrl = url;
  return {
    url,
    port: actualPort,
    attach(attached, attachedDirectory) {
      actions = attached;
      directory = attachedDirectory;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (pending) clearTimeout(pending);
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Why a request does not come from this page or from the app on this machine, or null when it does.
 * The server listens on 127.0.0.1 only, but any web page the person has open could still post to it
 * (a cross-site `text/plain` form needs no CORS preflight) or reach it under another name (DNS
 * rebinding). So the Host must be this server's own, and a browser's Origin, when sent, too; the
 * page's own actions are JSON, which a cross-site form cannot send.
 */
export function foreignRequest(req: IncomingMessage, port: number): string | null {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!own.includes(req.headers.host ?? '')) return 'Refused: this demo answers only at its own address.';
  const origin = req.headers.origin;
  if (origin !== undefined && !own.some((host) => origin === `http://${host}`)) {
    return 'Refused: a request from another site.';
  }
  const isPageAction = req.method === 'POST' && (req.url ?? '').startsWith('/demo/');
  if (isPageAction && !(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return 'Refused: the page sends JSON.';
  }
  return null;
}

/** One of the page's requests, as the person's action in the workspace. */
async function act(actions: UserActions, what: string, body: Json): Promise<unknown> {
  const user = String(body.user ?? '');
  switch (what) {
    case 'command':
      return actions.command(user, String(body.channel ?? ''), String(body.text ?? ''));
    case 'click':
      return actions.click(
        user,
        body.target as Parameters<UserActions['click']>[1],
        String(body.actionId ?? ''),
        {
          ...(typeof body.blockId === 'string' ? { blockId: body.blockId } : {}),
          ...(typeof body.value === 'string' ? { value: body.value } : {}),
          ...(typeof body.choice === 'string' ? { choice: body.choice } : {}),
          ...(body.form && typeof body.form === 'object' ? { form: body.form as FormInput } : {}),
        },
      );
    case 'submit':
      return actions.submit(user, (body.form ?? {}) as FormInput, String(body.viewId ?? ''));
    case 'close':
      return actions.close(user, String(body.viewId ?? ''));
    case 'home':
      return actions.openHome(user);
    default:
      throw new DemoInputError(`Unknown demo action: ${what}`);
  }
}

/** Everything the page shows for one person: their conversations, Home tab and open modals. */
function pageState(workspace: Workspace, directory: PageDirectory, userId: string): Json {
  const channels = directory.channels.map((c) => ({
    id: c.id,
    kind: 'channel',
    name: c.name,
    messages: workspace.visibleMessages(userId, c.id),
  }));
  const dm = workspace.users.has(userId) ? workspace.dmWith(userId) : null;
  return {
    version: workspace.version,
    people: directory.people,
    commands: directory.commands,
    // People by user id, and channels by id (a bare <#C…> in mrkdwn shows as #name).
    names: Object.fromEntries([
      ...[...workspace.users.values()].map((u) => [u.id, u.real_name]),
      ...[...workspace.conversations.values()].filter((c) => c.kind === 'channel').map((c) => [c.id, c.name]),
    ]),
    conversations: dm
      ? [
          ...channels,
          {
            id: dm.id,
            kind: 'dm',
            name: 'AI Adoption Bot',
            messages: workspace.visibleMessages(userId, dm.id),
          },
        ]
      : channels,
    home: workspace.homes.get(userId)?.view ?? null,
    modals: workspace.modals.get(userId) ?? [],
    files: Object.fromEntries(
      [...workspace.files.values()]
        .filter((f) => f.uploaded && f.name.toLowerCase().endsWith('.csv'))
        .map((f) => [f.id, csvPreview(f.bytes)]),
    ),
  };
}

/** The first rows of a CSV file, for a preview under its download link. */
function csvPreview(bytes: Buffer): string {
  return bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(0, 11)
    .join('\n');
}

function pageType(file: string): string {
  if (file.endsWith('.html')) return 'text/html';
  if (file.endsWith('.css')) return 'text/css';
  return 'text/javascript';
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Bolt's client sends form-encoded arguments (nested ones JSON-encoded), or JSON. */
function parseArgs(req: IncomingMessage, raw: string): Json {
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      return JSON.parse(raw) as Json;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

/** The web client posts an upload as multipart/form-data; anything else is the raw bytes. */
async function uploadedBytes(req: IncomingMessage, body: Buffer): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return body;
  const form = await new Response(body, { headers: { 'content-type': type } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}
