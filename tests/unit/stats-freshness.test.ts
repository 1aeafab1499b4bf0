import { describe, expect, it } from 'vitest';
import type { AdoptionFigures, FunnelFigures } from '../../src/db/queries/metrics.js';
import type { Freshness } from '../../src/domain/figures.js';
import type { StatsReport } from '../../src/domain/stats.js';
import { translator } from '../../src/i18n/index.js';
import { describeFreshness, renderFunnel, renderStats } from '../../src/slack/blocks/stats.js';

const EN = translator('en');

const FIGURES: AdoptionFigures = {
  headcount: 10,
  builders: 4,
  qualified: 2,
  newBots: 3,
  approvedBots: 2,
  pendingReviews: 1,
  medianReviewTurnaroundHours: null,
  uses: 5,
  distinctColleagueUsers: 3,
  adoptedBots: 1,
  medianDaysToFirstBot: 12,
  estimatedHoursSavedPerWeek: 4,
};
const AT = new Date('2026-11-28T06:20:00Z');
const snapshot: Freshness = { source: 'snapshot', computedAt: AT, asOf: AT };

function report(overrides: Partial<StatsReport> = {}): StatsReport {
  return {
    scope: { kind: 'company' },
    period: {
      name: '2026-Q4',
      kind: 'quarter',
      start: '2026-10-01',
      end: '2026-12-31',
      requiredApprovedBots: 1,
      stored: false,
    },
    previousPeriod: {
      name: '2026-Q3',
      kind: 'quarter',
      start: '2026-07-01',
      end: '2026-09-30',
      requiredApprovedBots: 1,
      stored: false,
    },
    figures: FIGURES,
    previous: FIGURES,
    freshness: snapshot,
    previousFreshness: snapshot,
    timezone: 'UTC',
    refreshedEveryMinutes: 10,
    ...overrides,
  };
}

describe('how fresh the stats are, in the reply', () => {
  it('names a snapshot, its time in the company zone, and the refresh interval', () => {
    expect(describeFreshness(report(), EN)).toBe(
      'As of 06:20 UTC, 28 Nov: a snapshot, refreshed every 10 minutes.',
    );
    expect(
      describeFreshness(
        report({ timezone: 'Asia/Shanghai', refreshedEveryMinutes: 1 }),
        translator('en', { timeZone: 'Asia/Shanghai' }),
      ),
    ).toBe('As of 14:20 GMT+8, 28 Nov: a snapshot, refreshed every 1 minute.');
    expect(describeFreshness(report({ refreshedEveryMinutes: null }), EN)).toBe(
      'As of 06:20 UTC, 28 Nov: a snapshot, computed on an earlier request.',
    );
  });

  it('says "computed live", and gives the previous period its own time when it differs', () => {
    const live: Freshness = { source: 'live', computedAt: new Date('2026-11-28T06:25:00Z'), asOf: AT };
    expect(describeFreshness(report({ freshness: live, previousFreshness: live }), EN)).toBe(
      'As of 06:25 UTC, 28 Nov: computed live.',
    );
    expect(describeFreshness(report({ freshness: live }), EN)).toBe(
      'As of 06:25 UTC, 28 Nov: computed live. 2026-Q3 as of 06:20 UTC, 28 Nov (a snapshot).',
    );
  });

  it('puts it in the message, both in the blocks and in the notification text', () => {
    const message = renderStats(report(), 5, EN);
    expect(message.text).toContain('(As of 06:20 UTC, 28 Nov: a snapshot, refreshed every 10 minutes.)');
    expect(JSON.stringify(message.blocks)).toContain(
      'As of 06:20 UTC, 28 Nov: a snapshot, refreshed every 10 minutes.',
    );
  });
});

describe('the learning funnel’s freshness', () => {
  const funnel: FunnelFigures = {
    headcount: 10,
    attended: 5,
    attendedBuilders: 3,
    attendedQualified: 2,
    attendedUsed: 1,
    nonAttendees: 5,
    nonAttendeeBuilders: 1,
    attendeeMedianDaysToFirstBot: 9,
    nonAttendeeMedianDaysToFirstBot: 30,
  };
  const text = (freshness: Freshness) =>
    JSON.stringify(
      renderFunnel({ scope: { kind: 'company' }, funnel, departments: [], freshness }, 3, report(), EN),
    );

  it('says nothing more when it comes from the figures’ snapshot', () => {
    expect(text(snapshot)).toContain('Attended ≥ 1 session: *5* of 10 (50%)');
    expect(text(snapshot)).not.toContain('_Funnel:');
  });

  it('gives its own time and source when it was computed at another moment', () => {
    const later = new Date(AT.getTime() + 5 * 60_000);
    expect(text({ source: 'live', computedAt: later, asOf: later })).toContain(
      '_Funnel: As of 06:25 UTC, 28 Nov: computed live._',
    );
  });
});
