import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { getBotForUpdate } from '../db/queries/bots.js';
import { findBotByUsageTokenHash, setUsageTokenHash, type TokenBot } from '../db/queries/usage.js';
import type { BotStatus } from './bot-status.js';
import { acceptsUses } from './usage.js';

/**
 * Per-bot tokens for the usage API. A token is 32 random bytes, shown to the owner once; only
 * its sha256 is stored, so a database dump reveals no token. Lookup is by hash through a unique
 * index: the secret itself is never compared byte by byte, so response time says nothing about
 * it. Issuing a new token replaces the old one, which stops working at once.
 */

export type { TokenBot };

export const USAGE_TOKEN_PREFIX = 'aab_';
const TOKEN_BYTES = 32;
/** `aab_` and 43 base64url characters (32 bytes). */
const TOKEN_SHAPE = /^aab_[A-Za-z0-9_-]{43}$/;

export function newUsageToken(): string {
  return `${USAGE_TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
}

export function hashUsageToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type IssueTokenOutcome =
  | { kind: 'issued'; bot: { id: number; name: string }; token: string; replacedOld: boolean }
  | { kind: 'not-found'; botId: number }
  | { kind: 'not-owner'; botId: number }
  | { kind: 'not-usable'; bot: { id: number; name: string; status: BotStatus } };

/** A new token for the owner's bot (replacing any earlier one). Only the owner; only a bot in play. */
export async function issueUsageToken(
  db: Db,
  actorId: number | null,
  botId: number,
  now: Date,
): Promise<IssueTokenOutcome> {
  return db.transaction(async (tx) => {
    const bot = await getBotForUpdate(tx, botId);
    if (!bot) return { kind: 'not-found', botId };
    if (bot.ownerId !== actorId) return { kind: 'not-owner', botId };
    if (!acceptsUses(bot.status))
      return { kind: 'not-usable', bot: { id: bot.id, name: bot.name, status: bot.status } };
    const token = newUsageToken();
    await setUsageTokenHash(tx, botId, hashUsageToken(token), now);
    return {
      kind: 'issued',
      bot: { id: bot.id, name: bot.name },
      token,
      replacedOld: bot.usageTokenHash !== null,
    };
  });
}

/** The bot this token belongs to; null for a token that is malformed, unknown or replaced. */
export async function findBotByUsageToken(db: Db, token: string): Promise<TokenBot | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  return findBotByUsageTokenHash(db, hashUsageToken(token));
}
