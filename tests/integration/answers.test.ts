import { afterEach, describe, expect, it } from 'vitest';
import { bots } from '../../src/db/schema.js';
import { WORKING_TEXT } from '../../src/slack/blocks/bot-messages.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { startTestApp } from '../helpers/harness.js';

/**
 * Where answers go (src/slack/failures.ts answerInAck, src/slack/work-queue.ts): the work comes
 * before the ack, so an ack saying "Saved" means stored; slow answers follow by response_url;
 * bounded lanes refuse honestly; modals and quick commands never wait behind slow work.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Web API method that answers only when released (a slow Slack, holding work in its lane). */
function hold(slack: FakeSlack, method: string, answer: Record<string, unknown>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  slack.on(method, async () => {
    await released;
    return answer;
  });
  return release;
}

const user = (id: string) => ({ ok: true, user: { id, name: id.toLowerCase(), real_name: id } });

describe.each(DRIVERS)('answers on %s', (driver) => {
  let testDb: TestDatabase;
  const start = async (env: Record<string, string> = {}) => {
    testDb = await createTestDatabase(driver);
    cleanups.push(() => testDb.destroy());
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const app = await startTestApp(testDb.database, { env, slack });
    cleanups.push(() => app.stop());
    return app;
  };
  const storedNames = async () =>
    (await testDb.database.db.select({ name: bots.name }).from(bots).orderBy(bots.id)).map((b) => b.name);
  const text = (body: unknown) => JSON.stringify(body);

  it('stores before the ack, and the ack carries the answer', async () => {
    const app = await start();
    const ack = await app.command('UANNA', 'submit Minutes taker | none | Writes the meeting minutes');
    expect(ack.status).toBe(200);
    // The ack itself says Saved, and by then the row is committed.
    const [bot] = await testDb.database.db.select().from(bots);
    expect(bot?.name).toBe('Minutes taker');
    expect(ack.body).toMatchObject({ response_type: 'ephemeral' });
    expect(text(ack.body)).toContain(`Saved *Minutes taker* as *#${bot?.id}*`);
    expect(app.slack.responses).toHaveLength(0);
    expect(text(await app.nextResponse())).toContain(`#${bot?.id}`);
  });

  it('past the ack budget, acks "working on it" and answers through response_url; the work goes on', async () => {
    const app = await start({ ACK_BUDGET_MS: '150' });
    const release = hold(app.slack, 'users.info', user('USLOW'));
    const ack = await app.command('USLOW', 'submit Slow helper | none | Waits for a slow Slack first');
    expect(ack.status).toBe(200);
    expect(text(ack.body)).toContain(WORKING_TEXT);
    expect(await storedNames()).toEqual([]);
    release();
    const answer = text(await app.nextResponse());
    expect(answer).toContain('Saved *Slow helper*');
    expect(await storedNames()).toEqual(['Slow helper']);
  });

  it('past the cap on work in flight, says "busy, nothing was saved" at once and stores nothing', async () => {
    const app = await start({ ACK_BUDGET_MS: '150', QUICK_WORK_LIMIT: '1' });
    const release = hold(app.slack, 'users.info', user('UFIRST'));
    const first = await app.command('UFIRST', 'submit First in | none | Holds the only quick slot');
    expect(text(first.body)).toContain(WORKING_TEXT);

    const sentAt = Date.now();
    const refused = await app.command('USECOND', 'submit Second in | none | Finds the lane full now');
    expect(Date.now() - sentAt).toBeLessThan(1000); // not held until the budget runs out
    expect(refused.status).toBe(200);
    expect(text(refused.body)).toContain('Busy — nothing was saved');
    // A modal still opens: it never waits for a slot.
    const opens = app.slack.callsTo('views.open').length;
    const modal = await app.command('USECOND', 'submit');
    expect(modal.status).toBe(200);
    expect(app.slack.callsTo('views.open')).toHaveLength(opens + 1);

    release();
    expect(text(await app.nextResponse())).toContain('Busy — nothing was saved');
    expect(text(await app.nextResponse())).toContain('Saved *First in*');
    expect(await storedNames()).toEqual(['First in']);
    // The slot is free again.
    const again = await app.command('USECOND', 'submit Second in | none | Finds the lane full now');
    expect(text(again.body)).toContain('Saved *Second in*');
    expect(await storedNames()).toEqual(['First in', 'Second in']);
  });

  it('slow work has its own bounded lane: quick commands answer while an export runs', async () => {
    const app = await start({ HR_USER_IDS: 'UHRBOSS', ACK_BUDGET_MS: '150', SLOW_WORK_LIMIT: '1' });
    const release = hold(app.slack, 'conversations.open', { ok: false, error: 'not_allowed_token_type' });
    const exporting = await app.command('UHRBOSS', 'export', { command: '/adoption' });
    expect(text(exporting.body)).toContain(WORKING_TEXT);

    const quick = await app.command('UANNA', 'submit Quick one | none | Answered beside the export');
    expect(text(quick.body)).toContain('Saved *Quick one*');
    const second = await app.command('UHRBOSS', 'export', { command: '/adoption' });
    expect(text(second.body)).toContain('Busy — nothing was saved');

    release();
    const answers = [await app.nextResponse(), await app.nextResponse(), await app.nextResponse()].map(text);
    expect(answers[0]).toContain('Saved *Quick one*');
    expect(answers[1]).toContain('Busy');
    expect(answers[2]).toContain('The export could not be delivered');
  });
});
