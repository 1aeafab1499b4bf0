import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, httpReply, startFakeSlack } from './fake-slack.js';

/** The fake itself: uploads and HTTP-level replies behave as Slack's do, so other tests can rely on them. */
describe('fake Slack', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());

  it('keeps the bytes and destination of a files.uploadV2 upload', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    await client.filesUploadV2({
      channel_id: 'D1',
      file: bytes,
      filename: 'chart.png',
      initial_comment: 'hi',
    });
    const [upload] = [...slack.uploads.values()];
    expect(upload?.filename).toBe('chart.png');
    expect([...(upload?.bytes ?? [])]).toEqual([...bytes]);
    expect(upload?.channelId).toBe('D1');
    expect(upload?.initialComment).toBe('hi');
  });

  it('answers with the HTTP status a handler asks for', async () => {
    slack.on('chat.postMessage', () => httpReply(503, { ok: false }, { 'retry-after': '1' }));
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toThrow();
  });

  it('answers usergroups.users.list from its map', async () => {
    slack.usergroups.set('S1', ['U1', 'U2']);
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl });
    expect((await client.usergroups.users.list({ usergroup: 'S1' })).users).toEqual(['U1', 'U2']);
  });
});
