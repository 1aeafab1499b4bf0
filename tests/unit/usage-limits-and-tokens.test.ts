import { describe, expect, it } from 'vitest';
import { hashUsageToken, newUsageToken } from '../../src/domain/bot-tokens.js';
import { RateLimiter } from '../../src/http/usage-api.js';

describe('usage tokens', () => {
  it('are aab_ and 32 random bytes in base64url, different every time', () => {
    const tokens = Array.from({ length: 200 }, () => newUsageToken());
    for (const token of tokens) {
      expect(token).toMatch(/^aab_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as the hex sha256 of the whole token', () => {
    // `printf 'aab_test' | sha256sum`, computed once outside the code under test.
    expect(hashUsageToken('aab_test')).toBe(
      'c7b063be62720c57e3d6d03282064112308fccbc14c0efdbb88ea0c19c95c739',
    );
    expect(hashUsageToken('aab_test')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashUsageToken('aab_test')).not.toBe(hashUsageToken('aab_tesT'));
  });
});

describe('RateLimiter (token bucket per key)', () => {
  // 60 a minute: a burst of 60, then one more every second.
  const perMinute = () => new RateLimiter(60, 60 / 60_000);

  it('allows a burst of 60, then refuses, saying how long to wait', () => {
    const limiter = perMinute();
    for (let i = 0; i < 60; i++) expect(limiter.take(1, 0)).toBe(0);
    expect(limiter.take(1, 0)).toBe(1000);
    expect(limiter.take(1, 400)).toBe(600);
  });

  it('refills one request a second, never above the burst size', () => {
    const limiter = perMinute();
    for (let i = 0; i < 60; i++) limiter.take(1, 0);
    expect(limiter.take(1, 1000)).toBe(0);
    expect(limiter.take(1, 1000)).toBe(1000);
    // An hour later the bucket holds 60, not 3600.
    for (let i = 0; i < 60; i++) expect(limiter.take(1, 3_601_000)).toBe(0);
    expect(limiter.take(1, 3_601_000)).toBeGreaterThan(0);
  });

  it('keeps one bucket per key', () => {
    const limiter = perMinute();
    for (let i = 0; i < 60; i++) limiter.take(1, 0);
    expect(limiter.take(1, 0)).toBeGreaterThan(0);
    expect(limiter.take(2, 0)).toBe(0);
  });

  it('does not refill when the clock goes backwards', () => {
    const limiter = perMinute();
    for (let i = 0; i < 60; i++) limiter.take(1, 10_000);
    expect(limiter.take(1, 5_000)).toBeGreaterThan(0);
  });

  it('forgets idle keys once it tracks too many, but never a key that is still limited', () => {
    const limiter = new RateLimiter(2, 2 / 60_000, 3);
    limiter.take(1, 0);
    limiter.take(1, 0); // key 1 is now empty
    for (const key of [2, 3, 4, 5]) limiter.take(key, 120_000);
    // Key 1 had refilled by then and was forgotten in a sweep: it behaves as a full bucket.
    expect(limiter.take(1, 120_000)).toBe(0);
    expect(limiter.take(1, 120_000)).toBe(0);
    expect(limiter.take(1, 120_000)).toBeGreaterThan(0);
    // The limited key survives a sweep.
    for (const key of [7, 8, 9, 10]) limiter.take(key, 120_000);
    expect(limiter.take(1, 120_000)).toBeGreaterThan(0);
  });
});
