import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { purgeFinishedDeliveries } from '../../src/db/queries/deliveries.js';
import { deliveries } from '../../src/db/schema.js';
import { deliverySenders, planDeliveries } from '../../src/jobs/outbox/kinds.js';
import type { NudgePayload } from '../../src/jobs/outbox/senders/nudge.js';
import {
  INTERRUPTED_SEND,
  LEASE_MS,
  MAX_ATTEMPTS,
  MAX_RATE_LIMITED_MS,
  sendDueDeliveries,
} from '../../src/jobs/outbox/worker.js';
import { createLogger } from '../../src/logger.js';
import { createDeliveryClient, type DeliveryClient } from '../../src/slack/delivery-client.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';
import { deliveryClientFor, type FakeSlack, httpReply, startFakeSlack } from '../helpers/fake-slack.js';

const T0 = new Date('2026-11-16T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const logger = createLogger('silent');

const PERIOD = {
  name: '2026-Q4',
  start: '2026-10-01',
  end: '2026-12-31',
  kind: 'quarter' as const,
  requiredApprovedBots: 1,
  stored: false,
};

/** n DMs (deadline nudges, which render from their payload alone) of one job, planned as a job would. */
const dms = (n: number, job = 'test-job') =>
  Array.from({ length: n }, (_, i) => ({
    job,
    kind: 'nudge' as const,
    key: `${job}:2026-W47:e${i + 1}`,
    recipient: `U${i}`,
    payload: {
      recipientEmployeeId: i + 1,
      aboutEmployeeIds: [i + 1],
      period: PERIOD,
      daysLeft: 7,
      botsApproved: 0,
      botsSubmitted: 0,
      botCommand: '/bot',
    } satisfies NudgePayload,
    notBefore: T0,
  }));

describe.each(DRIVERS)('deliveries on %s', (driver) => {
  let testDb: TestDatabase;
  let slack: FakeSlack;
  let client: DeliveryClient;
  /** Messages Slack accepted (answered ok), by recipient. */
  let accepted: Map<string, number>;

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    slack = await startFakeSlack();
    client = deliveryClientFor(slack);
  });
  afterAll(async () => {
    await slack?.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    await testDb.database.db.delete(deliveries);
    slack.calls.length = 0;
    accepted = new Map();
    acceptAll();
  });

  const acceptAll = () =>
    slack.on('chat.postMessage', (args) => {
      const channel = String(args.channel);
      accepted.set(channel, (accepted.get(channel) ?? 0) + 1);
      return { ok: true, channel, ts: `${Date.now() / 1000}` };
    });
  const worker = (
    now: Date,
    extra: {
      concurrency?: number;
      signal?: AbortSignal;
      sleep?: (ms: number) => Promise<void>;
      client?: DeliveryClient;
    } = {},
  ) =>
    sendDueDeliveries({
      senders: deliverySenders,
      db: testDb.database.db,
      client,
      logger,
      now: () => now,
      ...extra,
    });
  const rows = () => testDb.database.db.select().from(deliveries).orderBy(deliveries.id);

  it('plans each key once, however often the plan runs', async () => {
    expect(await planDeliveries(testDb.database.db, dms(3))).toBe(3);
    expect(await planDeliveries(testDb.database.db, dms(4))).toBe(1);
    expect((await rows()).map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
  });

  it('purges finished rows past retention, never pending ones', async () => {
    await planDeliveries(testDb.database.db, dms(2));
    await worker(T0);
    await planDeliveries(testDb.database.db, dms(3)); // U2 stays pending
    expect(await purgeFinishedDeliveries(testDb.database.db, new Date(Date.now() + 60_000))).toBe(2);
    expect((await rows()).map((r) => [r.recipient, r.status])).toEqual([['U2', 'pending']]);
  });

  it('two workers on one database send each planned message once', async () => {
    await planDeliveries(testDb.database.db, dms(20));
    const [a, b] = await Promise.all([worker(T0, { concurrency: 3 }), worker(T0, { concurrency: 3 })]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(20);
    expect([...accepted.values()]).toEqual(Array(20).fill(1));
    expect(new Set((await rows()).map((r) => r.status))).toEqual(new Set(['sent']));
    expect((await rows())[0]?.result).toMatchObject({ channel: 'U0' });
  });

  it('a worker that dies after k of n sends: a restart delivers each message exactly once', async () => {
    const n = 10;
    const k = 4;
    await planDeliveries(testDb.database.db, dms(n));
    // Slack answers k messages, then the (k+1)th call never returns: the process is as good as dead.
    let calls = 0;
    let releaseHung: (() => void) | undefined;
    slack.on('chat.postMessage', (args) => {
      calls++;
      if (calls === k + 1)
        return new Promise((resolve) => {
          releaseHung = () => resolve({ ok: false, error: 'internal_error' });
        });
      const channel = String(args.channel);
      accepted.set(channel, (accepted.get(channel) ?? 0) + 1);
      return { ok: true, channel, ts: '1.1' };
    });
    // One lane, stuck in the hung call: it claims nothing more (a shutdown would release the row).
    const dead = worker(T0, { concurrency: 1 });
    await slack.waitFor(() => releaseHung);
    expect(accepted.size).toBe(k);

    // Restarted at once: the row in flight is still leased, the rest go out.
    acceptAll();
    expect(await worker(at(1_000))).toMatchObject({ sent: n - k - 1 });
    // After the lease, the row whose outcome was lost is claimed again and sent.
    expect(await worker(at(LEASE_MS + 1_000))).toMatchObject({ sent: 1 });
    // The dead worker's late answer changes nothing: its attempt is no longer the row's.
    releaseHung?.();
    await dead;
    expect([...accepted.keys()].sort()).toEqual(
      dms(n)
        .map((d) => d.recipient)
        .sort(),
    );
    expect([...accepted.values()]).toEqual(Array(n).fill(1));
    const all = await rows();
    expect(all.every((r) => r.status === 'sent')).toBe(true);
    expect(all.map((r) => r.attempts).sort()).toEqual([...Array(n - 1).fill(1), 2]);
  });

  it('waits out a 429 for Retry-After, then sends (the wait is not an attempt)', async () => {
    await planDeliveries(testDb.database.db, dms(1));
    const times: number[] = [];
    slack.on('chat.postMessage', (args) => {
      times.push(Date.now());
      if (times.length === 1)
        return httpReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      return { ok: true, channel: args.channel, ts: '1.2' };
    });
    expect(await worker(T0)).toMatchObject({ sent: 1, rateLimitWaits: 1, retrying: 0 });
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
    expect(await rows()).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });

  it('records a final Slack error as failed with the reason, at once', async () => {
    await planDeliveries(testDb.database.db, dms(2));
    slack.on('chat.postMessage', (args) =>
      args.channel === 'U1'
        ? { ok: false, error: 'channel_not_found' }
        : { ok: true, channel: args.channel, ts: '1' },
    );
    expect(await worker(T0)).toMatchObject({ sent: 1, failed: 1 });
    const failed = await testDb.database.db.select().from(deliveries).where(eq(deliveries.recipient, 'U1'));
    expect(failed).toMatchObject([{ status: 'failed', attempts: 1, lastError: 'channel_not_found' }]);
  });

  it('retries a passing failure with backoff, and finally records it as failed', async () => {
    await planDeliveries(testDb.database.db, dms(1));
    slack.on('chat.postMessage', () => httpReply(503, { ok: false, error: 'service_unavailable' }));
    expect(await worker(T0)).toMatchObject({ retrying: 1 });
    const [afterFirst] = await rows();
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503' });
    // Not due again until the backoff has passed.
    expect(await worker(at(10_000))).toMatchObject({ sent: 0, retrying: 0 });
    let now = afterFirst?.nextAttemptAt ?? T0;
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await worker(now);
      const [row] = await rows();
      now = row?.nextAttemptAt ?? now;
    }
    expect(await rows()).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'HTTP 503' }]);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(MAX_ATTEMPTS);
  });
  it('a process that dies while waiting out a 429 has used up no attempt: the row is pending, due after Retry-After', async () => {
    await planDeliveries(testDb.database.db, dms(1));
    slack.on('chat.postMessage', () =>
      httpReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '30' }),
    );
    let waiting = false;
    // The wait never ends: the process is as good as dead in it.
    void worker(T0, {
      sleep: () => {
        waiting = true;
        return new Promise(() => {});
      },
    });
    await expect.poll(() => waiting).toBe(true);
    expect(await rows()).toMatchObject([
      {
        status: 'pending',
        attempts: 0,
        rateLimitedMs: 30_000,
        nextAttemptAt: at(30_000),
        lastError: null,
      },
    ]);
    // Another worker after Retry-After sends it, as its first attempt.
    acceptAll();
    expect(await worker(at(10_000))).toMatchObject({ sent: 0 });
    expect(await worker(at(31_000))).toMatchObject({ sent: 1 });
    expect(await rows()).toMatchObject([{ status: 'sent', attempts: 1 }]);
    expect(accepted.get('U0')).toBe(1);
  });

  it('rate-limit waits are capped in total per row (10 min), not counted as attempts', async () => {
    await planDeliveries(testDb.database.db, dms(1));
    slack.on('chat.postMessage', () =>
      httpReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '240' }),
    );
    const waits: number[] = [];
    const result = await worker(T0, {
      sleep: async (ms) => void waits.push(ms),
    });
    // 4 min + 4 min waited; a third 4 min would pass 10 min: failed, on its first attempt.
    expect(MAX_RATE_LIMITED_MS).toBe(600_000);
    expect(result).toMatchObject({ sent: 0, failed: 1, rateLimitWaits: 2 });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    expect(waits).toHaveLength(2);
    for (const ms of waits) expect(ms).toBeGreaterThan(239_000);
    expect(await rows()).toMatchObject([
      {
        status: 'failed',
        attempts: 1,
        rateLimitedMs: 480_000,
        lastError: 'rate limited: over 10 min of Retry-After in total',
      },
    ]);
  });

  it('shutdown gives up a send in flight and releases its row at once (pending, attempt not used up)', async () => {
    await planDeliveries(testDb.database.db, dms(3));
    let calls = 0;
    let hungCall: (() => void) | undefined;
    slack.on('chat.postMessage', (args) => {
      calls++;
      if (args.channel === 'U1')
        return new Promise((resolve) => {
          hungCall = () => resolve({ ok: true, channel: 'U1', ts: '9.9' });
        });
      return { ok: true, channel: args.channel, ts: '1.1' };
    });
    const stop = new AbortController();
    // The scheduler's client: its requests are aborted by the same signal.
    const abortable = createDeliveryClient(
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-t',
        SLACK_SIGNING_SECRET: 'secret-123',
        SLACK_API_URL: slack.apiUrl,
      }),
      { signal: stop.signal },
    );
    const running = worker(T0, { concurrency: 1, signal: stop.signal, client: abortable });
    await slack.waitFor(() => hungCall);
    const stoppedAt = Date.now();
    stop.abort();
    expect(await running).toMatchObject({ sent: 1, failed: 0, retrying: 0 });
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    expect((await rows()).map((r) => [r.recipient, r.status, r.attempts, r.lastError])).toEqual([
      ['U0', 'sent', 1, null],
      ['U1', 'pending', 0, INTERRUPTED_SEND],
      ['U2', 'pending', 0, null],
    ]);
    hungCall?.();
    // The next start sends both, each on its first attempt.
    acceptAll();
    expect(await worker(at(1_000))).toMatchObject({ sent: 2 });
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(calls).toBe(2);
    expect([...accepted.keys()].sort()).toEqual(['U1', 'U2']);
  });
});
