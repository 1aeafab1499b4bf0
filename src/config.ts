import { existsSync } from 'node:fs';
import cron from 'node-cron';
import { z } from 'zod';
import { LOCALES, type Locale } from './i18n/locale.js';

/**
 * The only reader of process.env. Every variable of DESIGN §3 is validated here once, at start;
 * a bad value stops the app with one line that names the variable.
 */

const slackUserIds = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be Slack user ids like U0123ABC, comma-separated')),
  );

/** Blank means unset: an operator's `PORT=` or `PORT=' '` asks for the default. */
const emptyAsUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const booleanFlag = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes'),
);

const commandName = z
  .string()
  .regex(/^\/[a-z0-9_-]{1,31}$/, 'must look like /bot (lower case letters, digits, - or _)');

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Berlin or Asia/Shanghai');

/** `en` or `zh-CN`, in any letter case. */
const locale = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? (LOCALES.find((known) => known.toLowerCase() === value.trim().toLowerCase()) ?? value)
      : value,
  z.enum(LOCALES, { error: 'must be en or zh-CN' }),
);

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z.preprocess(
      emptyAsUndefined,
      z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
    ),
    SLACK_APP_TOKEN: z.preprocess(
      emptyAsUndefined,
      z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
    ),
    SLACK_SIGNING_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8, 'looks too short').optional()),
    SLACK_API_URL: z.preprocess(
      emptyAsUndefined,
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
        .transform((url) => (url.endsWith('/') ? url : `${url}/`))
        .default('https://slack.com/api/'),
    ),
    PORT: z.preprocess(emptyAsUndefined, wholeNumber(0, 65535).default(3000)),
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
    BOT_COMMAND: z.preprocess(emptyAsUndefined, commandName.default('/bot')),
    HR_COMMAND: z.preprocess(emptyAsUndefined, commandName.default('/adoption')),
    HR_USER_IDS: slackUserIds,
    HR_USERGROUP_ID: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group id like S0123ABC')
        .optional(),
    ),
    HR_ACCESS_CACHE_SECONDS: z.preprocess(emptyAsUndefined, wholeNumber(0, 3600).default(300)),
    REVIEWER_USER_IDS: slackUserIds,
    INCLUDE_GUESTS: booleanFlag,
    DIGEST_CHANNEL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel id like C0123ABC')
        .optional(),
    ),
    DIGEST_CRON: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^\s*\S+(\s+\S+){4,5}\s*$/, 'must be a cron expression with 5 or 6 fields, e.g. "0 9 * * 1"')
        .refine(
          (expression) => cron.validate(expression),
          'must be a valid cron expression, e.g. "0 9 * * 1"',
        )
        .default('0 9 * * 1'),
    ),
    TIMEZONE: z.preprocess(emptyAsUndefined, timezone.default('UTC')),
    CHART_FONT: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .refine(
          existsSync,
          'must be a font file (TTF, OTF or TTC) that exists, e.g. /usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
        )
        .optional(),
    ),
    DEFAULT_LOCALE: z.preprocess(emptyAsUndefined, locale.default('en')),
    DIGEST_LOCALE: z.preprocess(emptyAsUndefined, locale.optional()),
    MIN_GROUP_SIZE: z.preprocess(emptyAsUndefined, wholeNumber(1, 1000).default(5)),
    STATS_REFRESH_MINUTES: z.preprocess(emptyAsUndefined, wholeNumber(0, 60).default(10)),
    ACK_BUDGET_MS: z.preprocess(emptyAsUndefined, wholeNumber(100, 2500).default(2000)),
    QUICK_WORK_LIMIT: z.preprocess(emptyAsUndefined, wholeNumber(1, 10_000).default(200)),
    SLOW_WORK_CONCURRENCY: z.preprocess(emptyAsUndefined, wholeNumber(1, 16).default(2)),
    SLOW_WORK_LIMIT: z.preprocess(emptyAsUndefined, wholeNumber(1, 1000).default(20)),
    LOG_LEVEL: z.preprocess(
      emptyAsUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_COMMAND === env.HR_COMMAND) {
      ctx.addIssue({ code: 'custom', path: ['HR_COMMAND'], message: 'must differ from BOT_COMMAND' });
    }
  });

export type SlackTransport =
  | { mode: 'socket'; botToken: string; appToken: string }
  | { mode: 'http'; botToken: string; signingSecret: string };

