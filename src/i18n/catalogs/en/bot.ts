/** The employee's `/bot` command: help, submit, list, edit, withdraw, use, me, remind. */
export const bot = {
  'bot.saved': 'Saved {name} as #{id}',
  'bot.already_submitted': 'Already submitted as #{id}',
};
