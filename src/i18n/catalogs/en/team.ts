/** A manager's `/bot team` and the review summary. */
export const team = {
  'team.too_large': 'Your team is too large to list here; HR can export the full record.',

  'team.heading':
    '*Your team* · {period} ({start} – {end}) · requires {required, plural, one {# approved bot} other {# approved bots}}',
  'team.none':
    '{heading}\nYou have no direct reports on the roster for this period, so there is nobody to show.',
  'team.none_text': 'You have no direct reports.',
  'team.no_page':
    '{heading}\nThere is no page {page}: {total, plural, one {# person} other {# people}} on {pages, plural, one {# page} other {# pages}}.',
  'team.summary':
    '{heading}\n*{met} of {total}* have met the requirement · {first}–{last} (page {page} of {pages}), those who have not first',
  'team.footer':
    'Each line is the person’s export row, as they see it with `{command} me`. Only you see this, and each person shown is audited. Enter a bot for someone without Slack: `{command} submit for <email>`.',
  'team.text': '{met} of {total} in your team have met the requirement (page {page} of {pages})',

  'team.next': 'Next {count}',

  'team.line.met': ':white_check_mark: met',
  'team.line.not_met': ':hourglass: not met',
  'team.line.who':
    '{account, select, slack {*{name}* (<@{user}>)} email {*{name}* (no Slack, {email})} other {*{name}* (no Slack)}}',
  'team.line.bots': '{approved} approved, {submitted} submitted',
  'team.line.first': 'first {date}',
  'team.line.best_score': 'best score {score}',
  'team.line.uses':
    '{uses, plural, one {# use} other {# uses}} by {users, plural, one {# colleague} other {# colleagues}}',
  'team.line.hours': '{hours, number} h/week (own estimate)',
  'team.line.none': '–',
};
