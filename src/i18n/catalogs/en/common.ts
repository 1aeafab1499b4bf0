/** Words and counts every surface uses. ICU MessageFormat: plurals and numbers go through Intl. */
export const common = {
  'common.bots': '{count, plural, one {# bot} other {# bots}}',
  'common.uses': '{count, plural, one {# use} other {# uses}}',
  'common.people': '{count, plural, one {# person} other {# people}}',
  'common.colleagues': '{count, plural, one {# colleague} other {# colleagues}}',
  'common.days': '{count, plural, one {# day} other {# days}}',
  'common.minutes': '{count, plural, one {# minute} other {# minutes}}',
  'common.seats': '{count, plural, one {# seat} other {# seats}}',
  'common.hours_per_week': '{hours, plural, one {# hour a week} other {# hours a week}}',
  'common.fewer_than': 'fewer than {min, number}',
  'common.none': 'none',
  'common.status.submitted': 'Waiting for review',
  'common.status.approved': 'Approved',
  'common.status.changes_requested': 'Changes requested',
  'common.status.rejected': 'Rejected',
  'common.status.withdrawn': 'Withdrawn',
  'common.entered_by': 'entered by {name}',
};
