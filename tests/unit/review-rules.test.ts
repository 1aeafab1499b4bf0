import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { BotRow } from '../../src/db/queries/bots.js';
import type { DepartmentFigures } from '../../src/db/queries/metrics.js';
import type { DueReminder, ReviewContext } from '../../src/db/queries/reviews.js';
import type { BotStatus } from '../../src/domain/bot-status.js';
import { type HomeData, rankDepartmentsBehind } from '../../src/domain/home.js';
import { pickChampion } from '../../src/domain/reviewer-assignment.js';
import { checkReview, type ReviewActor, validateDecision } from '../../src/domain/reviews.js';
import { listWithin, renderHome } from '../../src/slack/blocks/home.js';
import { packLines, withinBlockLimit } from '../../src/slack/blocks/kit.js';
import {
  readBotIdValue,
  readReviewButtonValue,
  renderReviewMessage,
  renderReviewReminder,
} from '../../src/slack/blocks/review.js';
import { readDecisionMetadata } from '../../src/slack/blocks/review-decision.js';

const NOW = new Date('2026-11-16T09:00:00Z');
const OWNER = 1;
const REVIEWER = 2;
const OTHER = 3;

function bot(status: BotStatus, extra: Partial<BotRow> = {}): BotRow {
  return {
    id: 7,
    ownerId: OWNER,
    name: 'Invoice matcher',
    description: 'Matches invoices to purchase orders',
    link: null,
    platform: null,
    category: null,
    hoursSavedPerWeek: null,
    status,
    version: 1,
    reviewerId: REVIEWER,
    usageTokenHash: null,
    submittedAt: NOW,
    decidedAt: null,
    reviewRequestedAt: NOW,
    reviewMessageChannel: null,
    reviewMessageTs: null,
    reviewRemindedAt: null,
    withdrawnAt: null,
    enteredById: null,
    ownerConfirmation: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  };
}

const REVIEW = {
  id: 1,
  decision: 'approved' as const,
  score: 4,
  comment: null,
  decidedAt: NOW,
  reviewer: { id: REVIEWER, name: 'Mona', slackUserId: 'UMONA' },
};

function context(
  status: BotStatus,
  decided = status !== 'submitted' && status !== 'withdrawn',
): ReviewContext {
  return {
    bot: bot(status),
    owner: { id: OWNER, name: 'Ann', slackUserId: 'UANN' },
    reviewer: { id: REVIEWER, name: 'Mona', slackUserId: 'UMONA' },
    lastReview: decided ? REVIEW : null,
  };
}

describe('checkReview: who may decide, and when', () => {
  const reviewer: ReviewActor = { employeeId: REVIEWER, isHr: false };
  const hr: ReviewActor = { employeeId: OTHER, isHr: true };
  const hrOffRoster: ReviewActor = { employeeId: null, isHr: true };
  const colleague: ReviewActor = { employeeId: OTHER, isHr: false };
  const stranger: ReviewActor = { employeeId: null, isHr: false };
  const owner: ReviewActor = { employeeId: OWNER, isHr: false };
  const hrOwner: ReviewActor = { employeeId: OWNER, isHr: true };

  // Written by hand: actor × status → outcome.
  const CASES: Array<[string, BotStatus, string, ReviewActor]> = [
    ['the reviewer', 'submitted', 'open', reviewer],
    ['HR', 'submitted', 'open', hr],
    ['HR not yet on the roster', 'submitted', 'open', hrOffRoster],
    ['a colleague', 'submitted', 'not-allowed', colleague],
    ['someone off the roster', 'submitted', 'not-allowed', stranger],
    ['the owner', 'submitted', 'not-allowed', owner],
    ['the owner, even in HR', 'submitted', 'not-allowed', hrOwner],
    ['the reviewer', 'approved', 'already-decided', reviewer],
    ['the reviewer', 'rejected', 'already-decided', reviewer],
    ['the reviewer', 'changes_requested', 'already-decided', reviewer],
    ['HR', 'approved', 'already-decided', hr],
    ['a colleague', 'approved', 'not-allowed', colleague],
    ['the reviewer', 'withdrawn', 'not-reviewable', reviewer],
  ];
  it.each(CASES)('%s, %s bot → %s', (_who, status, expected, actor) => {
    expect(checkReview(context(status), actor).kind).toBe(expected);
  });

  it('whoever entered a bot for its owner never decides on it, even in HR (issue 14)', () => {
    const entered = { ...context('submitted'), bot: bot('submitted', { enteredById: OTHER }) };
    expect(checkReview(entered, hr).kind).toBe('not-allowed');
    expect(checkReview(entered, colleague).kind).toBe('not-allowed');
    expect(checkReview(entered, reviewer).kind).toBe('open');
  });

  it('a bot withdrawn after a decision is not-reviewable, not "already decided"', () => {
    expect(checkReview(context('withdrawn', true), reviewer).kind).toBe('not-reviewable');
  });
});

