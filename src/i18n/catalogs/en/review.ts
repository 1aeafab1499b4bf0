/** The reviewer's DM, the decision modal and the decision DMs to the owner. */
export const review = {
  'review.waiting':
    '{count, plural, one {# bot is waiting for your review} other {# bots are waiting for your review}}',
};
