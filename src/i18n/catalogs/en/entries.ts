/** Bots entered for someone else (issue 14): the form, the answers, the owner's confirmation DM. */
export const entries = {
  // The form.
  'entries.form.title': 'Bot for {name}',
  'entries.form.note_slack':
    'You are entering this bot for {name}. It will be theirs, and counts once they confirm it is theirs (they get a message). Your name is kept as who entered it.',
  'entries.form.note_no_slack':
    'You are entering this bot for {name}, who has no Slack. It will be theirs; your name is kept as who entered it, and you will hear the review.',

  // Stored, or not.
  'entries.saved_text': 'Saved #{id} for {name}.',
  'entries.saved': ':white_check_mark: Saved {title} for {name}, entered by you.',
  'entries.saved.awaiting':
    '{name} is on Slack: I asked them to confirm it is theirs. It counts, and goes for review, once they do.',
  'entries.saved.theirs':
    'It is theirs now; you will hear the review. You may `{command} edit {id}` or `{command} withdraw {id}` on their behalf.',
  'entries.duplicate_text': '{name} already has bot #{id} with this name or link; nothing new was saved.',
  'entries.duplicate': '{name} already has {title} with this name or link; nothing new was saved.',

  // Why not (the person is named as typed: a mention, an email, or "That person").
  'entries.that_person': 'That person',
  'entries.refused.not_on_roster':
    '{who} is not on the roster. Check the email, or ask HR to add them (roster import).',
  'entries.refused.left': '{who} has left the company; bots can no longer be entered for them.',
  'entries.refused.self': 'That is you: submit your own bot with `submit` (without `for`).',
  'entries.refused.not_allowed':
    'Only their manager (on the roster), an AI champion or HR may enter a bot for someone else. Nothing was saved.',

  // The owner's DM: is it yours?
  'entries.someone': 'Someone',
  'entries.confirm_text': '{enterer} entered bot #{id} for you. Is it yours?',
  'entries.confirm':
    ':wave: {enterer} entered a bot for you: {title}\n{description}\nIs it yours? It counts toward your record, and goes for review, only once you confirm.',
  'entries.confirm.yes': 'Yes, this is mine',
  'entries.confirm.no': 'Not mine',
  'entries.confirm.note': 'Once it is yours, you (or whoever entered it) can still edit or withdraw it.',

  // The owner's answer.
  'entries.confirmed_text': 'Confirmed.',
  'entries.confirmed': ':white_check_mark: {title} is yours: it counts from now and goes for review.',
  'entries.declined_text': 'Marked as not yours.',
  'entries.declined':
    ':x: You said {title} is not yours. It was withdrawn and never counts; {enterer} has been told.',
  'entries.whoever_entered': 'whoever entered it',
  'entries.not_pending':
    '{state, select, confirmed {You already confirmed it.} declined {You already said it is not yours.} other {It was withdrawn meanwhile.}}',
  'entries.not_pending_line': '{title}: {state} Nothing changed.',

  // To whoever entered it: what the owner answered, and the review's decision.
  'entries.answer_text': '{owner} {answer, select, confirmed {confirmed} other {declined}} bot #{id}.',
  'entries.answer.confirmed':
    ':white_check_mark: {owner} confirmed {title} is theirs: it counts now and goes for review.',
  'entries.answer.declined': ':x: {owner} said {title} is not theirs. It was withdrawn and does not count.',
  'entries.decision_text':
    'Bot #{id} for {owner}: {decision, select, approved {approved} changes_requested {changes requested} other {rejected}} by {reviewer}.',
  'entries.decision.approved':
    ':tada: {title}, which you entered for {owner}, was approved by {reviewer}{score}.{comment}\nIt counts toward their record.',
  'entries.decision.changes_requested':
    ':pencil2: {reviewer} asked for changes to {title}, which you entered for {owner}:{comment}\nMake them with `{command} edit {id}` and save: it goes back for review.',
  'entries.decision.rejected':
    ':no_entry: {title}, which you entered for {owner}, was not accepted by {reviewer}.{comment}',
};
