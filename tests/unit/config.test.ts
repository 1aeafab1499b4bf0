import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDatabaseConfig } from '../../src/config.js';

type Env = Record<string, string | undefined>;

const BOT_TOKEN = 'xoxb-1111-2222-botTokenValue';
const SIGNING_SECRET = 'signingSecretValue0123';
const APP_TOKEN = 'xapp-1-A1-appTokenValue';
const HTTP_ENV: Env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET };

// Every variable of DESIGN §3 (and LOG_LEVEL / DATA_DIR), to check that an error names only the right one.
const VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_API_URL',
  'PORT',
  'DATABASE_URL',
  'DATA_DIR',
  'BOT_COMMAND',
  'HR_COMMAND',
  'HR_USER_IDS',
  'HR_USERGROUP_ID',
  'HR_ACCESS_CACHE_SECONDS',
  'REVIEWER_USER_IDS',
  'INCLUDE_GUESTS',
  'DIGEST_CHANNEL',
  'DIGEST_CRON',
  'TIMEZONE',
  'MIN_GROUP_SIZE',
  'DEFAULT_LOCALE',
  'DIGEST_LOCALE',
  'STATS_REFRESH_MINUTES',
  'ACK_BUDGET_MS',
  'QUICK_WORK_LIMIT',
  'SLOW_WORK_CONCURRENCY',
  'SLOW_WORK_LIMIT',
  'CHART_FONT',
  'LOG_LEVEL',
];

function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

function variablesNamedIn(message: string): string[] {
  return VARIABLES.filter((name) => new RegExp(`\\b${name}\\b`).test(message)).sort();
}

function expectOneLine(message: string): void {
  expect(message.trim()).not.toBe('');
  expect(message).not.toMatch(/[\r\n\u2028\u2029]/);
}

