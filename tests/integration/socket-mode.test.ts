import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { loadConfig } from '../../src/config.js';
import { bots } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';

/**
 * Socket Mode as Slack runs it: apps.connections.open hands out a WebSocket URL, Slack sends
 * envelopes over it, the app acks each envelope. Here both ends are local.
 */
describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let sockets: WebSocketServer;
  let server: RunningServer;
  let connection: WebSocket;
  const acks: Array<{ envelope_id: string; payload?: unknown }> = [];

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    slack = await startFakeSlack();
    sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(sockets, 'listening');
    const wsUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link`;
    slack.on('apps.connections.open', () => ({ ok: true, url: wsUrl }));
    const connected = new Promise<WebSocket>((resolve) =>
      sockets.once('connection', (ws) => {
        ws.on('message', (data) => acks.push(JSON.parse(String(data))));
        ws.send(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: {},
            connection_info: { app_id: 'A0APP' },
          }),
        );
        resolve(ws);
      }),
    );
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-test',
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    server = await startServer(config, { database: testDb.database, logger: createLogger('silent') });
    connection = await connected;
  });
  afterAll(async () => {
    await server?.stop();
    for (const client of sockets?.clients ?? []) client.terminate();
    await new Promise((resolve) => sockets?.close(resolve));
    await slack?.close();
    await testDb?.destroy();
  });

  it('acks a slash command envelope and stores the submission', async () => {
    const responseUrl = slack.newResponseUrl();
    connection.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 't',
          team_id: 'T0TEAM',
          user_id: 'USOCK',
          user_name: 'sock',
          command: '/bot',
          text: 'submit Socket helper | none | Submitted over Socket Mode',
          response_url: responseUrl,
          trigger_id: 'trigger.socket',
          api_app_id: 'A0APP',
          channel_id: 'C0GENERAL',
        },
      }),
    );
    const ack = await slack.waitFor(() => acks.find((a) => a.envelope_id === 'env-1'));
    // Stored before the ack, whose payload is the answer.
    const [bot] = await testDb.database.db.select().from(bots);
    expect(bot).toMatchObject({ name: 'Socket helper', status: 'submitted' });
    expect(JSON.stringify(ack)).toContain(`Saved *Socket helper* as *#${bot?.id}*`);
    expect(slack.responses).toHaveLength(0);
  });
});
