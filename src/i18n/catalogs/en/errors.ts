/**
 * What a user error or a field error says: `errors.<UserErrorCode>` and `errors.field.<FieldErrorCode>`
 * (src/domain/errors.ts). A field error's params always include `field`.
 */
export const errors = {
  'errors.validation_failed': 'Some of what you entered needs fixing.',
  'errors.bot_not_found': 'There is no bot #{id}. `list` shows your bots and their ids.',
  'errors.not_bot_owner':
    'Bot #{id} belongs to someone else; you can only {action, select, withdraw {withdraw} other {edit}} your own bots, or those you entered for someone.',
  'errors.invalid_status_change':
    'Bot #{id} cannot be {action, select, withdraw {withdrawn} other {edited}}: {status, select, withdrawn {it has been withdrawn; withdrawn bots stay in history and cannot change} approved {it is already approved; to change it, withdraw it and submit the new version} rejected {it was rejected; submit a new bot instead} other {its status does not allow it}}.',
  'errors.field.missing':
    '{field, select, name {Name is missing. Give your bot a name.} description {Description is missing. Say what it does in a sentence or two.} other {This field is missing.}}',
  'errors.field.too_short':
    '{field, select, name {Name} description {Description} other {This field}} is too short ({length}); use {min}–{max} characters.',
  'errors.field.too_long':
    '{field, select, name {Name} description {Description} other {This field}} is too long ({length}); use {min}–{max} characters.',
  'errors.field.broken_character':
    '{field, select, name {Name} description {Description} other {This field}} contains a broken character (an unpaired surrogate).',
  'errors.field.control_character':
    '{field, select, name {Name} description {Description} other {This field}} contains an invisible control character; please retype it.',
  'errors.field.invalid_link':
    'Link must be a web address starting with http:// or https:// (or "none" if there is no link).',
  'errors.field.unknown_choice':
    'Unknown {field, select, platform {platform} category {category} other {choice}} "{value}"; choose one of: {choices}.',
  'errors.field.invalid_hours':
    'Hours saved per week must be a number from {min} to {max}, like 2 or 1.5 (got "{value}").',
  'errors.field.duplicate':
    'You already have bot #{id} with this {field, select, link {link} other {name}}; choose another {field, select, link {link} other {name}}.',
  'errors.not_saved.database':
    'Nothing was saved: our database is not answering right now. Please try again in a few minutes.',
  'errors.not_saved.internal':
    'Nothing was saved: something went wrong on our side (it has been logged). Please try again in a few minutes.',
  'errors.busy': 'Busy — nothing was saved. Please try again in a minute.',
  'errors.restarting': 'The app is restarting — nothing was saved. Please try again in a minute.',
  'errors.out_of_date.button':
    'This button is out of date, so nothing was done. Please use a newer message or the command again.',
  'errors.out_of_date.form':
    'This form is out of date, so nothing was saved. Please close it and start again.',
};