describe('loadConfig: defaults', () => {
  it('a minimal HTTP-mode environment gives every default of DESIGN §3', () => {
    expect(loadConfig(HTTP_ENV)).toEqual({
      slack: { mode: 'http', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
      slackApiUrl: 'https://slack.com/api/',
      port: 3000,
      database: { kind: 'pglite', dataDir: './data' },
      commands: { bot: '/bot', hr: '/adoption' },
      hrUserIds: [],
      hrUsergroupId: undefined,
      hrAccessCacheSeconds: 300,
      reviewerUserIds: [],
      includeGuests: false,
      digest: { channel: undefined, cron: '0 9 * * 1', timezone: 'UTC' },
      minGroupSize: 5,
      locales: { default: 'en', digest: 'en' },
      statsRefreshMinutes: 10,
      work: { ackBudgetMs: 2000, quickLimit: 200, slowConcurrency: 2, slowLimit: 20 },
      logLevel: 'info',
    });
  });

  it('reads the ack budget and the work limits', () => {
    const config = loadConfig({
      ...HTTP_ENV,
      ACK_BUDGET_MS: '1500',
      QUICK_WORK_LIMIT: '50',
      SLOW_WORK_CONCURRENCY: '1',
      SLOW_WORK_LIMIT: '3',
    });
    expect(config.work).toEqual({ ackBudgetMs: 1500, quickLimit: 50, slowConcurrency: 1, slowLimit: 3 });
  });

  it('every empty-string variable is treated as unset', () => {
    const empty: Env = Object.fromEntries(VARIABLES.map((name) => [name, '']));
    expect(loadConfig({ ...empty, ...HTTP_ENV })).toEqual(loadConfig(HTTP_ENV));
    expect(loadConfig({ ...HTTP_ENV, SLACK_APP_TOKEN: '' }).slack.mode).toBe('http');
    expect(loadDatabaseConfig({ DATABASE_URL: '', DATA_DIR: '' })).toEqual({
      database: { kind: 'pglite', dataDir: './data' },
      logLevel: 'info',
    });
  });

  it('an explicit undefined is treated as unset', () => {
    expect(loadConfig({ ...HTTP_ENV, PORT: undefined, SLACK_APP_TOKEN: undefined }).port).toBe(3000);
  });
});

describe('loadConfig: languages', () => {
  it('DIGEST_LOCALE follows DEFAULT_LOCALE unless set', () => {
    expect(loadConfig({ ...HTTP_ENV, DEFAULT_LOCALE: 'zh-CN' }).locales).toEqual({
      default: 'zh-CN',
      digest: 'zh-CN',
    });
    expect(loadConfig({ ...HTTP_ENV, DIGEST_LOCALE: 'zh-CN' }).locales).toEqual({
      default: 'en',
      digest: 'zh-CN',
    });
    expect(loadConfig({ ...HTTP_ENV, DEFAULT_LOCALE: 'zh-CN', DIGEST_LOCALE: 'en' }).locales).toEqual({
      default: 'zh-CN',
      digest: 'en',
    });
  });

  it('takes either language in any letter case', () => {
    expect(loadConfig({ ...HTTP_ENV, DEFAULT_LOCALE: ' ZH-cn ', DIGEST_LOCALE: 'EN' }).locales).toEqual({
      default: 'zh-CN',
      digest: 'en',
    });
  });

  it('says which values it takes', () => {
    const { message } = configError(() => loadConfig({ ...HTTP_ENV, DIGEST_LOCALE: 'zh-Hans' }));
    expect(message).toBe('Configuration error: DIGEST_LOCALE must be en or zh-CN (got "zh-Hans")');
  });
});

describe('loadConfig: Slack transport', () => {
  it('SLACK_APP_TOKEN selects Socket Mode', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN }).slack).toEqual({
      mode: 'socket',
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
    });
  });

  it('SLACK_APP_TOKEN wins when a signing secret is also set', () => {
    expect(loadConfig({ ...HTTP_ENV, SLACK_APP_TOKEN: APP_TOKEN }).slack.mode).toBe('socket');
  });

  it.each([
    [{ SLACK_SIGNING_SECRET: SIGNING_SECRET }],
    [{ SLACK_APP_TOKEN: APP_TOKEN }],
    [{ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: SIGNING_SECRET }],
    [{}],
  ])('a missing bot token is one line naming SLACK_BOT_TOKEN (%j)', (env: Env) => {
    const { message } = configError(() => loadConfig(env));
    expectOneLine(message);
    expect(message).toMatch(/\bSLACK_BOT_TOKEN\b/);
    expect(message).toContain('not set');
    expect(message).not.toContain(SIGNING_SECRET);
    expect(message).not.toContain(APP_TOKEN);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: BOT_TOKEN }],
    [{ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '' }],
  ])('neither app token nor signing secret is one line naming both (%j)', (env: Env) => {
    const { message } = configError(() => loadConfig(env));
    expectOneLine(message);
    expect(message).toMatch(/\bSLACK_APP_TOKEN\b/);
    expect(message).toMatch(/\bSLACK_SIGNING_SECRET\b/);
    expect(message).not.toContain(BOT_TOKEN);
  });

  it('the database configuration needs no Slack credentials', () => {
    expect(loadDatabaseConfig({})).toEqual({
      database: { kind: 'pglite', dataDir: './data' },
      logLevel: 'info',
    });
  });
});

