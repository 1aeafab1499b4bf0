import type { App, RespondFn } from '@slack/bolt';
import { audit, isHrUser } from '../../../domain/access.js';
import { type HrCommand, parseHrCommand } from '../../../domain/hr-command.js';
import { createReviewPeriod, listPeriods } from '../../../domain/review-periods.js';
import { adoptionStats, statsSource } from '../../../domain/stats.js';
import type { SlackMessage } from '../../blocks/bot-messages.js';
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
      return renderStats(
        await adoptionStats(db, parsed.args, options, statsSource(config.statsRefreshMinutes)),
        config.minGroupSize,
      );
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
  }
}
