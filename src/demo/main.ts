import { parseArgs } from 'node:util';
import { DemoClock, runScript } from './script/runner.js';
import { FORTNIGHT } from './script/story.js';
import { type Demo, startDemo } from './start.js';

/**
 * `npm run demo [-- --port 3100] [--data-dir DIR] [--empty] [--script] [--log-level info]`
 *
 * Interactive (default): starts the app against a simulated workspace, on a company with the quarter
 * so far behind it (`--empty`: a blank one), and prints the page's URL.
 * `--script`: plays a scripted fortnight, prints the transcript and exits (0 when every step
 * worked).
 */

const USAGE = 'usage: npm run demo -- [--port 3100] [--data-dir DIR] [--empty] [--script] [--log-level warn]';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

async function main(): Promise<number> {
  let values: {
    port?: string;
    'data-dir'?: string;
    empty?: boolean;
    script?: boolean;
    'log-level'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        empty: { type: 'boolean' },
        script: { type: 'boolean' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = values.port === undefined ? (values.script ? 0 : 3100) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535 (got ${values.port})\n${USAGE}`);
    return 2;
  }
  const logLevel = values['log-level'] ?? (values.script ? 'error' : 'warn');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    console.error(`--log-level must be one of ${LOG_LEVELS.join(', ')}\n${USAGE}`);
    return 2;
  }
  const level = logLevel as (typeof LOG_LEVELS)[number];
  const dataDir = values['data-dir'];

  if (values.script) {
    const clock = new DemoClock(new Date(FORTNIGHT[0]?.at ?? Date.now()));
    const demo = await startDemo({ port, now: clock.now, logLevel: level, ...(dataDir ? { dataDir } : {}) });
    try {
      console.log(`AI Adoption Bot demo: a scripted fortnight (the page would be at ${demo.url})`);
      await runScript(demo, clock, FORTNIGHT, (line) => console.log(line));
      console.log('\nThe scripted fortnight finished.');
      return 0;
    } catch (error) {
      console.error(`\nThe scripted run stopped: ${(error as Error).message}`);
      return 1;
    } finally {
      await demo.stop();
    }
  }

  let demo: Demo;
  try {
    if (!values.empty) console.log('Starting the demo company with the quarter so far (a few seconds)…');
    demo = await startDemo({
      port,
      history: !values.empty,
      logLevel: level,
      scheduler: true,
      deliveriesEveryMs: 2_000,
      ...(dataDir ? { dataDir } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is in use; pick another with --port (0 picks a free one).`
        : `The demo could not start: ${(error as Error).message}`,
    );
    return 1;
  }
  console.log(`AI Adoption Bot demo is running: open ${demo.url}`);
  console.log(
    'Pick an employee, type /bot help or /adoption help, and click what the app sends. Ctrl+C stops it.',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await demo.stop();
  return 0;
}

process.exitCode = await main();
