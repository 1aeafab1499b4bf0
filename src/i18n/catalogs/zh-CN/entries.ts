import type { entries as en } from '../en/entries.js';

export const entries = {
  'entries.form.title': '代 {name} 提交',
  'entries.form.note_slack':
    '你正在代 {name} 提交这个 AI 助手。它属于对方，对方确认是自己的之后才计入（对方会收到一条消息）。系统会记录由你代为提交。',
  'entries.form.note_no_slack':
    '你正在代 {name} 提交这个 AI 助手（对方没有 Slack）。它属于对方；系统会记录由你代为提交，审核结果也会通知你。',

  'entries.saved_text': '已代 {name} 保存 #{id}。',
  'entries.saved': ':white_check_mark: 已代 {name} 保存 {title}，由你代为提交。',
  'entries.saved.awaiting': '{name} 在用 Slack：我已请对方确认是自己的。对方确认后，它才计入并送去审核。',
  'entries.saved.theirs':
    '它现在属于对方；审核结果会通知你。你可以代对方运行 `{command} edit {id}` 或 `{command} withdraw {id}`。',
  'entries.duplicate_text': '{name} 已经有同名或同链接的 AI 助手 #{id}；没有保存新内容。',
  'entries.duplicate': '{name} 已经有同名或同链接的 {title}；没有保存新内容。',

  'entries.that_person': '此人',
  'entries.refused.not_on_roster': '{who} 不在名册上。请检查邮箱，或请 HR 把对方加入名册。',
  'entries.refused.left': '{who} 已离职，不能再代其提交 AI 助手。',
  'entries.refused.self': '这是你自己：提交自己的 AI 助手请用 `submit`（不加 `for`）。',
  'entries.refused.not_allowed':
    '只有对方的主管（以名册为准）、AI 大使或 HR 可以代同事提交。没有保存任何内容。',

  'entries.someone': '有人',
  'entries.confirm_text': '{enterer} 代你提交了 AI 助手 #{id}，是你的吗？',
  'entries.confirm':
    ':wave: {enterer} 代你提交了一个 AI 助手：{title}\n{description}\n这是你的吗？你确认之后，它才会计入你的记录并送去审核。',
  'entries.confirm.yes': '是的，是我的',
  'entries.confirm.no': '不是我的',
  'entries.confirm.note': '确认是你的之后，你（或代为提交的人）仍然可以修改或撤回。',

  'entries.confirmed_text': '已确认。',
  'entries.confirmed': ':white_check_mark: {title} 是你的：从现在起计入，并送去审核。',
  'entries.declined_text': '已标记为不是你的。',
  'entries.declined': ':x: 你表示 {title} 不是你的。它已撤回，不会计入；已告知 {enterer}。',
  'entries.whoever_entered': '代为提交的人',
  'entries.not_pending':
    '{state, select, confirmed {你已经确认过了。} declined {你已经表示不是你的。} other {它在此期间已撤回。}}',
  'entries.not_pending_line': '{title}：{state}没有任何变化。',

  'entries.answer_text': '{owner} {answer, select, confirmed {确认了} other {否认了}} AI 助手 #{id}。',
  'entries.answer.confirmed': ':white_check_mark: {owner} 确认 {title} 是自己的：现在起计入，并送去审核。',
  'entries.answer.declined': ':x: {owner} 表示 {title} 不是自己的。它已撤回，不会计入。',
  'entries.decision_text':
    '代 {owner} 提交的 AI 助手 #{id}：{reviewer} {decision, select, approved {已通过} changes_requested {已退回修改} other {判为不通过}}。',
  'entries.decision.approved':
    ':tada: 你代 {owner} 提交的 {title} 已由 {reviewer} 审核通过{score}。{comment}\n它会计入对方的记录。',
  'entries.decision.changes_requested':
    ':pencil2: {reviewer} 退回了你代 {owner} 提交的 {title}，请修改：{comment}\n用 `{command} edit {id}` 修改并保存，它会重新提交审核。',
  'entries.decision.rejected': ':no_entry: 你代 {owner} 提交的 {title} 未通过 {reviewer} 的审核。{comment}',
} satisfies Record<keyof typeof en, string>;
