import type { common as en } from '../en/common.js';

export const common = {
  'common.bots': '{count, plural, other {# 个 AI 助手}}',
  'common.uses': '{count, plural, other {# 次使用}}',
  'common.people': '{count, plural, other {# 人}}',
  'common.colleagues': '{count, plural, other {# 位同事}}',
  'common.days': '{count, plural, other {# 天}}',
  'common.minutes': '{count, plural, other {# 分钟}}',
  'common.seats': '{count, plural, other {# 个名额}}',
  'common.hours_per_week': '{hours, plural, other {每周 # 小时}}',
  'common.fewer_than': '不足 {min, number} 人',
  'common.none': '无',
  'common.status.submitted': '待审核',
  'common.status.approved': '已通过',
  'common.status.changes_requested': '需修改',
  'common.status.rejected': '未通过',
  'common.status.withdrawn': '已撤回',
  'common.entered_by': '由 {name} 代为提交',
  'common.due': '截止时间：{when, date, medium} {when, time, short}',
} satisfies Record<keyof typeof en, string>;
