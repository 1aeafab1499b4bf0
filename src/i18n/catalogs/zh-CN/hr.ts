import type { hr as en } from '../en/hr.js';

export const hr = {
  'hr.no_periods': '还没有考核周期。',

  'hr.help.text': '{command} 用法',
  'hr.help.stats':
    '*{command} 统计*（或 `stats`）`[部门] [考核周期]`：人数、参与人数、参与率、达标率、AI 助手、使用次数、趋势',
  'hr.help.person':
    '*{command} 个人*（或 `person`）`@姓名 [考核周期]`：一位员工的记录，即导出中的那一行（记入审计日志）',
  'hr.help.lagging':
    '*{command} 未达标*（或 `落后`、`名单`、`lagging`）`[部门] [考核周期]`：还没达标的人及其主管（记入审计日志）',
  'hr.help.export':
    '*{command} 导出*（或 `export`）`[考核周期]`：所有员工的记录，以 CSV 文件发到你的私信（记入审计日志）',
  'hr.help.period_list': '*{command} 周期 列表*（或 `period list`）：考核周期及其达标要求',
  'hr.help.period_create':
    '*{command} 周期 新建*（或 `period create`）`<名称> <开始>..<结束> require=<n>`：新建考核周期',
  'hr.help.digest_preview': '*{command} 周报 预览*（或 `digest preview`）：预览下一期周报，只有你能看到',
  'hr.help.digest_send':
    '*{command} 周报 发送*（或 `digest send`）：立即发送本周周报（每周一次，再次发送不会重复发）',
  'hr.help.session_create':
    '`{command} session create <标题> | <YYYY-MM-DD HH:MM> | <分钟数> | <地点或链接> | <名额> [host=@某人]`：安排一场 AI 培训（HR 和 AI 大使可用）',
  'hr.help.session_more':
    '`{command} session list` / `session attendance <编号>` / `session cancel <编号>`：培训列表（含已报名和候补人数）；登记出席；取消培训并通知所有报名的人',
  'hr.help.help': '*{command} 帮助*（或 `help`）：显示本说明',
  'hr.help.periods':
    '考核周期的写法：`2026-Q4`、`2026-H2`、`2026-11`、`2026`、`2026-10-01..2026-12-31`，或已有考核周期的名称；不写则为当前考核周期。',

  'hr.error.unknown_subcommand': '无法识别 `{verb}`。',
  'hr.error.digest_usage': '请写 `周报 预览`（查看下一期周报）或 `周报 发送`（立即发送）。',
  'hr.error.period_not_a_subcommand':
    '`{sub}` 不是考核周期的子命令。请写 `周期 新建 <名称> <开始>..<结束> require=<n>`，例如 `周期 新建 FY26-H2 2026-07-01..2026-12-31 require=1`。',
  'hr.error.period_bad_requirement':
    '`{value}` 不是有效的达标要求。请写 `周期 新建 <名称> <开始>..<结束> require=<n>`，例如 `周期 新建 FY26-H2 2026-07-01..2026-12-31 require=1`。',
  'hr.error.period_create_usage':
    '请写 `周期 新建 <名称> <开始>..<结束> require=<n>`，例如 `周期 新建 FY26-H2 2026-07-01..2026-12-31 require=1`。',
  'hr.error.person_missing':
    '请写 `个人 @姓名 [考核周期]`（@ 提及对方）；没有 Slack 的同事请写 `个人 name@company.com [考核周期]`。',
  'hr.error.person_unknown':
    '无法识别 `{who}` 是谁。请写 `个人 @姓名 [考核周期]`（@ 提及对方）；没有 Slack 的同事请写 `个人 name@company.com [考核周期]`。',

  'hr.refused':
    '抱歉，{command} 仅供 HR 团队使用。如需 AI 助手推广数据，请联系 HR；你自己的记录可以用 `/bot list` 查看。',
  'hr.unchecked':
    '抱歉，现在无法确认你是否有权使用 {command}（Slack 没有告诉我 HR 用户组有哪些成员）。没有显示任何内容，请过几分钟再试。',

  'hr.error.period_no_month': '{text} 不是有效的月份：没有 {month} 月。',
  'hr.error.period_not_a_date': '{date} 不是有效的日期。',
  'hr.error.period_ends_before_start': '考核周期的结束日期（{end}）早于开始日期（{start}）。',
  'hr.error.period_too_long': '考核周期最长五年。',
  'hr.error.period_unknown':
    '“{text}”不是有效的考核周期。请写 `2026-Q4`、`2026-H2`、`2026-11`、`2026` 或 `2026-10-01..2026-12-31`。',
  'hr.error.period_name_invalid':
    '考核周期名称为 1–40 个字符，只能包含文字、数字、空格、`-`、`_` 或 `.`，例如 `2026-Q4` 或 `FY26 H2`。',
  'hr.error.period_requirement_invalid':
    '达标要求是已通过的 AI 助手数量，须为 0 到 100 之间的整数，例如 `require=1`。',
  'hr.error.period_name_taken': '已有名为“{name}”的考核周期，请换一个名称。',
  'hr.error.person_not_on_roster': '{who, select, slack {<@{id}>} other {{id}}} 不在员工名单中。',
  'hr.error.department_unknown':
    '没有叫“{department}”的部门。现有部门：{count, plural, =0 {暂无（请先导入 HR 名单）} other {{departments}}}。',
  'hr.error.digest_channel_missing':
    '还没有配置周报频道：请把 `DIGEST_CHANNEL` 设为频道 ID，例如 `C0123ABC`。',

  'hr.periods.none': '还没有考核周期；新建之前，默认使用当前自然季度，达标要求为 1 个已通过的 AI 助手。',
  'hr.periods.line':
    '*{name}* {start} – {end} · 要求 {required} 个已通过的 AI 助手{current, select, yes { · _当前_} other {}}',
  'hr.periods.count': '{count, plural, other {# 个考核周期}}',
  'hr.period.created':
    '已新建考核周期 *{name}*：{start} – {end}，要求 {required, plural, other {# 个已通过的 AI 助手}}。',
  'hr.period.line': '{name}（{start} – {end}）· 要求 {required, plural, other {# 个已通过的 AI 助手}}',

  'hr.whole_company': '全公司',
  'hr.days': '{days, plural, other {# 天}}',

  'hr.stats.title': '*{who}* · 考核周期 {name}（{start} – {end}）',
  'hr.stats.requirement':
    '达标要求：周期内至少 {required, plural, other {# 个已通过的 AI 助手}}；对比 {previous}',
  'hr.stats.small_group': '人数：*少于 {min} 人*。人数这么少的群体不显示数据，以免具体的人被认出来。',
  'hr.stats.small_group_text': '{who}：少于 {min} 人',
  'hr.stats.headcount': '人数',
  'hr.stats.builders': '参与人数',
  'hr.stats.qualified': '达标人数',
  'hr.stats.new_bots': '新提交的 AI 助手',
  'hr.stats.approved_bots': '已通过的 AI 助手',
  'hr.stats.pending': '待审核',
  'hr.stats.uses': '同事使用次数',
  'hr.stats.uses_value': '{uses, number} 次，{users, number} 人使用（较上期 {change}）',
  'hr.stats.adopted': '被采用的 AI 助手',
  'hr.stats.adopted_value': '{count, number}（28 天内至少 3 位同事用过）',
  'hr.stats.median_first_bot': '提交首个 AI 助手的用时（中位数）',
  'hr.stats.hours': '预计每周节省工时',
  'hr.stats.hours_value': '{hours, number}（自报）',
  'hr.stats.turnaround': '审核用时中位数：{hours, number} 小时',
  'hr.stats.change': '{value}（较上期 {change}）',
  'hr.stats.points': '{change} 个百分点',
  'hr.stats.no_earlier': '无数据',
  'hr.stats.text': '{who} {name}：参与率 {participation}，达标率 {qualified}（{freshness}）',

  'hr.freshness.as_of': '数据时间 {time}：{source}。',
  'hr.freshness.live': '实时计算',
  'hr.freshness.snapshot_earlier': '快照，由之前的一次查询算出',
  'hr.freshness.snapshot_every': '快照，每 {minutes, plural, other {# 分钟}}更新一次',
  'hr.freshness.previous': '{main}{name} 的数据时间 {time}（{live, select, yes {实时计算} other {快照}}）。',

  'hr.funnel.title': '*培训转化*（本周期内举办的 AI 培训）',
  'hr.funnel.line':
    '参加过至少 1 场培训：{headcount} 人中 *{attended}* 人（{attendedRate}）→ 提交了 AI 助手：*{builders}*（{buildersRate}）→ 达标：*{qualified}*（{qualifiedRate}）→ AI 助手被同事使用：*{used}*（{usedRate}）',
  'hr.funnel.compare_hidden': '_两组都至少有 {min} 人时，才显示参加培训的人与其他人的对比。_',
  'hr.funnel.compare':
    '参加培训的人与其他人对比：参与率 *{attendees}* 对 *{others}*；提交首个 AI 助手的用时中位数 *{attendeeDays}* 对 *{otherDays}*',
  'hr.funnel.freshness': '_培训转化：{freshness}_',
  'hr.funnel.by_department': '*各部门培训转化*',
  'hr.funnel.no_department': '无部门',
  'hr.funnel.department_small': '{name} · 少于 {min} 人',
  'hr.funnel.department':
    '{name} · {attended} 人参加 → {built} 人提交 → {qualified} 人达标 → {used} 人的 AI 助手被使用 · 共 {people, plural, other {# 人}}',
  'hr.funnel.more': '……还有 {count} 个部门：`/adoption stats <部门>`',

  'hr.person.not_counted': '本周期不计入（该周期不在员工名单中，或是访客）。',
  'hr.person.not_counted_text': '本周期不计入。',
  'hr.person.met': ':white_check_mark: 已达标（已通过 {approved} 个）。',
  'hr.person.not_met': ':hourglass: 尚未达标：已通过 {approved} 个，要求 {required} 个。',
  'hr.person.department': '部门：{value}',
  'hr.person.manager': '主管：{value}',
  'hr.person.email': '邮箱：{value}',
  'hr.person.employee_id': '工号：{value}',
  'hr.person.entered_by': '由 {names} 代为提交',
  'hr.person.text': '{name}：{met, select, yes {已达标} other {尚未达标}}',
  'hr.person.note': '与导出中的那一行相同，也是员工用 `/bot me` 看到的内容。本次查询会记入审计日志。',
  'hr.record.bots_submitted': '已提交的 AI 助手',
  'hr.record.bots_approved': '已通过的 AI 助手',
  'hr.record.first_submitted': '首次提交时间',
  'hr.record.best_score': '最高审核评分',
  'hr.record.best_score_value': '{score} 分（满分 5 分）',
  'hr.record.uses': '同事使用次数',
  'hr.record.uses_value': '{uses} 次，{users} 人使用',
  'hr.record.hours': '预计每周节省工时',
  'hr.record.hours_value': '{hours}（本人自报）',
  'hr.record.reported': 'AI 助手自己上报',
  'hr.record.reported_value': '{uses}（AI 助手自己上报的次数，不算作使用次数）',
  'hr.record.sessions': '参加的 AI 培训',

  'hr.lagging.everyone_met': '所有人都已达标。',
  'hr.lagging.no_page': '没有第 {page} 页：共 {total, plural, other {# 人}}，{pages, plural, other {# 页}}。',
  'hr.lagging.line': '• {who} · {department} · 已通过 {approved} 个，已提交 {submitted} 个 · 主管 {manager}',
  'hr.lagging.no_manager': '名单中没有主管',
  'hr.lagging.no_department': '无部门',
  'hr.lagging.heading': '*{total}* 人尚未达标 · 第 {first}–{last} 人（第 {page} 页，共 {pages} 页）',
  'hr.lagging.note': '按姓名列出：只有你能看到，本次查询会记入审计日志。',
  'hr.lagging.text': '{total} 人尚未达标（第 {page} 页，共 {pages} 页）',
  'hr.lagging.title': '未达标名单',
  'hr.lagging.next': '下 {count} 人',

  'hr.export.sent':
    '{period} 的导出文件已发到你和我的私信：`{filename}`，共 {rows} 行。本次导出已记入审计日志。',
  'hr.export.sent_text': '导出已发送：{rows} 行',
  'hr.export.not_sent': '导出文件没能发到你的私信（Slack 没有接收文件）。已记录日志，请过几分钟再试。',
  'hr.export.file_name': 'AI应用情况',
  'hr.export.file_title': 'AI 应用情况导出 · {name}',
  'hr.export.comment':
    '{name}（{start} – {end}）的 AI 应用情况导出：共 {rows} 行。各列的说明见 `docs/export.md`。',
  'hr.export.period_end_comment':
    '{name} 已结束（{start} – {end}）。这是该周期的 AI 应用情况导出，供绩效考核使用：共 {rows} 行，每位员工一行。各列的说明见 `docs/export.md`。',

  'hr.digest.preview_note':
    ':eyes: 预览，只有你能看到。周报会按计划发到 <#{channel}>，附每周参与率图表，并向每位主管私信一份团队周报。',
  'hr.digest.preview_note_no_channel':
    ':eyes: 预览，只有你能看到。周报会按计划发到周报频道（未设置 `DIGEST_CHANNEL`，所以不会发送），附每周参与率图表，并向每位主管私信一份团队周报。',
  'hr.digest.preview_text': '预览：{digest}',
  'hr.digest.more': '更多数据见 `/adoption stats`。',
  'hr.digest.sending':
    '正在把本周周报（{week}）发到 <#{channel}>，附图表和 {managers, plural, other {# 份团队周报}}。',
  'hr.digest.already_sent': '本周周报（{week}）已经发到 <#{channel}>；每周只发一次，所以这次没有再发。',

  'hr.summary.header': '考核准备：你的团队 · {name}',
  'hr.summary.headline':
    '{total} 人中 {met} 人已达标（要求 {required, plural, other {# 个已通过的 AI 助手}}）',
  'hr.summary.intro': '{name} 已于 {end} 结束（{start} – {end}）。{headline}。',
  'hr.summary.approved': '已提交 {submitted} 个，已通过 {approved} 个',
  'hr.summary.best_score': '最高评分 {score} 分（满分 5 分）',
  'hr.summary.uses': '同事使用 {uses, plural, other {# 次}}，共 {users} 人',
  'hr.summary.hours': '预计每周节省约 {hours} 小时（自报）',
  'hr.summary.not_met': ':hourglass: *未达标*（{count}）',
  'hr.summary.met': ':white_check_mark: *已达标*（{count}）',
  'hr.summary.note':
    '本周期你的直属下属，数据与 HR 的导出一致。每个人用 `/bot me` 能看到同样的记录。向你发送本摘要已记入审计日志。',
  'hr.summary.text': '{name} 的考核准备摘要：{headline}。',
  'hr.summary.too_large': '你的团队人数太多，这里列不下；完整数据见 HR 的导出。',
} satisfies Record<keyof typeof en, string>;
