/** The reviewer's DM, the decision modal and the decision DMs to the owner. */
export const review = {
  'review.waiting':
    '{count, plural, one {# bot is waiting for your review} other {# bots are waiting for your review}}',

  // The three buttons (the DM, the reminder and the Home tab).
  'review.button.approve': 'Approve',
  'review.button.request_changes': 'Request changes',
  'review.button.reject': 'Reject',

  // A bot and its owner; a decision once made.
  'review.bot_by': '{title} by *{owner}*',
  'review.submitted_on': 'submitted {day}',
  'review.score': ' · score *{score}/5*',
  'review.decided':
    '{decision, select, approved {approved} changes_requested {sent back for changes} other {rejected}} by *{reviewer}* on {when}{score}',
  'review.a_reviewer': 'a reviewer',

  // The reviewer's DM.
  'review.requested': ':mag: *Review requested*',
  'review.requested_text': 'Review requested: #{id} {name} by {owner}',
  'review.source.manager': 'You are asked as {owner}’s manager.',
  'review.source.champion': 'You are asked as an AI champion.',
  'review.source.previous': 'It is back for review after changes were requested.',
  'review.source.hr':
    'You are asked as HR: it was entered for {owner} and no AI champion is free to review it.',
  'review.withdrawn': ':wastebasket: Withdrawn by its owner. There is nothing to decide.',
  'review.withdrawn_at': ':wastebasket: Withdrawn by its owner on {when}. There is nothing to decide.',
  'review.withdrawn_text': '#{id} {name} was withdrawn.',
  'review.decided_text':
    '#{id} {name}: {decision, select, approved {approved} changes_requested {sent back for changes} other {rejected}} by {reviewer}.',

  // The submitter's DM about a decision.
  'review.decision.approved_text': '#{id} {name} was approved by {reviewer}.',
  'review.decision.approved':
    ':tada: {title} was approved by {reviewer}{score}.{comment}\nIt counts toward your record for the review period (`{command} me`).',
  'review.decision.changes_requested_text': '{reviewer} asked for changes to #{id} {name}.',
  'review.decision.changes_requested':
    ':pencil2: {reviewer} asked for changes to {title}:{comment}\nWhen you have made them, run `{command} edit {id}` and save: it goes back for review.',
  'review.decision.rejected_text': '#{id} {name} was not accepted by {reviewer}.',
  'review.decision.rejected':
    ':no_entry: {title} was not accepted by {reviewer}.{comment}\nYou can submit another bot at any time with `{command} submit`.',

  // Nobody to review; who reviews.
  'review.no_reviewer_text': 'Nobody can review #{id} yet; it stays saved and waiting.',
  'review.no_reviewer':
    ':warning: Nobody can review {title} yet: you have no manager on the roster and no AI champion is configured (REVIEWER_USER_IDS). Your bot stays saved and waiting for review; please tell your People team.',
  'review.reviewer_assigned': '*{reviewer}* has been asked to review it.',

  // A waiting review (the reminder and the Home tab) and the daily reminder.
  'review.pending':
    '{title} by *{owner}* · waiting {days, plural, =0 {since today} one {for # day} other {for # days}}',
  'review.reminder':
    ':alarm_clock: {count, plural, one {# review has} other {# reviews have}} been waiting for you for more than 3 days:',
  'review.reminder_text':
    '{count, plural, one {# review has} other {# reviews have}} been waiting for your review for more than 3 days.',
  'review.reminder_more': '…and {count, number} more. The app’s Home tab lists them all.',

  // The decision modal.
  'review.modal.title':
    '{decision, select, approved {Approve} changes_requested {Request changes} other {Reject}} #{id}',
  'review.modal.submit': '{decision, select, approved {Approve} changes_requested {Send} other {Reject}}',
  'review.modal.cancel': 'Cancel',
  'review.modal.score': 'Score',
  'review.modal.score_hint': '1 = barely useful, 5 = excellent. Shown to the submitter.',
  'review.modal.score_placeholder': 'Choose 1–5',
  'review.modal.score_option':
    '{score, plural, =5 {5 — excellent} =4 {4 — very useful} =3 {3 — useful} =2 {2 — somewhat useful} other {1 — barely useful}}',
  'review.modal.comment':
    '{decision, select, approved {Comment} rejected {Why is it rejected?} other {What should change?}}',
  'review.modal.note': 'The submitter gets your decision and comment in a direct message.',

  // What is wrong with the modal's fields.
  'review.error.score_missing': 'Choose a score from 1 to 5.',
  'review.error.score_invalid': 'The score is a whole number from 1 to 5.',
  'review.error.reason_missing': 'Say why it is rejected, so the submitter understands.',
  'review.error.changes_missing': 'Say what should change, so the submitter knows what to do.',
  'review.error.comment_too_long': 'Keep the comment within {max} characters.',

  // After the modal: saved, or why not.
  'review.done.title': 'Decision saved',
  'review.done':
    '{title} {decision, select, approved {approved} changes_requested {sent back for changes} other {rejected}}{score}.',
  'review.done.told': '{owner} has been told in a direct message.',
  'review.refusal.not_found.title': 'Not found',
  'review.refusal.not_found': 'There is no bot #{id}.',
  'review.refusal.not_allowed.title': 'Not your review',
  'review.refusal.not_allowed':
    ':lock: Only its assigned reviewer or the People team can decide on {title}, never its owner nor whoever entered it for them. Nothing was saved.',
  'review.refusal.not_allowed_named':
    ':lock: Only its reviewer, *{reviewer}*, or the People team can decide on {title}, never its owner nor whoever entered it for them. Nothing was saved.',
  'review.refusal.already_decided.title': 'Already decided',
  'review.refusal.already_decided': '{title} was already {decided}. Nothing more was saved.',
  'review.refusal.changed.title': 'Bot changed',
  'review.refusal.changed':
    ':warning: {title} has changed since it was shown to you. Nothing was saved: a decision applies to the version you saw. Here it is as it stands now; your review message now shows this version with fresh buttons.',
  'review.refusal.not_reviewable.title': 'Nothing to decide',
  'review.refusal.not_reviewable': '{title} was withdrawn by its owner, so there is nothing to decide.',
  'review.not_saved.title': 'Not saved',
  'review.out_of_date.title': 'Out of date',
  'review.form_out_of_date': 'This form is out of date; please click the button again.',
};
