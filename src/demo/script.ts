import { and, eq, ne } from 'drizzle-orm';
import { bots } from '../db/schema.js';
import { deliverySenders } from '../jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../jobs/outbox/worker.js';
import { run as runWeeklyDigest } from '../jobs/weekly-digest.js';
import { DIGEST_USE_ACTION_ID } from '../slack/blocks/digest.js';
import { createDeliveryClient } from '../slack/delivery-client.js';
import { DIGEST_CHANNEL, PEOPLE, USERS } from './company.js';
import type { Demo } from './start.js';
import { describeEvent } from './transcript.js';
import type { AppAnswer, FormInput } from './user-actions.js';
import type { Json, Message } from './workspace.js';

/**
 * `npm run demo -- --script`: a fortnight in the company, played against the real app with an
 * injected clock. Each step is one thing a person does; the transcript shows it and everything
 * the app answered, DMed, posted or opened because of it. To add a feature to the story, add a
 * step (e.g. `command(HANA, '/adoption digest send')`).
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

// ---------------------------------------------------------------------------------------------
// Building blocks for steps

const { LEO, MAYA, PRIYA, SAM, DIEGO, OLGA, TOM, ANA, WEN, ELENA, CHRIS, HANA } = USERS;

function who(userId: string): string {
  const person = PEOPLE.find((p) => p.slackUserId === userId);
  return person ? `${person.name} (${person.department})` : userId;
}

function expectOk(answer: AppAnswer, what: string): void {
  if (answer.status !== 200) throw new ScriptError(`${what}: the app answered HTTP ${answer.status}`);
}

/** A slash command typed in #general (or in the DM with the app). */
export function command(userId: string, text: string, options: { inDm?: boolean } = {}) {
  return async ({ demo, say }: ScriptContext) => {
    say(`${who(userId)} types: ${text}`);
    const channel = options.inDm ? demo.workspace.dmWith(userId).id : 'C0GENERAL';
    const from = demo.workspace.events.length;
    expectOk(await demo.actions.command(userId, channel, text), text);
    // Every command is answered: a reply only they see, or a form.
    await waitFor(() =>
      demo.workspace.events
        .slice(from)
        .find(
          (e) =>
            (e.kind === 'message' && !e.message.isCommand && e.message.visibleTo === userId) ||
            (e.kind === 'modal_opened' && e.userId === userId),
        ),
    );
  };
}

/** Fills in the person's open modal and submits it. */
export function submitForm(userId: string, form: FormInput) {
  return async ({ demo, say }: ScriptContext) => {
    const shown = Object.entries(form)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([field, value]) => `${field}=${JSON.stringify(value)}`)
      .join(', ');
    await waitFor(() => demo.workspace.topModal(userId));
    say(`${who(userId)} fills in the form and submits: ${shown}`);
    expectOk(await demo.actions.submit(userId, form), 'submitting the form');
  };
}

/** Clicks a button in the newest DM from the app that has one with this action id. */
export function clickInDm(userId: string, actionId: string, label: string) {
  return async ({ demo, say }: ScriptContext) => {
    const dm = demo.workspace.dmWith(userId).id;
    const message = [...demo.workspace.visibleMessages(userId, dm)]
      .reverse()
      .find((m) => hasAction(m, actionId));
    if (!message) throw new ScriptError(`${who(userId)} has no DM with a ${label} button`);
    say(`${who(userId)} clicks [${label}] in their DM`);
    const from = demo.workspace.events.length;
    expectOk(await demo.actions.click(userId, { kind: 'message', messageId: message.id }, actionId), label);
    await waitFor(() =>
      demo.workspace.events.slice(from).find((e) => e.kind === 'modal_opened' && e.userId === userId),
    );
  };
}

export function openHome(userId: string) {
  return async ({ demo, say }: ScriptContext) => {
    say(`${who(userId)} opens the app's Home tab`);
    expectOk(await demo.actions.openHome(userId), 'opening the Home tab');
  };
}

