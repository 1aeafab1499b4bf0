import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openPostgres } from '../src/db/client.js';
import { insertEmployeeFromSlack } from '../src/db/queries/employees.js';
import { submitBot } from '../src/domain/submissions.js';

/**
 * Where a submission's time goes, without Slack (issue 12, docs/benchmarks.md): `--n` submissions
 * straight into submitBot, `--c` at a time, on a fresh Postgres database (BENCH_DATABASE_URL's
 * server; dropped at the end), by 100 owners without a manager, with `--champions` AI champions.
 * Prints submissions/s and the CPU each costs in this process and in its Postgres backends
 * (from /proc, so Linux only).
 *
 *   npx tsx bench/slash-submit-probe.ts [--n 3000] [--c 10] [--champions 0]
 */
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '3000' },
    c: { type: 'string', default: '10' },
    champions: { type: 'string', default: '0' },
  },
});
const N = Number(values.n);
const C = Number(values.c);
const admin = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `aab_probe_${randomBytes(4).toString('hex')}`;
const a = postgres(admin, { max: 1, onnotice: () => {} });
await a.unsafe(`create database ${name}`);
const target = new URL(admin);
target.pathname = `/${name}`;
const url = target.toString();
const database = openPostgres(url);
try {
  await database.migrate();
  const db = database.db;
  const now = new Date();
  const owners: number[] = [];
  for (let i = 0; i < 100; i++)
    owners.push(
      await insertEmployeeFromSlack(
        db,
        { slackUserId: `U${i}`, name: `User ${i}`, email: null, timezone: null, title: null, isGuest: false },
        now,
      ),
    );
  const champions: number[] = [];
  for (let i = 0; i < Number(values.champions); i++)
    champions.push(
      await insertEmployeeFromSlack(
        db,
        {
          slackUserId: `UC${i}`,
          name: `Champ ${i}`,
          email: null,
          timezone: null,
          title: null,
          isGuest: false,
        },
        now,
      ),
    );
  const routing = {
    championIds: champions,
    hrIds: [],
    today: now.toISOString().slice(0, 10),
    dmWhenNoReviewer: false,
  };
  // warm
  for (let i = 0; i < 50; i++)
    await submitBot(
      db,
      owners[i % 100] as number,
      { name: `warm ${i}`, link: null, description: 'a description of the bot' },
      new Date(),
      routing,
    );
  const pids = async () =>
    (await a<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`).map((r) => r.pid);
  const cpuOf = (pid: number) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(f[11]) + Number(f[12])) * 10; // ms (100 Hz)
    } catch {
      return 0;
    }
  };
  const before = new Map((await pids()).map((p) => [p, cpuOf(p)]));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (next < N) {
        const i = next++;
        const s = performance.now();
        await submitBot(
          db,
          owners[i % 100] as number,
          { name: `bot ${i}`, link: null, description: 'a description of the bot' },
          new Date(),
          routing,
        );
        lat.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  let pg = 0;
  for (const p of await pids()) pg += cpuOf(p) - (before.get(p) ?? 0);
  lat.sort((x, y) => x - y);
  console.log(
    `n=${N} c=${C} champions=${values.champions}: ${(N / (wall / 1000)).toFixed(0)}/s, p50 ${lat[Math.floor(N / 2)]?.toFixed(1)} ms, node CPU ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms/sub, pg backends CPU ${(pg / N).toFixed(3)} ms/sub`,
  );
} finally {
  await database.close();
  await a.unsafe(`drop database ${name} with (force)`);
  await a.end();
}
