import { describe, expect, it } from 'vitest';
import type { BotStatus } from '../../src/domain/bot-status.js';
import { checkReview, type ReviewActor, validateDecision as validate } from '../../src/domain/reviews.js';
import { translator } from '../../src/i18n/index.js';
import { decisionErrors } from '../../src/slack/blocks/review-decision.js';
import { bot, context, OTHER, OWNER, REVIEWER } from '../fixtures/review-context.js';

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
  // The domain answers codes; the reviewer reads them as the modal shows them (here in English).
  const validateDecision = (input: Parameters<typeof validate>[0]) => {
    const result = validate(input);
    return result.ok ? result : { ok: false, errors: decisionErrors(result.errors, translator('en')) };
  };

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
