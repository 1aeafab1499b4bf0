/** Training sessions: learn, join, leave, reminders, attendance. */
export const sessions = {
  'sessions.none': 'No AI sessions are scheduled right now. New ones appear here and in the weekly digest.',
};
