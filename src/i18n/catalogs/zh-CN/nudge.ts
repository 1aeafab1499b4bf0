import type { nudge as en } from '../en/nudge.js';

export const nudge = {
  'nudge.headline':
    '*{period}* {daysLeft, plural, =1 {明天} other {# 天后}}结束（{end}）。你已有 {approved} 个 AI 助手通过审核，达标要求 {required, number} 个：还差 {missing} 个。',
  'nudge.progress_submitted':
    '你本考核周期已提交 {submitted} 个；AI 助手通过审核后才算数，请用 `{command} list` 看看有没有需修改的。',
  'nudge.progress_none': '用 `{command} submit` 提交一个你做的 AI 助手，一分钟就好；由审核人决定是否通过。',
  'nudge.footer': '我的记录：`{command} me` · 不再接收截止提醒：`{command} remind off`',
  'nudge.text':
    '{period} {daysLeft, plural, =1 {明天} other {# 天后}}结束：还差 {missing, number} 个通过审核的 AI 助手。',

  'nudge.team.text':
    '{period} {daysLeft, plural, =1 {明天} other {# 天后}}结束：你团队中有 {count, number} 位没有 Slack 的同事尚未达标。',
  'nudge.team.headline':
    ':alarm_clock: *{period}* {daysLeft, plural, =1 {明天} other {# 天后}}结束（{end}）。你团队中以下 {count, number} 位同事没有 Slack，尚未达标：',
  'nudge.team.line':
    '• *{name}*{hasEmail, select, true {（{email}）} other {}} · 已通过 {approved} 个（达标要求 {required} 个），已提交 {submitted} 个',
  'nudge.team.more': '……另有 {count} 人（`{command} team`）。',
  'nudge.team.footer':
    '{more}代同事提交他们做的 AI 助手：`{command} submit for {example}`。查看团队记录：`{command} team`。',
  'nudge.team.example_email': '<邮箱>',
} satisfies Record<keyof typeof en, string>;
