import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BotCommand,
  parseBotCommand,
  parseBotId,
  unescapeSlackText,
} from '../../src/domain/bot-command.js';

const KINDS = [
  'help',
  'submit-modal',
  'submit-inline',
  'list',
  'edit',
  'withdraw',
  'use',
  'token',
  'nudges',
  'me',
  'submit-for-modal',
  'submit-for-inline',
  'team',
];

function problemOf(command: BotCommand): string {
  expect(command.kind).toBe('help');
  const problem = command.kind === 'help' ? command.problem : undefined;
  expect(typeof problem).toBe('string');
  return problem ?? '';
}

describe('parseBotCommand: hand-written cases', () => {
  const cases: Array<[string, BotCommand]> = [
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['\n\t ', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['  help  ', { kind: 'help' }],
    ['submit', { kind: 'submit-modal' }],
    ['submit   ', { kind: 'submit-modal' }],
    ['Submit', { kind: 'submit-modal' }],
    [
      'submit  Weekly report helper  |  https://gpts.example/g-123 |  Drafts the weekly sales report  ',
      {
        kind: 'submit-inline',
        name: 'Weekly report helper',
        link: 'https://gpts.example/g-123',
        description: 'Drafts the weekly sales report',
      },
    ],
    [
      'submit 周报助手｜none｜每周自动生成销售周报',
      { kind: 'submit-inline', name: '周报助手', link: 'none', description: '每周自动生成销售周报' },
    ],
    [
      'submit 周报助手 ｜ https://coze.example/b/1 | 每周自动生成销售周报',
      {
        kind: 'submit-inline',
        name: '周报助手',
        link: 'https://coze.example/b/1',
        description: '每周自动生成销售周报',
      },
    ],
    [
      'submit Triage | none | Sorts tickets into urgent | normal | later',
      {
        kind: 'submit-inline',
        name: 'Triage',
        link: 'none',
        description: 'Sorts tickets into urgent | normal | later',
      },
    ],
    [
      // Only the first two bars separate fields; a full-width bar in the description is the user's text.
      'submit 周报助手 | none | 汇总｜发送周报',
      { kind: 'submit-inline', name: '周报助手', link: 'none', description: '汇总｜发送周报' },
    ],
    [
      'submit 周报助手 | none | 每周自动生成销售周报',
      { kind: 'submit-inline', name: '周报助手', link: 'none', description: '每周自动生成销售周报' },
    ],
    [
      "submit x'); drop table bots;-- | none | Robert'); DROP TABLE bots;--",
      {
        kind: 'submit-inline',
        name: "x'); drop table bots;--",
        link: 'none',
        description: "Robert'); DROP TABLE bots;--",
      },
    ],
    ['submit | | ', { kind: 'submit-inline', name: '', link: '', description: '' }],
    ['list', { kind: 'list' }],
    ['LIST', { kind: 'list' }],
    ['list extra words', { kind: 'list' }],
    ['edit 12', { kind: 'edit', botId: 12 }],
    ['edit #12', { kind: 'edit', botId: 12 }],
    ['Edit   #12  ', { kind: 'edit', botId: 12 }],
    ['edit 999999999', { kind: 'edit', botId: 999999999 }],
    ['edit 007', { kind: 'edit', botId: 7 }],
    ['withdraw #7', { kind: 'withdraw', botId: 7 }],
    ['WITHDRAW 7', { kind: 'withdraw', botId: 7 }],
    ['use 12', { kind: 'use', botId: 12 }],
    ['use #12', { kind: 'use', botId: 12 }],
    ['  USE   #12 ', { kind: 'use', botId: 12 }],
    ['token #5', { kind: 'token', botId: 5 }],
    ['Token 5', { kind: 'token', botId: 5 }],
    ['me', { kind: 'me' }],
    ['ME', { kind: 'me' }],
    ['me 2026-Q3', { kind: 'me', period: '2026-Q3' }],
    ['me  FY26 H2 ', { kind: 'me', period: 'FY26 H2' }],
    ['remind off', { kind: 'nudges', enabled: false }],
    ['remind on', { kind: 'nudges', enabled: true }],
    ['REMIND Off', { kind: 'nudges', enabled: false }],
    ['remind   ON  ', { kind: 'nudges', enabled: true }],
  ];

  it.each(cases)('%j', (text, expected) => {
    expect(parseBotCommand(text)).toEqual(expected);
  });

  it('help has no problem for an empty text or an explicit help', () => {
    for (const text of ['', '   ', 'help']) {
      const command = parseBotCommand(text);
      expect(command.kind === 'help' && command.problem).toBeFalsy();
    }
  });

  it.each([
    'submit Just a name | and a description',
    'submit 周报助手｜每周自动生成销售周报',
    'submit only a name',
  ])('a one-line submission without three parts explains the format: %j', (text) => {
    const problem = problemOf(parseBotCommand(text));
    expect(problem).toContain('<name> | <link or none> | <what it does>');
  });

  it.each([
    ['edit', 'edit'],
    ['edit abc', 'edit'],
    ['edit 0', 'edit'],
    ['edit #0', 'edit'],
    ['edit -3', 'edit'],
    ['edit 1.5', 'edit'],
    ['edit 1234567890', 'edit'],
    ['edit 12 13', 'edit'],
    ['edit ##12', 'edit'],
    ['withdraw', 'withdraw'],
    ['withdraw seven', 'withdraw'],
    ['use', 'use'],
    ['use my colleague’s bot', 'use'],
    ['use #0', 'use'],
    ['use 12 13', 'use'],
    ['token', 'token'],
    ['token abc', 'token'],
    ['token 1234567890', 'token'],
  ])('%j needs one bot id', (text, verb) => {
    const problem = problemOf(parseBotCommand(text));
    expect(problem).toContain(`${verb} #12`);
  });

  it.each(['remind', 'remind maybe', 'remind on off', 'remind 1', 'remind yes'])(
    '%j explains that remind needs on or off',
    (text) => {
      const problem = problemOf(parseBotCommand(text));
      expect(problem).toContain('`remind off`');
      expect(problem).toContain('`remind on`');
    },
  );

  it.each([
    ['frobnicate', 'frobnicate'],
    ['frobnicate now please', 'frobnicate'],
    ['FROBNICATE', 'frobnicate'],
    ['上传 x | y | z', '上传'],
  ])('an unknown verb %j is named in the help', (text, verb) => {
    expect(problemOf(parseBotCommand(text))).toContain(verb);
  });

  // Issue 13: Chinese aliases of the common subcommands, with or without a space after them.
  it.each([
    ['帮助', { kind: 'help' }],
    ['提交', { kind: 'submit-modal' }],
    [
      '提交 周报助手 | none | 每周帮我写销售周报',
      { kind: 'submit-inline', name: '周报助手', link: 'none', description: '每周帮我写销售周报' },
    ],
    [
      '提交 周报助手｜none｜每周帮我写销售周报',
      { kind: 'submit-inline', name: '周报助手', link: 'none', description: '每周帮我写销售周报' },
    ],
    ['列表', { kind: 'list' }],
    ['修改 #12', { kind: 'edit', botId: 12 }],
    ['撤回12', { kind: 'withdraw', botId: 12 }],
    ['使用 #7', { kind: 'use', botId: 7 }],
    ['令牌 3', { kind: 'token', botId: 3 }],
    ['提醒 关', { kind: 'nudges', enabled: false }],
    ['提醒 开', { kind: 'nudges', enabled: true }],
    ['remind 关闭', { kind: 'nudges', enabled: false }],
    ['我的', { kind: 'me' }],
    ['我的 2026-Q3', { kind: 'me', period: '2026-Q3' }],
    ['团队', { kind: 'team' }],
    ['培训', { kind: 'learn' }],
    [
      '代提交 diego@example.com',
      { kind: 'submit-for-modal', target: { kind: 'email', email: 'diego@example.com' } },
    ],
  ])('the Chinese alias %j parses like its English word', (text, expected) => {
    expect(parseBotCommand(text)).toEqual(expected);
  });

  it('a problem with an alias names the alias, and carries its code for the renderer', () => {
    const parsed = parseBotCommand('撤回 abc');
    expect(parsed).toMatchObject({
      kind: 'help',
      problemCode: { code: 'needs_id', params: { verb: '撤回' } },
    });
    expect(problemOf(parsed)).toContain('撤回 #12');
  });

  it('a very long unknown verb is shortened in the help, without cutting a character in half', () => {
    const problem = problemOf(parseBotCommand('😀'.repeat(200)));
    expect(problem).toContain('😀'.repeat(30));
    expect(problem).not.toContain('😀'.repeat(31));
    expect(problem.isWellFormed()).toBe(true);
  });
});

describe('parseBotCommand: Slack escaping', () => {
  it('decodes &lt; &gt; &amp; the user typed, in every field', () => {
    expect(
      parseBotCommand(
        'submit a &lt;b&gt; bot | &lt;https://x.example/a?b=1&amp;c=2&gt; | Checks &lt;stuff&gt; &amp; more',
      ),
    ).toEqual({
      kind: 'submit-inline',
      name: 'a <b> bot',
      link: '<https://x.example/a?b=1&c=2>',
      description: 'Checks <stuff> & more',
    });
  });

  it('unwraps a link Slack wrapped in angle brackets, decoding &amp; inside it', () => {
    expect(parseBotCommand('submit Helper | <https://x.example/a?b=1&amp;c=2> | Does useful things')).toEqual(
      {
        kind: 'submit-inline',
        name: 'Helper',
        link: 'https://x.example/a?b=1&c=2',
        description: 'Does useful things',
      },
    );
  });

  it('a wrapped link with a label keeps the URL and its bar does not split the fields', () => {
    expect(parseBotCommand('submit Helper | <https://x.example/g/1|My GPT> | Does useful things')).toEqual({
      kind: 'submit-inline',
      name: 'Helper',
      link: 'https://x.example/g/1',
      description: 'Does useful things',
    });
  });

  it('a labelled link in the description does not add a field', () => {
    expect(parseBotCommand('submit Helper | none | See <http://docs.example/x|the docs> first')).toEqual({
      kind: 'submit-inline',
      name: 'Helper',
      link: 'none',
      description: 'See http://docs.example/x first',
    });
  });

  it.each([
    ['', ''],
    ['plain text', 'plain text'],
    ['&lt;b&gt;', '<b>'],
    ['a &amp; b', 'a & b'],
    // The user typed "&lt;" literally; Slack escaped its ampersand.
    ['&amp;lt;', '&lt;'],
    ['&amp;amp;', '&amp;'],
    ['<https://x.example>', 'https://x.example'],
    ['<https://x.example/a?b=1&amp;c=2>', 'https://x.example/a?b=1&c=2'],
    ['<https://x.example|x.example>', 'https://x.example'],
    ['<http://a.example> and <https://b.example|B>', 'http://a.example and https://b.example'],
    ['<mailto:ann@x.example|ann@x.example>', 'ann@x.example'], // as typed: Slack adds the mailto
    ['周报 &amp; 日报', '周报 & 日报'],
  ])('unescapeSlackText(%j) is %j', (raw, expected) => {
    expect(unescapeSlackText(raw)).toBe(expected);
  });
});

describe('parseBotCommand: submit for someone else, and team (issue 14)', () => {
  const diego = { kind: 'email', email: 'diego@example.com' } as const;
  const cases: Array<[string, BotCommand]> = [
    ['submit for diego@example.com', { kind: 'submit-for-modal', target: diego }],
    ['submit for <mailto:Diego@Example.com|Diego@Example.com>', { kind: 'submit-for-modal', target: diego }],
    [
      'submit for <@U0LEO|leo>',
      { kind: 'submit-for-modal', target: { kind: 'slack', slackUserId: 'U0LEO' } },
    ],
    ['submit FOR U0LEO', { kind: 'submit-for-modal', target: { kind: 'slack', slackUserId: 'U0LEO' } }],
    [
      'submit for diego@example.com | Route planner | none | Plans routes | by the hour',
      {
        kind: 'submit-for-inline',
        target: diego,
        name: 'Route planner',
        link: 'none',
        description: 'Plans routes | by the hour',
      },
    ],
    [
      'submit for <@U0LEO|leo>｜周报助手｜none｜写周报',
      {
        kind: 'submit-for-inline',
        target: { kind: 'slack', slackUserId: 'U0LEO' },
        name: '周报助手',
        link: 'none',
        description: '写周报',
      },
    ],
    // Not a person: the old one-line submission of a bot whose name starts with "for".
    [
      'submit for sale | none | Drafts sales emails',
      { kind: 'submit-inline', name: 'for sale', link: 'none', description: 'Drafts sales emails' },
    ],
    ['team', { kind: 'team' }],
    ['team 2026-Q3', { kind: 'team', period: '2026-Q3' }],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(parseBotCommand(text)).toEqual(expected);
  });

  it('explains a name Slack did not turn into a user id, and a missing field', () => {
    expect(problemOf(parseBotCommand('submit for @leo'))).toContain('pick them from Slack');
    expect(problemOf(parseBotCommand('submit for diego@example.com | Route planner | none'))).toContain(
      'submit for <email or @user> | <name>',
    );
    expect(problemOf(parseBotCommand('submit for diego@example.com Route planner'))).toContain('submit for');
  });
});

