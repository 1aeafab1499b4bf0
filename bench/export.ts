import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { webApi } from '@slack/bolt';
import { loadDatabaseConfig } from '../src/config.js';
import { openPostgres } from '../src/db/client.js';
import { EXPORT_BATCH_SIZE, writeExport } from '../src/domain/export.js';
import { isoDay } from '../src/domain/periods.js';
import { resolvePeriod } from '../src/domain/review-periods.js';
import { windowFor } from '../src/domain/stats.js';
import { uploadFileToDm } from '../src/slack/file-upload.js';
import { fmt, table } from './stats.js';

/**
 * The `/adoption export` path on a seeded Postgres (DESIGN §6: "a full CSV export streams"):
 *
 *   npm run bench:export -- [--database-url postgres://…] [--period 2026-Q3] [--batch 2000] [--runs 3]
 *
 * Each run writes the whole export to a temp file with `writeExport` (keyset batches → csv-stringify),
 * then sends that file with `uploadFileToDm` to a local stand-in for Slack that only counts the bytes
 * (so the figure is the app's side of the upload). It prints the time of each phase and the process's
 * memory: RSS and heap sampled every 20 ms, and the kernel's peak RSS.
 */
const USAGE =
  'usage: npm run bench:export -- [--database-url postgres://…] [--period 2026-Q3] [--batch 2000] [--runs 3]';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    'database-url': { type: 'string' },
    period: { type: 'string' },
    batch: { type: 'string', default: String(EXPORT_BATCH_SIZE) },
    runs: { type: 'string', default: '3' },
  },
  strict: true,
});
const configured = loadDatabaseConfig(process.env).database;
const databaseUrl = values['database-url'] ?? (configured.kind === 'postgres' ? configured.url : undefined);
const batch = Number(values.batch);
const runs = Number(values.runs);
if (!databaseUrl || !Number.isInteger(batch) || batch < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error(USAGE);
  process.exit(2);
}

const MB = 1024 * 1024;
const sampler = { rss: 0, heap: 0 };
const sample = () => {
  const m = process.memoryUsage();
  sampler.rss = Math.max(sampler.rss, m.rss);
  sampler.heap = Math.max(sampler.heap, m.heapUsed);
};

/** A Slack Web API stand-in: conversations.open, the two upload steps, and an upload URL that discards. */
async function startSink() {
  let received = 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let bytes = 0;
    for await (const chunk of req) bytes += (chunk as Buffer).length;
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/upload') {
      received += bytes;
      res.end('OK');
    } else if (url.pathname === '/api/conversations.open') {
      res.end(JSON.stringify({ ok: true, channel: { id: 'D0BENCH' } }));
    } else if (url.pathname === '/api/files.getUploadURLExternal') {
      res.end(JSON.stringify({ ok: true, file_id: 'F0BENCH', upload_url: `${base}/upload` }));
    } else {
      res.end(JSON.stringify({ ok: true, files: [{ id: 'F0BENCH' }] }));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { apiUrl: `${base}/api/`, received: () => received, close: () => server.close() };
}

const database = openPostgres(databaseUrl);
const sink = await startSink();
const client = new webApi.WebClient('xoxb-bench', { slackApiUrl: sink.apiUrl });
const dir = await mkdtemp(join(os.tmpdir(), 'aab-bench-export-'));
try {
  await database.migrate();
  const now = new Date();
  const options = { now, timezone: 'UTC', includeGuests: false };
  const period = await resolvePeriod(database.db, values.period, isoDay(now, 'UTC'));
  const window = windowFor(period, options);
  console.log(
    `export of ${period.name} (${period.start} – ${period.end}), batches of ${batch}; ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}; Node ${process.version}`,
  );
  sample();
  const baseline = { ...sampler };
  const timer = setInterval(sample, 20);
  const rows: string[][] = [];
  for (let run = 1; run <= runs; run++) {
    const path = join(dir, `run-${run}.csv`);
    const started = performance.now();
    const summary = await writeExport(database.db, period, window, createWriteStream(path), batch);
    const written = performance.now();
    await uploadFileToDm(client, 'UBENCH', {
      path,
      filename: 'export.csv',
      title: 'bench',
      comment: 'bench',
    });
    const uploaded = performance.now();
    const { size } = await stat(path);
    rows.push([
      String(run),
      summary.rows.toLocaleString('en-US'),
      fmt(size / MB),
      fmt((written - started) / 1000, 2),
      fmt(summary.rows / ((written - started) / 1000), 0),
      fmt((uploaded - written) / 1000, 2),
      fmt(sampler.rss / MB),
      fmt(sampler.heap / MB),
    ]);
    await rm(path);
  }
  clearInterval(timer);
  console.log(
    table(['run', 'rows', 'MB', 'write s', 'rows/s', 'upload s', 'peak RSS MB', 'peak heap MB'], rows),
  );
  console.log(
    `before the first run: RSS ${fmt(baseline.rss / MB)} MB, heap ${fmt(baseline.heap / MB)} MB; ` +
      `kernel peak RSS of the process ${fmt((process.resourceUsage().maxRSS * 1024) / MB)} MB; ` +
      `bytes the sink received ${sink.received().toLocaleString('en-US')}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
  sink.close();
  await database.close();
}
