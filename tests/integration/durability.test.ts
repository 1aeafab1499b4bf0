import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/client.js';
import { bots } from '../../src/db/schema.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const health = async (app: TestApp) => (await fetch(`${app.baseUrl}/healthz`)).status;

describe.each(DRIVERS)('durability on %s', (driver) => {
  it('keeps submitted bots across a restart of the app and the database handle', async () => {
    const testDb: TestDatabase = await createTestDatabase(driver, { onDisk: true });
    cleanups.push(() => testDb.destroy());
    const first = await startTestApp(testDb.database);
    await first.command('UDAN', 'submit Survives restarts | none | Should still be here afterwards');
    expect(JSON.stringify(await first.nextResponse())).toContain('Saved');
    await first.stop();
    await testDb.database.close();

    const reopened = testDb.reopen();
    cleanups.push(() => reopened.close());
    await reopened.migrate(); // a restart runs migrations again: must be a no-op
    const second = await startTestApp(reopened);
    cleanups.push(() => second.stop());
    await second.command('UDAN', 'list');
    expect(JSON.stringify(await second.nextResponse())).toContain('Survives restarts');
    expect(await health(second)).toBe(200);
  });
});

describe('database outage', () => {
  it('tells the user nothing was saved, keeps answering, and reports unhealthy while the database is unreachable', async () => {
    // Nothing listens on port 1: every connection is refused at once.
    const unreachable = openPostgres('postgres://postgres@127.0.0.1:1/none');
    cleanups.push(() => unreachable.close());
    const app = await startTestApp(unreachable);
    cleanups.push(() => app.stop());

    const ack = await app.command('UERIN', 'submit Lost in the outage | none | This cannot be stored now');
    expect(ack.status).toBe(200);
    expect(JSON.stringify(ack.body)).toContain('Nothing was saved'); // the ack itself is honest
    const reply = JSON.stringify(await app.nextResponse());
    expect(reply).toContain('Nothing was saved');
    expect(reply).toContain('database is not answering');
    expect(reply).not.toContain('Saved');

    expect(await health(app)).toBe(503);
    const help = await app.command('UERIN', 'help');
    expect(JSON.stringify(help.body)).toContain('/bot submit');
  });

  it.runIf(DRIVERS.includes('postgres'))(
    'recovers by itself when Postgres comes back, and stores nothing during the outage',
    async () => {
      const testDb = await createTestDatabase('postgres');
      cleanups.push(() => testDb.destroy());
      const target = new URL(testDb.location);
      const proxy: TcpProxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      cleanups.push(() => proxy.close());
      const viaProxy = new URL(testDb.location);
      viaProxy.port = String(proxy.port);
      const database = openPostgres(viaProxy.toString());
      cleanups.push(() => database.close());
      const app = await startTestApp(database);
      cleanups.push(() => app.stop());

      await app.command('UFRAN', 'submit Before the outage | none | Stored while all is well');
      expect(JSON.stringify(await app.nextResponse())).toContain('Saved');

      await proxy.cut();
      await app.command('UFRAN', 'submit During the outage | none | Must not be stored at all');
      expect(JSON.stringify(await app.nextResponse())).toContain('Nothing was saved');
      await app
        .interaction({
          type: 'view_submission',
          user: { id: 'UFRAN', name: 'fran' },
          team: { id: 'T0TEAM' },
          api_app_id: 'A0APP',
          token: 't',
          trigger_id: 'trigger.x',
          view: {
            id: 'V1',
            callback_id: 'bot_submit',
            private_metadata: '',
            state: {
              values: {
                name: { value: { type: 'plain_text_input', value: 'Modal during outage' } },
                description: { value: { type: 'plain_text_input', value: 'Must not be stored either' } },
              },
            },
          },
        })
        .then((ack) => {
          expect(ack.body).toMatchObject({ response_action: 'errors' });
          expect(JSON.stringify(ack.body)).toContain('Nothing was saved');
        });
      expect(await health(app)).toBe(503);

      await proxy.restore();
      await app.command('UFRAN', 'submit After the outage | none | Stored once the database is back');
      expect(JSON.stringify(await app.nextResponse())).toContain('Saved');
      expect(await health(app)).toBe(200);

      const names = (await testDb.database.db.select({ name: bots.name }).from(bots).orderBy(bots.id)).map(
        (b) => b.name,
      );
      expect(names).toEqual(['Before the outage', 'After the outage']);
    },
  );
});
