import type { hr as en } from '../en/hr.js';

export const hr = {
  'hr.no_periods': '还没有考核周期。',
} satisfies Record<keyof typeof en, string>;
