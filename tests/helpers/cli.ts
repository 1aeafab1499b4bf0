import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { TestDatabase } from './db.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Each run starts a process and opens (for PGlite, loads) the database: seconds on a busy machine. */
export const CLI_TIMEOUT = 120_000;

/**
 * `npm run <script> -- …args` as a person runs it: a child process on the configured database.
 * Only `env` (plus PATH and HOME) is passed: the test must not depend on the developer's own environment.
 */
export async function runNpmScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}

/**
 * The environment that points a CLI at a test database. The embedded database allows one process
 * at a time, so a PGlite database is closed here and handed over (reopen it to look afterwards).
 */
export async function handToCli(testDb: TestDatabase): Promise<Record<string, string>> {
  if (testDb.driver === 'postgres') return { DATABASE_URL: testDb.location };
  await testDb.database.close();
  return { DATA_DIR: testDb.location };
}
