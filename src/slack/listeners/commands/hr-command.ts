import type { App, RespondFn } from '@slack/bolt';
import { audit } from '../../../domain/access.js';
import { buildWeeklyDigest } from '../../../domain/digest.js';
import { isUserError, UserError } from '../../../domain/errors.js';
import { type HrCommand, parseHrCommand } from '../../../domain/hr-command.js';
import { lookUpPerson } from '../../../domain/hr-records.js';
import { isoDay } from '../../../domain/periods.js';
import { createReviewPeriod, listPeriods, resolvePeriod } from '../../../domain/review-periods.js';
import { isSessionCommand, type SessionCommand } from '../../../domain/session-command.js';
import { adoptionStats, learningFunnel, statsSource, windowFor } from '../../../domain/stats.js';
import { type Translator, translator } from '../../../i18n/index.js';
import { renderChannelDigest } from '../../blocks/digest.js';
import {
  describeUsageProblem,
  renderDigestPreviewReply,
  renderDigestSendReply,
  renderHrHelp,
  renderHrUserError,
  renderPeriodCreated,
  renderPeriodList,
} from '../../blocks/hr-messages.js';
import {
  exportFileWords,
  renderExportNotSent,
  renderExportSent,
  renderPersonRecord,
} from '../../blocks/hr-records.js';
import type { SlackMessage } from '../../blocks/kit.js';
import { renderFunnel, renderStats } from '../../blocks/stats.js';
import type { AppDeps } from '../../deps.js';
import { deliverExportToDm, ExportUploadError } from '../../export-delivery.js';
import { answerInAck, replyFor, respondSafely } from '../../failures.js';
import { auditedText, requireHr } from '../../hr-gate.js';
import { showLaggingPage } from '../../lagging-page.js';
import { requesterTranslator } from '../../requester.js';
import type { Listeners } from '../../router.js';
import { runSessionCommand } from '../../session-command.js';

type Client = Parameters<Parameters<App['command']>[1]>[0]['client'];

/**
 * `/adoption …` for HR: the one access check (HR_USER_IDS or the HR user group, for every
 * subcommand, help included), then the work, answered in the ack when ready within the budget,
 * else through response_url. Exports, the digest and stats (which may be computed live) run in the
 * slow lane, so they never hold up anyone's quick command.
 */
export function register(app: Listeners, deps: AppDeps): void {
  const { config } = deps;
  app.command(config.commands.hr, async ({ command, ack, respond, client }) => {
    const parsed = parseHrCommand(command.text ?? '');
    const log = deps.logger.child({
      command: command.command,
      user: command.user_id,
      subcommand: parsed.kind,
    });
    await answerInAck({
      lane: SLOW_SUBCOMMANDS.has(parsed.kind) ? deps.slowWork : deps.work,
      budgetMs: config.work.ackBudgetMs,
      ack,
      respond: (message) => respondSafely(log, respond as RespondFn, message),
      logger: log,
      work: () =>
        replyFor(log, {}, async () => {
          const attempt = {
            command: command.command,
            via: 'command' as const,
            detail: { text: auditedText(command.text ?? '') },
          };
          // HR and AI champions may run sessions: its own gate (src/slack/hr-gate.ts).
          if (isSessionCommand(parsed)) return runSessionCommand(parsed, command, deps, client, attempt);
          const refusal = await requireHr(deps, client, command.user_id, attempt);
          if (refusal) return refusal;
          // Said in the caller's language, dates in their zone; HR's user errors too.
          const tr = await requesterTranslator(deps, command.user_id);
          if (parsed.kind === 'help') {
            const problem = parsed.usage ? describeUsageProblem(tr, parsed.usage) : undefined;
            return renderHrHelp(tr, command.command, problem);
          }
          return run(parsed, command.user_id, deps, client, tr).catch((error: unknown) => {
            if (isUserError(error)) return renderHrUserError(tr, error);
            throw error;
          });
        }),
    });
  });
}

/** Subcommands that may take seconds: they wait for a slot of their own lane. */
const SLOW_SUBCOMMANDS = new Set<HrCommand['kind']>(['stats', 'export', 'digest-preview', 'digest-send']);

