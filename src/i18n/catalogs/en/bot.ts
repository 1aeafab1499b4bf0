/**
 * The employee's `/bot` command: help, submit (inline and the form), list, edit, withdraw, use,
 * token, me, remind. `{command}` is the slash command as configured (`/bot`).
 */
export const bot = {
  'bot.help.submit': '*{command} submit* — open the form to submit an AI bot you built',
  'bot.help.submit_inline': '*{command} submit* `name | link or none | what it does` — submit in one line',
  'bot.help.list': '*{command} list* — your bots, their ids, status and uses by colleagues',
  'bot.help.edit':
    '*{command} edit* `#id` — change one of your bots (resubmits it if changes were requested)',
  'bot.help.withdraw': '*{command} withdraw* `#id` — withdraw one of your bots (it stays in history)',
  'bot.help.use':
    "*{command} use* `#id` — record that you used a colleague's bot (counts toward its adoption)",
  'bot.help.token':
    '*{command} token* `#id` — a new API token for one of your bots to report its own uses (replaces the old one)',
  'bot.help.me':
    '*{command} me* `[period]` — your record for the current review period: exactly what HR sees',
  'bot.help.remind': '*{command} remind off* / *{command} remind on* — stop or resume deadline reminders',
  'bot.help.submit_for':
    '*{command} submit for* `email or @user` — for a colleague without Slack (their manager, an AI champion or HR): the form, or `| name | link or none | what it does` in one line',
  'bot.help.team': "*{command} team* `[period]` — managers: each direct report's record (audited)",
  'bot.help.learn': '*{command} learn* — upcoming AI sessions, with Join / Leave',
  'bot.help.help': '*{command} help* — this message',
  'bot.help.aliases': '',
  'bot.help.usage': '{command} usage',
  'bot.help.try_help': '{problem} Try {command} help.',
  'bot.problem.unknown_verb': "I don't know `{verb}`.",
  'bot.problem.needs_id': '`{verb}` needs one bot id, like `{verb} #12`.',
  'bot.problem.remind':
    '`remind` needs `on` or `off`: `remind off` stops deadline reminders, `remind on` resumes them.',
  'bot.problem.inline':
    'A one-line submission has three parts separated by `|`: `submit <name> | <link or none> | <what it does>`.',
  'bot.problem.learn': '`learn` takes nothing after it.',
  'bot.problem.submit_for':
    '`submit for <email or @user>` opens the form for them; `submit for <email or @user> | <name> | <link or none> | <what it does>` stores it in one line.',
  'bot.problem.submit_for_who':
    "I can't tell who `{who}` is: pick them from Slack's list as you type, or give their email. `submit for <email or @user>` opens the form for them; `submit for <email or @user> | <name> | <link or none> | <what it does>` stores it in one line.",

  'bot.saved': 'Saved {name} as #{id}',
  'bot.already_submitted': 'Already submitted as #{id}',
  'bot.submitted':
    ':white_check_mark: Saved *{name}* as *#{id}*. It is now waiting for review; you will hear back here.',
  'bot.already_submitted_detail':
    'You already submitted this bot as *#{id}* (*{name}*, {status, select, submitted {waiting for review} approved {approved} changes_requested {changes requested} rejected {rejected} other {withdrawn}}). Nothing new was stored.',
  'bot.edited.text':
    'Saved your changes to #{id}{state, select, resubmitted { and sent back for review} other {}}.',
  'bot.edited':
    ':pencil2: Saved your changes to *#{id}* (*{name}*){state, select, resubmitted { and sent back for review} other {}}.',
  'bot.withdrawn.text': 'Withdrew #{id}.',
  'bot.withdrawn': 'Withdrew *#{id}* (*{name}*). It stays in your history but no longer counts.',

  'bot.list.empty': 'You have not submitted any bots yet.',
  'bot.list.empty_hint': 'You have not submitted any bots yet. Try *{command} submit*.',
  'bot.list.header': '*Your bots* ({count, number})',
  'bot.list.entered_for_others': '*Entered by you for others*',
  'bot.list.for_owner': '{line} · for *{owner}*',
  'bot.list.more': '…and {count, number} more (oldest not shown).',
  'bot.list.summary': 'You have {count, plural, one {# bot} other {# bots}}.',
  'bot.line.uses': '{count, plural, one {# use by colleagues} other {# uses by colleagues}}',
  'bot.line.reported': ' (+ {count, number} reported by the bot)',
  'bot.line.submitted': 'submitted {day}',
  'bot.line.awaiting_owner': '_waiting for the owner to confirm_',
  'bot.line.declined': '_not theirs, said the owner_',
  'bot.details.hours': '~{hours} h/week saved (own estimate)',

  'bot.use.unavailable': 'There is no bot #{id} you can use.',
  'bot.use.plain': '#{id} {name} (by {owner})',
  'bot.use.rich': '*#{id}* *{name}* (by {owner})',
  'bot.use.recorded.text': 'Thanks — recorded that you used {bot}.',
  'bot.use.recorded': ':raised_hands: Thanks — recorded that you used {bot}.',
  'bot.use.already.text': 'Already counted: you used {bot} less than a minute ago.',
  'bot.use.already':
    'Already counted: you recorded {bot} less than a minute ago, and repeated presses within a minute count once.',
  'bot.use.own.text': '#{id} is your own bot, so nothing was recorded.',
  'bot.use.own':
    '*#{id}* *{name}* is your own bot, so nothing was recorded: uses count when colleagues try it. Share it with them!',
  'bot.use.title': 'I used this',

  'bot.token.not_found': 'There is no bot #{id}. `{command} list` shows your bots and their ids.',
  'bot.token.not_owner': 'Bot #{id} belongs to someone else; only its owner can get its API token.',
  'bot.token.not_usable':
    'Bot #{id} {status, select, withdrawn {has been withdrawn} other {was not accepted in review}}, so it cannot report uses and gets no API token.',
  'bot.token.issued.text': 'New API token for #{id} (shown once).',
  'bot.token.issued':
    ':key: New API token for *#{id}* *{name}*. Copy it now: it is shown only this once and we keep no copy.{replaced, select, yes { The previous token of this bot has stopped working.} other {}}',
  'bot.token.how':
    "Your bot reports each use like this (`user_email` is optional; replace YOUR-PUBLIC-HOST with this app's address):",
  'bot.token.leak': 'If the token leaks, run `{command} token {id}` again: the new token replaces it.',

  'bot.remind.on':
    'Deadline reminders are on: you will get a nudge before a review period ends if you have not met its requirement yet.',
  'bot.remind.off': 'Deadline reminders are off. `{command} remind on` turns them back on.',

  'bot.form.title.submit': 'Submit your AI bot',
  'bot.form.title.edit': 'Edit bot #{id}',
  'bot.form.submit': 'Submit',
  'bot.form.save': 'Save',
  'bot.form.cancel': 'Cancel',
  'bot.form.name': 'Name',
  'bot.form.name.placeholder': 'e.g. Weekly report helper / 周报助手',
  'bot.form.description': 'What it does',
  'bot.form.description.placeholder': 'Who uses it, for what, and what it saves them',
  'bot.form.category': 'Who it helps',
  'bot.form.link': 'Link',
  'bot.form.link.hint': 'Where colleagues can try it. Leave empty if there is no link.',
  'bot.form.platform': 'Platform',
  'bot.form.hours': 'Estimated hours saved per week',
  'bot.form.hours.hint': 'Your own estimate, for everyone who uses it; {min} to {max}.',
  'bot.form.done.submitted': 'Bot submitted',
  'bot.form.done.already': 'Already submitted',
  'bot.form.done.saved': 'Bot saved',
  'bot.form.done.close': 'Done',
  'bot.platform.chatgpt_gpt': 'ChatGPT custom GPT',
  'bot.platform.coze': 'Coze',
  'bot.platform.dify': 'Dify',
  'bot.platform.copilot_studio': 'Copilot Studio',
  'bot.platform.internal_script': 'Internal script or LLM API',
  'bot.platform.other': 'Other',
  'bot.category.self': 'Me, in my own work',
  'bot.category.team': 'My team',
  'bot.category.cross_team': 'Other teams',
  'bot.category.company': 'The whole company',
  'bot.category.customers': 'Customers or partners',

  'bot.record.heading': '*Your record for {period}* ({start} – {end})',
  'bot.record.not_counted':
    'You are not counted in this period (not on the roster for it). Ask the People team if that looks wrong.',
  'bot.record.not_counted.text': 'You are not counted in this period.',
  'bot.record.met':
    ':white_check_mark: Requirement met: {approved, plural, one {# approved bot} other {# approved bots}}, {need, number} needed.',
  'bot.record.not_yet':
    ':hourglass: Not yet: {missing, plural, one {# more approved bot} other {# more approved bots}} needed {left, select, ended {(the period ended {end})} other {by {end} ({days, plural, one {# day} other {# days}} left)}}. Submit with `{command} submit`.',
  'bot.record.entered': 'Some of your bots were entered for you: {names}.',
  'bot.record.same_as_hr': 'This is exactly the row HR sees in the review export for this period.',
  'bot.record.met.text': 'Requirement met.',
  'bot.record.missing.text':
    '{missing, plural, one {# more approved bot} other {# more approved bots}} needed.',
  'bot.record.own_estimate': 'your own estimate',
  'bot.record.field.submitted': 'Bots submitted',
  'bot.record.field.approved': 'Bots approved',
  'bot.record.field.first_submitted': 'First submitted',
  'bot.record.field.best_score': 'Best review score',
  'bot.record.field.score': '{score} / 5',
  'bot.record.field.uses': 'Uses by colleagues',
  'bot.record.field.uses_value': '{uses} by {people, plural, one {# person} other {# people}}',
  'bot.record.field.hours': 'Est. hours saved / week',
  'bot.record.field.hours_value': '{hours} ({note})',
  'bot.record.field.reported': 'Reported by the bot',
  'bot.record.field.reported_value': "{count} (the bot's own reports; not counted as uses)",
  'bot.record.field.sessions': 'AI sessions attended',
};