describe('parseBotId', () => {
  it.each([
    ['12', 12],
    ['#12', 12],
    ['  #12  ', 12],
    ['1', 1],
    ['999999999', 999999999],
    ['0', null],
    ['#0', null],
    ['000', null],
    ['1234567890', null],
    ['', null],
    ['#', null],
    ['-1', null],
    ['+1', null],
    ['1.0', null],
    ['1e3', null],
    ['0x1f', null],
    ['# 12', null],
    ['12#', null],
    ['١٢', null],
  ])('parseBotId(%j) is %j', (text, expected) => {
    expect(parseBotId(text)).toBe(expected);
  });

  it('reads back every id that can exist, with or without #', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (n) => {
        expect(parseBotId(String(n))).toBe(n);
        expect(parseBotId(`#${n}`)).toBe(n);
        expect(parseBotCommand(`edit #${n}`)).toEqual({ kind: 'edit', botId: n });
        expect(parseBotCommand(`withdraw ${n}`)).toEqual({ kind: 'withdraw', botId: n });
        expect(parseBotCommand(`use #${n}`)).toEqual({ kind: 'use', botId: n });
        expect(parseBotCommand(`token ${n}`)).toEqual({ kind: 'token', botId: n });
      }),
    );
  });

  it('refuses ids of ten digits or more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000_000, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseBotId(String(n))).toBeNull();
        expect(parseBotId(`#${n}`)).toBeNull();
      }),
    );
  });
});

