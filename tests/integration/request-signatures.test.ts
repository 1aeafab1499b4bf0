import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bots, employees } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../helpers/harness.js';
import { slackSignatureHeaders } from '../helpers/signer.js';

/** Only requests signed by Slack, recently, are acted on; everything else is refused and writes nothing. */
describe('request signatures', () => {
  let testDb: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    testDb = await createTestDatabase('pglite');
    app = await startTestApp(testDb.database);
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.destroy();
  });

  const body = () =>
    new URLSearchParams({
      team_id: 'T0TEAM',
      user_id: 'UEVE',
      user_name: 'eve',
      command: '/bot',
      text: 'submit Forged bot | none | Should never be stored',
      response_url: app.slack.newResponseUrl(),
      trigger_id: 'trigger.forged',
    }).toString();
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['signed with the wrong secret', () => slackSignatureHeaders('not-the-secret', body())],
    [
      'with a timestamp older than five minutes',
      () => slackSignatureHeaders(SIGNING_SECRET, body(), now() - 6 * 60),
    ],
    ['with a timestamp from the future', () => slackSignatureHeaders(SIGNING_SECRET, body(), now() + 6 * 60)],
    ['without a signature', () => ({ 'x-slack-request-timestamp': String(now()) })],
  ])('refuses a request %s and stores nothing', async (_case, headers) => {
    const ack = await app.post(body(), headers());
    expect(ack.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await testDb.database.db.select().from(bots)).toHaveLength(0);
    expect(await testDb.database.db.select().from(employees)).toHaveLength(0);
    expect(app.slack.responses).toHaveLength(0);
  });

  it('refuses a body altered after signing', async () => {
    const original = body();
    const headers = slackSignatureHeaders(SIGNING_SECRET, original);
    const ack = await app.post(original.replace('Forged', 'Tampered'), headers);
    expect(ack.status).toBe(401);
    expect(await testDb.database.db.select().from(bots)).toHaveLength(0);
  });

  it('accepts the same request correctly signed (the refusals above are not vacuous)', async () => {
    const signed = body();
    const ack = await app.post(signed, slackSignatureHeaders(SIGNING_SECRET, signed));
    expect(ack.status).toBe(200);
    await app.nextResponse();
    expect(await testDb.database.db.select().from(bots)).toHaveLength(1);
  });
});
