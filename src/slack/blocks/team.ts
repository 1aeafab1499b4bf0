import type { KnownBlock } from '@slack/types';
import type { PersonRecord } from '../../db/queries/metrics.js';
import type { TeamPage } from '../../domain/team.js';
import type { Translator } from '../../i18n/index.js';
import { context, nextPageButton, packLines, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

/**
 * `/bot team`: a manager's direct reports, one line each with the fields of their export row, unmet
 * first, in sections within Block Kit's limits (3000 characters a section, 50 blocks a message:
 * at most 20 people a page, so at most ~10 sections), with a button for the next page.
 */
export const TEAM_PAGE_ACTION = 'bot_team_page';
const LINE_LIMIT = 600;

/** "entered by Maya Chen and Leo Park" (names), or '' when they entered their own bots. */
export function enteredByText(record: Pick<PersonRecord, 'enteredBy'>, tr: Translator): string {
  if (record.enteredBy.length === 0) return '';
  return tr.t('common.entered_by', {
    name: tr.list(record.enteredBy.map((p) => escapeMrkdwn(clip(p.name, 60)))),
  });
}

/**
 * One direct report: the figures of their export row, and whether they are on Slack. The first
 * submission's day is shown in the reader's zone (`tr`'s).
 */
export function teamLine(record: PersonRecord, tr: Translator): string {
  const name = escapeMrkdwn(clip(record.name, 80));
  const who = tr.t('team.line.who', {
    account: record.slackUserId ? 'slack' : record.email ? 'email' : 'none',
    name,
    user: record.slackUserId ?? '',
    email: record.email ? escapeMrkdwn(clip(record.email, 80)) : '',
  });
  const status = tr.t(record.requirementMet ? 'team.line.met' : 'team.line.not_met');
  const none = tr.t('team.line.none');
  const parts = [
    tr.t('team.line.bots', { approved: record.botsApproved, submitted: record.botsSubmitted }),
    tr.t('team.line.first', { date: record.firstSubmittedAt ? tr.date(record.firstSubmittedAt) : none }),
    tr.t('team.line.best_score', { score: record.bestScore ?? none }),
    tr.t('team.line.uses', { uses: record.colleagueUses, users: record.distinctColleagueUsers }),
    tr.t('team.line.hours', { hours: record.estHoursSavedPerWeek }),
  ];
  const entered = enteredByText(record, tr);
  return clip(`• ${status} · ${who} · ${parts.join(' · ')}${entered ? ` · _${entered}_` : ''}`, LINE_LIMIT);
}

/** `/bot team`, in the manager's language (`tr`, in their time zone). */
export function renderTeamPage(
  team: TeamPage,
  periodText: string | undefined,
  command: string,
  tr: Translator,
): SlackMessage {
  const { period, page, pageSize, total, met, records } = team;
  const heading = tr.t('team.heading', {
    period: escapeMrkdwn(period.name),
    start: tr.date(period.start),
    end: tr.date(period.end),
    required: period.requiredApprovedBots,
  });
  if (total === 0) {
    const text = tr.t('team.none', { heading });
    return { text: tr.t('team.none_text'), blocks: [section(text)] };
  }
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (records.length === 0) {
    const text = tr.t('team.no_page', { heading, page, total, pages });
    return { text, blocks: [section(text)] };
  }
  const first = (page - 1) * pageSize + 1;
  const blocks: KnownBlock[] = [
    section(
      tr.t('team.summary', { heading, met, total, first, last: first + records.length - 1, page, pages }),
    ),
    ...packLines(records.map((r) => teamLine(r, tr))),
    context(tr.t('team.footer', { command })),
  ];
  const next = nextPageButton({
    actionId: TEAM_PAGE_ACTION,
    page,
    pageSize,
    total,
    value: JSON.stringify({ period: periodText ?? null, page: page + 1 }),
    label: (count) => tr.t('team.next', { count }),
  });
  if (next) blocks.push(next);
  return { text: tr.t('team.text', { met, total, page, pages }), blocks };
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
