import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { isoWeek, type WeeklyDigest } from '../../src/domain/digest.js';
import { translator } from '../../src/i18n/index.js';
import { renderChannelDigest, renderManagerDigest } from '../../src/slack/blocks/digest.js';

const EN = translator('en');

/** Block Kit's limits: 50 blocks a message, 3000 characters a section's text. */
const MAX_BLOCKS = 50;
const MAX_SECTION_CHARS = 3000;

const texts = (blocks: KnownBlock[] | undefined) =>
  (blocks ?? []).flatMap((b) => ('text' in b && b.text && typeof b.text === 'object' ? [b.text.text] : []));

function digestWith(departments: number, nameLength: number): WeeklyDigest {
  return {
    period: {
      name: 'FY26-Q4',
      start: '2026-10-01',
      end: '2026-12-31',
      kind: 'range',
      requiredApprovedBots: 1,
      stored: true,
    },
    week: '2026-W47',
    today: '2026-11-16',
    sessions: { timezone: 'UTC', items: [] },
    company: { headcount: departments * 10, builders: departments * 3, qualified: departments },
    companyWeekAgo: { headcount: departments * 10, builders: departments * 2, qualified: departments },
    departments: Array.from({ length: departments }, (_, i) => ({
      department: `${'部'.repeat(nameLength)}<${i}>`,
      now: { headcount: i % 7 === 0 ? 3 : 10, builders: 3, qualified: 1 },
      weekAgo: { headcount: 10, builders: 2, qualified: 1 },
    })),
    newBots: Array.from({ length: 5 }, (_, i) => ({
      id: i + 1,
      name: `Bot ${'x'.repeat(200)}`,
      description: 'd'.repeat(3000),
      ownerName: 'Ann',
      link: null,
    })),
    newBotsTotal: 12,
    mostUsed: [{ id: 1, name: 'Helper', ownerName: 'Ben', uses: 5, users: 3 }],
    backlog: { waiting: 2, overdue: 1, oldestRequestedAt: new Date('2026-11-10T00:00:00Z') },
    chart: [],
  };
}

describe('channel digest blocks', () => {
  it('stays within 50 blocks and 3000 characters a section with many long department names', () => {
    for (const [departments, nameLength] of [
      [3, 5],
      [40, 60],
      [400, 200],
    ] as const) {
      const message = renderChannelDigest(digestWith(departments, nameLength), 5, EN);
      expect(message.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS);
      for (const text of texts(message.blocks))
        expect([...text].length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
    }
  });

  it('shows small groups as "fewer than N", escapes names, and gives the change since last week', () => {
    const message = renderChannelDigest(digestWith(3, 2), 5, EN);
    const all = texts(message.blocks).join('\n');
    expect(all).toContain('*部部&lt;0&gt;* · fewer than 5 people');
    expect(all).toContain('*部部&lt;1&gt;* · 30% (+10) · qualified 10% (±0) · 10');
    expect(all).toContain('*Company* · participation *30%* (+10) · qualified *10%* (±0) · 30 people');
    expect(all).toContain('*New bots this week* (12) — the 5 newest');
    expect(JSON.stringify(message.blocks)).toContain('"action_id":"digest_used_bot","value":"1"');
  });

  it('sums the departments beyond the 30 shown into one line', () => {
    const all = texts(renderChannelDigest(digestWith(40, 3), 5, EN).blocks).join('\n');
    expect(all).toMatch(/…and 10 smaller departments \(\d+ people\)/);
  });
});

describe('manager digest blocks', () => {
  it('lists a large team within the limits', () => {
    const reports = Array.from({ length: 3000 }, (_, i) => ({
      id: i + 1,
      name: `Person ${i} ${'n'.repeat(40)}`,
      status: (['approved', 'waiting', 'submitted', 'nothing'] as const)[i % 4] ?? 'nothing',
    }));
    const message = renderManagerDigest({ managerId: 9, managerSlackUserId: 'UM', reports }, 'FY26-Q4', EN);
    expect(message.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const text of texts(message.blocks)) expect([...text].length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
    expect(message.text).toBe(
      'Your team: 750 of 3000 met the requirement · 750 waiting for review · 750 submitted · 750 nothing yet',
    );
  });
});

describe('ISO week', () => {
  it('numbers weeks as ISO 8601 does, across a year end', () => {
    expect(isoWeek('2026-11-16')).toBe('2026-W47');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});
