import { describe, expect, it } from 'vitest';
import {
  awaitsReview,
  BOT_STATUSES,
  type BotStatus,
  type BotStatusEvent,
  DECISION_EVENTS,
  isResubmission,
  nextBotStatus,
} from '../../src/domain/bot-status.js';
import { translator } from '../../src/i18n/index.js';

const EVENTS: BotStatusEvent[] = ['approve', 'request_changes', 'reject', 'edit', 'withdraw'];

// The lifecycle of DESIGN §4, written out by hand: null means the move is refused.
const EXPECTED: Record<BotStatus, Record<BotStatusEvent, BotStatus | null>> = {
  submitted: {
    approve: 'approved',
    request_changes: 'changes_requested',
    reject: 'rejected',
    edit: 'submitted',
    withdraw: 'withdrawn',
  },
  changes_requested: {
    approve: null,
    request_changes: null,
    reject: null,
    edit: 'submitted',
    withdraw: 'withdrawn',
  },
  approved: { approve: null, request_changes: null, reject: null, edit: null, withdraw: 'withdrawn' },
  rejected: { approve: null, request_changes: null, reject: null, edit: null, withdraw: 'withdrawn' },
  withdrawn: { approve: null, request_changes: null, reject: null, edit: null, withdraw: null },
};

const PAIRS = (Object.keys(EXPECTED) as BotStatus[]).flatMap((status) =>
  EVENTS.map((event) => [status, event, EXPECTED[status][event]] as const),
);
const REFUSED = PAIRS.filter(([, , next]) => next === null);

// How each status is put in words, so that a refusal says where the bot stands.
const STATUS_WORDS: Record<BotStatus, string> = {
  submitted: 'review',
  changes_requested: 'changes requested',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};
const ZH_STATUS_WORDS: Record<BotStatus, string> = {
  submitted: '审核',
  changes_requested: '修改',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};

describe('nextBotStatus', () => {
  it('knows exactly the five statuses of the table', () => {
    expect([...BOT_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('covers 25 pairs, of which 16 are refused', () => {
    expect(PAIRS).toHaveLength(25);
    expect(REFUSED).toHaveLength(16);
  });

  it.each(PAIRS)('%s + %s → %s', (status, event, expected) => {
    expect(nextBotStatus(status, event)).toBe(expected);
  });

  it('a withdrawn bot never changes again', () => {
    for (const event of EVENTS) expect(nextBotStatus('withdrawn', event)).toBeNull();
  });

  it('review decisions apply only to a bot waiting for review', () => {
    for (const status of BOT_STATUSES) {
      for (const event of ['approve', 'request_changes', 'reject'] as const) {
        expect(nextBotStatus(status, event) !== null).toBe(status === 'submitted');
      }
    }
  });
});

/**
 * Why an owner's edit or withdrawal is refused (errors.invalid_status_change, issue 13: the domain
 * gives the code and the status, the catalog says it in the reader's language).
 */
describe('the refusal of an edit or a withdrawal', () => {
  const en = translator('en');
  const zh = translator('zh-CN');
  const reason = (status: BotStatus, action: BotStatusEvent, tr = en) =>
    tr.t('errors.invalid_status_change', { id: 3, action, status });
  const OWNER_REFUSED = REFUSED.filter(([, event]) => event === 'edit' || event === 'withdraw');

  it.each(OWNER_REFUSED)(
    '%s + %s has a reason that says where the bot stands, in both languages',
    (status, event) => {
      expect(reason(status, event).toLowerCase()).toContain(STATUS_WORDS[status]);
      expect(reason(status, event)).toMatch(/^Bot #3 cannot be (edited|withdrawn): .+[^.]\.$/);
      expect(reason(status, event, zh)).toContain(ZH_STATUS_WORDS[status]);
    },
  );

  it('editing an approved bot explains to withdraw it and submit again', () => {
    expect(reason('approved', 'edit')).toContain('withdraw');
    expect(reason('approved', 'edit')).toContain('submit');
    expect(reason('approved', 'edit', zh)).toContain('先撤回');
  });

  it('editing a rejected bot points to a new submission, and does not claim it is approved', () => {
    expect(reason('rejected', 'edit')).toContain('submit');
    expect(reason('rejected', 'edit')).not.toContain('approved');
    expect(reason('rejected', 'edit', zh)).not.toContain('已通过');
  });

  it('an approved bot is never described as rejected, nor a rejected one as approved', () => {
    expect(reason('approved', 'edit')).not.toContain('rejected');
    expect(reason('rejected', 'edit')).not.toContain('approved');
  });
});

describe('review decisions in the machine', () => {
  it('maps each stored decision to its event, and each leads to the status of the same name', () => {
    expect(DECISION_EVENTS).toEqual({
      approved: 'approve',
      changes_requested: 'request_changes',
      rejected: 'reject',
    });
    for (const [decision, event] of Object.entries(DECISION_EVENTS)) {
      expect(nextBotStatus('submitted', event)).toBe(decision);
    }
  });

  // Written by hand: only a bot waiting for review can be decided.
  const AWAITS: Record<BotStatus, boolean> = {
    submitted: true,
    changes_requested: false,
    approved: false,
    rejected: false,
    withdrawn: false,
  };
  it.each(Object.entries(AWAITS))('awaitsReview(%s) is %s', (status, expected) => {
    expect(awaitsReview(status as BotStatus)).toBe(expected);
  });

  // An edit resubmits (needs a reviewer again) only when it moves the bot back into review.
  const RESUBMISSIONS: Array<[BotStatus, BotStatus, boolean]> = [
    ['changes_requested', 'submitted', true],
    ['submitted', 'submitted', false],
    ['submitted', 'withdrawn', false],
    ['approved', 'withdrawn', false],
  ];
  it.each(RESUBMISSIONS)('isResubmission(%s → %s) is %s', (before, after, expected) => {
    expect(isResubmission(before, after)).toBe(expected);
  });
});
