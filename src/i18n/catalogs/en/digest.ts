/** The weekly channel digest, its chart, and the manager digest. */
export const digest = {
  'digest.participation': '{department}: {rate, number, percent} participation',
};
