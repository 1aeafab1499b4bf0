/** Deadline nudges and review reminders. */
export const nudge = {
  'nudge.to_go':
    '{period} ends {date}: {missing, plural, one {# more approved bot} other {# more approved bots}} to go.',
};
