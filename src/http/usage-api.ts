import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Db } from '../db/client.js';
import { findBotByUsageToken } from '../domain/bot-tokens.js';
import { isDatabaseUnavailable } from '../domain/errors.js';
import { acceptsUses, parseUsageReport, recordReportedUse } from '../domain/usage.js';
import type { Logger } from '../logger.js';

/**
 * POST /api/v1/usage: a bot reports that it was used, with its own token (see docs/usage-api.md).
 * This file only moves bytes and maps outcomes to status codes; the rules are in domain/usage.ts.
 */

export const USAGE_API_PATH = '/api/v1/usage';
export const MAX_BODY_BYTES = 10 * 1024;

export interface UsageApiDeps {
  db: Db;
  now: () => Date;
  logger: Logger;
  /** Calendar days (for "a review period that has ended") are days in this zone. */
  timezone: string;
  /** Requests per minute per bot, also the burst size. */
  requestsPerMinute?: number;
  /** Wrong tokens per minute per client address, also the burst size; then 429 before any query. */
  wrongTokensPerMinute?: number;
}

const METHODS = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'];
const DATABASE_DOWN = 'database unavailable; nothing was recorded, try again later';

export function usageApiRoute(deps: UsageApiDeps): CustomRoute {
  const perMinute = deps.requestsPerMinute ?? 60;
  const limiter = new RateLimiter<number>(perMinute, perMinute / 60_000);
  const wrongPerMinute = deps.wrongTokensPerMinute ?? 10;
  const wrongTokens = new RateLimiter<string>(wrongPerMinute, wrongPerMinute / 60_000);
  const log = deps.logger.child({ route: USAGE_API_PATH });
  return {
    path: USAGE_API_PATH,
    method: METHODS,
    handler: (req, res) => {
      handle(req, res, deps, limiter, wrongTokens).catch((error: unknown) => {
        if (error instanceof ClientGone) return log.debug('client went away while sending a usage report');
        const databaseDown = isDatabaseUnavailable(error);
        log.error(
          { err: error, databaseDown, purpose: 'record a reported use' },
          'usage report failed; client told nothing was recorded',
        );
        if (databaseDown) reply(res, 503, { error: DATABASE_DOWN }, { 'retry-after': '30' });
        else reply(res, 500, { error: 'internal error; nothing was recorded' });
      });
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  deps: UsageApiDeps,
  limiter: RateLimiter<number>,
  wrongTokens: RateLimiter<string>,
): Promise<void> {
  if (req.method !== 'POST') return reply(res, 405, { error: 'use POST' }, { allow: 'POST' });
  // An address that sent too many wrong tokens is answered before the database is asked anything.
  const client = req.socket.remoteAddress ?? 'unknown';
  const blockedMs = wrongTokens.waitFor(client, deps.now().getTime());
  if (blockedMs > 0) return tooMany(res, blockedMs, 'too many wrong tokens from this address');
  const token = bearerToken(req.headers.authorization);
  if (token === null)
    return reply(res, 401, { error: 'missing bearer token: send Authorization: Bearer <token>' }, CHALLENGE);
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === null) return reply(res, 413, { error: `body is larger than ${MAX_BODY_BYTES} bytes` }, CLOSE);

  const bot = await findBotByUsageToken(deps.db, token);
  if (!bot) {
    wrongTokens.take(client, deps.now().getTime());
    return reply(res, 401, { error: 'invalid or replaced token' }, CHALLENGE);
  }
  const now = deps.now();
  const waitMs = limiter.take(bot.id, now.getTime());
  if (waitMs > 0) return tooMany(res, waitMs, 'rate limit exceeded');
  if (!acceptsUses(bot.status)) {
    const why = bot.status === 'withdrawn' ? 'has been withdrawn' : 'was not accepted in review';
    return reply(res, 403, { error: `bot #${bot.id} ${why}; it takes no uses` });
  }

  const parsed = parseUsageReport(body, now);
  if (!parsed.ok) return reply(res, 400, { error: parsed.error });
  const outcome = await recordReportedUse(deps.db, bot, parsed.report, { now, timeZone: deps.timezone });
  if (outcome.kind === 'refused') return reply(res, 400, { error: outcome.reason });
  if (outcome.kind === 'already-recorded') return reply(res, 200, { status: 'already recorded' });
  reply(res, 202, { status: 'accepted' });
}

function tooMany(res: ServerResponse, waitMs: number, error: string): void {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  reply(res, 429, { error }, { 'retry-after': String(seconds) });
}

const CHALLENGE = { 'www-authenticate': 'Bearer' };
// Stop reading an oversized body: answer and close instead of draining it.
const CLOSE = { connection: 'close' };

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function reply(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(json);
}

/** The request body, or null as soon as it is known to exceed `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | null, error?: unknown) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(null);
      else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    const onError = () => finish(null, new ClientGone());
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

class ClientGone extends Error {
  override name = 'ClientGone';
}

/**
 * A token bucket per key (a bot, or a client address), in this process's memory: `capacity`
 * requests at once, refilled at `refillPerMs`. With several replicas each keeps its own buckets, so
 * the effective limit is the per-replica limit times the number of replicas (docs/usage-api.md).
 */
export class RateLimiter<K = number> {
  private readonly buckets = new Map<K, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one request from `key`'s bucket: 0 when allowed, else milliseconds until one is. */
  take(key: K, nowMs: number): number {
    const tokens = this.available(key, nowMs);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: nowMs });
      if (this.buckets.size > this.maxKeys) this.forgetFull(nowMs);
      return 0;
    }
    this.buckets.set(key, { tokens, at: nowMs });
    return Math.ceil((1 - tokens) / this.refillPerMs);
  }

  /** Milliseconds until `key` may make a request (0: now), taking nothing. */
  waitFor(key: K, nowMs: number): number {
    const tokens = this.available(key, nowMs);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.refillPerMs);
  }

  private available(key: K, nowMs: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.capacity;
    const elapsed = Math.max(0, nowMs - bucket.at);
    return Math.min(this.capacity, bucket.tokens + elapsed * this.refillPerMs);
  }

  /** A full bucket is the same as none: dropping it keeps memory bounded by active bots. */
  private forgetFull(nowMs: number): void {
    for (const key of [...this.buckets.keys()])
      if (this.available(key, nowMs) >= this.capacity) this.buckets.delete(key);
  }
}
