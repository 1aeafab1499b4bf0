import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bots } from '../../src/db/schema.js';
import { type Demo, startDemo } from '../../src/demo/start.js';

/**
 * The demo's page answers only its own page and the app on this machine: both listen on 127.0.0.1,
 * and a request another web site makes the person's browser send (a cross-site form posting
 * `text/plain`, which needs no CORS preflight), or one reaching the page under another host name
 * (DNS rebinding), is refused and changes nothing.
 */

interface Answer {
  status: number;
  body: string;
}

function send(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the demo page refuses what is not its own', () => {
  let demo: Demo;
  const submit = (text: string) =>
    JSON.stringify({ user: 'U0LEO', channel: 'C0GENERAL', text: `/bot submit ${text}` });
  const storedBots = async () => (await demo.database.db.select().from(bots)).map((bot) => bot.name);

  beforeAll(async () => {
    demo = await startDemo({ port: 0, logLevel: 'silent' });
  });
  afterAll(async () => {
    await demo?.stop();
  });

  it('listens on 127.0.0.1 only, the page and the app inside', () => {
    expect(new URL(demo.url).hostname).toBe('127.0.0.1');
    expect(demo.app.address).toBe('127.0.0.1');
  });

  it("refuses a cross-site text/plain POST (another site's form), and stores nothing", async () => {
    const host = new URL(demo.url).host;
    const answer = await send(demo.url, {
      method: 'POST',
      path: '/demo/command',
      headers: { host, origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: submit('Evil bot | none | Posted from another web site, never by Leo himself.'),
    });
    expect(answer.status).toBe(403);
    // The same without an Origin header (an old browser): a form cannot send JSON, so still refused.
    const withoutOrigin = await send(demo.url, {
      method: 'POST',
      path: '/demo/command',
      headers: { host, 'content-type': 'text/plain' },
      body: submit('Evil bot | none | Posted from another web site, never by Leo himself.'),
    });
    expect(withoutOrigin.status).toBe(403);
    // A JSON request with a foreign origin (CORS would block the answer, not the sending).
    const json = await send(demo.url, {
      method: 'POST',
      path: '/demo/command',
      headers: { host, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: submit('Evil bot | none | Posted from another web site, never by Leo himself.'),
    });
    expect(json.status).toBe(403);
    // Nor can another site post to the simulated Slack Web API.
    const api = await send(demo.url, {
      method: 'POST',
      path: '/api/chat.postMessage',
      headers: { host, origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: 'channel=C0GENERAL&text=hello',
    });
    expect(api.status).toBe(403);
    expect(await storedBots()).toEqual([]);
    expect(demo.workspace.messages).toEqual([]);
  });

  it('refuses a request under another host name (DNS rebinding), even for the page itself', async () => {
    const answer = await send(demo.url, {
      path: '/',
      headers: { host: `evil.example:${new URL(demo.url).port}` },
    });
    expect(answer.status).toBe(403);
  });

  it("accepts the page's own request (the refusals above are not vacuous)", async () => {
    const page = await send(demo.url, { path: '/', headers: { host: new URL(demo.url).host } });
    expect(page.status).toBe(200);
    const answer = await send(demo.url, {
      method: 'POST',
      path: '/demo/command',
      headers: { host: new URL(demo.url).host, origin: demo.url, 'content-type': 'application/json' },
      body: submit(
        'Standup summariser | none | Summarises the standup thread into three lines for the team.',
      ),
    });
    expect(answer.status).toBe(200);
    await expect.poll(storedBots, { timeout: 10_000 }).toEqual(['Standup summariser']);
  });
});
