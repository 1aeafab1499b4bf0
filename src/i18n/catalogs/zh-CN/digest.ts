import type { digest as en } from '../en/digest.js';

export const digest = {
  'digest.participation': '{department}：参与率 {rate, number, percent}',
} satisfies Record<keyof typeof en, string>;
