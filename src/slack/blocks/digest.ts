import type { KnownBlock } from '@slack/types';
import type { GroupFigures, ManagerDigest, ReportStatus, WeeklyDigest } from '../../domain/digest.js';
import {
  button,
  context,
  divider,
  header,
  packLines,
  percent,
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

/** " (+5)": the change in points since a week ago, or '' when there is no figure to compare with. */
function sinceWeekAgo(
  now: GroupFigures,
  before: GroupFigures | null,
  part: 'builders' | 'qualified',
): string {
  if (before === null) return '';
  const change = pointsChange(
    { part: now[part], whole: now.headcount },
    { part: before[part], whole: before.headcount },
  );
  return change === null ? '' : ` (${change})`;
}

function departmentName(department: string | null): string {
  return department === null ? '_No department_' : `*${escapeMrkdwn(clip(department, 60))}*`;
}

export function renderChannelDigest(digest: WeeklyDigest, minGroupSize: number): SlackMessage {
  const { period, company } = digest;
  const requirement = `≥ ${period.requiredApprovedBots} approved bot${period.requiredApprovedBots === 1 ? '' : 's'}`;
  const compared =
    digest.companyWeekAgo === null ? 'the period is in its first week' : 'change since last week in points';
  const blocks: KnownBlock[] = [
    header(`AI adoption this week · ${period.name}`),
    context(
      `${escapeMrkdwn(period.name)} to date (${period.start} – ${period.end}, requirement ${requirement}) as of ${digest.today}; ${compared}.`,
    ),
    section(
      isSmallGroup(company.headcount, minGroupSize)
        ? `*Company*: fewer than ${minGroupSize} people`
        : `*Company* · participation *${percent(company.builders, company.headcount)}*${sinceWeekAgo(company, digest.companyWeekAgo, 'builders')} · qualified *${percent(company.qualified, company.headcount)}*${sinceWeekAgo(company, digest.companyWeekAgo, 'qualified')} · ${company.headcount} people`,
    ),
  ];

  const shown = digest.departments.slice(0, MAX_DEPARTMENT_LINES);
  const lines = shown.map((line) =>
    line.now.headcount < minGroupSize
      ? `${departmentName(line.department)} · fewer than ${minGroupSize} people`
      : `${departmentName(line.department)} · ${percent(line.now.builders, line.now.headcount)}${sinceWeekAgo(line.now, line.weekAgo, 'builders')} · qualified ${percent(line.now.qualified, line.now.headcount)}${sinceWeekAgo(line.now, line.weekAgo, 'qualified')} · ${line.now.headcount}`,
  );
  const rest = digest.departments.slice(MAX_DEPARTMENT_LINES);
  if (rest.length > 0) {
    const people = rest.reduce((sum, line) => sum + line.now.headcount, 0);
    lines.push(
      `…and ${rest.length} smaller departments (${people} people): \`/adoption stats <department>\``,
    );
  }
  if (lines.length > 0) {
    blocks.push(...packLines(lines, '*By department* — participation · qualified · people'));
  }

  blocks.push(divider());
  if (digest.newBots.length === 0) {
    blocks.push(section('*New bots this week*: none yet — be the first: `/bot submit`'));
  } else {
    const more = digest.newBotsTotal - digest.newBots.length;
    blocks.push(
      section(
        `*New bots this week* (${digest.newBotsTotal})${more > 0 ? ` — the ${digest.newBots.length} newest` : ''}`,
      ),
    );
    for (const bot of digest.newBots) {
      blocks.push(
        section(
          `*#${bot.id} ${escapeMrkdwn(clip(bot.name, 80))}* by ${escapeMrkdwn(clip(bot.ownerName, 60))}\n${escapeMrkdwn(clip(bot.description, 200))}`,
          {
            accessory: button({ actionId: DIGEST_USE_ACTION_ID, text: 'I used this', value: String(bot.id) }),
          },
        ),
      );
    }
  }
  if (digest.mostUsed.length > 0) {
    const used = digest.mostUsed.map(
      (bot, i) =>
        `${i + 1}. *#${bot.id} ${escapeMrkdwn(clip(bot.name, 80))}* by ${escapeMrkdwn(clip(bot.ownerName, 60))} — ${bot.uses} use${bot.uses === 1 ? '' : 's'} by ${bot.users} colleague${bot.users === 1 ? '' : 's'}`,
    );
    blocks.push(...packLines(used, '*Most used this week*'));
  }
  blocks.push(...renderUpcomingSessionsSection(digest.sessions.items, digest.sessions.timezone, '/bot'));
  const { backlog } = digest;
  const oldest =
    backlog.oldestRequestedAt === null
      ? ''
      : `, the oldest since ${backlog.oldestRequestedAt.toISOString().slice(0, 10)}`;
  blocks.push(
    section(
      backlog.waiting === 0
        ? '*Review backlog*: nothing waiting for review.'
        : `*Review backlog*: ${backlog.waiting} bot${backlog.waiting === 1 ? '' : 's'} waiting for review, ${backlog.overdue} for more than 3 days${oldest}.`,
    ),
  );
  blocks.push(
    context(
      `Groups under ${minGroupSize} people show as "fewer than ${minGroupSize}". Your own record: \`/bot me\`.`,
    ),
  );
  return {
    text: `AI adoption this week: ${percent(company.builders, company.headcount)} participation, ${percent(company.qualified, company.headcount)} qualified (${period.name})`,
    blocks: withinBlockLimit(blocks, SLACK_LIMITS.messageBlocks, 'More in `/adoption stats`.'),
  };
}

const STATUS_LABELS: Record<ReportStatus, string> = {
  approved: ':white_check_mark: Requirement met',
  waiting: ':hourglass_flowing_sand: Waiting for review',
  submitted: ':memo: Submitted, not approved yet',
  nothing: ':zzz: Nothing yet',
};

export function renderManagerDigest(digest: ManagerDigest, periodName: string): SlackMessage {
  const counts = (status: ReportStatus) => digest.reports.filter((r) => r.status === status).length;
  const total = digest.reports.length;
  const summary = `${counts('approved')} of ${total} met the requirement · ${counts('waiting')} waiting for review · ${counts('submitted')} submitted · ${counts('nothing')} nothing yet`;
  const blocks: KnownBlock[] = [
    section(`*Your team’s AI adoption* · ${escapeMrkdwn(periodName)}\n${summary}`),
  ];
  for (const status of ['nothing', 'submitted', 'waiting', 'approved'] as const) {
    const names = digest.reports
      .filter((r) => r.status === status)
      .map((r) => `• ${escapeMrkdwn(clip(r.name, 80))}`);
    if (names.length > 0) blocks.push(...packLines(names, `*${STATUS_LABELS[status]}* (${names.length})`));
  }
  blocks.push(
    context('Your direct reports, period to date. Each person sees their own record with `/bot me`.'),
  );
  return {
    text: `Your team: ${summary}`,
    blocks: withinBlockLimit(
      blocks,
      SLACK_LIMITS.messageBlocks,
      'Your team is too large to list here; HR can export the full record.',
    ),
  };
}

/** `/adoption digest preview`: the channel digest as it would go out now, marked as a preview. */
export function renderDigestPreview(digest: SlackMessage, channel: string | undefined): SlackMessage {
  const where = channel ? `<#${channel}>` : 'the digest channel (DIGEST_CHANNEL is not set, so none is sent)';
  const note = context(
    `:eyes: Preview, only you see this. It goes to ${where} on the schedule, with a chart of participation by week and a DM to each manager about their team.`,
  );
  return {
    text: `Preview: ${digest.text}`,
    blocks: withinBlockLimit(
      [note, ...(digest.blocks ?? [])],
      SLACK_LIMITS.messageBlocks,
      'More in `/adoption stats`.',
    ),
  };
}

export function renderDigestSend(
  outcome: { planned: boolean; week: string; managerDigests: number },
  channel: string,
): SlackMessage {
  const text = outcome.planned
    ? `Sending this week’s digest (${outcome.week}) to <#${channel}> now, with the chart and ${outcome.managerDigests} manager DM${outcome.managerDigests === 1 ? '' : 's'}.`
    : `This week’s digest (${outcome.week}) was already sent to <#${channel}>; there is one digest a week, so nothing more was sent.`;
  return { text, blocks: [section(text)] };
}
