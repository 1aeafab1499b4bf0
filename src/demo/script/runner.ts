import { and, eq, ne } from 'drizzle-orm';
import { bots } from '../../db/schema.js';
import type { Demo } from '../start.js';
import { describeEvent } from '../transcript.js';

/**
 * Plays a story (steps.ts, story.ts, ../history.ts) against the real app with an injected clock:
 * sets the clock to each step's time, runs it, waits for the app to settle, and writes the
 * transcript of what the person did and everything the app answered, DMed, posted or opened.
 */

/** The app's clock, moved by the script; after `release()`, the real time. */
export class DemoClock {
  constructor(private current: Date | null) {}
  now = (): Date => (this.current ? new Date(this.current) : new Date());
  set(iso: string): void {
    this.current = new Date(iso);
  }
  release(): void {
    this.current = null;
  }
}

export interface ScriptContext {
  demo: Demo;
  clock: DemoClock;
  /** Adds a line to the transcript. */
  say(line: string): void;
  /** Bot ids by name, learned from the database as bots are submitted. */
  botId(name: string): Promise<number>;
  /** Usage-API tokens by bot name, as their owners copied them from `/bot token`. */
  tokens: Map<string, string>;
}

export interface Step {
  /** When it happens (UTC), e.g. `2026-11-02T09:00`. */
  at: string;
  run(context: ScriptContext): Promise<void>;
}

export class ScriptError extends Error {
  override name = 'ScriptError';
}

export interface ScriptResult {
  lines: string[];
}

/** Plays the steps in order; every line of the transcript goes to `print` as it happens. */
export async function runScript(
  demo: Demo,
  clock: DemoClock,
  steps: Step[],
  print: (line: string) => void = () => {},
): Promise<ScriptResult> {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    print(line);
  };
  const stopListening = demo.workspace.onEvent((event) => {
    const entry = describeEvent(demo.workspace, event);
    if (entry) say(entry);
  });
  const context: ScriptContext = {
    demo,
    clock,
    say,
    tokens: new Map(),
    async botId(name) {
      const [row] = await demo.database.db
        .select({ id: bots.id })
        .from(bots)
        .where(and(eq(bots.name, name), ne(bots.status, 'withdrawn')))
        .limit(1);
      if (!row) throw new ScriptError(`no bot named ${name}`);
      return row.id;
    },
  };
  try {
    for (const step of steps) {
      clock.set(step.at);
      say('');
      say(`── ${formatWhen(clock.now())} ──`);
      await step.run(context);
      await settle(context);
    }
  } finally {
    stopListening();
  }
  return { lines };
}

/**
 * Waits until the app has finished what the last action set off: the workspace has seen no new
 * message, view or file for a while. (The app acks at once and works after the ack.)
 */
export async function settle({ demo }: ScriptContext, quietMs = 200, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = demo.workspace.version;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(20);
    if (demo.workspace.version !== seen) {
      seen = demo.workspace.version;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
}

export async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new ScriptError('timed out waiting for the app');
    await sleep(20);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function formatWhen(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(date);
}