describe('loadConfig: values', () => {
  it.each([
    ['postgres://adoption:pw@db.internal:5432/adoption'],
    ['postgresql://adoption@localhost/adoption?sslmode=require'],
  ])('DATABASE_URL=%s selects Postgres', (url) => {
    const expected = { kind: 'postgres', url };
    expect(loadConfig({ ...HTTP_ENV, DATABASE_URL: url }).database).toEqual(expected);
    expect(loadDatabaseConfig({ DATABASE_URL: url }).database).toEqual(expected);
  });

  it('DATA_DIR moves the embedded database', () => {
    expect(loadDatabaseConfig({ DATA_DIR: '/var/lib/adoption' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/var/lib/adoption',
    });
  });

  it.each([
    ['http://localhost:3001/api', 'http://localhost:3001/api/'],
    ['https://slack.com/api', 'https://slack.com/api/'],
    ['https://proxy.example/slack/api/', 'https://proxy.example/slack/api/'],
  ])('SLACK_API_URL=%s is used as %s', (value, expected) => {
    expect(loadConfig({ ...HTTP_ENV, SLACK_API_URL: value }).slackApiUrl).toBe(expected);
  });

  it.each([
    ['U1AAA, U2BBB', ['U1AAA', 'U2BBB']],
    ['U1AAA,U2BBB', ['U1AAA', 'U2BBB']],
    [' U1AAA  W2BBB ', ['U1AAA', 'W2BBB']],
    ['U1AAA,', ['U1AAA']],
  ])('HR_USER_IDS=%j is %j', (value, expected) => {
    expect(loadConfig({ ...HTTP_ENV, HR_USER_IDS: value }).hrUserIds).toEqual(expected);
  });

  it('REVIEWER_USER_IDS is read like HR_USER_IDS', () => {
    expect(loadConfig({ ...HTTP_ENV, REVIEWER_USER_IDS: 'U1AAA, U2BBB' }).reviewerUserIds).toEqual([
      'U1AAA',
      'U2BBB',
    ]);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['TRUE', true],
    [' True ', true],
    ['No', false],
  ])('INCLUDE_GUESTS=%s is %s', (value, expected) => {
    expect(loadConfig({ ...HTTP_ENV, INCLUDE_GUESTS: value }).includeGuests).toBe(expected);
  });

  it('treats a blank PORT as unset, not as port 0', () => {
    expect(loadConfig({ ...HTTP_ENV, PORT: '  ' }).port).toBe(3000);
  });

  it('reads every other variable', () => {
    const config = loadConfig({
      ...HTTP_ENV,
      PORT: '8080',
      BOT_COMMAND: '/ai-bot',
      HR_COMMAND: '/ai_hr',
      HR_USERGROUP_ID: 'S0123ABC',
      DIGEST_CHANNEL: 'C0123ABC',
      DIGEST_CRON: '30 8 * * 1-5',
      TIMEZONE: 'Asia/Shanghai',
      MIN_GROUP_SIZE: '3',
      STATS_REFRESH_MINUTES: '0',
      LOG_LEVEL: 'debug',
    });
    expect(config.port).toBe(8080);
    expect(config.commands).toEqual({ bot: '/ai-bot', hr: '/ai_hr' });
    expect(config.hrUsergroupId).toBe('S0123ABC');
    expect(config.digest).toEqual({ channel: 'C0123ABC', cron: '30 8 * * 1-5', timezone: 'Asia/Shanghai' });
    expect(config.minGroupSize).toBe(3);
    expect(config.statsRefreshMinutes).toBe(0);
    expect(config.logLevel).toBe('debug');
  });

  it.each([
    ['PORT', '1', 1],
    ['PORT', '65535', 65535],
    ['MIN_GROUP_SIZE', '1', 1],
    ['MIN_GROUP_SIZE', '1000', 1000],
  ])('%s=%s is accepted at the boundary', (name, value, expected) => {
    const config = loadConfig({ ...HTTP_ENV, [name]: value });
    expect(name === 'PORT' ? config.port : config.minGroupSize).toBe(expected);
  });
});

describe('loadConfig: malformed values', () => {
  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-1'],
    ['SLACK_BOT_TOKEN', 'xapp-1-A1-wrongKind'],
    ['SLACK_APP_TOKEN', 'xoxb-wrongKind'],
    ['SLACK_SIGNING_SECRET', 'short'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'db.internal:5432'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['MIN_GROUP_SIZE', '0'],
    ['MIN_GROUP_SIZE', '1001'],
    ['MIN_GROUP_SIZE', 'five'],
    ['STATS_REFRESH_MINUTES', '61'],
    ['STATS_REFRESH_MINUTES', '-5'],
    ['ACK_BUDGET_MS', '3000'],
    ['ACK_BUDGET_MS', '99'],
    ['QUICK_WORK_LIMIT', '0'],
    ['QUICK_WORK_LIMIT', 'lots'],
    ['SLOW_WORK_CONCURRENCY', '17'],
    ['SLOW_WORK_LIMIT', '0'],
    ['TIMEZONE', 'Mars/Base'],
    ['HR_USER_IDS', 'alice'],
    ['HR_USER_IDS', 'U1AAA, alice'],
    ['REVIEWER_USER_IDS', 'bob'],
    ['HR_USERGROUP_ID', 'U0123ABC'],
    ['HR_ACCESS_CACHE_SECONDS', '3601'],
    ['HR_ACCESS_CACHE_SECONDS', 'five minutes'],
    ['BOT_COMMAND', 'bot'],
    ['BOT_COMMAND', '/Bot'],
    ['HR_COMMAND', '/hr command'],
    ['INCLUDE_GUESTS', 'maybe'],
    ['SLACK_API_URL', 'not a url'],
    ['SLACK_API_URL', 'ftp://files.example/api/'],
    ['DIGEST_CHANNEL', '#general'],
    ['DIGEST_CRON', 'every monday'],
    ['DIGEST_CRON', '99 9 * * 1'],
    ['CHART_FONT', '/no/such/font.ttf'],
    ['LOG_LEVEL', 'verbose'],
    ['DEFAULT_LOCALE', 'zh'],
    ['DEFAULT_LOCALE', 'fr-FR'],
    ['DIGEST_LOCALE', 'chinese'],
  ])('%s=%j is one line naming exactly that variable', (name, value) => {
    const { message } = configError(() => loadConfig({ ...HTTP_ENV, [name]: value }));
    expectOneLine(message);
    expect(variablesNamedIn(message)).toEqual([name]);
  });

  it.each([
    ['PORT', 'abc'],
    ['TIMEZONE', 'Mars/Base'],
    ['HR_USER_IDS', 'alice'],
  ])('%s=%j echoes the bad value, which is not a secret', (name, value) => {
    const { message } = configError(() => loadConfig({ ...HTTP_ENV, [name]: value }));
    expect(message).toContain(value);
  });

  it('loadDatabaseConfig refuses a bad DATABASE_URL too', () => {
    const { message } = configError(() => loadDatabaseConfig({ DATABASE_URL: 'mysql://x' }));
    expectOneLine(message);
    expect(variablesNamedIn(message)).toEqual(['DATABASE_URL']);
  });

  it.each([
    [{ BOT_COMMAND: '/adoption' }],
    [{ HR_COMMAND: '/bot' }],
    [{ BOT_COMMAND: '/ai', HR_COMMAND: '/ai' }],
  ])('the two commands must differ (%j)', (env: Env) => {
    const { message } = configError(() => loadConfig({ ...HTTP_ENV, ...env }));
    expectOneLine(message);
    expect(variablesNamedIn(message)).toEqual(['BOT_COMMAND', 'HR_COMMAND']);
  });

  it.each([
    ['TIMEZONE', 'Mars/Base\nConfiguration ok'],
    ['PORT', '80\r\n81'],
    ['HR_USER_IDS', 'alice\u2028bob'],
  ])('%s=%j stays on one line even when the bad value has a line break', (name, value) => {
    const { message } = configError(() => loadConfig({ ...HTTP_ENV, [name]: value }));
    expectOneLine(message);
    expect(variablesNamedIn(message)).toEqual([name]);
    expect(message).toContain(`(got "${value.slice(0, 2)}`);
  });

  it('a very long bad value is shortened in the message', () => {
    const value = `Mars/${'x'.repeat(500)}`;
    const { message } = configError(() => loadConfig({ ...HTTP_ENV, TIMEZONE: value }));
    expect(message.length).toBeLessThan(300);
  });
});

