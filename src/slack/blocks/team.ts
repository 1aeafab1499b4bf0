import type { KnownBlock } from '@slack/types';
import type { PersonRecord } from '../../db/queries/metrics.js';
import { exportRow } from '../../domain/export.js';
import type { ReviewPeriod } from '../../domain/review-periods.js';
import type { TeamPage } from '../../domain/team.js';
import { periodLine } from './hr-records.js';
import { context, nextPageButton, packLines, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

/**
 * `/bot team`: a manager's direct reports, one line each with the fields of their export row, unmet
 * first, in sections within Block Kit's limits (3000 characters a section, 50 blocks a message:
 * at most 20 people a page, so at most ~10 sections), with a button for the next page.
 */
export const TEAM_PAGE_ACTION = 'bot_team_page';
const LINE_LIMIT = 600;

/** "entered by Maya Chen, Leo Park" (names), or '' when they entered their own bots. */
export function enteredByText(record: Pick<PersonRecord, 'enteredBy'>): string {
  if (record.enteredBy.length === 0) return '';
  return `entered by ${record.enteredBy.map((p) => escapeMrkdwn(clip(p.name, 60))).join(', ')}`;
}

/** One direct report: their export row's figures, and whether they are on Slack. */
export function teamLine(record: PersonRecord, period: ReviewPeriod): string {
  const row = exportRow(record, period);
  const who = record.slackUserId
    ? `*${escapeMrkdwn(clip(record.name, 80))}* (<@${record.slackUserId}>)`
    : `*${escapeMrkdwn(clip(record.name, 80))}* (no Slack${record.email ? `, ${escapeMrkdwn(clip(record.email, 80))}` : ''})`;
  const status = record.requirementMet ? ':white_check_mark: met' : ':hourglass: not met';
  const parts = [
    `${row.bots_approved} approved, ${row.bots_submitted} submitted`,
    `first ${row.first_submitted_at ? row.first_submitted_at.slice(0, 10) : '–'}`,
    `best score ${row.best_score || '–'}`,
    `${row.colleague_uses} uses by ${row.distinct_colleague_users} colleagues`,
    `${row.est_hours_saved_per_week} h/week (own estimate)`,
  ];
  const entered = enteredByText(record);
  return clip(`• ${status} · ${who} · ${parts.join(' · ')}${entered ? ` · _${entered}_` : ''}`, LINE_LIMIT);
}

export function renderTeamPage(
  team: TeamPage,
  periodText: string | undefined,
  command: string,
): SlackMessage {
  const { period, page, pageSize, total, met, records } = team;
  const heading = `*Your team* · ${periodLine(period)}`;
  if (total === 0) {
    const text = `${heading}\nYou have no direct reports on the roster for this period, so there is nobody to show.`;
    return { text: 'You have no direct reports.', blocks: [section(text)] };
  }
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (records.length === 0) {
    const text = `${heading}\nThere is no page ${page}: ${total} people on ${pages} page(s).`;
    return { text, blocks: [section(text)] };
  }
  const first = (page - 1) * pageSize + 1;
  const blocks: KnownBlock[] = [
    section(
      `${heading}\n*${met} of ${total}* have met the requirement · ${first}–${first + records.length - 1} (page ${page} of ${pages}), those who have not first`,
    ),
    ...packLines(records.map((r) => teamLine(r, period))),
    context(
      `Each line is the person's export row, as they see it with \`${command} me\`. Only you see this, and each person shown is audited. Enter a bot for someone without Slack: \`${command} submit for <email>\`.`,
    ),
  ];
  const next = nextPageButton({
    actionId: TEAM_PAGE_ACTION,
    page,
    pageSize,
    total,
    value: JSON.stringify({ period: periodText ?? null, page: page + 1 }),
  });
  if (next) blocks.push(next);
  return {
    text: `${met} of ${total} in your team have met the requirement (page ${page} of ${pages})`,
    blocks,
  };
}

/** The value of a "Next" button under a team page; null when tampered with. */
export function readTeamPageValue(
  value: string | undefined,
): { period: string | undefined; page: number } | null {
  try {
    const { period, page } = JSON.parse(value ?? '') as { period?: unknown; page?: unknown };
    if (period !== null && period !== undefined && typeof period !== 'string') return null;
    if (typeof page !== 'number' || !Number.isInteger(page) || page < 1 || page > 100_000) return null;
    return { period: period ?? undefined, page };
  } catch {
    return null;
  }
}
