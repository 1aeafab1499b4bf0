import type { KnownBlock, View } from '@slack/types';
import type { DepartmentFigures } from '../../db/queries/metrics.js';
import {
  type CompanyOverview,
  type HomeData,
  rankDepartmentsBehind,
  type TeamOverview,
} from '../../domain/home.js';
import { renderBotLine } from './bot-messages.js';
import {
  actions,
  button,
  context,
  divider,
  fields,
  header,
  packLines,
  percent,
  SLACK_LIMITS,
  section,
  withinBlockLimit,
} from './kit.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';
import { renderMyRecord } from './my-record.js';
import { pendingReviewBlocks } from './review.js';
import { renderNextSession } from './sessions.js';
import { freshnessLine, isSmallGroup } from './stats.js';
import { enteredByText } from './team.js';

/**
 * The Home tab. Every list has a fixed budget so the view stays within Slack's limits (100 blocks,
 * 3000 characters a section) whatever the data: what does not fit is counted in an "and N more"
 * line. Worst case: 1 + 3 + 1 + 1 + 20 + 1 + 1 + 1 + 1 + 1 + 20 + 1 + 6 = 58 blocks (next session: 2),
 * plus "My team" for a manager: 1 divider + 1 + at most 10 lines in ≤ 2 sections + 1 actions + 1
 * context = 64.
 */
export const TEAM_ENTER_FOR_ACTION = 'home_team_enter_for';
export const HOME_TEAM_BUTTONS = 5;
export const HOME_BOTS_SHOWN = 20;
export const HOME_REVIEWS_SHOWN = 10;
export const HOME_DEPARTMENTS_SHOWN = 5;
const SMALL_DEPARTMENTS_NAMED = 20;

export interface HomeOptions {
  command: string;
  minGroupSize: number;
  now: Date;
  /** TIMEZONE, for the time HR's figures were computed. */
  timezone: string;
}

export function renderHome(home: HomeData, options: HomeOptions): View {
  const blocks: KnownBlock[] = [
    header('Your AI adoption'),
    ...(renderMyRecord(options.command, home.mine).blocks ?? []),
    divider(),
    ...myBotsBlocks(home, options.command),
    divider(),
    ...renderNextSession(home.nextSession.session, home.nextSession.timezone, options.command),
  ];
  if (home.reviews.total > 0) blocks.push(divider(), ...reviewBlocks(home, options.now));
  if (home.team) blocks.push(divider(), ...teamBlocks(home.team, options.command));
  if (home.company)
    blocks.push(divider(), ...companyBlocks(home.company, options.minGroupSize, options.timezone));
  return { type: 'home', blocks: withinBlockLimit(blocks, SLACK_LIMITS.viewBlocks) };
}

function myBotsBlocks(home: HomeData, command: string): KnownBlock[] {
  const { bots, total } = home.bots;
  if (total === 0)
    return [section(`*Your bots*\nYou have not submitted any bots yet. Try \`${command} submit\`.`)];
  const shown = bots.slice(0, HOME_BOTS_SHOWN);
  const blocks: KnownBlock[] = [
    section(`*Your bots* (${total})`),
    ...packLines(shown.map((bot) => renderBotLine(bot))),
  ];
  const hidden = total - shown.length;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more (oldest not shown).`));
  return blocks;
}

function reviewBlocks(home: HomeData, now: Date): KnownBlock[] {
  const { items, total } = home.reviews;
  const shown = items.slice(0, HOME_REVIEWS_SHOWN);
  const blocks: KnownBlock[] = [section(`*Reviews waiting for you* (${total})`)];
  for (const item of shown) blocks.push(...pendingReviewBlocks(item, now));
  const hidden = total - shown.length;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more, longest-waiting first.`));
  return blocks;
}

