import { describe, expect, it } from 'vitest';
import { dueNudgeOffsets, localTime, nudgeDay } from '../../src/domain/nudges.js';

const at = (iso: string) => new Date(iso);

describe('nudge days', () => {
  it('are 14, 7 and 2 days before the last day, moved from a weekend to the Friday before', () => {
    // 2026-12-31 is a Thursday: 12-17 Thu, 12-24 Thu, 12-29 Tue — all weekdays.
    expect([14, 7, 2].map((d) => nudgeDay('2026-12-31', d))).toEqual([
      '2026-12-17',
      '2026-12-24',
      '2026-12-29',
    ]);
    // 2026-11-30 is a Monday: 11-16 Mon, 11-23 Mon, 11-28 Sat → Fri 11-27.
    expect(nudgeDay('2026-11-30', 2)).toBe('2026-11-27');
    // 2026-12-01 is a Tuesday: 2 days before is Sunday 11-29 → Fri 11-27.
    expect(nudgeDay('2026-12-01', 2)).toBe('2026-11-27');
    // 2026-03-22 is a Sunday: 14 and 7 days before are Sundays too → Fridays.
    expect([14, 7].map((d) => nudgeDay('2026-03-22', d))).toEqual(['2026-03-06', '2026-03-13']);
  });

  it('reads the wall clock in a zone', () => {
    expect(localTime(at('2026-03-09T14:00:00Z'), 'America/New_York')).toEqual({
      date: '2026-03-09',
      hour: 10,
      minute: 0,
    });
    expect(localTime(at('2026-03-09T03:30:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2026-03-09',
      hour: 9,
      minute: 0,
    });
  });
});

describe('nudges are due at 10:00 local time, DST included', () => {
  // America/New_York springs forward on Sunday 2026-03-08: 10:00 is 15:00Z before, 14:00Z after.
  const endsMarch23 = { start: '2026-01-01', end: '2026-03-23' }; // 14 days before: Mon 03-09; 7 before: Mon 03-16
  it('America/New_York, the Monday after the spring change', () => {
    expect(dueNudgeOffsets(endsMarch23, at('2026-03-09T13:59:00Z'), 'America/New_York')).toEqual([]);
    expect(dueNudgeOffsets(endsMarch23, at('2026-03-09T14:00:00Z'), 'America/New_York')).toEqual([14]);
    // Same instant in UTC and London: 14:00 local, a nudge day there too.
    expect(dueNudgeOffsets(endsMarch23, at('2026-03-09T14:00:00Z'), 'Europe/London')).toEqual([14]);
    // Until 20:00 local (a replica down at 10:00 still nudges that day), never at night.
    expect(dueNudgeOffsets(endsMarch23, at('2026-03-09T23:59:00Z'), 'America/New_York')).toEqual([14]);
    expect(dueNudgeOffsets(endsMarch23, at('2026-03-10T00:00:00Z'), 'America/New_York')).toEqual([]);
  });

  it('America/New_York, a week before the change: 10:00 EST is 15:00Z', () => {
    const endsMarch16 = { start: '2026-01-01', end: '2026-03-16' }; // 14 days before: Mon 03-02
    expect(dueNudgeOffsets(endsMarch16, at('2026-03-02T14:30:00Z'), 'America/New_York')).toEqual([]);
    expect(dueNudgeOffsets(endsMarch16, at('2026-03-02T15:00:00Z'), 'America/New_York')).toEqual([14]);
  });

  it('Europe/London, around the autumn change on Sunday 2026-10-25', () => {
    // Ends Fri 2026-11-06: 14 days before is Fri 10-23 (BST, 10:00 = 09:00Z); 7 before is Fri 10-30 (GMT, 10:00 = 10:00Z).
    const period = { start: '2026-10-01', end: '2026-11-06' };
    expect(dueNudgeOffsets(period, at('2026-10-23T08:59:00Z'), 'Europe/London')).toEqual([]);
    expect(dueNudgeOffsets(period, at('2026-10-23T09:00:00Z'), 'Europe/London')).toEqual([14]);
    expect(dueNudgeOffsets(period, at('2026-10-30T09:00:00Z'), 'Europe/London')).toEqual([]);
    expect(dueNudgeOffsets(period, at('2026-10-30T10:00:00Z'), 'Europe/London')).toEqual([7]);
  });

  it('never on a weekend: the Saturday nudge comes on Friday instead', () => {
    const period = { start: '2026-10-01', end: '2026-11-30' }; // 2 days before: Sat 11-28 → Fri 11-27
    expect(dueNudgeOffsets(period, at('2026-11-28T10:00:00Z'), 'UTC')).toEqual([]);
    expect(dueNudgeOffsets(period, at('2026-11-27T10:00:00Z'), 'UTC')).toEqual([2]);
  });

  it('not before the period starts (a short period has fewer nudges)', () => {
    expect(
      dueNudgeOffsets({ start: '2026-11-20', end: '2026-11-30' }, at('2026-11-16T10:00:00Z'), 'UTC'),
    ).toEqual([]);
  });
});
