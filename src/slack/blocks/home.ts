import type { KnownBlock, View } from '@slack/types';
import type { DepartmentFigures } from '../../db/queries/metrics.js';
import {
  type CompanyOverview,
  type HomeData,
  rankDepartmentsBehind,
  type TeamOverview,
} from '../../domain/home.js';
import { type Translator, translator } from '../../i18n/index.js';
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

/**
 * The Home tab. Every list has a fixed budget so the view stays within Slack's limits (100 blocks,
 * 3000 characters a section) whatever the data: what does not fit is counted in an "and N more"
 * line. Everything is in the viewer's language (`tr`), times on their clock. Worst case: 1 + 3 + 1 + 1 + 20 + 1 + 1 + 1 + 1 + 1 + 20 + 1 + 6 = 58 blocks (next session: 2),
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
  /** The viewer's language, in their zone (default: English, in the next session's zone). */
  tr?: Translator;
}

export function renderHome(home: HomeData, options: HomeOptions): View {
  const tr = options.tr ?? translator('en', { timeZone: home.nextSession.timezone });
  const blocks: KnownBlock[] = [
    header(tr.t('home.title')),
    ...(renderMyRecord(options.command, home.mine, tr).blocks ?? []),
    divider(),
    ...myBotsBlocks(home, options.command, tr),
    divider(),
    ...renderNextSession(home.nextSession.session, tr, options.command),
  ];
  if (home.reviews.total > 0) blocks.push(divider(), ...reviewBlocks(home, options.now, tr));
  if (home.team) blocks.push(divider(), ...teamBlocks(home.team, options.command, tr));
  if (home.company)
    blocks.push(divider(), ...companyBlocks(home.company, options.minGroupSize, options.timezone, tr));
  return {
    type: 'home',
    blocks: withinBlockLimit(
      blocks,
      SLACK_LIMITS.viewBlocks,
      tr.t('home.more_blocks', { count: blocks.length - SLACK_LIMITS.viewBlocks + 1 }),
    ),
  };
}

function myBotsBlocks(home: HomeData, command: string, tr: Translator): KnownBlock[] {
  const { bots, total } = home.bots;
  if (total === 0) return [section(tr.t('home.bots.none', { command }))];
  const shown = bots.slice(0, HOME_BOTS_SHOWN);
  const blocks: KnownBlock[] = [
    section(tr.t('home.bots.heading', { total })),
    ...packLines(shown.map((bot) => renderBotLine(bot, tr))),
  ];
  const hidden = total - shown.length;
  if (hidden > 0) blocks.push(context(tr.t('home.bots.more', { count: hidden })));
  return blocks;
}

function reviewBlocks(home: HomeData, now: Date, tr: Translator): KnownBlock[] {
  const { items, total } = home.reviews;
  const shown = items.slice(0, HOME_REVIEWS_SHOWN);
  const blocks: KnownBlock[] = [section(tr.t('home.reviews.heading', { total }))];
  for (const item of shown) blocks.push(...pendingReviewBlocks(item, now, tr));
  const hidden = total - shown.length;
  if (hidden > 0) blocks.push(context(tr.t('home.reviews.more', { count: hidden })));
  return blocks;
}

/** "My team": how many of N met the requirement, who has not, a button to enter a bot for someone without Slack. */
function teamBlocks(team: TeamOverview, command: string, tr: Translator): KnownBlock[] {
  const blocks: KnownBlock[] = [section(tr.t('home.team.heading', { met: team.met, total: team.total }))];
  if (team.notMet.length === 0) return blocks;
  const lines = team.notMet.map((r) => {
    const who = r.slackUserId
      ? `<@${r.slackUserId}>`
      : tr.t('home.team.no_slack', { name: escapeMrkdwn(clip(r.name, 80)) });
    const line = tr.t('home.team.line', { who, approved: r.botsApproved, submitted: r.botsSubmitted });
    const enteredBy = r.enteredBy.map((p) => escapeMrkdwn(clip(p.name, 60)));
    return enteredBy.length > 0
      ? `${line} · _${tr.t('home.team.entered_by', { names: enteredBy.join(listSeparator(tr)) })}_`
      : line;
  });
  blocks.push(section(tr.t('home.team.not_met')), ...packLines(lines));
  const withoutSlack = team.notMet.filter((r) => r.slackUserId === null).slice(0, HOME_TEAM_BUTTONS);
  if (withoutSlack.length > 0)
    blocks.push(
      actions(
        withoutSlack.map((r) =>
          button({
            actionId: `${TEAM_ENTER_FOR_ACTION}_${r.rosterId}`,
            text: tr.t('home.team.enter_for', { name: r.name }),
            value: String(r.rosterId),
          }),
        ),
      ),
    );
  const hidden = team.total - team.met - team.notMet.length;
  blocks.push(
    context(
      `${hidden > 0 ? tr.t('home.team.more', { count: hidden }) : ''}${tr.t('home.team.note', { command })}`,
    ),
  );
  return blocks;
}

