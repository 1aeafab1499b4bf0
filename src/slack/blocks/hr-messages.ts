import { type UserError, userErrorKey } from '../../domain/errors.js';
import type { HrUsageProblem } from '../../domain/hr-command.js';
import type { ReviewPeriod } from '../../domain/review-periods.js';
import { type MessageKey, type MessageParams, type Translator, translator } from '../../i18n/index.js';
import { context, SLACK_LIMITS, type SlackMessage, section, withinBlockLimit } from './kit.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** The help's lines, in order; each is `hr.help.<line>` and takes `{command}`. */
const HELP_LINES = [
  'stats',
  'person',
  'lagging',
  'export',
  'period_list',
  'period_create',
  'digest_preview',
  'digest_send',
  'session_create',
  'session_more',
  'help',
  'periods',
] as const;

/**
 * `/adoption help`, and the answer to anything it does not understand: `problem` (already in the
 * reader's language, plain text) is said first. The Chinese help names the Chinese subcommands.
 */
export function renderHrHelp(tr: Translator, command: string, problem?: string): SlackMessage {
  const lines = HELP_LINES.map((line) => tr.t(`hr.help.${line}`, { command }));
  const intro = problem ? `:warning: ${escapeMrkdwn(problem)}\n\n` : '';
  return {
    text: problem ? escapeMrkdwn(problem) : tr.t('hr.help.text', { command }),
    blocks: [section(`${intro}${lines.join('\n')}`)],
  };
}

/** What was wrong with the command's text, in the reader's language (plain text: the help escapes it). */
export function describeUsageProblem(tr: Translator, usage: HrUsageProblem): string {
  return tr.t(`hr.error.${usage.code}`, usage.params);
}

export function renderHrRefusal(tr: Translator, command: string): SlackMessage {
  const text = tr.t('hr.refused', { command });
  return { text, blocks: [section(text)] };
}

export function renderHrUnavailable(tr: Translator, command: string): SlackMessage {
  const text = tr.t('hr.unchecked', { command });
  return { text, blocks: [section(`:warning: ${text}`)] };
}

/**
 * A user error of an HR surface, in the reader's language: HR's codes (`hr.error.*`) and the
 * general ones (`errors.*`); an error still carrying only an English sentence is shown as it is.
 * Text the user typed is escaped; a Slack user id becomes a mention.
 */
export function renderHrUserError(tr: Translator, error: UserError): SlackMessage {
  const key = userErrorKey(error.code);
  const coded = error.message === translator('en').t(key, error.params);
  const text = coded ? tr.t(key, escapeParams(error.params)) : escapeMrkdwn(error.message);
  return { text, blocks: [section(`:warning: ${text}`)] };
}

function escapeParams(params: MessageParams): MessageParams {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      typeof value === 'string' ? escapeMrkdwn(value) : value,
    ]),
  );
}

export function renderPeriodList(
  tr: Translator,
  periods: Array<ReviewPeriod & { current: boolean }>,
): SlackMessage {
  if (periods.length === 0) {
    return { text: tr.t('hr.no_periods'), blocks: [section(tr.t('hr.periods.none'))] };
  }
  const lines = periods.map((p) =>
    tr.t('hr.periods.line', {
      name: escapeMrkdwn(p.name),
      start: p.start,
      end: p.end,
      required: p.requiredApprovedBots,
      current: p.current ? 'yes' : 'no',
    }),
  );
  return { text: tr.t('hr.periods.count', { count: periods.length }), blocks: [section(lines.join('\n'))] };
}

export function renderPeriodCreated(tr: Translator, period: ReviewPeriod): SlackMessage {
  const text = tr.t('hr.period.created', {
    name: escapeMrkdwn(period.name),
    start: period.start,
    end: period.end,
    required: period.requiredApprovedBots,
  });
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

/** `digest preview`: the channel's digest (in its own language), under a note to the caller in theirs. */
export function renderDigestPreviewReply(
  tr: Translator,
  digest: SlackMessage,
  channel: string | undefined,
): SlackMessage {
  const note = context(
    channel ? tr.t('hr.digest.preview_note', { channel }) : tr.t('hr.digest.preview_note_no_channel'),
  );
  return {
    text: tr.t('hr.digest.preview_text', { digest: digest.text }),
    blocks: withinBlockLimit(
      [note, ...(digest.blocks ?? [])],
      SLACK_LIMITS.messageBlocks,
      tr.t('hr.digest.more'),
    ),
  };
}

/** `digest send`: sent now, or already sent this week. */
export function renderDigestSendReply(
  tr: Translator,
  outcome: { planned: boolean; week: string; managerDigests: number },
  channel: string,
): SlackMessage {
  const key: MessageKey = outcome.planned ? 'hr.digest.sending' : 'hr.digest.already_sent';
  const text = tr.t(key, { week: outcome.week, channel, managers: outcome.managerDigests });
  return { text, blocks: [section(text)] };
}
