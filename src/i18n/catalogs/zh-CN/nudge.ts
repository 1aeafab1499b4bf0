import type { nudge as en } from '../en/nudge.js';

export const nudge = {
  'nudge.to_go': '{period} 于 {date} 结束：还差 {missing, number} 个通过审核的 AI 助手。',
} satisfies Record<keyof typeof en, string>;
