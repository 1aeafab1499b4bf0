import type { KnownBlock } from '@slack/types';
import type { GroupFigures, ManagerDigest, ReportStatus, WeeklyDigest } from '../../domain/digest.js';
import { participationRate } from '../../domain/participation.js';
import type { MessageKey, Translator } from '../../i18n/index.js';
import {
  button,
  context,
  divider,
  header,
  packLines,
  pointsChange,
  SLACK_LIMITS,
  type SlackMessage,
  section,
  withinBlockLimit,
} from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';
import { renderUpcomingSessionsSection } from './sessions.js';
import { isSmallGroup } from './stats.js';

/** Department lines in the channel digest; the rest are summed into one line (phones scroll). */
export const MAX_DEPARTMENT_LINES = 30;
/** The "I used this" button under a showcased bot; its value is the bot id. */
export const DIGEST_USE_ACTION_ID = 'digest_used_bot';

/** A share as shown, "42%" (the one rounding: src/domain/participation.ts), or "–" for an empty group. */
function share(tr: Translator, part: number, whole: number): string {
  const rate = participationRate(part, whole);
  return rate === null ? '–' : tr.percent(rate / 100);
}

/** " (+5)": the change in points since a week ago, or '' when there is no figure to compare with. */
function sinceWeekAgo(
  tr: Translator,
  now: GroupFigures,
  before: GroupFigures | null,
  part: 'builders' | 'qualified',
): string {
  if (before === null) return '';
  const change = pointsChange(
    { part: now[part], whole: now.headcount },
    { part: before[part], whole: before.headcount },
  );
  return change === null ? '' : tr.t('digest.change', { points: change });
}

function departmentName(tr: Translator, department: string | null): string {
  return department === null ? tr.t('digest.no_department') : `*${escapeMrkdwn(clip(department, 60))}*`;
}

/**
 * The channel digest, in DIGEST_LOCALE (`tr`; its time zone is TIMEZONE). Department and bot names
 * are the company's own words and stay as written.
 */
