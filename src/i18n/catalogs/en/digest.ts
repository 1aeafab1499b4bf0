/** The weekly channel digest, its chart, and the manager digest. */
export const digest = {
  'digest.participation': '{department}: {rate, number, percent} participation',

  // The channel digest (DIGEST_LOCALE). Dates and shares come formatted by the renderer.
  'digest.header': 'AI adoption this week · {period}',
  'digest.context':
    '{period} to date ({start} – {end}, requirement ≥ {required, plural, one {# approved bot} other {# approved bots}}) as of {today}; {firstWeek, select, true {the period is in its first week} other {change since last week in points}}.',
  'digest.change': ' ({points})',
  'digest.company_small': '*Company*: fewer than {min, plural, one {# person} other {# people}}',
  'digest.company':
    '*Company* · participation *{participation}*{participationChange} · qualified *{qualified}*{qualifiedChange} · {headcount, plural, one {# person} other {# people}}',
  'digest.no_department': '_No department_',
  'digest.department_small': '{department} · fewer than {min, plural, one {# person} other {# people}}',
  'digest.department':
    '{department} · {participation}{participationChange} · qualified {qualified}{qualifiedChange} · {headcount, number}',
  'digest.more_departments':
    '…and {count, plural, one {# smaller department} other {# smaller departments}} ({people, plural, one {# person} other {# people}}): `/adoption stats <department>`',
  'digest.departments_heading': '*By department* — participation · qualified · people',
  'digest.new_bots_none': '*New bots this week*: none yet — be the first: `/bot submit`',
  'digest.new_bots': '*New bots this week* ({total, number})',
  'digest.new_bots_newest': '*New bots this week* ({total, number}) — the {shown, number} newest',
  'digest.bot': '*#{id} {name}* by {owner}\n{description}',
  'digest.used_button': 'I used this',
  'digest.most_used_heading': '*Most used this week*',
  'digest.most_used':
    '{rank, number}. *#{id} {name}* by {owner} — {uses, plural, one {# use} other {# uses}} by {users, plural, one {# colleague} other {# colleagues}}',
  'digest.backlog_none': '*Review backlog*: nothing waiting for review.',
  'digest.backlog':
    '*Review backlog*: {waiting, plural, one {# bot} other {# bots}} waiting for review, {overdue, number} for more than 3 days{oldest}.',
  'digest.backlog_oldest': ', the oldest since {date}',
  'digest.footer':
    'Groups under {min, plural, one {# person} other {# people}} show as "fewer than {min}". Your own record: `/bot me`.',
  'digest.text': 'AI adoption this week: {participation} participation, {qualified} qualified ({period})',
  'digest.more_in_stats': 'More in `/adoption stats`.',

  // The chart (DIGEST_LOCALE): drawn with the bundled CJK font.
  'digest.chart.title': 'Participation by week · {period}',
  'digest.chart.comment': 'Participation (people with a bot / headcount) by week, {period} to date.',
  'digest.chart.week_axis': 'Week ending',
  'digest.chart.participation_axis': 'Participation %',
  'digest.chart.company': 'Company',

  // The manager digest (the manager's language).
  'digest.manager.heading': '*Your team’s AI adoption* · {period}\n{summary}',
  'digest.manager.summary':
    '{approved} of {total} met the requirement · {waiting} waiting for review · {submitted} submitted · {nothing} nothing yet',
  'digest.manager.status.approved': ':white_check_mark: Requirement met',
  'digest.manager.status.waiting': ':hourglass_flowing_sand: Waiting for review',
  'digest.manager.status.submitted': ':memo: Submitted, not approved yet',
  'digest.manager.status.nothing': ':zzz: Nothing yet',
  'digest.manager.group': '*{label}* ({count})',
  'digest.manager.footer':
    'Your direct reports, period to date. Each person sees their own record with `/bot me`.',
  'digest.manager.text': 'Your team: {summary}',
};
