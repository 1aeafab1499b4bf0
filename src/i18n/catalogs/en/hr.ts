/** HR's `/adoption` command: stats, person, lagging, export, period, digest. */
export const hr = {
  'hr.no_periods': 'No review periods yet.',
};
