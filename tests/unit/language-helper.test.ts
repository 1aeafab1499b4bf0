import { describe, expect, it } from 'vitest';
import { englishWords, expectChinese, visibleText } from '../helpers/language.js';

describe('the language helper of the i18n walks', () => {
  it('finds the English prose left in a text', () => {
    expect(englishWords('已保存 #12。Saved as a draft')).toEqual(['Saved', 'as', 'a', 'draft']);
    expect(englishWords('Withdrawn.')).toEqual(['Withdrawn']);
  });

  it('sets aside Slack syntax, code, URLs, emails, ids, emoji and command words', () => {
    const text =
      '<@U123> 在 <#C9|general> 提交了 <https://x.example.com/a|Some Label>，用 `/bot list` 或 /bot submit 查看 #12 :white_check_mark:' +
      '，网址 https://coze.cn/store/1?x=y，邮箱 wen.li@example.com，example.com 也行，<!here>';
    expect(englishWords(text)).toEqual([]);
  });

  it('allows product and technical words, and names the test says', () => {
    expect(englishWords('用 Slack 和 AI 导出 CSV，HR 的 API、URL 与 ID，写 none')).toEqual([]);
    expect(englishWords('你的 Invoice Helper 已通过')).toEqual(['Invoice', 'Helper']);
    expect(englishWords('你的 Invoice Helper 已通过', { allow: ['Invoice Helper'] })).toEqual([]);
    expect(englishWords('/bot frobnicate 不认识')).toEqual(['frobnicate']);
  });

  it('expectChinese fails on English left, and on a text without Chinese', () => {
    expect(() => expectChinese('已撤回 #12。')).not.toThrow();
    expect(() => expectChinese('已撤回 #12. Withdrawn')).toThrow(/Withdrawn/);
    expect(() => expectChinese('#12')).toThrow(/no Chinese/);
  });

  it('reads what a person sees in a payload, not ids or values', () => {
    const view = {
      type: 'modal',
      callback_id: 'bot_submit',
      title: { type: 'plain_text', text: '提交 AI 助手' },
      blocks: [
        {
          type: 'input',
          block_id: 'name',
          label: { type: 'plain_text', text: '名称' },
          element: {
            type: 'static_select',
            action_id: 'x',
            options: [{ text: { type: 'plain_text', text: '其他' }, value: 'other' }],
          },
        },
        { type: 'image', image_url: 'https://x/y.png', alt_text: '图表' },
      ],
      private_metadata: '{"text":"hidden"}',
    };
    expect(visibleText(view)).toBe('提交 AI 助手\n名称\n其他\n图表');
  });
});
