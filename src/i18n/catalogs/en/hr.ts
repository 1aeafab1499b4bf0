/**
 * HR's `/adoption` command: help, stats and the funnel, person, lagging, export, periods, the
 * digest replies, refusals; the period-end export DM and the managers' review-ready summary; HR's
 * user errors (`hr.error.<code>`, src/domain/hr-errors.ts) and the command's usage problems
 * (`hr.error.<code>` too, src/domain/hr-command.ts).
 */
export const hr = {
  'hr.no_periods': 'No review periods yet.',

  // Help. Every line takes {command}.
  'hr.help.text': '{command} usage',
  'hr.help.stats':
    '*{command} stats* `[department] [period]` — headcount, builders, participation, qualified, bots, uses, trend',
  'hr.help.person':
    '*{command} person* `@name [period]` — one employee’s record, the row of the export (audited)',
  'hr.help.lagging':
    '*{command} lagging* `[department] [period]` — who has not met the requirement yet, with their managers (audited)',
  'hr.help.export':
    '*{command} export* `[period]` — every employee’s record as CSV, sent to your DM (audited)',
  'hr.help.period_list': '*{command} period list* — review periods and their requirement',
  'hr.help.period_create':
    '*{command} period create* `<name> <start>..<end> require=<n>` — add a review period',
  'hr.help.digest_preview': '*{command} digest preview* — the next weekly digest, shown only to you',
  'hr.help.digest_send':
    '*{command} digest send* — send this week’s digest now (once a week: a second send does nothing)',
  'hr.help.session_create':
    '*{command} session create* `<title> | <YYYY-MM-DD HH:MM> | <minutes> | <room or link> | <seats> [host=@someone]` — schedule an AI session (HR and AI champions)',
  'hr.help.session_more':
    '*{command} session list* / *session attendance* `<id>` / *session cancel* `<id>` — sessions with joined and waiting counts; mark who came; cancel and tell everyone',
  'hr.help.help': '*{command} help* — this message',
  'hr.help.periods':
    'Periods: `2026-Q4`, `2026-H2`, `2026-11`, `2026`, `2026-10-01..2026-12-31`, or a review period’s name; the default is the current review period.',

  // What was wrong with the command's text (shown above the help).
  'hr.error.unknown_subcommand': "I don't know `{verb}`.",
  'hr.error.digest_usage': 'Write `digest preview` (see the next digest) or `digest send` (send it now).',
  'hr.error.period_not_a_subcommand':
    '`period {sub}` is not a period command. Write `period create <name> <start>..<end> require=<n>`, e.g. `period create FY26-H2 2026-07-01..2026-12-31 require=1`.',
  'hr.error.period_bad_requirement':
    '`{value}` is not a requirement. Write `period create <name> <start>..<end> require=<n>`, e.g. `period create FY26-H2 2026-07-01..2026-12-31 require=1`.',
  'hr.error.period_create_usage':
    'Write `period create <name> <start>..<end> require=<n>`, e.g. `period create FY26-H2 2026-07-01..2026-12-31 require=1`.',
  'hr.error.person_missing':
    'Write `person @name [period]` (mention them), or `person name@company.com [period]` for someone without Slack.',
  'hr.error.person_unknown':
    '`{who}` is not a person. Write `person @name [period]` (mention them), or `person name@company.com [period]` for someone without Slack.',

  // Who may not, and when the check cannot be made.
  'hr.refused':
    'Sorry, {command} is for the People team. If you need adoption figures, ask them; your own record is in `/bot list`.',
  'hr.unchecked':
    "Sorry, I can't check your access to {command} right now (Slack did not tell me who is in the People team's user group). Nothing was shown; please try again in a few minutes.",

  // User errors (src/domain/hr-errors.ts).
  'hr.error.period_no_month': '{text} has no month {month}.',
  'hr.error.period_not_a_date': '{date} is not a calendar date.',
  'hr.error.period_ends_before_start': 'The period ends ({end}) before it starts ({start}).',
  'hr.error.period_too_long': 'A period can be at most five years long.',
  'hr.error.period_unknown':
    '"{text}" is not a period. Write `2026-Q4`, `2026-H2`, `2026-11`, `2026` or `2026-10-01..2026-12-31`.',
  'hr.error.period_name_invalid':
    'A period name has 1–40 letters, digits, spaces, `-`, `_` or `.`, like `2026-Q4` or `FY26 H2`.',
  'hr.error.period_requirement_invalid':
    'The requirement is a whole number of approved bots from 0 to 100, like `require=1`.',
  'hr.error.period_name_taken': 'A period named "{name}" already exists; choose another name.',
  'hr.error.person_not_on_roster': '{who, select, slack {<@{id}>} other {{id}}} is not on the roster.',
  'hr.error.department_unknown':
    'No one is in a department called "{department}". Departments: {count, plural, =0 {none yet (import the HR roster)} other {{departments}}}.',
  'hr.error.digest_channel_missing':
    'No digest channel is configured: set DIGEST_CHANNEL to a channel id like C0123ABC.',

  // Periods.
  'hr.periods.none':
    'No review periods yet; until one is created, the current calendar quarter is used with a requirement of 1 approved bot.',
  'hr.periods.line':
    '*{name}* {start} – {end} · requires {required, plural, one {# approved bot} other {# approved bots}}{current, select, yes { · _current_} other {}}',
  'hr.periods.count': '{count, plural, one {# review period} other {# review periods}}',
  'hr.period.created':
    'Created review period *{name}*: {start} – {end}, requiring {required, plural, one {# approved bot} other {# approved bots}}.',
  'hr.period.line':
    '{name} ({start} – {end}) · requires {required, plural, one {# approved bot} other {# approved bots}}',

  'hr.whole_company': 'Whole company',
  'hr.days': '{days, plural, one {# day} other {# days}}',

  // Stats.
  'hr.stats.title': '*{who}* · {name} ({start} – {end})',
  'hr.stats.requirement':
    'requirement: ≥ {required, plural, one {# approved bot} other {# approved bots}} in the period; compared with {previous}',
  'hr.stats.small_group':
    'People: *fewer than {min}*. Figures for groups this small are not shown, so that no one can be singled out.',
  'hr.stats.small_group_text': '{who}: fewer than {min} people',
  'hr.stats.headcount': 'Headcount',
  'hr.stats.builders': 'Builders',
  'hr.stats.qualified': 'Qualified',
  'hr.stats.new_bots': 'New bots',
  'hr.stats.approved_bots': 'Approved bots',
  'hr.stats.pending': 'Waiting for review',
  'hr.stats.uses': 'Uses by colleagues',
  'hr.stats.uses_value': '{uses, number} by {users, number} people ({change})',
  'hr.stats.adopted': 'Adopted bots',
  'hr.stats.adopted_value': '{count, number} (used by ≥ 3 colleagues in 28 days)',
  'hr.stats.median_first_bot': 'Median time to first bot',
  'hr.stats.hours': 'Est. hours saved / week',
  'hr.stats.hours_value': '{hours, number} (self-reported)',
  'hr.stats.turnaround': 'Median review turnaround: {hours, number} h',
  'hr.stats.change': '{value} ({change})',
  'hr.stats.points': '{change} pts',
  'hr.stats.no_earlier': 'no earlier figure',
  'hr.stats.text': '{who} {name}: {participation} participation, {qualified} qualified ({freshness})',

  // How fresh the figures are.
  'hr.freshness.as_of': 'As of {time}: {source}.',
  'hr.freshness.live': 'computed live',
  'hr.freshness.snapshot_earlier': 'a snapshot, computed on an earlier request',
  'hr.freshness.snapshot_every':
    'a snapshot, refreshed every {minutes, plural, one {# minute} other {# minutes}}',
  'hr.freshness.previous':
    '{main} {name} as of {time} ({live, select, yes {computed live} other {a snapshot}}).',

  // The learning funnel under the stats.
  'hr.funnel.title': '*Learning funnel* (AI sessions held in the period)',
  'hr.funnel.line':
    'Attended ≥ 1 session: *{attended}* of {headcount} ({attendedRate}) → built a bot: *{builders}* ({buildersRate}) → qualified: *{qualified}* ({qualifiedRate}) → a bot used by a colleague: *{used}* ({usedRate})',
  'hr.funnel.compare_hidden': '_Attendees vs others is shown when both groups have at least {min} people._',
  'hr.funnel.compare':
    'Attendees vs others: builder rate *{attendees}* vs *{others}*; median time to first bot *{attendeeDays}* vs *{otherDays}*',
  'hr.funnel.freshness': '_Funnel: {freshness}_',
  'hr.funnel.by_department': '*Funnel by department*',
  'hr.funnel.no_department': 'No department',
  'hr.funnel.department_small': '{name} · fewer than {min} people',
  'hr.funnel.department':
    '{name} · {attended} attended → {built} built → {qualified} qualified → {used} used · {people, plural, one {# person} other {# people}}',
  'hr.funnel.more': '…and {count} more: `/adoption stats <department>`',

  // person.
  'hr.person.not_counted': 'Not counted in this period (not on the roster for it, or a guest).',
  'hr.person.not_counted_text': 'Not counted in this period.',
  'hr.person.met': ':white_check_mark: Requirement met ({approved} approved).',
  'hr.person.not_met': ':hourglass: Not met yet: {approved} of {required} approved.',
  'hr.person.department': 'Department: {value}',
  'hr.person.manager': 'Manager: {value}',
  'hr.person.email': 'Email: {value}',
  'hr.person.employee_id': 'Employee id: {value}',
  'hr.person.entered_by': 'entered by {names}',
  'hr.person.text': '{name}: {met, select, yes {requirement met} other {requirement not met yet}}',
  'hr.person.note':
    'The same row as in the export, and as the employee sees it with `/bot me`. This look-up is audited.',
  'hr.record.bots_submitted': 'Bots submitted',
  'hr.record.bots_approved': 'Bots approved',
  'hr.record.first_submitted': 'First submitted',
  'hr.record.best_score': 'Best review score',
  'hr.record.best_score_value': '{score} / 5',
  'hr.record.uses': 'Uses by colleagues',
  'hr.record.uses_value': '{uses} by {users} people',
  'hr.record.hours': 'Est. hours saved / week',
  'hr.record.hours_value': '{hours} (their own estimate)',
  'hr.record.reported': 'Reported by the bot',
  'hr.record.reported_value': '{uses} (the bot’s own reports; not counted as uses)',
  'hr.record.sessions': 'AI sessions attended',

  // lagging.
  'hr.lagging.everyone_met': 'Everyone has met the requirement.',
  'hr.lagging.no_page':
    'There is no page {page}: {total, plural, one {# person} other {# people}} on {pages, plural, one {# page} other {# pages}}.',
  'hr.lagging.line':
    '• {who} · {department} · {approved} approved, {submitted} submitted · manager {manager}',
  'hr.lagging.no_manager': 'no manager on the roster',
  'hr.lagging.no_department': 'no department',
  'hr.lagging.heading': '*{total}* have not met the requirement · {first}–{last} (page {page} of {pages})',
  'hr.lagging.note': 'People by name: only you see this, and the look-up is audited.',
  'hr.lagging.text': '{total} have not met the requirement (page {page} of {pages})',
  'hr.lagging.title': 'Lagging',
  'hr.lagging.next': 'Next {count}',

  // export: the reply, and the file in the DM (its CSV columns stay as docs/export.md has them).
  'hr.export.sent':
    'The export for {period} is in your direct messages with me: `{filename}`, {rows, plural, one {# row} other {# rows}}. The export is audited.',
  'hr.export.sent_text': 'Export sent: {rows, plural, one {# row} other {# rows}}',
  'hr.export.not_sent':
    'The export could not be delivered to your direct messages (Slack did not accept the file). It has been logged; please try again in a few minutes.',
  'hr.export.file_name': 'adoption',
  'hr.export.file_title': 'AI adoption export · {name}',
  'hr.export.comment':
    'The AI adoption export for {name} ({start} – {end}): {rows, plural, one {# row} other {# rows}}. Columns are explained in docs/export.md.',
  'hr.export.period_end_comment':
    '{name} has ended ({start} – {end}). Here is its AI adoption export for the performance reviews: {rows, plural, one {# row} other {# rows}}, one per employee. Columns are explained in docs/export.md.',

  // digest preview / send.
  'hr.digest.preview_note':
    ':eyes: Preview, only you see this. It goes to <#{channel}> on the schedule, with a chart of participation by week and a DM to each manager about their team.',
  'hr.digest.preview_note_no_channel':
    ':eyes: Preview, only you see this. It goes to the digest channel (DIGEST_CHANNEL is not set, so none is sent) on the schedule, with a chart of participation by week and a DM to each manager about their team.',
  'hr.digest.preview_text': 'Preview: {digest}',
  'hr.digest.more': 'More in `/adoption stats`.',
  'hr.digest.sending':
    'Sending this week’s digest ({week}) to <#{channel}> now, with the chart and {managers, plural, one {# manager DM} other {# manager DMs}}.',
  'hr.digest.already_sent':
    'This week’s digest ({week}) was already sent to <#{channel}>; there is one digest a week, so nothing more was sent.',

  // The managers' review-ready summary when a period ends.
  'hr.summary.header': 'Review-ready: your team · {name}',
  'hr.summary.headline':
    '{met} of {total} met the requirement ({required, plural, one {# approved bot} other {# approved bots}})',
  'hr.summary.intro': '{name} ended on {end} ({start} – {end}). {headline}.',
  'hr.summary.approved': '{approved} approved of {submitted} submitted',
  'hr.summary.best_score': 'best score {score}/5',
  'hr.summary.uses': '{uses, plural, one {# colleague use} other {# colleague uses}} by {users}',
  'hr.summary.hours': '~{hours} h/week saved (estimate)',
  'hr.summary.not_met': ':hourglass: *Not met* ({count})',
  'hr.summary.met': ':white_check_mark: *Met* ({count})',
  'hr.summary.note':
    'Your direct reports in this period, with the figures of HR’s export. Each person sees the same record with `/bot me`. Sending you this summary is recorded in the audit log.',
  'hr.summary.text': 'Review-ready summary for {name}: {headline}.',
  'hr.summary.too_large': 'Your team is too large to list here; HR has the full export.',
};