describe('loadConfig: secrets never appear in an error', () => {
  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxp-4444-userTokenSecret' }, 'userTokenSecret'],
    [{ SLACK_BOT_TOKEN: 'sk-liveSecretLooking' }, 'liveSecretLooking'],
    [{ SLACK_APP_TOKEN: 'xoxb-appSlotSecret' }, 'appSlotSecret'],
    [{ SLACK_SIGNING_SECRET: 's3cr3t' }, 's3cr3t'],
    [{ DATABASE_URL: 'mysql://admin:hunter2@db.internal/adoption' }, 'hunter2'],
    [{ DATABASE_URL: 'mysql://admin:hunter2@db.internal/adoption' }, 'db.internal'],
  ])('%j', (env: Env, secret) => {
    const { message } = configError(() => loadConfig({ ...HTTP_ENV, ...env }));
    expectOneLine(message);
    expect(message).not.toContain(secret);
  });

  it('valid secrets are not shown when another variable is wrong', () => {
    const { message } = configError(() =>
      loadConfig({
        ...HTTP_ENV,
        SLACK_APP_TOKEN: APP_TOKEN,
        DATABASE_URL: 'postgres://adoption:hunter2@db.internal/adoption',
        PORT: 'abc',
      }),
    );
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, APP_TOKEN, 'hunter2']) {
      expect(message).not.toContain(secret);
    }
  });
});
