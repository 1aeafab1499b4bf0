import { describe, expect, it } from 'vitest';
import type { DueReminder } from '../../src/db/queries/reviews.js';
import type { BotStatus } from '../../src/domain/bot-status.js';
import { translator } from '../../src/i18n/index.js';
import {
  readBotIdValue,
  readReviewButtonValue,
  renderReviewMessage,
  renderReviewReminder,
} from '../../src/slack/blocks/review.js';
import { readDecisionMetadata } from '../../src/slack/blocks/review-decision.js';
import { bot, context, NOW } from '../fixtures/review-context.js';

describe('review messages', () => {
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
    const message = renderReviewReminder(items, NOW, translator('en'));
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
      (renderReviewMessage(context(status), translator('en')).blocks ?? []).filter(
        (b) => b.type === 'actions',
      ).length;
    expect(buttons('submitted')).toBe(1);
    // Each button carries the version it was drawn for.
    const drawn = renderReviewMessage(
      { ...context('submitted'), bot: bot('submitted', { version: 4 }) },
      translator('en'),
    );
    expect(JSON.stringify(drawn.blocks)).toContain('"value":"7:4"');
    for (const status of ['approved', 'rejected', 'changes_requested', 'withdrawn'] as const)
      expect(buttons(status)).toBe(0);
  });
});
