import type { App, RespondFn } from '@slack/bolt';
import { audit, isHrUser } from '../../../domain/access.js';
import { buildWeeklyDigest } from '../../../domain/digest.js';
import { UserError } from '../../../domain/errors.js';
import { type HrCommand, parseHrCommand } from '../../../domain/hr-command.js';
import { createReviewPeriod, listPeriods } from '../../../domain/review-periods.js';
import { adoptionStats } from '../../../domain/stats.js';
import { sendDueDeliveries } from '../../../jobs/deliveries.js';
import { planWeeklyDigest } from '../../../jobs/weekly-digest.js';
import type { SlackMessage } from '../../blocks/bot-messages.js';
import { renderChannelDigest, renderDigestPreview, renderDigestSend } from '../../blocks/digest.js';
import {
  renderHrHelp,
  renderHrRefusal,
  renderPeriodCreated,
  renderPeriodList,
} from '../../blocks/hr-messages.js';
import { renderStats } from '../../blocks/stats.js';
import type { AppDeps } from '../../deps.js';
import { replyFor, respondSafely } from '../../failures.js';

/** `/adoption …` for HR: one access check, then ack, work, answer privately. */
export function register(app: App, deps: AppDeps): void {
  const { config } = deps;
  app.command(config.commands.hr, async ({ command, ack, respond }) => {
    const log = deps.logger.child({ command: command.command, user: command.user_id });
    if (!isHrUser(config, command.user_id)) {
      await ack({ response_type: 'ephemeral', ...renderHrRefusal(command.command) });
      await audit(
        deps.db,
        {
          actor: command.user_id,
          action: 'hr_command_refused',
          via: 'command',
          detail: { text: command.text },
        },
        deps.now(),
      ).catch((err) => log.error({ err }, 'could not audit a refused HR command'));
      return;
    }
    const parsed = parseHrCommand(command.text ?? '');
    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', ...renderHrHelp(command.command, parsed.problem) });
      return;
    }
    await ack();
    const reply = await deps.work.run(() =>
      replyFor(log.child({ subcommand: parsed.kind }), {}, () => run(parsed, command.user_id, deps)),
    );
    if (reply) await respondSafely(log, respond as RespondFn, reply);
  });
}

async function run(
  parsed: Exclude<HrCommand, { kind: 'help' }>,
  userId: string,
  deps: AppDeps,
): Promise<SlackMessage> {
  const { db, config } = deps;
  const now = deps.now();
  const options = { now, timezone: config.digest.timezone, includeGuests: config.includeGuests };
  switch (parsed.kind) {
    case 'stats':
      return renderStats(await adoptionStats(db, parsed.args, options), config.minGroupSize);
    case 'period-list':
      return renderPeriodList(await listPeriods(db, now, config.digest.timezone));
    case 'period-create':
      return renderPeriodCreated(
        await createReviewPeriod(db, {
          name: parsed.name,
          range: parsed.range,
          requirement: parsed.requirement,
          createdBy: userId,
        }),
      );
    case 'digest-preview': {
      const digest = await buildWeeklyDigest(db, { ...options, minGroupSize: config.minGroupSize });
      return renderDigestPreview(renderChannelDigest(digest, config.minGroupSize), config.digest.channel);
    }
    case 'digest-send':
      return sendDigestNow(userId, deps);
  }
}

/** Plans this week's digest (once a week, whoever asks) and sends it after the reply. */
async function sendDigestNow(userId: string, deps: AppDeps): Promise<SlackMessage> {
  const { db, config, logger } = deps;
  const channel = config.digest.channel;
  if (!channel)
    throw new UserError(
      'validation_failed',
      'No digest channel is configured: set DIGEST_CHANNEL to a channel id like C0123ABC.',
    );
  const plan = await planWeeklyDigest({
    db,
    logger,
    now: deps.now,
    channel,
    timezone: config.digest.timezone,
    includeGuests: config.includeGuests,
    minGroupSize: config.minGroupSize,
    chartFont: config.chartFont,
  });
  await audit(
    db,
    {
      actor: userId,
      action: 'digest_send',
      via: 'command',
      detail: { week: plan.digest.week, planned: plan.planned },
    },
    deps.now(),
  );
  if (plan.planned) {
    // Sent after the reply, in the work queue (drained at shutdown); the minute tick finishes anything left.
    void deps.work
      .run(() =>
        sendDueDeliveries({
          db,
          client: deps.deliveryClient,
          logger,
          now: deps.now,
          chartFont: config.chartFont,
        }),
      )
      .catch((err) => logger.error({ err }, 'sending the digest failed; the deliveries tick will retry'));
  }
  return renderDigestSend({ ...plan, week: plan.digest.week }, channel);
}
