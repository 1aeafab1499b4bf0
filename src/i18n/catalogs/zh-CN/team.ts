import type { team as en } from '../en/team.js';

export const team = {
  'team.too_large': '团队人数太多，这里列不下；完整记录请找 HR 导出。',
} satisfies Record<keyof typeof en, string>;