async function run(
  parsed: Exclude<HrCommand, { kind: 'help' } | SessionCommand>,
  userId: string,
  deps: AppDeps,
  client: Client,
  tr: Translator,
): Promise<SlackMessage> {
  const { db, config } = deps;
  const now = deps.now();
  const options = { now, timezone: config.digest.timezone, includeGuests: config.includeGuests };
  switch (parsed.kind) {
    case 'stats': {
      const source = statsSource(config.statsRefreshMinutes);
      const report = await adoptionStats(db, parsed.args, options, source);
      const message = renderStats(report, config.minGroupSize, tr);
      const funnel = renderFunnel(
        await learningFunnel(db, report, options, source),
        config.minGroupSize,
        report,
        tr,
      );
      return { ...message, blocks: [...(message.blocks ?? []), ...funnel] };
    }
    case 'period-list':
      return renderPeriodList(tr, await listPeriods(db, now, config.digest.timezone));
    case 'period-create':
      return renderPeriodCreated(
        tr,
        await createReviewPeriod(db, {
          name: parsed.name,
          range: parsed.range,
          requirement: parsed.requirement,
          createdBy: userId,
        }),
      );
    case 'digest-preview': {
      const digest = await buildWeeklyDigest(db, { ...options, minGroupSize: config.minGroupSize });
      // The digest as the channel will read it; the note around it in the caller's language.
      return renderDigestPreviewReply(
        tr,
        renderChannelDigest(
          digest,
          config.minGroupSize,
          translator(config.locales.digest, { timeZone: config.digest.timezone }),
        ),
        config.digest.channel,
      );
    }
    case 'digest-send':
      return sendDigestNow(userId, deps, tr);
    case 'person': {
      const lookup = await lookUpPerson(db, parsed.target, parsed.period, options);
      // Audited before anything is shown: a look-up the log cannot record is not answered.
      await audit(
        db,
        {
          actor: userId,
          action: 'person_viewed',
          via: 'command',
          subjectEmployeeId: lookup.employee.id,
          detail: { period: lookup.period.name },
        },
        now,
      );
      return renderPersonRecord(tr, lookup);
    }
    case 'lagging':
      return showLaggingPage(deps, userId, parsed.args, 1, tr);
    case 'export':
      return sendExport(deps, client, userId, parsed.period, tr);
  }
}

/**
 * `export [period]`: the period's CSV into the caller's DM (src/slack/export-delivery.ts); its file
 * name and the words with it in the caller's language, its columns as documented.
 */
async function sendExport(
  deps: AppDeps,
  client: Client,
  userId: string,
  periodText: string | undefined,
  tr: Translator,
): Promise<SlackMessage> {
  const { db, config } = deps;
  const now = deps.now();
  const options = { now, timezone: config.digest.timezone, includeGuests: config.includeGuests };
  const today = isoDay(now, config.digest.timezone);
  const period = await resolvePeriod(db, periodText, today);
  try {
    const { rows, filename } = await deliverExportToDm(db, client, {
      userId,
      period,
      window: windowFor(period, options),
      today,
      via: 'command',
      words: exportFileWords(tr, period, 'command'),
    });
    return renderExportSent(tr, period, rows, filename);
  } catch (error) {
    if (!(error instanceof ExportUploadError)) throw error;
    deps.logger.error({ err: error.cause, user: userId, period: period.name }, 'could not upload the export');
    return renderExportNotSent(tr);
  }
}

/** Plans this week's digest (once a week, whoever asks) and sends it after the reply. */
async function sendDigestNow(userId: string, deps: AppDeps, tr: Translator): Promise<SlackMessage> {
  const { db, config } = deps;
  const channel = config.digest.channel;
  if (!channel) throw new UserError('digest_channel_missing');
  // Planned now, sent after the reply (src/server.ts builds it).
  const sent = await deps.digest.sendNow();
  await audit(
    db,
    {
      actor: userId,
      action: 'digest_send',
      via: 'command',
      detail: { week: sent.week, planned: sent.planned },
    },
    deps.now(),
  );
  return renderDigestSendReply(tr, sent, channel);
}
