import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack.js';

/** `npm start` as an operator runs it: the real entry point in a child process. */
const ROOT = new URL('../..', import.meta.url).pathname;
const children: ChildProcess[] = [];
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function start(env: Record<string, string>, entry = 'src/main.ts') {
  // Only what we pass: the test must not depend on the developer's own environment.
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
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
  return { child, output: () => output };
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start', () => {
  it('without Slack credentials, stops with one line saying exactly what to set', async () => {
    const { child, output } = start({});
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SLACK_BOT_TOKEN.*SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });

  it('with a malformed variable, stops with one line naming it', async () => {
    const { child, output } = start({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret-123456',
      PORT: 'eighty',
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output().trim()).toBe(
      'Configuration error: PORT must be a whole number from 0 to 65535 (got "eighty")',
    );
  });

  it('runs on the embedded database, answers /healthz, and exits cleanly on SIGTERM', async () => {
    const slack: FakeSlack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'aab-start-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const { child, output } = start({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret-123456',
      SLACK_API_URL: slack.apiUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
    });
    // Cold start (tsx compiles, PGlite creates and migrates its data directory): seconds on a quiet
    // machine, over 20 s on a loaded 2-core one.
    await waitFor(async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
      } catch {
        return false;
      }
    }, 60_000);
    expect(output()).toContain('AI Adoption Bot is running');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 90_000);
});

describe('npm run db:migrate', () => {
  it('applies the migrations to the embedded database, twice without harm', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aab-migrate-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    for (let run = 0; run < 2; run++) {
      const { child, output } = start({ DATA_DIR: dataDir }, 'src/db/migrate-cli.ts');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(output()).toContain(`Migrations applied (embedded database in ${dataDir})`);
    }
  });
});