describe('validateDecision', () => {
  it.each([
    ['approved', '4', null, { ok: true, score: 4, comment: null }],
    ['approved', 5, '  Great  ', { ok: true, score: 5, comment: 'Great' }],
    ['approved', null, 'x', { ok: false, errors: { score: 'Choose a score from 1 to 5.' } }],
    ['approved', '0', null, { ok: false, errors: { score: 'The score is a whole number from 1 to 5.' } }],
    ['approved', '6', null, { ok: false, errors: { score: 'The score is a whole number from 1 to 5.' } }],
    ['approved', '2.5', null, { ok: false, errors: { score: 'The score is a whole number from 1 to 5.' } }],
    ['rejected', null, 'Duplicate of #3', { ok: true, score: null, comment: 'Duplicate of #3' }],
    ['rejected', '5', 'No', { ok: true, score: null, comment: 'No' }],
    [
      'changes_requested',
      null,
      ' \n ',
      { ok: false, errors: { comment: expect.stringContaining('what should change') } },
    ],
    [
      'rejected',
      null,
      null,
      { ok: false, errors: { comment: expect.stringContaining('why it is rejected') } },
    ],
  ] as const)('%s with score %s and comment %j', (decision, score, comment, expected) => {
    expect(validateDecision({ decision, score, comment })).toEqual(expected);
  });

  it('refuses a comment over 2000 characters, counting characters not bytes', () => {
    expect(validateDecision({ decision: 'rejected', score: null, comment: '周'.repeat(2000) }).ok).toBe(true);
    expect(validateDecision({ decision: 'rejected', score: null, comment: '周'.repeat(2001) })).toEqual({
      ok: false,
      errors: { comment: 'Keep the comment within 2000 characters.' },
    });
  });
});

describe('pickChampion', () => {
  it('takes the champion with the fewest open reviews, ties to the one listed first', () => {
    expect(
      pickChampion(
        [10, 11, 12],
        new Map([
          [10, 2],
          [11, 1],
          [12, 1],
        ]),
      ),
    ).toBe(11);
    expect(
      pickChampion(
        [12, 11],
        new Map([
          [11, 1],
          [12, 1],
        ]),
      ),
    ).toBe(12);
    expect(pickChampion([10, 11], new Map())).toBe(10);
    expect(pickChampion([], new Map())).toBeNull();
  });
});

describe('rankDepartmentsBehind', () => {
  const d = (department: string | null, headcount: number, builders: number, qualified: number) =>
    ({ department, headcount, builders, qualified }) satisfies DepartmentFigures;

  it('orders by share qualified, then share building, then size; small groups are only named', () => {
    const ranking = rankDepartmentsBehind(
      [
        d('Sales', 10, 5, 1),
        d('Eng', 8, 8, 4),
        d('Ops', 10, 2, 1),
        d('HR', 4, 0, 0),
        d(null, 6, 6, 0),
        d('Legal', 5, 5, 5),
      ],
      5,
    );
    // 0/6 = 0% first; Sales and Ops both 10% qualified, Ops builds less; Eng 50%; Legal 100%.
    expect(ranking.behind.map((x) => x.department)).toEqual([null, 'Ops', 'Sales', 'Eng', 'Legal']);
    expect(ranking.small).toEqual(['HR']);
  });
});

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