export function renderChannelDigest(
  digest: WeeklyDigest,
  minGroupSize: number,
  tr: Translator,
): SlackMessage {
  const { period, company } = digest;
  const periodName = escapeMrkdwn(period.name);
  const blocks: KnownBlock[] = [
    header(tr.t('digest.header', { period: period.name })),
    context(
      tr.t('digest.context', {
        period: periodName,
        start: tr.date(period.start),
        end: tr.date(period.end),
        required: period.requiredApprovedBots,
        today: tr.date(digest.today),
        firstWeek: digest.companyWeekAgo === null,
      }),
    ),
    section(
      isSmallGroup(company.headcount, minGroupSize)
        ? tr.t('digest.company_small', { min: minGroupSize })
        : tr.t('digest.company', {
            participation: share(tr, company.builders, company.headcount),
            participationChange: sinceWeekAgo(tr, company, digest.companyWeekAgo, 'builders'),
            qualified: share(tr, company.qualified, company.headcount),
            qualifiedChange: sinceWeekAgo(tr, company, digest.companyWeekAgo, 'qualified'),
            headcount: company.headcount,
          }),
    ),
  ];

  const shown = digest.departments.slice(0, MAX_DEPARTMENT_LINES);
  const lines = shown.map((line) =>
    line.now.headcount < minGroupSize
      ? tr.t('digest.department_small', {
          department: departmentName(tr, line.department),
          min: minGroupSize,
        })
      : tr.t('digest.department', {
          department: departmentName(tr, line.department),
          participation: share(tr, line.now.builders, line.now.headcount),
          participationChange: sinceWeekAgo(tr, line.now, line.weekAgo, 'builders'),
          qualified: share(tr, line.now.qualified, line.now.headcount),
          qualifiedChange: sinceWeekAgo(tr, line.now, line.weekAgo, 'qualified'),
          headcount: line.now.headcount,
        }),
  );
  const rest = digest.departments.slice(MAX_DEPARTMENT_LINES);
  if (rest.length > 0) {
    const people = rest.reduce((sum, line) => sum + line.now.headcount, 0);
    lines.push(tr.t('digest.more_departments', { count: rest.length, people }));
  }
  if (lines.length > 0) {
    blocks.push(...packLines(lines, tr.t('digest.departments_heading')));
  }

  blocks.push(divider());
  if (digest.newBots.length === 0) {
    blocks.push(section(tr.t('digest.new_bots_none')));
  } else {
    const more = digest.newBotsTotal - digest.newBots.length;
    blocks.push(
      section(
        more > 0
          ? tr.t('digest.new_bots_newest', { total: digest.newBotsTotal, shown: digest.newBots.length })
          : tr.t('digest.new_bots', { total: digest.newBotsTotal }),
      ),
    );
    for (const bot of digest.newBots) {
      blocks.push(
        section(
          tr.t('digest.bot', {
            id: bot.id,
            name: escapeMrkdwn(clip(bot.name, 80)),
            owner: escapeMrkdwn(clip(bot.ownerName, 60)),
            description: escapeMrkdwn(clip(bot.description, 200)),
          }),
          {
            accessory: button({
              actionId: DIGEST_USE_ACTION_ID,
              text: tr.t('digest.used_button'),
              value: String(bot.id),
            }),
          },
        ),
      );
    }
  }
  if (digest.mostUsed.length > 0) {
    const used = digest.mostUsed.map((bot, i) =>
      tr.t('digest.most_used', {
        rank: i + 1,
        id: bot.id,
        name: escapeMrkdwn(clip(bot.name, 80)),
        owner: escapeMrkdwn(clip(bot.ownerName, 60)),
        uses: bot.uses,
        users: bot.users,
      }),
    );
    blocks.push(...packLines(used, tr.t('digest.most_used_heading')));
  }
  blocks.push(...renderUpcomingSessionsSection(digest.sessions.items, digest.sessions.timezone, '/bot', tr));
  const { backlog } = digest;
  const oldest =
    backlog.oldestRequestedAt === null
      ? ''
      : tr.t('digest.backlog_oldest', { date: tr.date(backlog.oldestRequestedAt) });
  blocks.push(
    section(
      backlog.waiting === 0
        ? tr.t('digest.backlog_none')
        : tr.t('digest.backlog', { waiting: backlog.waiting, overdue: backlog.overdue, oldest }),
    ),
  );
  blocks.push(context(tr.t('digest.footer', { min: minGroupSize })));
  return {
    text: tr.t('digest.text', {
      participation: share(tr, company.builders, company.headcount),
      qualified: share(tr, company.qualified, company.headcount),
      period: period.name,
    }),
    blocks: withinBlockLimit(blocks, SLACK_LIMITS.messageBlocks, tr.t('digest.more_in_stats')),
  };
}

const STATUS_KEYS = {
  approved: 'digest.manager.status.approved',
  waiting: 'digest.manager.status.waiting',
  submitted: 'digest.manager.status.submitted',
  nothing: 'digest.manager.status.nothing',
} as const satisfies Record<ReportStatus, MessageKey>;

/** A manager's DM about their direct reports, in the manager's language (`tr`). */
export function renderManagerDigest(digest: ManagerDigest, periodName: string, tr: Translator): SlackMessage {
  const counts = (status: ReportStatus) => digest.reports.filter((r) => r.status === status).length;
  const summary = tr.t('digest.manager.summary', {
    approved: counts('approved'),
    total: digest.reports.length,
    waiting: counts('waiting'),
    submitted: counts('submitted'),
    nothing: counts('nothing'),
  });
  const blocks: KnownBlock[] = [
    section(tr.t('digest.manager.heading', { period: escapeMrkdwn(periodName), summary })),
  ];
  for (const status of ['nothing', 'submitted', 'waiting', 'approved'] as const) {
    const names = digest.reports
      .filter((r) => r.status === status)
      .map((r) => `• ${escapeMrkdwn(clip(r.name, 80))}`);
    if (names.length > 0)
      blocks.push(
        ...packLines(
          names,
          tr.t('digest.manager.group', { label: tr.t(STATUS_KEYS[status]), count: names.length }),
        ),
      );
  }
  blocks.push(context(tr.t('digest.manager.footer')));
  return {
    text: tr.t('digest.manager.text', { summary }),
    blocks: withinBlockLimit(blocks, SLACK_LIMITS.messageBlocks, tr.t('team.too_large')),
  };
}
