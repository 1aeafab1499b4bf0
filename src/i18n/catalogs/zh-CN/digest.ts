import type { digest as en } from '../en/digest.js';

export const digest = {
  'digest.participation': '{department}：参与率 {rate, number, percent}',

  'digest.header': '本周 AI 助手周报 · {period}',
  'digest.context':
    '{period} 截至 {today}（{start} – {end}，达标要求：至少 {required, number} 个已通过的 AI 助手）；{firstWeek, select, true {本考核周期刚开始第一周} other {与上周相比的变化以百分点计}}。',
  'digest.change': '（较上周 {points}）',
  'digest.company_small': '*全公司*：不足 {min, number} 人',
  'digest.company':
    '*全公司* · 参与率 *{participation}*{participationChange} · 达标率 *{qualified}*{qualifiedChange} · {headcount, number} 人',
  'digest.no_department': '_未分部门_',
  'digest.department_small': '{department} · 不足 {min, number} 人',
  'digest.department':
    '{department} · {participation}{participationChange} · 达标率 {qualified}{qualifiedChange} · {headcount, number} 人',
  'digest.more_departments':
    '……另有 {count, number} 个较小的部门（共 {people, number} 人）：`/adoption stats <部门>`',
  'digest.departments_heading': '*按部门* — 参与率 · 达标率 · 人数',
  'digest.new_bots_none': '*本周新提交的 AI 助手*：还没有，来做第一个：`/bot submit`',
  'digest.new_bots': '*本周新提交的 AI 助手*（{total, number} 个）',
  'digest.new_bots_newest': '*本周新提交的 AI 助手*（{total, number} 个）— 最新的 {shown, number} 个',
  'digest.bot': '*#{id} {name}* · 作者：{owner}\n{description}',
  'digest.used_button': '我用过',
  'digest.most_used_heading': '*本周最常用*',
  'digest.most_used':
    '{rank, number}. *#{id} {name}* · 作者：{owner} — {users, number} 位同事使用了 {uses, number} 次',
  'digest.backlog_none': '*待审核*：目前没有待审核的 AI 助手。',
  'digest.backlog':
    '*待审核*：{waiting, number} 个 AI 助手待审核，其中 {overdue, number} 个已等待超过 3 天{oldest}。',
  'digest.backlog_oldest': '，最早的从 {date} 起',
  'digest.footer': '不足 {min, number} 人的小组显示为“不足 {min} 人”。查看你自己的记录：`/bot me`。',
  'digest.text': '本周 AI 助手周报：参与率 {participation}，达标率 {qualified}（{period}）',
  'digest.more_in_stats': '更多数据请用 `/adoption stats` 查看。',

  'digest.chart.title': '每周参与率 · {period}',
  'digest.chart.comment': '每周参与率（有 AI 助手的人数 / 总人数），{period} 截至目前。',
  'digest.chart.week_axis': '周（截止日）',
  'digest.chart.participation_axis': '参与率（%）',
  'digest.chart.company': '全公司',

  'digest.manager.heading': '*团队周报* · {period}\n{summary}',
  'digest.manager.summary':
    '{total} 人中 {approved} 人已达标 · {waiting} 人待审核 · {submitted} 人已提交 · {nothing} 人尚未提交',
  'digest.manager.status.approved': ':white_check_mark: 已达标',
  'digest.manager.status.waiting': ':hourglass_flowing_sand: 待审核',
  'digest.manager.status.submitted': ':memo: 已提交，尚未通过',
  'digest.manager.status.nothing': ':zzz: 尚未提交',
  'digest.manager.group': '*{label}*（{count} 人）',
  'digest.manager.footer':
    '以上是你的直属下属在本考核周期至今的情况。每个人都可以用 `/bot me` 查看自己的记录。',
  'digest.manager.text': '你的团队：{summary}',
} satisfies Record<keyof typeof en, string>;