describe('block helpers', () => {
  it('packLines fills sections up to 3000 characters and never splits a line', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(1000, '.'));
    const blocks = packLines(lines);
    // Two lines make 2001 characters; a third would make 3002.
    expect(blocks.map((b) => (b.type === 'section' ? b.text?.text.split('\n').length : 0))).toEqual([
      2, 2, 2, 2, 2,
    ]);
  });

  it('listWithin names what fits and counts the rest', () => {
    expect(listWithin(['Ops', 'HR', 'Legal'], 5, 100)).toBe('Ops, HR, Legal');
    expect(listWithin(['Ops', 'HR', 'Legal'], 2, 100)).toBe('Ops, HR and 1 more');
    expect(listWithin(['aaaa', 'bbbb', 'cccc'], 10, 10)).toBe('aaaa, bbbb and 1 more'); // "aaaa, bbbb" is 10
  });

  it('withinBlockLimit keeps the limit and counts what it cut', () => {
    const blocks = Array.from({ length: 120 }, () => ({ type: 'divider' as const }));
    const fitted = withinBlockLimit(blocks, 100);
    expect(fitted).toHaveLength(100);
    expect(JSON.stringify(fitted.at(-1))).toContain('…and 21 more not shown.');
    expect(withinBlockLimit(blocks.slice(0, 5), 100)).toHaveLength(5);
  });

  it('a reminder message stays within 50 blocks', () => {
    const items: DueReminder[] = Array.from({ length: 60 }, (_, i) => ({
      botId: i + 1,
      version: 1,
      name: `Bot ${i}`,
      ownerName: 'Ann',
      reviewerSlackUserId: 'UMONA',
      requestedAt: new Date(NOW.getTime() - 5 * 86_400_000),
      previousRemindedAt: null,
    }));
    const message = renderReviewReminder(items, NOW);
    expect(message.blocks?.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks)).toContain('…and 36 more.');
    expect(JSON.stringify(message.blocks)).toContain('waiting for 5 days');
  });

  it('reads only well-formed bot ids and decision metadata', () => {
    expect(readBotIdValue('12')).toBe(12);
    for (const bad of [undefined, '', '0', '-1', '1.5', '12abc', '9999999999'])
      expect(readBotIdValue(bad)).toBeNull();
    expect(readDecisionMetadata('{"botId":3,"decision":"rejected","version":2,"fromHome":true}')).toEqual({
      botId: 3,
      decision: 'rejected',
      version: 2,
      fromHome: true,
    });
    // A form opened before versions existed: readable, but its version matches nothing (stale).
    expect(readDecisionMetadata('{"botId":3,"decision":"rejected"}')).toEqual({
      botId: 3,
      decision: 'rejected',
      version: null,
      fromHome: false,
    });
    expect(readReviewButtonValue('12:3')).toEqual({ botId: 12, version: 3 });
    expect(readReviewButtonValue('12')).toEqual({ botId: 12, version: null });
    for (const bad of [undefined, '', '0:1', '12:', '12:x', 'x:1', '12:1:1'])
      expect(readReviewButtonValue(bad)).toBeNull();
    for (const bad of [
      undefined,
      '',
      'x',
      '{"botId":3}',
      '{"botId":3,"decision":"delete"}',
      '{"botId":"3;","decision":"approved"}',
    ])
      expect(readDecisionMetadata(bad)).toBeNull();
  });

  it('the reviewer’s DM has buttons only while the bot waits for review', () => {
    const buttons = (status: BotStatus) =>
      (renderReviewMessage(context(status)).blocks ?? []).filter((b) => b.type === 'actions').length;
    expect(buttons('submitted')).toBe(1);
    // Each button carries the version it was drawn for.
    const drawn = renderReviewMessage({ ...context('submitted'), bot: bot('submitted', { version: 4 }) });
    expect(JSON.stringify(drawn.blocks)).toContain('"value":"7:4"');
    for (const status of ['approved', 'rejected', 'changes_requested', 'withdrawn'] as const)
      expect(buttons(status)).toBe(0);
  });
});
