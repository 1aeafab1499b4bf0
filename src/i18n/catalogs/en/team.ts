/** A manager's `/bot team` and the review summary. */
export const team = {
  'team.too_large': 'Your team is too large to list here; HR can export the full record.',
};