function companyBlocks(
  company: CompanyOverview,
  minGroupSize: number,
  timezone: string,
  tr: Translator,
): KnownBlock[] {
  const { period, figures: f } = company;
  const blocks: KnownBlock[] = [
    section(
      tr.t('home.company.heading', {
        name: escapeMrkdwn(period.name),
        start: period.start,
        end: period.end,
        required: period.requiredApprovedBots,
      }),
    ),
  ];
  if (isSmallGroup(f.headcount, minGroupSize)) {
    blocks.push(section(tr.t('home.company.small', { min: minGroupSize })));
    return blocks;
  }
  const n = (value: number) => tr.number(value);
  blocks.push(
    fields([
      [tr.t('home.field.headcount'), n(f.headcount)],
      [tr.t('home.field.builders'), `${n(f.builders)} · ${percent(f.builders, f.headcount)}`],
      [tr.t('home.field.qualified'), `${n(f.qualified)} · ${percent(f.qualified, f.headcount)}`],
      [tr.t('home.field.new_bots'), n(f.newBots)],
      [tr.t('home.field.approved_bots'), n(f.approvedBots)],
      [tr.t('home.field.waiting'), n(f.pendingReviews)],
      [
        tr.t('home.field.uses'),
        tr.t('home.field.uses_value', { uses: f.uses, people: f.distinctColleagueUsers }),
      ],
      [tr.t('home.field.adopted'), n(f.adoptedBots)],
    ]),
  );
  const { behind, small } = rankDepartmentsBehind(company.departments, minGroupSize);
  const listed = behind.slice(0, HOME_DEPARTMENTS_SHOWN);
  const heading = tr.t('home.departments.heading');
  blocks.push(
    section(
      listed.length === 0
        ? `${heading}\n${tr.t('home.departments.none', { min: minGroupSize })}`
        : `${heading}\n${listed.map((d, i) => `${i + 1}. ${departmentLine(d, tr)}`).join('\n')}`,
    ),
  );
  if (small.length > 0) {
    const names = listWithin(
      small.map((d) => departmentName(d, tr)),
      SMALL_DEPARTMENTS_NAMED,
      2500,
      tr,
    );
    blocks.push(context(tr.t('home.departments.small', { min: minGroupSize, names })));
  }
  blocks.push(context(freshnessLine(company.freshness, timezone, company.refreshedEveryMinutes, tr)));
  return blocks;
}

function departmentLine(d: DepartmentFigures, tr: Translator): string {
  return tr.t('home.departments.line', {
    name: departmentName(d.department, tr),
    qualified: percent(d.qualified, d.headcount),
    building: percent(d.builders, d.headcount),
    people: d.headcount,
  });
}

function departmentName(department: string | null, tr: Translator): string {
  return department === null ? tr.t('home.departments.unnamed') : escapeMrkdwn(clip(department, 100));
}

/** Between names in a list: ", " / "、". */
function listSeparator(tr: Translator): string {
  return tr.locale === 'zh-CN' ? '、' : ', ';
}

/** "A, B, C and 7 more": at most `count` names and `budget` characters, the rest counted. */
export function listWithin(names: string[], count: number, budget: number, tr: Translator): string {
  const separator = listSeparator(tr);
  const shown: string[] = [];
  let length = 0;
  for (const name of names.slice(0, count)) {
    if (shown.length > 0 && length + separator.length + name.length > budget) break;
    shown.push(name);
    length += (shown.length > 1 ? separator.length : 0) + name.length;
  }
  const hidden = names.length - shown.length;
  return hidden > 0
    ? tr.t('home.list.more', { names: shown.join(separator), count: hidden })
    : shown.join(separator);
}
