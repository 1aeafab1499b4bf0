import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { DepartmentFigures } from '../../src/db/queries/metrics.js';
import type { HomeData } from '../../src/domain/home.js';
import { translator } from '../../src/i18n/index.js';
import { listWithin, renderHome } from '../../src/slack/blocks/home.js';
import { packLines, withinBlockLimit } from '../../src/slack/blocks/kit.js';

const EN = translator('en');

const NOW = new Date('2026-11-16T09:00:00Z');

describe('renderHome stays within Block Kit limits', () => {
  const period = {
    name: '2026-Q4',
    start: '2026-10-01',
    end: '2026-12-31',
    kind: 'quarter' as const,
    requiredApprovedBots: 1,
    stored: false,
  };
  const huge = 'x<&>'.repeat(1000);
  const home = (n: number, departments: DepartmentFigures[]): HomeData => ({
    mine: {
      period,
      today: '2026-11-16',
      record: {
        rosterId: 1,
        employeeId: null,
        slackUserId: 'UBIG',
        name: 'Big',
        email: null,
        department: null,
        managerEmail: null,
        managerSlackUserId: null,
        botsSubmitted: n,
        botsApproved: 0,
        firstSubmittedAt: null,
        bestScore: null,
        colleagueUses: 0,
        distinctColleagueUsers: 0,
        estHoursSavedPerWeek: 0,
        requirementMet: false,
        enteredBy: [],
        reportedUses: 0,
        sessionsAttended: 0,
      },
    },
    team: null,
    nextSession: { session: null, timezone: 'UTC' },
    bots: {
      total: n,
      bots: Array.from({ length: Math.min(n, 50) }, (_, i) => ({
        id: i + 1,
        name: huge.slice(0, 80),
        status: 'submitted' as const,
        link: `https://example.com/${'y'.repeat(1990)}`,
        submittedAt: NOW,
        colleagueUses: i,
        enteredByName: null,
        ownerConfirmation: null,
        reportedUses: 0,
      })),
      enteredForOthers: [],
    },
    reviews: {
      total: n,
      items: Array.from({ length: Math.min(n, 50) }, (_, i) => ({
        botId: 1000 + i,
        version: 1,
        name: huge.slice(0, 80),
        description: huge.slice(0, 2000),
        link: `https://example.com/${'z'.repeat(1990)}`,
        platform: null,
        category: null,
        hoursSavedPerWeek: null,
        ownerName: huge.slice(0, 200),
        ownerSlackUserId: 'UX',
        requestedAt: NOW,
      })),
    },
    company: {
      period,
      figures: {
        headcount: 100_000,
        builders: 50_000,
        qualified: 25_000,
        newBots: 1,
        approvedBots: 1,
        pendingReviews: 1,
        medianReviewTurnaroundHours: null,
        uses: 1,
        distinctColleagueUsers: 1,
        adoptedBots: 1,
        medianDaysToFirstBot: null,
        estimatedHoursSavedPerWeek: 1,
      },
      departments,
      freshness: { source: 'snapshot', computedAt: NOW, asOf: NOW },
      refreshedEveryMinutes: 10,
    },
  });

  it('cuts 200 bots, 200 reviews and 500 departments to under 100 blocks, each section under 3000', () => {
    const departments = Array.from({ length: 500 }, (_, i) => ({
      department: `${huge.slice(0, 300)}${i}`,
      headcount: i % 2 === 0 ? 2 : 50,
      builders: 1,
      qualified: 0,
    }));
    const view = renderHome(home(200, departments), {
      command: '/bot',
      minGroupSize: 5,
      now: NOW,
      timezone: 'UTC',
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const block of view.blocks as KnownBlock[]) {
      if (block.type === 'section') {
        if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
        for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
        expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
      }
      if (block.type === 'context') {
        expect(block.elements.length).toBeLessThanOrEqual(10);
        for (const e of block.elements)
          if ('text' in e) expect(String(e.text).length).toBeLessThanOrEqual(3000);
      }
    }
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('…and 180 more (oldest not shown).');
    expect(text).toContain('…and 190 more, longest-waiting first.');
    expect(text).toContain('Not ranked, fewer than 5 people:');
    expect(text).toMatch(/and 2\d\d more\./); // 250 small departments: a few named, the rest counted
    expect(text).toContain('As of'); // HR's figures say how fresh they are
    expect(text).toContain('a snapshot, refreshed every 10 minutes.');
  });

  it('shows a company smaller than MIN_GROUP_SIZE as "fewer than N", without figures', () => {
    const data = home(0, []);
    if (!data.company) throw new Error('no company');
    data.company.figures.headcount = 3;
    const text = JSON.stringify(
      renderHome(data, { command: '/bot', minGroupSize: 5, now: NOW, timezone: 'UTC' }).blocks,
    );
    expect(text).toContain('*fewer than 5*');
    expect(text).not.toContain('Headcount');
    expect(text).toContain('You have not submitted any bots yet');
  });
});

describe('block helpers: packLines, listWithin, withinBlockLimit', () => {
  it('packLines fills sections up to 3000 characters and never splits a line', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(1000, '.'));
    const blocks = packLines(lines);
    // Two lines make 2001 characters; a third would make 3002.
    expect(blocks.map((b) => (b.type === 'section' ? b.text?.text.split('\n').length : 0))).toEqual([
      2, 2, 2, 2, 2,
    ]);
  });

  it('listWithin names what fits and counts the rest', () => {
    expect(listWithin(['Ops', 'HR', 'Legal'], 5, 100, EN)).toBe('Ops, HR, Legal');
    expect(listWithin(['Ops', 'HR', 'Legal'], 2, 100, EN)).toBe('Ops, HR and 1 more');
    expect(listWithin(['aaaa', 'bbbb', 'cccc'], 10, 10, EN)).toBe('aaaa, bbbb and 1 more'); // "aaaa, bbbb" is 10
  });

  it('withinBlockLimit keeps the limit and counts what it cut', () => {
    const blocks = Array.from({ length: 120 }, () => ({ type: 'divider' as const }));
    const fitted = withinBlockLimit(blocks, 100);
    expect(fitted).toHaveLength(100);
    expect(JSON.stringify(fitted.at(-1))).toContain('…and 21 more not shown.');
    expect(withinBlockLimit(blocks.slice(0, 5), 100)).toHaveLength(5);
  });
});
