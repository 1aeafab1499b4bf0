import { deliverySenders } from '../../jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../../jobs/outbox/worker.js';
import { run as runWeeklyDigest } from '../../jobs/weekly-digest.js';
import { createDeliveryClient } from '../../slack/delivery-client.js';
import { DIGEST_CHANNEL, PEOPLE } from '../company.js';
import type { AppAnswer, FormInput } from '../user-actions.js';
import type { Json, Message } from '../workspace.js';
import { type ScriptContext, ScriptError, settle, waitFor } from './runner.js';

/**
 * The building blocks of a story: each is one thing a person (or the scheduler) does, and waits
 * until the app has answered it.
 */

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
      locales: demo.config.locales,
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
      locales: demo.config.locales,
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
export function all(...parts: Array<(context: ScriptContext) => Promise<void>>) {
  return async (context: ScriptContext) => {
    for (const part of parts) {
      await part(context);
      await settle(context);
    }
  };
}