// Pieces that have meaning to the parser, mixed with arbitrary code points (including lone surrogates).
const trickyPiece = fc.oneof(
  fc.constantFrom(
    'submit',
    'edit',
    'withdraw',
    'list',
    'help',
    'use',
    'token',
    'remind',
    'on',
    'off',
    ' ',
    '  ',
    '\n',
    '\t',
    '\u00a0',
    '\u2028',
    '\ufeff',
    '|',
    '｜',
    '#',
    '0',
    '7',
    '&lt;',
    '&gt;',
    '&amp;',
    '&',
    '<',
    '>',
    '<https://x.example|label>',
    '<mailto:a@x.example>',
    '\u0000',
    '\u001b',
    '\ud800',
    '\udc00',
    '周',
    '😀',
    '\u0301',
  ),
  fc.string({ unit: 'binary', maxLength: 3 }),
);

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: trickyPiece, maxLength: 20 }),
  fc
    .tuple(
      fc.constantFrom(
        'submit ',
        'edit ',
        'withdraw ',
        'list ',
        'SUBMIT',
        'edit #',
        'use ',
        'use #',
        'token #',
        'remind ',
        'REMIND',
      ),
      fc.string({ unit: trickyPiece, maxLength: 12 }),
    )
    .map(([verb, rest]) => verb + rest),
);

