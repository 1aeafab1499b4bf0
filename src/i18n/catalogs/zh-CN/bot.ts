import type { bot as en } from '../en/bot.js';

export const bot = {
  'bot.saved': '已保存 {name}，编号 #{id}',
  'bot.already_submitted': '已经提交过了，编号 #{id}',
} satisfies Record<keyof typeof en, string>;
