import type { errors as en } from '../en/errors.js';

export const errors = {
  'errors.validation_failed': '有些内容需要修改。',
  'errors.bot_not_found': '没有编号为 #{id} 的 AI 助手。用 `list` 可以查看你的 AI 助手和编号。',
  'errors.not_bot_owner':
    '#{id} 是别人的 AI 助手。你只能{action, select, withdraw {撤回} other {修改}}自己的，或你代别人提交的 AI 助手。',
  'errors.invalid_status_change':
    '#{id} 不能{action, select, withdraw {撤回} other {修改}}：{status, select, withdrawn {它已撤回，已撤回的 AI 助手会保留在记录里，不能再改} approved {它已通过审核；如需改动，请先撤回，再提交新版本} rejected {它未通过审核，请提交一个新的 AI 助手} other {当前状态不允许这样做}}。',
  'errors.field.missing':
    '{field, select, name {还没填名称，请给你的 AI 助手起个名字。} description {还没填用途，请用一两句话说明它能做什么。} other {这一项还没填。}}',
  'errors.field.too_short':
    '{field, select, name {名称} description {用途说明} other {这一项}}太短（{length} 个字）；请写 {min}–{max} 个字。',
  'errors.field.too_long':
    '{field, select, name {名称} description {用途说明} other {这一项}}太长（{length} 个字）；请写 {min}–{max} 个字。',
  'errors.field.broken_character':
    '{field, select, name {名称} description {用途说明} other {这一项}}里有一个损坏的字符，请重新输入。',
  'errors.field.control_character':
    '{field, select, name {名称} description {用途说明} other {这一项}}里有看不见的控制字符，请重新输入。',
  'errors.field.invalid_link': '链接必须是以 http:// 或 https:// 开头的网址（没有链接请填 none）。',
  'errors.field.unknown_choice':
    '没有“{value}”这个{field, select, platform {平台} category {适用对象} other {选项}}，请从中选择：{choices}。',
  'errors.field.invalid_hours':
    '每周节省工时必须是 {min} 到 {max} 之间的数字，比如 2 或 1.5（你填的是“{value}”）。',
  'errors.field.duplicate':
    '你已经有一个同{field, select, link {链接} other {名称}}的 AI 助手 #{id}，请换一个{field, select, link {链接} other {名称}}。',
  'errors.not_saved.database': '没有保存：数据库暂时没有响应。请过几分钟再试。',
  'errors.not_saved.internal': '没有保存：系统出了问题（已记录）。请过几分钟再试。',
  'errors.busy': '系统繁忙，没有保存。请过一分钟再试。',
  'errors.restarting': '应用正在重启，没有保存。请过一分钟再试。',
  'errors.out_of_date.button': '这个按钮已过期，没有执行任何操作。请使用较新的消息，或重新输入命令。',
  'errors.out_of_date.form': '这个表单已过期，没有保存。请关闭后重新开始。',
} satisfies Record<keyof typeof en, string>;