describe('parseBotCommand: any text', () => {
  it('never throws and always gives a known command with well-formed fields', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const command = parseBotCommand(text);
        expect(KINDS).toContain(command.kind);
        switch (command.kind) {
          case 'help':
            if (command.problem !== undefined) {
              expect(typeof command.problem).toBe('string');
              expect(command.problem.trim()).not.toBe('');
            }
            break;
          case 'submit-inline':
            for (const field of [command.name, command.link, command.description]) {
              expect(field).toBe(field.trim());
            }
            break;
          case 'nudges':
            expect(typeof command.enabled).toBe('boolean');
            break;
          case 'edit':
          case 'withdraw':
          case 'use':
          case 'token':
            expect(Number.isInteger(command.botId)).toBe(true);
            expect(command.botId).toBeGreaterThanOrEqual(1);
            expect(command.botId).toBeLessThanOrEqual(999_999_999);
            break;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

const SPECIAL_SUBSTRINGS = ['|', '｜', '<', '&lt;', '&gt;', '&amp;'];
const field = fc
  .oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }))
  .filter((s) => s === s.trim() && !SPECIAL_SUBSTRINGS.some((special) => s.includes(special)));

/** What Slack does to the text a user types before it reaches us. */
function slackEscape(typed: string): string {
  return typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

describe('parseBotCommand: one-line submission round trip', () => {
  it('returns the name, link and description it was given', () => {
    fc.assert(
      fc.property(field, field, field, (name, link, description) => {
        expect(parseBotCommand(`submit ${name} | ${link} | ${description}`)).toEqual({
          kind: 'submit-inline',
          name,
          link,
          description,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a description containing bars of either kind exactly as typed', () => {
    const description = fc
      .string({
        unit: fc.oneof(fc.constantFrom('|', '｜', ' '), fc.string({ unit: 'binary', maxLength: 1 })),
      })
      .filter(
        (s) => s === s.trim() && !['<', '&lt;', '&gt;', '&amp;'].some((special) => s.includes(special)),
      );
    fc.assert(
      fc.property(field, field, description, (name, link, description) => {
        expect(parseBotCommand(`submit ${name}｜${link} | ${description}`)).toEqual({
          kind: 'submit-inline',
          name,
          link,
          description,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('returns what the user typed, including < > and &, once Slack has escaped it', () => {
    const typedField = fc
      .string({
        unit: fc.oneof(
          fc.constantFrom('<', '>', '&', 'lt;', 'amp;', '#', ' ', '周'),
          fc.string({ maxLength: 1 }),
        ),
      })
      .filter((s) => s === s.trim() && !s.includes('|') && !s.includes('｜'));
    fc.assert(
      fc.property(typedField, typedField, typedField, (name, link, description) => {
        const raw = slackEscape(`submit ${name} | ${link} | ${description}`);
        expect(parseBotCommand(raw)).toEqual({ kind: 'submit-inline', name, link, description });
      }),
      { numRuns: 1000 },
    );
  });
});
