import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackUsers } from '../../src/demo/company.js';
import { type DemoWebServer, startDemoWebServer } from '../../src/demo/web-server.js';
import { BOT_USER_ID, Workspace } from '../../src/demo/workspace.js';

/**
 * The demo workspace answers Slack's Web API generically, so features the demo was not written
 * for (a digest with an uploaded chart, a CSV export to a DM) show up on the page unchanged. Driven
 * here with Slack's own WebClient, as the app calls it.
 */
describe('the demo workspace', () => {
  let workspace: Workspace;
  let web: DemoWebServer;
  let client: webApi.WebClient;

  beforeAll(async () => {
    workspace = new Workspace(() => new Date('2026-11-02T09:00:00Z'));
    for (const user of slackUsers()) workspace.addUser(user);
    workspace.addChannel('C0AIADOPTION', 'ai-adoption');
    web = await startDemoWebServer(workspace, 0);
    client = new webApi.WebClient('xoxb-demo', {
      slackApiUrl: `${web.url}/api/`,
      retryConfig: { retries: 0 },
    });
  });
  afterAll(() => web.close());

  it('shares files uploaded with files.uploadV2 in a channel and in a DM, and serves their bytes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await client.filesUploadV2({
      channel_id: 'C0AIADOPTION',
      file: png,
      filename: 'adoption.png',
      title: 'Adoption this week',
      initial_comment: 'Weekly digest',
    });
    const { channel } = await client.conversations.open({ users: 'U0HANA' });
    await client.filesUploadV2({
      channel_id: channel?.id as string,
      content: 'name,approved\nLeo Park,1\n',
      filename: 'export.csv',
    });

    const [chart] = workspace.visibleMessages('U0LEO', 'C0AIADOPTION');
    expect(chart).toMatchObject({ from: BOT_USER_ID, text: 'Weekly digest' });
    expect(chart?.files).toMatchObject([
      { title: 'Adoption this week', mimetype: 'image/png', size: png.length },
    ]);
    const served = await fetch(chart?.files[0]?.url as string);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);

    const [exported] = workspace.visibleMessages('U0HANA', channel?.id as string);
    expect(exported?.files).toMatchObject([{ name: 'export.csv', mimetype: 'text/csv' }]);
    expect(await (await fetch(exported?.files[0]?.url as string)).text()).toBe('name,approved\nLeo Park,1\n');
  });

  it('pages users.list, and answers users.info and unknown methods as Slack does', async () => {
    const ids: string[] = [];
    for await (const page of client.paginate('users.list', { limit: 5 })) {
      ids.push(...((page as { members?: Array<{ id: string }> }).members ?? []).map((m) => m.id));
    }
    expect(ids).toEqual(slackUsers().map((u) => u.id));
    expect((await client.users.info({ user: 'U0LEO' })).user?.real_name).toBe('Leo Park');
    // The locale only when asked, as Slack does: Wen reads Chinese.
    expect((await client.users.info({ user: 'U0WEN' })).user?.locale).toBeUndefined();
    expect((await client.users.info({ user: 'U0WEN', include_locale: true })).user?.locale).toBe('zh-CN');
    await expect(client.apiCall('admin.nothing')).rejects.toThrow(/unknown_method/);
  });

  it('replaces, deletes and posts through response_url, and updates messages with chat.update', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0LEO', text: 'Review requested' });
    const dm = workspace.dmWith('U0LEO').id;
    expect(posted.channel).toBe(dm);
    const message = workspace.visibleMessages('U0LEO', dm).at(-1);
    const url = workspace.newResponseUrl({ userId: 'U0LEO', channel: dm, messageId: message?.id as number });
    const reply = (body: object) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    expect((await reply({ replace_original: true, text: 'Decided' })).status).toBe(200);
    expect(message).toMatchObject({ text: 'Decided', edited: true });
    await reply({ response_type: 'ephemeral', text: 'Only you see this' });
    expect(workspace.visibleMessages('U0LEO', dm).at(-1)).toMatchObject({
      visibleTo: 'U0LEO',
      text: 'Only you see this',
    });
    expect(workspace.visibleMessages('U0MAYA', dm).some((m) => m.text === 'Only you see this')).toBe(false);
    await client.chat.update({ channel: dm, ts: message?.ts as string, text: 'Approved' });
    expect(message?.text).toBe('Approved');
    await reply({ delete_original: true });
    expect(workspace.visibleMessages('U0LEO', dm).some((m) => m.id === message?.id)).toBe(false);
    expect((await fetch(`${web.url}/response/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('opens modals only with a fresh trigger, and publishes Home tabs', async () => {
    const trigger = workspace.newTrigger('U0LEO');
    const view: webApi.View = { type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [] };
    const opened = await client.views.open({ trigger_id: trigger, view });
    expect(workspace.topModal('U0LEO')?.id).toBe(opened.view?.id);
    await expect(client.views.open({ trigger_id: trigger, view })).rejects.toThrow(/invalid_trigger_id/);
    await client.views.publish({ user_id: 'U0LEO', view: { type: 'home', blocks: [] } });
    expect(workspace.homes.get('U0LEO')?.view.type).toBe('home');
  });
});
