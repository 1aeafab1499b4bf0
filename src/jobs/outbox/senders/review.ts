import { loadReviewContext, reviewById, setReviewMessage } from '../../../db/queries/reviews.js';
import type {
  NoReviewerPayload,
  ReviewDecisionPayload,
  ReviewRefreshPayload,
  ReviewRequestPayload,
} from '../../../domain/review-follow-ups.js';
import { renderDecisionForEnterer } from '../../../slack/blocks/entries.js';
import {
  renderDecisionForSubmitter,
  renderNoReviewer,
  renderReviewMessage,
} from '../../../slack/blocks/review.js';
import type { DeliverySender } from '../sender.js';
import { NOTHING_TO_SEND, postMessage } from './messages.js';
import { recipientTranslator } from './recipient-translator.js';

/**
 * The review loop's follow-ups (planned by src/domain/review-follow-ups.ts), each drawn from the
 * database when sent: a message about a round that is over, a bot that changed hands or a person
 * who was erased is not sent. Each is written in its recipient's language, as it is when sent.
 */

/** `review-request`: the reviewer's DM with the buttons; where it landed is stored for later redraws. */
const sendReviewRequest: DeliverySender = async (row, sender) => {
  const { db, client } = sender;
  const payload = row.payload as ReviewRequestPayload;
  const context = await loadReviewContext(db, payload.botId);
  const requestedAt = new Date(payload.requestedAt);
  if (
    context?.bot.status !== 'submitted' ||
    context.bot.reviewerId !== payload.recipientEmployeeId ||
    context.bot.reviewRequestedAt?.getTime() !== requestedAt.getTime() ||
    !payload.aboutEmployeeIds.includes(context.owner.id)
  )
    return NOTHING_TO_SEND('the review round is over');
  const tr = await recipientTranslator(sender, payload.recipientEmployeeId);
  const sent = await postMessage(row, client, renderReviewMessage(context, tr, payload.source));
  if (sent.channel && sent.ts)
    await setReviewMessage(
      db,
      { botId: payload.botId, reviewerId: payload.recipientEmployeeId, requestedAt },
      sent.channel,
      sent.ts,
    );
  return sent;
};

/** `no-reviewer`: the submitter hears that nobody can review yet (unless someone was found since). */
const sendNoReviewer: DeliverySender = async (row, sender) => {
  const { db, client } = sender;
  const payload = row.payload as NoReviewerPayload;
  const context = await loadReviewContext(db, payload.botId);
  if (
    context?.bot.status !== 'submitted' ||
    context.bot.reviewerId !== null ||
    !payload.aboutEmployeeIds.includes(context.owner.id)
  )
    return NOTHING_TO_SEND('the bot has a reviewer or no longer waits');
  const tr = await recipientTranslator(sender, payload.recipientEmployeeId);
  return postMessage(row, client, renderNoReviewer(context.bot, tr));
};

/** `review-decision`: the submitter's DM about one decision. */
const sendReviewDecision: DeliverySender = async (row, sender) => {
  const { db, client } = sender;
  const payload = row.payload as ReviewDecisionPayload;
  const [context, review] = await Promise.all([
    loadReviewContext(db, payload.botId),
    reviewById(db, payload.botId, payload.reviewId),
  ]);
  if (!context || !review || !payload.aboutEmployeeIds.includes(context.owner.id))
    return NOTHING_TO_SEND('the decision or its bot is gone');
  const tr = await recipientTranslator(sender, payload.recipientEmployeeId);
  // A reviewer erased since is not named.
  const reviewer = payload.aboutEmployeeIds.includes(review.reviewer.id)
    ? review.reviewer
    : { ...review.reviewer, name: tr.t('review.a_reviewer') };
  if (payload.role === 'enterer') {
    if (!payload.aboutEmployeeIds.includes(payload.recipientEmployeeId))
      return NOTHING_TO_SEND('the one who entered the bot is gone');
    return postMessage(
      row,
      client,
      renderDecisionForEnterer(context, { ...review, reviewer }, payload.botCommand, tr),
    );
  }
  return postMessage(
    row,
    client,
    renderDecisionForSubmitter(context, { ...review, reviewer }, payload.botCommand, tr),
  );
};

/** `review-refresh`: chat.update of the reviewer's DM, drawn as the bot is now. */
const sendReviewRefresh: DeliverySender = async (row, sender) => {
  const { db, client } = sender;
  const payload = row.payload as ReviewRefreshPayload;
  const context = await loadReviewContext(db, payload.botId);
  const channel = context?.bot.reviewMessageChannel;
  const ts = context?.bot.reviewMessageTs;
  // No DM stored yet: the request, when it is sent, is drawn as the bot is then.
  if (!context || !channel || !ts || !payload.aboutEmployeeIds.includes(context.owner.id))
    return NOTHING_TO_SEND('no review message to redraw');
  // The DM is the reviewer's: redrawn in their language (the one of the round's reviewer, if known).
  const tr = await recipientTranslator(sender, payload.recipientEmployeeId ?? context.reviewer?.id ?? null);
  const answer = await client.chat.update({ channel, ts, ...renderReviewMessage(context, tr) });
  return { channel: answer.channel, ts: answer.ts };
};

export const reviewSenders = {
  'review-request': sendReviewRequest,
  'no-reviewer': sendNoReviewer,
  'review-decision': sendReviewDecision,
  'review-refresh': sendReviewRefresh,
} satisfies Record<string, DeliverySender>;
