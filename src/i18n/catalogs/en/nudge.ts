/** Deadline nudges: to a person, and to a manager for their reports without Slack. */
export const nudge = {
  'nudge.headline':
    '*{period}* ends {daysLeft, plural, =1 {tomorrow} other {in # days}} ({end}). You have {approved} of {required, plural, one {# approved bot} other {# approved bots}}: {missing} more to go.',
  'nudge.progress_submitted':
    'You submitted {submitted} this period; a bot counts once it is approved, so check `{command} list` for any that need changes.',
  'nudge.progress_none':
    'Submit an AI bot you built with `{command} submit` — it takes a minute; your reviewer decides.',
  'nudge.footer': 'Your record: `{command} me` · No more reminders: `{command} remind off`',
  'nudge.text':
    '{period} ends {daysLeft, plural, =1 {tomorrow} other {in # days}}: {missing, plural, one {# more approved bot} other {# more approved bots}} to go.',

  'nudge.team.text':
    '{period} ends {daysLeft, plural, =1 {tomorrow} other {in # days}}: {count, plural, one {# person in your team without Slack has} other {# people in your team without Slack have}} not met the requirement.',
  'nudge.team.headline':
    ':alarm_clock: *{period}* ends {daysLeft, plural, =1 {tomorrow} other {in # days}} ({end}). {count, plural, one {This person in your team has no Slack and has} other {These # people in your team have no Slack and have}} not met the requirement yet:',
  'nudge.team.line':
    '• *{name}*{hasEmail, select, true { ({email})} other {}} · {approved} of {required} approved, {submitted} submitted',
  'nudge.team.more': '…and {count} more (`{command} team`). ',
  'nudge.team.footer':
    '{more}Enter a bot they built for them: `{command} submit for {example}`. Your team’s records: `{command} team`.',
  'nudge.team.example_email': '<email>',
};
