import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikePeriod, parsePeriod, previousPeriod, quarterContaining } from '../../src/domain/periods.js';
import { createReviewPeriod, resolvePeriod } from '../../src/domain/review-periods.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';

/** The one period parser (src/domain/periods.ts); every expected value is written by hand. */
describe('parsePeriod', () => {
  it.each([
    ['2026', { name: '2026', kind: 'year', start: '2026-01-01', end: '2026-12-31' }],
    ['2026-H1', { name: '2026-H1', kind: 'half', start: '2026-01-01', end: '2026-06-30' }],
    ['2026-H2', { name: '2026-H2', kind: 'half', start: '2026-07-01', end: '2026-12-31' }],
    ['2026h2', { name: '2026-H2', kind: 'half', start: '2026-07-01', end: '2026-12-31' }],
    ['2026-Q1', { name: '2026-Q1', kind: 'quarter', start: '2026-01-01', end: '2026-03-31' }],
    ['2026-Q3', { name: '2026-Q3', kind: 'quarter', start: '2026-07-01', end: '2026-09-30' }],
    ['2026q4', { name: '2026-Q4', kind: 'quarter', start: '2026-10-01', end: '2026-12-31' }],
    ['2026-11', { name: '2026-11', kind: 'month', start: '2026-11-01', end: '2026-11-30' }],
    ['2026-02', { name: '2026-02', kind: 'month', start: '2026-02-01', end: '2026-02-28' }],
    ['2028-02', { name: '2028-02', kind: 'month', start: '2028-02-01', end: '2028-02-29' }],
    [
      '2026-10-01..2026-12-31',
      { name: '2026-10-01..2026-12-31', kind: 'range', start: '2026-10-01', end: '2026-12-31' },
    ],
    [
      ' 2026-10-01 .. 2026-10-01 ',
      { name: '2026-10-01..2026-10-01', kind: 'range', start: '2026-10-01', end: '2026-10-01' },
    ],
  ])('%s', (text, period) => {
    expect(parsePeriod(text)).toEqual({ ok: true, period });
  });

  it.each([
    ['2026-13', '2026-13 has no month 13.'],
    ['2026-00', '2026-00 has no month 00.'],
    ['2026-02-30..2026-03-31', '2026-02-30 is not a calendar date.'],
    ['2026-12-31..2026-10-01', 'The period ends (2026-10-01) before it starts (2026-12-31).'],
    ['2020-01-01..2026-01-01', 'A period can be at most five years long.'],
    [
      'Q3',
      '"Q3" is not a period. Write `2026-Q4`, `2026-H2`, `2026-11`, `2026` or `2026-10-01..2026-12-31`.',
    ],
    [
      '2026-Q5',
      '"2026-Q5" is not a period. Write `2026-Q4`, `2026-H2`, `2026-11`, `2026` or `2026-10-01..2026-12-31`.',
    ],
    [
      '2026-H3',
      '"2026-H3" is not a period. Write `2026-Q4`, `2026-H2`, `2026-11`, `2026` or `2026-10-01..2026-12-31`.',
    ],
    ['', '"" is not a period. Write `2026-Q4`, `2026-H2`, `2026-11`, `2026` or `2026-10-01..2026-12-31`.'],
  ])('refuses %j', (text, error) => {
    expect(parsePeriod(text)).toEqual({ ok: false, error });
  });

  it('a named period is not grammar: the name is looked up among stored periods instead', () => {
    expect(parsePeriod('FY26 H2').ok).toBe(false);
    expect(looksLikePeriod('FY26 H2')).toBe(false);
  });
});

describe('looksLikePeriod', () => {
  it.each(['2026', '2026-H2', '2026-Q3', '2026-11', '2026-13', '2026-10-01..2026-12-31'])(
    '%s: yes',
    (text) => {
      expect(looksLikePeriod(text)).toBe(true);
    },
  );
  it.each(['Sales', 'FY26 H2', 'Q3', '26-Q3', '2026-Q3x'])('%s: no', (text) => {
    expect(looksLikePeriod(text)).toBe(false);
  });
});

describe('previousPeriod', () => {
  const previous = (text: string) => {
    const parsed = parsePeriod(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return previousPeriod(parsed.period);
  };
  it.each([
    ['2026', { name: '2025', kind: 'year', start: '2025-01-01', end: '2025-12-31' }],
    ['2026-H1', { name: '2025-H2', kind: 'half', start: '2025-07-01', end: '2025-12-31' }],
    ['2026-H2', { name: '2026-H1', kind: 'half', start: '2026-01-01', end: '2026-06-30' }],
    ['2026-Q1', { name: '2025-Q4', kind: 'quarter', start: '2025-10-01', end: '2025-12-31' }],
    ['2026-Q3', { name: '2026-Q2', kind: 'quarter', start: '2026-04-01', end: '2026-06-30' }],
    ['2026-01', { name: '2025-12', kind: 'month', start: '2025-12-01', end: '2025-12-31' }],
    ['2026-11', { name: '2026-10', kind: 'month', start: '2026-10-01', end: '2026-10-31' }],
    [
      '2026-10-01..2026-10-10',
      { name: '2026-09-21..2026-09-30', kind: 'range', start: '2026-09-21', end: '2026-09-30' },
    ],
  ])('before %s', (text, period) => {
    expect(previous(text)).toEqual(period);
  });
});

describe('quarterContaining', () => {
  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-07-15', '2026-Q3'],
    ['2026-12-31', '2026-Q4'],
  ])('%s is in %s', (day, name) => {
    expect(quarterContaining(day).name).toBe(name);
  });
});

/** What a period argument means: a stored name first, then the grammar (src/domain/review-periods.ts). */
describe.each(DRIVERS)('resolvePeriod with a named period on %s', (driver) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    await createReviewPeriod(testDb.database.db, {
      name: 'FY26 H2',
      range: '2026-07-01..2026-12-31',
      requirement: 2,
      createdBy: 'UHR',
    });
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  it('a stored name resolves to the stored period, whatever its case', async () => {
    const period = await resolvePeriod(testDb.database.db, 'fy26 h2', '2026-11-15');
    expect(period).toEqual({
      name: 'FY26 H2',
      kind: 'range',
      start: '2026-07-01',
      end: '2026-12-31',
      requiredApprovedBots: 2,
      stored: true,
    });
  });

  it('grammar takes the requirement of the stored period it ends in', async () => {
    const period = await resolvePeriod(testDb.database.db, '2026-11', '2026-11-15');
    expect(period).toEqual({
      name: '2026-11',
      kind: 'month',
      start: '2026-11-01',
      end: '2026-11-30',
      requiredApprovedBots: 2,
      stored: false,
    });
  });

  it('no argument: the stored period containing today, else the quarter with one approved bot', async () => {
    expect((await resolvePeriod(testDb.database.db, undefined, '2026-11-15')).name).toBe('FY26 H2');
    expect(await resolvePeriod(testDb.database.db, undefined, '2026-02-10')).toEqual({
      name: '2026-Q1',
      kind: 'quarter',
      start: '2026-01-01',
      end: '2026-03-31',
      requiredApprovedBots: 1,
      stored: false,
    });
  });

  it('a name that is neither stored nor grammar is refused', async () => {
    await expect(resolvePeriod(testDb.database.db, 'Spring review', '2026-11-15')).rejects.toThrow(
      '"Spring review" is not a period.',
    );
  });
});
