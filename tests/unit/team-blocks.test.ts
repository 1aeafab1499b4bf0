import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '../../src/db/queries/metrics.js';
import type { ReviewPeriod } from '../../src/domain/review-periods.js';
import { translator } from '../../src/i18n/index.js';
import { renderTeamNudge } from '../../src/slack/blocks/nudge.js';
import { readTeamPageValue, renderTeamPage } from '../../src/slack/blocks/team.js';

const EN = translator('en');

const PERIOD: ReviewPeriod = {
  name: '2026-Q4',
  start: '2026-10-01',
  end: '2026-12-31',
  kind: 'quarter',
  requiredApprovedBots: 1,
  stored: false,
};

const huge = '<&>*_'.repeat(200);

function record(i: number, extra: Partial<PersonRecord> = {}): PersonRecord {
  return {
    rosterId: i,
    employeeId: null,
    slackUserId: i % 2 === 0 ? `U${i}` : null,
    name: `Person ${i} ${huge}`,
    email: `p${i}.${'x'.repeat(200)}@example.com`,
    department: 'Ops',
    managerEmail: null,
    managerSlackUserId: null,
    botsSubmitted: 1,
    botsApproved: 0,
    firstSubmittedAt: new Date('2026-10-02T10:00:00Z'),
    bestScore: null,
    colleagueUses: 0,
    distinctColleagueUsers: 0,
    estHoursSavedPerWeek: 0,
    requirementMet: false,
    reportedUses: 0,
    sessionsAttended: 0,
    enteredBy: Array.from({ length: 30 }, (_, k) => ({ name: `Enterer ${k} ${huge}`, email: null })),
    ...extra,
  };
}

type Block = {
  type: string;
  text?: { text: string };
  elements?: Array<{ action_id?: string; value?: string }>;
};

describe('renderTeamPage within Block Kit limits', () => {
  it('a full page of the longest names stays within 50 blocks and 3000 characters a section, with a Next button', () => {
    const message = renderTeamPage(
      {
        period: PERIOD,
        page: 1,
        pageSize: 20,
        total: 45,
        met: 3,
        records: Array.from({ length: 20 }, (_, i) => record(i)),
      },
      '2026-Q4',
      '/bot',
      EN,
    );
    const blocks = message.blocks as Block[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    const lines = blocks.flatMap((b) => (b.type === 'section' ? (b.text?.text ?? '').split('\n') : []));
    expect(lines.filter((line) => line.startsWith('•'))).toHaveLength(20);
    const next = blocks.find((b) => b.type === 'actions')?.elements?.[0];
    expect(next?.action_id).toBe('bot_team_page');
    expect(readTeamPageValue(next?.value)).toEqual({ period: '2026-Q4', page: 2 });
    expect(message.text).toBe('3 of 45 in your team have met the requirement (page 1 of 3)');
  });

  it('says so to someone with no direct reports, and has no button on the last page', () => {
    const none = renderTeamPage(
      { period: PERIOD, page: 1, pageSize: 20, total: 0, met: 0, records: [] },
      undefined,
      '/bot',
      EN,
    );
    expect(none.text).toBe('You have no direct reports.');
    const last = renderTeamPage(
      {
        period: PERIOD,
        page: 2,
        pageSize: 20,
        total: 21,
        met: 21,
        records: [record(21, { requirementMet: true })],
      },
      undefined,
      '/bot',
      EN,
    );
    expect((last.blocks as Block[]).some((b) => b.type === 'actions')).toBe(false);
  });

  it('refuses a tampered Next value', () => {
    expect(readTeamPageValue('{"period":3,"page":2}')).toBeNull();
    expect(readTeamPageValue('{"page":0}')).toBeNull();
    expect(readTeamPageValue('nope')).toBeNull();
    expect(readTeamPageValue('{"period":null,"page":3}')).toEqual({ period: undefined, page: 3 });
  });
});

describe('renderTeamNudge within Block Kit limits', () => {
  it('lists at most 40 people, counts the rest, and suggests entering a bot for the first', () => {
    const people = Array.from({ length: 100 }, (_, i) => record(i));
    const message = renderTeamNudge(people, PERIOD, 7, '/bot', EN);
    const blocks = message.blocks as Block[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    const text = JSON.stringify(blocks);
    expect(text).toContain('…and 60 more');
    expect(text).toContain('/bot submit for p0.');
    expect(message.text).toBe(
      '2026-Q4 ends in 7 days: 100 people in your team without Slack have not met the requirement.',
    );
  });
});
