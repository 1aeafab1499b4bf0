import type { review as en } from '../en/review.js';

export const review = {
  'review.waiting': '有 {count, number} 个 AI 助手等你审核',

  'review.button.approve': '通过',
  'review.button.request_changes': '退回修改',
  'review.button.reject': '不通过',

  'review.bot_by': '{title}（提交人：*{owner}*）',
  'review.submitted_on': '提交于 {day}',
  'review.score': ' · 评分 *{score}/5*',
  'review.decided':
    '*{reviewer}* 已于 {when} {decision, select, approved {通过} changes_requested {退回修改} other {判为不通过}}{score}',
  'review.a_reviewer': '一位审核人',

  'review.requested': ':mag: *请你审核*',
  'review.requested_text': '请你审核：#{id} {name}（提交人：{owner}）',
  'review.source.manager': '你是 {owner} 的主管，所以请你审核。',
  'review.source.champion': '你是 AI 大使，所以请你审核。',
  'review.source.previous': '之前退回修改，现已改好，重新提交审核。',
  'review.source.hr': '你是 HR，所以请你审核：这是代 {owner} 提交的，目前没有 AI 大使可以审核。',
  'review.withdrawn': ':wastebasket: 提交人已撤回，无需再做决定。',
  'review.withdrawn_at': ':wastebasket: 提交人已于 {when} 撤回，无需再做决定。',
  'review.withdrawn_text': '#{id} {name} 已撤回。',
  'review.decided_text':
    '#{id} {name}：{reviewer} {decision, select, approved {已通过} changes_requested {已退回修改} other {判为不通过}}。',

  'review.decision.approved_text': '#{id} {name} 已由 {reviewer} 审核通过。',
  'review.decision.approved':
    ':tada: {title} 已由 {reviewer} 审核通过{score}。{comment}\n它会计入你本考核周期的记录（`{command} me`）。',
  'review.decision.changes_requested_text': '{reviewer} 退回了 #{id} {name}，请修改。',
  'review.decision.changes_requested':
    ':pencil2: {reviewer} 退回了 {title}，请修改：{comment}\n改好后，运行 `{command} edit {id}` 并保存，它会重新提交审核。',
  'review.decision.rejected_text': '#{id} {name} 未通过 {reviewer} 的审核。',
  'review.decision.rejected':
    ':no_entry: {title} 未通过 {reviewer} 的审核。{comment}\n你随时可以用 `{command} submit` 提交另一个 AI 助手。',

  'review.no_reviewer_text': '#{id} 暂时没有人能审核；它已保存，正在待审核。',
  'review.no_reviewer':
    ':warning: 暂时没有人能审核 {title}：名册上没有你的主管，也没有配置 AI 大使（`REVIEWER_USER_IDS`）。你的 AI 助手已保存，正在待审核；请告诉 HR。',
  'review.reviewer_assigned': '已请 *{reviewer}* 审核。',

  'review.pending': '{title}（提交人：*{owner}*）· {days, plural, =0 {今天开始等待} other {已等待 # 天}}',
  'review.reminder': ':alarm_clock: 有 {count, plural, other {# 个 AI 助手}}等你审核已超过 3 天：',
  'review.reminder_text': '有 {count, plural, other {# 个 AI 助手}}等你审核已超过 3 天。',
  'review.reminder_more': '……还有 {count, number} 个。在应用的主页标签里可以看到全部。',

  'review.modal.title':
    '{decision, select, approved {通过} changes_requested {退回修改} other {不通过}} #{id}',
  'review.modal.submit': '{decision, select, approved {通过} changes_requested {发送} other {不通过}}',
  'review.modal.cancel': '取消',
  'review.modal.score': '评分',
  'review.modal.score_hint': '1 = 用处不大，5 = 非常好。提交人能看到评分。',
  'review.modal.score_placeholder': '选择 1–5',
  'review.modal.score_option':
    '{score, plural, =5 {5 — 非常好} =4 {4 — 很有用} =3 {3 — 有用} =2 {2 — 有点用} other {1 — 用处不大}}',
  'review.modal.comment':
    '{decision, select, approved {备注} rejected {为什么不通过？} other {需要修改什么？}}',
  'review.modal.note': '提交人会通过私信收到你的决定和备注。',

  'review.error.score_missing': '请选择 1 到 5 的评分。',
  'review.error.score_invalid': '评分须为 1 到 5 的整数。',
  'review.error.reason_missing': '请说明不通过的原因，让提交人明白。',
  'review.error.changes_missing': '请说明需要修改什么，让提交人知道怎么改。',
  'review.error.comment_too_long': '备注请控制在 {max} 个字以内。',

  'review.done.title': '决定已保存',
  'review.done':
    '{title} {decision, select, approved {已通过} changes_requested {已退回修改} other {未通过}}{score}。',
  'review.done.told': '已私信告知 {owner}。',
  'review.refusal.not_found.title': '找不到',
  'review.refusal.not_found': '没有 #{id} 这个 AI 助手。',
  'review.refusal.not_allowed.title': '不是你的审核',
  'review.refusal.not_allowed':
    ':lock: 只有指定的审核人或 HR 可以对 {title} 做决定，提交人本人和代为提交的人都不行。没有保存任何内容。',
  'review.refusal.not_allowed_named':
    ':lock: 只有审核人 *{reviewer}* 或 HR 可以对 {title} 做决定，提交人本人和代为提交的人都不行。没有保存任何内容。',
  'review.refusal.already_decided.title': '已有决定',
  'review.refusal.already_decided': '{title} 已有决定：{decided}。没有再保存任何内容。',
  'review.refusal.changed.title': 'AI 助手已修改',
  'review.refusal.changed':
    ':warning: {title} 在你看到之后被修改过。没有保存任何内容：决定只对你看到的版本有效。下面是它现在的内容；你的审核消息也已更新为这个版本，并换上了新的按钮。',
  'review.refusal.not_reviewable.title': '无需决定',
  'review.refusal.not_reviewable': '{title} 已被提交人撤回，无需再做决定。',
  'review.not_saved.title': '未保存',
  'review.out_of_date.title': '已过期',
  'review.form_out_of_date': '这个表单已过期，请再点一次按钮。',
} satisfies Record<keyof typeof en, string>;