/** The owner gets a usage-API token with `/bot token`, and keeps it for the bot to use. */
export function issueToken(userId: string, botName: string) {
  return async (context: ScriptContext) => {
    const id = await context.botId(botName);
    const before = context.demo.workspace.messages.length;
    await command(userId, `/bot token ${id}`)(context);
    const token = await waitFor(() =>
      context.demo.workspace.messages
        .slice(before)
        .map((m) => /aab_[A-Za-z0-9_-]{20,}/.exec(JSON.stringify(m.blocks) + m.text)?.[0])
        .find(Boolean),
    );
    context.tokens.set(botName, token);
  };
}

/** The bot itself reports a use through the usage API. */
export function reportUse(botName: string, userEmail: string | null) {
  return async ({ demo, say, tokens }: ScriptContext) => {
    const token = tokens.get(botName);
    if (!token) throw new ScriptError(`no usage-API token for ${botName}`);
    const body = userEmail ? { user_email: userEmail } : {};
    const response = await fetch(`${demo.appUrl}/api/v1/usage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    say(
      `${botName} reports a use via POST /api/v1/usage ${JSON.stringify(body)} → HTTP ${response.status} ${text.trim()}`,
    );
    if (response.status !== 202) throw new ScriptError(`usage API answered ${response.status}: ${text}`);
  };
}

/** Waits for a message from the app in a conversation, posted after event number `from`. */
function waitForPost(
  context: ScriptContext,
  from: number,
  channel: string,
  test: (message: Message) => boolean = () => true,
  timeoutMs?: number,
): Promise<Message> {
  return waitFor(() => {
    for (const event of context.demo.workspace.events.slice(from)) {
      if (event.kind === 'message' && event.message.channel === channel && !event.message.isCommand) {
        if (test(event.message)) return event.message;
      }
    }
    return undefined;
  }, timeoutMs);
}

/**
 * HR sends this week's digest now. The app answers at once and sends the digest after the reply,
 * through its deliveries outbox: the channel post and each manager's DM; the chart is due a few
 * seconds later (see deliveriesWorker).
 */
export function sendDigest(userId: string) {
  return async (context: ScriptContext) => {
    const from = context.demo.workspace.events.length;
    await command(userId, '/adoption digest send')(context);
    await waitForPost(context, from, DIGEST_CHANNEL.id, (m) => m.blocks.length > 0);
  };
}

/** The scheduler's minute tick of the deliveries worker: sends what is due now (here, the digest chart). */
export function deliveriesWorker() {
  return async (context: ScriptContext) => {
    const { demo, say, clock } = context;
    say("The app's deliveries worker runs (its minute tick) and sends what is due:");
    const from = demo.workspace.events.length;
    const result = await sendDueDeliveries({
      senders: deliverySenders,
      db: demo.database.db,
      client: createDeliveryClient(demo.config),
      logger: demo.logger,
      now: clock.now,
      chartFont: demo.config.chartFont,
    });
    if (result.sent === 0) throw new ScriptError('the deliveries worker had nothing to send');
    await waitForPost(context, from, DIGEST_CHANNEL.id, (m) => m.files.length > 0, 30_000);
  };
}

/** DIGEST_CRON fires (Mondays 09:00): the weekly digest job plans and sends, as the scheduler runs it. */
export function weeklyDigestFires() {
  return async (context: ScriptContext) => {
    const { demo, say, clock } = context;
    const channel = demo.config.digest.channel;
    if (!channel) throw new ScriptError('the demo has no DIGEST_CHANNEL');
    say(
      `The weekly digest schedule fires (DIGEST_CRON "${demo.config.digest.cron}", ${demo.config.digest.timezone}):`,
    );
    const from = demo.workspace.events.length;
    await runWeeklyDigest({
      db: demo.database.db,
      client: createDeliveryClient(demo.config),
      logger: demo.logger,
      now: clock.now,
      channel,
      timezone: demo.config.digest.timezone,
      includeGuests: demo.config.includeGuests,
      minGroupSize: demo.config.minGroupSize,
      chartFont: demo.config.chartFont,
    });
    await waitForPost(context, from, channel, (m) => m.blocks.length > 0);
  };
}

/** Clicks a button in a channel message from the app: the newest one with this action id and value. */
export function clickInChannel(
  userId: string,
  channel: string,
  actionId: string,
  value: string,
  label: string,
) {
  return async ({ demo, say }: ScriptContext) => {
    const message = [...demo.workspace.visibleMessages(userId, channel)]
      .reverse()
      .find((m) => hasAction(m, actionId, value));
    const name = demo.workspace.conversations.get(channel)?.name ?? channel;
    if (!message) throw new ScriptError(`#${name} has no ${label} button`);
    say(`${who(userId)} clicks [${label}] in #${name}`);
    const from = demo.workspace.events.length;
    expectOk(
      await demo.actions.click(userId, { kind: 'message', messageId: message.id }, actionId, { value }),
      label,
    );
    await waitFor(() =>
      demo.workspace.events.slice(from).find((e) => e.kind === 'message' && e.message.visibleTo === userId),
    );
  };
}

/** HR's export: the reply, and the CSV file in their DM with the app. */
export function exportCsv(userId: string, text = '/adoption export') {
  return async (context: ScriptContext) => {
    const from = context.demo.workspace.events.length;
    await command(userId, text)(context);
    await waitForPost(context, from, context.demo.workspace.dmWith(userId).id, (m) => m.files.length > 0);
  };
}

function hasAction(message: Message, actionId: string, value?: string): boolean {
  return (
    message.blocks.some(
      (block) =>
        block.type === 'actions' &&
        Array.isArray(block.elements) &&
        (block.elements as Json[]).some((element) => element.action_id === actionId),
    ) ||
    message.blocks.some((block) => {
      const accessory = block.accessory as Json | undefined;
      return accessory?.action_id === actionId && (value === undefined || accessory.value === value);
    })
  );
}

/** Several things one after the other, at the same moment. */
function all(...parts: Array<(context: ScriptContext) => Promise<void>>) {
  return async (context: ScriptContext) => {
    for (const part of parts) {
      await part(context);
      await settle(context);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The fortnight

const LEO_BOT = {
  name: 'Release notes writer',
  description: 'Turns the merged pull requests of a sprint into release notes for customers, in our tone.',
  category: 'Other teams',
  link: 'https://gpts.demo.example/release-notes',
  platform: 'ChatGPT custom GPT',
  hoursSavedPerWeek: '2',
};

export const FORTNIGHT: Step[] = [
  // Week 1
  {
    at: '2026-11-02T09:00:00Z',
    run: all(command(LEO, '/bot submit'), submitForm(LEO, LEO_BOT)),
  },
  {
    at: '2026-11-02T09:30:00Z',
    run: command(
      PRIYA,
      '/bot submit Deal summariser | https://gpts.demo.example/deal-summariser | Summarises the emails and call notes of a deal into a one-page brief before each customer meeting',
    ),
  },
  {
    at: '2026-11-02T14:00:00Z',
    run: all(
      command(DIEGO, '/bot submit'),
      submitForm(DIEGO, {
        name: 'Route planner',
        description: 'Routes',
        category: 'My team',
        link: '',
        platform: 'Dify',
      }),
      submitForm(DIEGO, {
        name: 'Route planner',
        description: 'Plans delivery routes for the next day from the open orders and the drivers on shift',
        category: 'My team',
        link: '',
        platform: 'Dify',
        hoursSavedPerWeek: '3',
      }),
    ),
  },
  {
    at: '2026-11-03T10:00:00Z',
    run: all(
      clickInDm(MAYA, 'review_approve', 'Approve'),
      submitForm(MAYA, { score: '4', comment: 'Great, the support team will love this.' }),
    ),
  },
  {
    at: '2026-11-03T11:00:00Z',
    run: all(
      clickInDm(SAM, 'review_request_changes', 'Request changes'),
      submitForm(SAM, { comment: 'Please say which CRM fields it reads, and add a link to the prompt.' }),
    ),
  },
  {
    at: '2026-11-04T09:15:00Z',
    run: async (context) => {
      const id = await context.botId('Deal summariser');
      await command(PRIYA, `/bot edit ${id}`)(context);
      await settle(context);
      await submitForm(PRIYA, {
        name: 'Deal summariser',
        description:
          'Summarises the emails and call notes of a deal into a one-page brief before each customer meeting. Reads the CRM fields stage, amount and next step only.',
        category: 'My team',
        link: 'https://gpts.demo.example/deal-summariser',
        platform: 'ChatGPT custom GPT',
        hoursSavedPerWeek: '1.5',
      })(context);
    },
  },
  {
    at: '2026-11-05T16:00:00Z',
    run: all(
      clickInDm(SAM, 'review_approve', 'Approve'),
      submitForm(SAM, { score: '5', comment: 'Exactly what the team needed.' }),
      clickInDm(OLGA, 'review_reject', 'Reject'),
      submitForm(OLGA, {
        comment: 'The planning tool already does this since October; let us talk about a different idea.',
      }),
    ),
  },
  {
    at: '2026-11-06T10:00:00Z',
    run: async (context) => {
      const leo = await context.botId(LEO_BOT.name);
      const priya = await context.botId('Deal summariser');
      await all(
        command(TOM, `/bot use ${leo}`),
        command(TOM, `/bot use ${leo}`),
        command(ANA, `/bot use ${priya}`),
      )(context);
    },
  },
  {
    at: '2026-11-06T11:00:00Z',
    run: all(
      issueToken(LEO, LEO_BOT.name),
      reportUse(LEO_BOT.name, 'wen.li@demo.example'),
      reportUse(LEO_BOT.name, 'sam.okafor@demo.example'),
      reportUse(LEO_BOT.name, null),
    ),
  },
  // Week 2
  {
    at: '2026-11-09T09:00:00Z',
    run: command(
      ELENA,
      '/bot submit Board memo drafter | none | Drafts the monthly board memo from the finance summary and the department updates',
    ),
  },
  {
    at: '2026-11-09T15:00:00Z',
    run: all(
      clickInDm(CHRIS, 'review_approve', 'Approve'),
      submitForm(CHRIS, { score: '3', comment: 'Useful; please share it with the leadership team.' }),
    ),
  },
  { at: '2026-11-10T09:00:00Z', run: all(command(WEN, '/bot me'), command(LEO, '/bot me')) },
  { at: '2026-11-10T09:05:00Z', run: openHome(LEO) },
  {
    at: '2026-11-11T10:00:00Z',
    run: async (context) => {
      const priya = await context.botId('Deal summariser');
      await all(command(WEN, `/bot use ${priya}`), command(DIEGO, '/bot list'))(context);
    },
  },
  {
    at: '2026-11-12T16:00:00Z',
    run: all(
      command(TOM, '/adoption stats'),
      command(HANA, '/adoption period list'),
      command(HANA, '/adoption stats'),
    ),
  },
  { at: '2026-11-13T09:00:00Z', run: all(command(HANA, '/adoption stats Engineering'), openHome(HANA)) },
  // The weekly digest in #ai-adoption: HR previews it, then sends it now (the schedule would on Monday).
  { at: '2026-11-13T11:00:00Z', run: command(HANA, '/adoption digest preview') },
  { at: '2026-11-13T11:05:00Z', run: sendDigest(HANA) },
  { at: '2026-11-13T11:06:00Z', run: deliveriesWorker() },
  {
    at: '2026-11-13T11:30:00Z',
    run: async (context) => {
      const memo = await context.botId('Board memo drafter');
      await clickInChannel(
        TOM,
        DIGEST_CHANNEL.id,
        DIGEST_USE_ACTION_ID,
        String(memo),
        'I used this',
      )(context);
    },
  },
  // HR's records: one person, who has not met the requirement yet, and the export (CSV in HR's DM).
  {
    at: '2026-11-13T14:00:00Z',
    run: all(command(HANA, '/adoption person @Diego'), command(HANA, '/adoption lagging')),
  },
  { at: '2026-11-13T15:00:00Z', run: exportCsv(HANA) },
  // Monday: the digest goes out on its schedule, with the week's change.
  { at: '2026-11-16T09:00:00Z', run: weeklyDigestFires() },
  { at: '2026-11-16T09:01:00Z', run: deliveriesWorker() },
];

// ---------------------------------------------------------------------------------------------
// The runner

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

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
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
