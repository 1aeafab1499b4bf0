import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/client.js';
import { bots } from '../../src/db/schema.js';
import { createLogger, describeError, errorSummary, queryPurpose } from '../../src/logger.js';
import { createTestDatabase, DRIVERS } from '../helpers/db.js';
import { startTestApp } from '../helpers/harness.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

/** Issue 11, part 6: logs carry ids, codes and a query's purpose, never the request's texts. */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A pino destination that keeps every line. */
function capture(): { stream: Writable; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

const NAME = 'Payroll whisperer 薪资助手';
const DESCRIPTION = 'Reads the confidential salary sheet of Zhang Wei every Friday';
const LINK = 'https://gpts.example.com/secret-salary-link';
const PERSON = { id: 'UZHANG', real_name: '张伟 Zhang Wei', email: 'zhang.wei@example.com' };

describe('describeError', () => {
  it('keeps type, code, the query’s purpose and frames; drops drizzle’s parameters and Postgres’s values', () => {
    const cause = Object.assign(
      new Error(`duplicate key value violates unique constraint: (${PERSON.email})`),
      {
        code: '23505',
        constraint_name: 'employees_email_key',
        table_name: 'employees',
        detail: `Key (lower(email))=(${PERSON.email}) already exists.`,
        severity: 'ERROR',
      },
    );
    const error = new DrizzleQueryError(
      'insert into "bots" ("owner_id", "name", "description", "link") values ($1, $2, $3, $4)',
      [7, NAME, DESCRIPTION, LINK],
      cause,
    );
    const described = describeError(error);
    expect(described).toMatchObject({
      type: 'Error',
      query: 'insert into bots',
      cause: { code: '23505', constraint: 'employees_email_key', table: 'employees' },
    });
    const shown = JSON.stringify(described) + errorSummary(error);
    for (const secret of [NAME, DESCRIPTION, LINK, PERSON.email, 'params', 'Failed query'])
      expect(shown).not.toContain(secret);
    expect(errorSummary(error)).toBe('Error in insert into bots (cause: Error 23505)');
  });

  it.each([
    ['select "id" from "employees" where lower("email") = lower($1)', 'select employees'],
    ['with bounds as (select 1) select * from "bots"', 'select bots'],
    ['update "bots" set "name" = $1', 'update bots'],
    ['delete from "usage_events" where id = $1', 'delete from usage_events'],
  ])('names the purpose of %s', (query, purpose) => {
    expect(queryPurpose(query)).toBe(purpose);
  });

  it('keeps the message of an error that is not a database error', () => {
    expect(describeError(new TypeError('bot 12 vanished'))).toMatchObject({
      type: 'TypeError',
      message: 'bot 12 vanished',
    });
  });
});

describe.runIf(DRIVERS.includes('postgres'))('a database cut during /bot submit on postgres', () => {
  it('tells the user nothing was saved and logs none of the request’s texts', async () => {
    const testDb = await createTestDatabase('postgres');
    cleanups.push(() => testDb.destroy());
    const target = new URL(testDb.location);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(testDb.location);
    viaProxy.port = String(proxy.port);
    const database = openPostgres(viaProxy.toString());
    cleanups.push(() => database.close());
    const log = capture();
    const app = await startTestApp(database, { logger: createLogger('error', log.stream) });
    cleanups.push(() => app.stop());
    app.slack.users.set(PERSON.id, {
      id: PERSON.id,
      name: 'zhang',
      real_name: PERSON.real_name,
      profile: { email: PERSON.email },
    });

    const cut = proxy.cutWhenClientSends(/insert into "?bots"?/);
    await app.command(PERSON.id, `submit ${NAME} | ${LINK} | ${DESCRIPTION}`);
    const reply = JSON.stringify(await app.nextResponse());
    await cut;
    expect(reply).toContain('Nothing was saved');
    expect(reply).not.toContain('Saved as');

    const logged = log.text();
    for (const secret of [
      NAME,
      '薪资助手',
      DESCRIPTION,
      'confidential salary',
      LINK,
      'secret-salary-link',
      PERSON.email,
      '张伟',
      'Zhang Wei',
    ])
      expect(logged).not.toContain(secret);
    // The failure was logged, with what an operator needs: the error's code and the ids, no texts.
    // (The submission is one transaction: a connection cut inside it surfaces as the connection's
    // error, without drizzle's query wrapper; the serializer's tests cover the query's purpose.)
    expect(logged).toContain('action failed; user told nothing was saved');
    expect(logged).toContain('"code":"CONNECTION_CLOSED"');
    expect(logged).toContain(`"user":"${PERSON.id}"`);

    await proxy.restore();
    expect(await testDb.database.db.select().from(bots)).toEqual([]);
  });
});