/** "My team": how many of N met the requirement, who has not, a button to enter a bot for someone without Slack. */
function teamBlocks(team: TeamOverview, command: string): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section(`*My team* · *${team.met} of ${team.total}* have met the requirement this period`),
  ];
  if (team.notMet.length === 0) return blocks;
  const lines = team.notMet.map((r) => {
    const who = r.slackUserId ? `<@${r.slackUserId}>` : `*${escapeMrkdwn(clip(r.name, 80))}* (no Slack)`;
    const entered = enteredByText(r);
    return `• ${who} · ${r.botsApproved} approved, ${r.botsSubmitted} submitted${entered ? ` · _${entered}_` : ''}`;
  });
  blocks.push(section('*Not met yet*'), ...packLines(lines));
  const withoutSlack = team.notMet.filter((r) => r.slackUserId === null).slice(0, HOME_TEAM_BUTTONS);
  if (withoutSlack.length > 0)
    blocks.push(
      actions(
        withoutSlack.map((r) =>
          button({
            actionId: `${TEAM_ENTER_FOR_ACTION}_${r.rosterId}`,
            text: `Enter a bot for ${r.name}`,
            value: String(r.rosterId),
          }),
        ),
      ),
    );
  const hidden = team.total - team.met - team.notMet.length;
  blocks.push(
    context(
      `${hidden > 0 ? `…and ${hidden} more not met. ` : ''}Everyone's record: \`${command} team\`. Only you see this; each person listed is audited.`,
    ),
  );
  return blocks;
}

function companyBlocks(company: CompanyOverview, minGroupSize: number, timezone: string): KnownBlock[] {
  const { period, figures: f } = company;
  const blocks: KnownBlock[] = [
    section(
      `*Whole company* · ${escapeMrkdwn(period.name)} (${period.start} – ${period.end}) · requirement: ≥ ${period.requiredApprovedBots} approved bot${period.requiredApprovedBots === 1 ? '' : 's'}`,
    ),
  ];
  if (isSmallGroup(f.headcount, minGroupSize)) {
    blocks.push(
      section(`People: *fewer than ${minGroupSize}*. Figures for groups this small are not shown.`),
    );
    return blocks;
  }
  blocks.push(
    fields([
      ['Headcount', String(f.headcount)],
      ['Builders', `${f.builders} · ${percent(f.builders, f.headcount)}`],
      ['Qualified', `${f.qualified} · ${percent(f.qualified, f.headcount)}`],
      ['New bots', String(f.newBots)],
      ['Approved bots', String(f.approvedBots)],
      ['Waiting for review', String(f.pendingReviews)],
      ['Uses by colleagues', `${f.uses} by ${f.distinctColleagueUsers} people`],
      ['Adopted bots', String(f.adoptedBots)],
    ]),
  );
  const { behind, small } = rankDepartmentsBehind(company.departments, minGroupSize);
  const listed = behind.slice(0, HOME_DEPARTMENTS_SHOWN);
  blocks.push(
    section(
      listed.length === 0
        ? `*Departments furthest behind*\nNo department has ${minGroupSize} or more people yet.`
        : `*Departments furthest behind*\n${listed.map((d, i) => `${i + 1}. ${departmentLine(d)}`).join('\n')}`,
    ),
  );
  if (small.length > 0) {
    const names = listWithin(small.map(departmentName), SMALL_DEPARTMENTS_NAMED, 2500);
    blocks.push(context(`Not ranked, fewer than ${minGroupSize} people: ${names}.`));
  }
  blocks.push(context(freshnessLine(company.freshness, timezone, company.refreshedEveryMinutes)));
  return blocks;
}

function departmentLine(d: DepartmentFigures): string {
  return `*${departmentName(d.department)}* — ${percent(d.qualified, d.headcount)} qualified · ${percent(d.builders, d.headcount)} building · ${d.headcount} people`;
}

function departmentName(department: string | null): string {
  return department === null ? '_no department_' : escapeMrkdwn(clip(department, 100));
}

/** "A, B, C and 7 more": at most `count` names and `budget` characters, the rest counted. */
export function listWithin(names: string[], count: number, budget: number): string {
  const shown: string[] = [];
  let length = 0;
  for (const name of names.slice(0, count)) {
    if (shown.length > 0 && length + 2 + name.length > budget) break;
    shown.push(name);
    length += (shown.length > 1 ? 2 : 0) + name.length;
  }
  const hidden = names.length - shown.length;
  return hidden > 0 ? `${shown.join(', ')} and ${hidden} more` : shown.join(', ');
}
