import type { review as en } from '../en/review.js';

export const review = {
  'review.waiting': '有 {count, number} 个 AI 助手等你审核',
} satisfies Record<keyof typeof en, string>;
