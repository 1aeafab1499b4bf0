import type { team as en } from '../en/team.js';

export const team = {
  'team.too_large': '团队人数太多，这里列不下；完整记录请找 HR 导出。',

  'team.heading':
    '*我的团队* · {period}（{start} – {end}）· 达标要求：至少 {required, number} 个已通过的 AI 助手',
  'team.none': '{heading}\n本考核周期花名册上没有你的直属下属，所以这里没有人可显示。',
  'team.none_text': '你没有直属下属。',
  'team.no_page': '{heading}\n没有第 {page} 页：共 {total, number} 人，{pages, number} 页。',
  'team.summary':
    '{heading}\n*{total} 人中 {met} 人*已达标 · 第 {first}–{last} 人（第 {page} 页，共 {pages} 页），未达标的排在前面',
  'team.footer':
    '每一行就是这个人的导出记录，和他们用 `{command} me` 看到的一样。只有你能看到；每位被显示的同事都会记入审计日志。代没有 Slack 的同事提交：`{command} submit for <邮箱>`。',
  'team.text': '你的团队 {total} 人中 {met} 人已达标（第 {page} 页，共 {pages} 页）',

  'team.next': '下 {count} 人',

  'team.line.met': ':white_check_mark: 已达标',
  'team.line.not_met': ':hourglass: 未达标',
  'team.line.who':
    '{account, select, slack {*{name}*（<@{user}>）} email {*{name}*（没有 Slack，{email}）} other {*{name}*（没有 Slack）}}',
  'team.line.bots': '已通过 {approved} 个，已提交 {submitted} 个',
  'team.line.first': '首次提交：{date}',
  'team.line.best_score': '最高评分：{score}',
  'team.line.uses': '{users, number} 位同事使用 {uses, number} 次',
  'team.line.hours': '预计每周节省 {hours, number} 小时（自报）',
  'team.line.none': '无',
} satisfies Record<keyof typeof en, string>;
