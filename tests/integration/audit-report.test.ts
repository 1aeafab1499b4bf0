import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { writeAuditReport } from '../../src/domain/audit-report.js';
import { DRIVERS } from '../helpers/db.js';
import { useSuite } from '../helpers/suite.js';

/**
 * Issue 11, part 7: `npm run audit` crashed above ~125k rows (`Math.max(...rows)`) and held the
 * whole range in memory. It now streams page by page. One million rows on Postgres; on PGlite
 * (in-process, single connection, slower to fill and read) 200,000.
 */
const ROWS = { postgres: 1_000_000, pglite: 200_000 } as const;

// A full collection before each sample, so the figure is live memory, not garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

/** A sink that counts lines and keeps only the first and last few, sampling live heap every 10 pages. */
function countingSink() {
  const state = { lines: 0, head: [] as string[], tail: [] as string[], peakHeap: 0, partial: '', writes: 0 };
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const parts = (state.partial + String(chunk)).split('\n');
      state.partial = parts.pop() ?? '';
      for (const line of parts) {
        state.lines++;
        if (state.head.length < 4) state.head.push(line);
        state.tail.push(line);
        if (state.tail.length > 3) state.tail.shift();
      }
      if (++state.writes % 10 === 0) state.peakHeap = Math.max(state.peakHeap, liveHeap());
      done();
    },
  });
  return { stream, state };
}

describe.each(DRIVERS)('npm run audit streams on %s', (driver) => {
  const db = () => suite.db;
  const suite = useSuite(driver);

  it('pages by (time, id) exactly: rows sharing a microsecond time are each printed once, in order', async () => {
    await db().execute(sql`insert into audit_log (actor_slack_user_id, action, via, subject_employee_id, detail, at)
      values ('UA', 'person_viewed', 'command', null, null, '2026-10-01 10:00:00.123456+00'),
             ('UB', 'person_viewed', 'command', null, '{"period":"2026-Q3"}', '2026-10-01 10:00:00.123456+00'),
             ('UC', 'export_sent', 'command', null, null, '2026-10-01 10:00:00.123457+00'),
             ('UD', 'lagging_viewed', 'home', null, null, '2026-10-01 10:00:00.123457+00'),
             ('UE', 'outside', 'cli', null, null, '2026-10-02 00:00:00+00')`);
    const range = { since: new Date('2026-10-01T00:00:00Z'), until: new Date('2026-10-02T00:00:00Z') };
    const { stream, state } = countingSink();
    expect(await writeAuditReport(db(), range, stream, { json: false, pageSize: 1 })).toEqual({ entries: 4 });
    expect(state.head[0]).toMatch(/^at \(UTC\)\s+actor\s+via\s+action\s+subject\s+detail$/);
    expect(state.head[2]).toMatch(/^2026-10-01 10:00:00\s+UA\s+command\s+person_viewed\s+–$/);
    expect(state.head[3]).toMatch(
      /^2026-10-01 10:00:00\s+UB\s+command\s+person_viewed\s+–\s+\{"period":"2026-Q3"\}$/,
    );
    expect(state.tail).toEqual([
      expect.stringMatching(/\bUC\b/),
      expect.stringMatching(/\bUD\b/),
      '4 entries',
    ]);
    const json = countingSink();
    await writeAuditReport(db(), range, json.stream, { json: true, pageSize: 3 });
    expect(json.state.lines).toBe(6); // [ + 4 entries + ]
  });

  it(`prints ${ROWS[driver].toLocaleString('en')} rows with bounded memory`, async () => {
    const n = ROWS[driver];
    await db().execute(sql`insert into audit_log (actor_slack_user_id, action, via, detail, at)
        select 'UHR' || (g % 50), 'person_viewed', 'command', jsonb_build_object('period', '2026-Q3'),
               timestamptz '2026-11-01 00:00:00+00' + (g / 3) * interval '1 second'
        from generate_series(1, ${n}) g`);
    const { stream, state } = countingSink();
    const before = process.memoryUsage().heapUsed;
    const started = Date.now();
    const result = await writeAuditReport(db(), { since: new Date('2026-11-01T00:00:00Z') }, stream, {
      json: false,
    });
    const seconds = (Date.now() - started) / 1000;
    expect(result.entries).toBe(n);
    expect(state.lines).toBe(n + 3); // header, rule, rows, count
    expect(state.tail.at(-1)).toBe(`${n} entries`);
    const growthMb = (state.peakHeap - before) / 1024 / 1024;
    console.log(
      `audit report: ${n} rows in ${seconds.toFixed(1)} s, peak heap growth ${growthMb.toFixed(0)} MB`,
    );
    // One page (5,000 rows) at a time: far below what a million row objects take (~1 GB).
    expect(growthMb).toBeLessThan(150);
  }, 600_000);
});
