import type { sessions as en } from '../en/sessions.js';

export const sessions = {
  'sessions.none': '目前没有安排 AI 培训。新的培训会显示在这里和每周周报里。',
} satisfies Record<keyof typeof en, string>;
