import type { home as en } from '../en/home.js';

export const home = {
  'home.title': '我的 AI 助手进度',
} satisfies Record<keyof typeof en, string>;
