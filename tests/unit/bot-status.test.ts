import { describe, expect, it } from 'vitest';
import {
  awaitsReview,
  BOT_STATUSES,
  type BotStatus,
  type BotStatusEvent,
  DECISION_EVENTS,
  isResubmission,
  nextBotStatus,
  refusalReason,
} from '../../src/domain/bot-status.js';

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

describe('refusalReason', () => {
  it.each(REFUSED)('%s + %s has a reason that says where the bot stands', (status, event) => {
    const reason = refusalReason(status, event);
    expect(reason.trim()).not.toBe('');
    expect(reason.toLowerCase()).toContain(STATUS_WORDS[status]);
    // The caller writes "Bot #3 cannot be edited: <reason>." and adds the full stop itself.
    expect(reason).not.toMatch(/[.!]$/);
  });

  it('editing an approved bot explains to withdraw it and submit again', () => {
    const reason = refusalReason('approved', 'edit');
    expect(reason).toContain('withdraw');
    expect(reason).toContain('submit');
  });

  it('editing a rejected bot points to a new submission, and does not claim it is approved', () => {
    const reason = refusalReason('rejected', 'edit');
    expect(reason).toContain('submit');
    expect(reason).not.toContain('approved');
  });

  it('an approved bot is never described as rejected, nor a rejected one as approved', () => {
    for (const event of EVENTS.filter((e) => EXPECTED.approved[e] === null)) {
      expect(refusalReason('approved', event)).not.toContain('rejected');
    }
    for (const event of EVENTS.filter((e) => EXPECTED.rejected[e] === null)) {
      expect(refusalReason('rejected', event)).not.toContain('approved');
    }
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