export interface Config {
  slack: SlackTransport;
  slackApiUrl: string;
  port: number;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  commands: { bot: string; hr: string };
  hrUserIds: string[];
  hrUsergroupId: string | undefined;
  /** How long a read of HR_USERGROUP_ID's members is trusted, in seconds. */
  hrAccessCacheSeconds: number;
  reviewerUserIds: string[];
  includeGuests: boolean;
  digest: { channel: string | undefined; cron: string; timezone: string };
  minGroupSize: number;
  /**
   * The language for people whose Slack locale is unknown (DEFAULT_LOCALE), and for the channel
   * digest and its chart (DIGEST_LOCALE, default DEFAULT_LOCALE). See docs/i18n.md.
   */
  locales: Locales;
  /** How often HR stats snapshots are refreshed; 0 = never (stats computed live). */
  statsRefreshMinutes: number;
  /**
   * How requests are worked on (src/slack/work-queue.ts): a quick command's answer goes in the ack
   * when it is ready within `ackBudgetMs`; at most `quickLimit` quick and `slowLimit` slow tasks
   * (exports, digest, stats) are in flight, past that the user is told to try again.
   */
  work: { ackBudgetMs: number; quickLimit: number; slowConcurrency: number; slowLimit: number };
  /** Font file for the digest chart; unset: the CJK font installed by npm ci (Noto Sans Hans). */
  chartFont: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export interface Locales {
  default: Locale;
  digest: Locale;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Configuration without Slack credentials: enough for migrations and CLI scripts. */
export function loadDatabaseConfig(env: Env): Pick<Config, 'database' | 'logLevel'> {
  const parsed = parse(env);
  return { database: databaseFrom(parsed), logLevel: parsed.LOG_LEVEL };
}

export function loadConfig(env: Env): Config {
  const parsed = parse(env);
  return {
    slack: slackTransport(parsed),
    slackApiUrl: parsed.SLACK_API_URL,
    port: parsed.PORT,
    database: databaseFrom(parsed),
    commands: { bot: parsed.BOT_COMMAND, hr: parsed.HR_COMMAND },
    hrUserIds: parsed.HR_USER_IDS,
    hrUsergroupId: parsed.HR_USERGROUP_ID,
    hrAccessCacheSeconds: parsed.HR_ACCESS_CACHE_SECONDS,
    reviewerUserIds: parsed.REVIEWER_USER_IDS,
    includeGuests: parsed.INCLUDE_GUESTS,
    digest: { channel: parsed.DIGEST_CHANNEL, cron: parsed.DIGEST_CRON, timezone: parsed.TIMEZONE },
    minGroupSize: parsed.MIN_GROUP_SIZE,
    locales: { default: parsed.DEFAULT_LOCALE, digest: parsed.DIGEST_LOCALE ?? parsed.DEFAULT_LOCALE },
    statsRefreshMinutes: parsed.STATS_REFRESH_MINUTES,
    work: {
      ackBudgetMs: parsed.ACK_BUDGET_MS,
      quickLimit: parsed.QUICK_WORK_LIMIT,
      slowConcurrency: parsed.SLOW_WORK_CONCURRENCY,
      slowLimit: parsed.SLOW_WORK_LIMIT,
    },
    chartFont: parsed.CHART_FONT,
    logLevel: parsed.LOG_LEVEL,
  };
}

type ParsedEnv = z.infer<typeof envSchema>;

function parse(env: Env): ParsedEnv {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? 'environment');
  const value = env[variable];
  const shown = value === undefined || SECRET_VARIABLES.has(variable) ? '' : ` (got ${quoted(value)})`;
  throw new ConfigError(`Configuration error: ${variable} ${issue?.message ?? 'is invalid'}${shown}`);
}

function slackTransport(env: ParsedEnv): SlackTransport {
  const missing =
    'Set SLACK_BOT_TOKEN (xoxb-…) and either SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); see README "Slack app setup"';
  if (!env.SLACK_BOT_TOKEN)
    throw new ConfigError(`Configuration error: SLACK_BOT_TOKEN is not set. ${missing}`);
  if (env.SLACK_APP_TOKEN)
    return { mode: 'socket', botToken: env.SLACK_BOT_TOKEN, appToken: env.SLACK_APP_TOKEN };
  if (env.SLACK_SIGNING_SECRET) {
    return { mode: 'http', botToken: env.SLACK_BOT_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET };
  }
  throw new ConfigError(
    `Configuration error: neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set. ${missing}`,
  );
}

function databaseFrom(env: ParsedEnv): Config['database'] {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: env.DATA_DIR };
}

/** Values never echoed in an error line: they end up in logs. */
const SECRET_VARIABLES = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'DATABASE_URL',
]);

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

/** The value in quotes with line breaks and control characters escaped, so the error stays one line. */
function quoted(value: string): string {
  return JSON.stringify(truncate(value)).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
