import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { bots } from '../../src/db/schema.js';
import { createTestDatabase, DRIVERS } from '../helpers/db.js';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';
import { slackSignatureHeaders } from '../helpers/signer.js';

/**
 * `npm start` as a child process on Postgres, under a burst of signed `/bot submit`s: SIGTERM
 * stops taking requests and finishes those in flight; `kill -9` at any moment loses nothing that
 * was acknowledged as saved, because the ack comes after the commit. (Stored without an ack is
 * acceptable: that person saw an error and may retry; the unique constraints keep it once.)
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const SECRET = 'crash-test-signing-secret';
const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startApp(databaseUrl: string, slack: FakeSlack) {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (healthy) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the app did not start: ${output.slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, port, output: () => output };
}

interface Outcome {
  name: string;
  /** HTTP status, or null when the request got no response (connection refused or cut). */
  status: number | null;
  text: string;
}

function submit(port: number, slack: FakeSlack, name: string): Promise<Outcome> {
  const body = new URLSearchParams({
    token: 't',
    team_id: 'T0TEAM',
    user_id: `U${name.replace(/\W/g, '').toUpperCase()}`,
    user_name: 'crash',
    command: '/bot',
    text: `submit ${name} | none | Submitted while the app is being stopped`,
    api_app_id: 'A0APP',
    channel_id: 'C0GENERAL',
    response_url: slack.newResponseUrl(),
    trigger_id: 'trigger.crash',
  }).toString();
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(SECRET, body) },
    body,
    signal: AbortSignal.timeout(15_000),
  }).then(
    async (res) => ({ name, status: res.status, text: await res.text() }),
    () => ({ name, status: null, text: '' }),
  );
}

describe.runIf(DRIVERS.includes('postgres'))('stop and crash (npm start on Postgres)', () => {
  const setUp = async () => {
    const testDb = await createTestDatabase('postgres');
    cleanups.push(() => testDb.destroy());
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const storedNames = async () =>
      new Set((await testDb.database.db.select({ name: bots.name }).from(bots)).map((b) => b.name));
    return { testDb, slack, storedNames };
  };

  it('kill -9 in the middle of a burst loses no submission whose ack said "Saved"', async () => {
    const { testDb, slack, storedNames } = await setUp();
    const { child, port } = await startApp(testDb.location, slack);
    const names = Array.from({ length: 150 }, (_, i) => `Crash bot ${i}`);
    let answered = 0;
    const outcomes = names.map((name) =>
      submit(port, slack, name).then((outcome) => {
        if (outcome.status === 200) answered++;
        return outcome;
      }),
    );
    // Mid-way: some acks are back, most requests still in flight.
    await slack.waitFor(() => answered >= 10, 30_000);
    child.kill('SIGKILL');
    const results = await Promise.all(outcomes);

    const saved = results.filter((r) => r.status === 200 && r.text.includes('Saved *'));
    const unanswered = results.filter((r) => r.status === null);
    expect(saved.length).toBeGreaterThanOrEqual(10);
    expect(unanswered.length).toBeGreaterThan(0); // the kill really came mid-way
    const stored = await storedNames();
    for (const outcome of saved) expect(stored.has(outcome.name), outcome.name).toBe(true);
    // Nothing but what was sent is stored, and nothing twice.
    const all = await testDb.database.db.select({ name: bots.name }).from(bots);
    expect(all.length).toBe(stored.size);
    for (const name of stored) expect(names).toContain(name);
  }, 120_000);

  it('SIGTERM stops taking requests, answers those in flight, and exits 0', async () => {
    const { testDb, slack, storedNames } = await setUp();
    const { child, port } = await startApp(testDb.location, slack);
    const names = Array.from({ length: 60 }, (_, i) => `Stop bot ${i}`);
    let answered = 0;
    const outcomes = names.map((name) =>
      submit(port, slack, name).then((outcome) => {
        if (outcome.status === 200) answered++;
        return outcome;
      }),
    );
    await slack.waitFor(() => answered >= 5, 30_000);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    const results = await Promise.all(outcomes);
    const late = await submit(port, slack, 'After the stop');

    expect(code).toBe(0);
    expect(late.status).toBeNull(); // the listener is closed
    const stored = await storedNames();
    for (const outcome of results) {
      if (outcome.status === null) continue; // never taken (the listener had closed)
      expect(outcome.status).toBe(200);
      // Every request taken got its answer: saved and stored, or told nothing was saved.
      if (outcome.text.includes('Saved *')) expect(stored.has(outcome.name), outcome.name).toBe(true);
      else {
        expect(outcome.text).toContain('nothing was saved');
        expect(stored.has(outcome.name), outcome.name).toBe(false);
      }
    }
    expect(results.filter((r) => r.text.includes('Saved *')).length).toBeGreaterThanOrEqual(5);
    expect(stored.has('After the stop')).toBe(false);
  }, 120_000);
});
