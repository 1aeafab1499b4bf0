import type { KnownBlock } from '@slack/types';
import type { AdoptionFigures, FunnelFigures } from '../../db/queries/metrics.js';
import type { Freshness } from '../../domain/figures.js';
import type { FunnelReport, StatsReport } from '../../domain/stats.js';
import type { Translator } from '../../i18n/index.js';
import { context, fields, percent, pointsChange, type SlackMessage, section, signed } from './kit.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** Percentage-point change, e.g. "+5 pts". */
function pointsText(now: { part: number; whole: number }, before: { part: number; whole: number }): string {
  const change = pointsChange(now, before);
  return change === null ? 'no earlier figure' : `${change} pts`;
}

function change(now: number, before: number): string {
  return signed(now - before);
}

/** A group this small could identify people: its people figures are not shown. */
export function isSmallGroup(headcount: number, minGroupSize: number): boolean {
  return headcount > 0 && headcount < minGroupSize;
}

export function renderStats(report: StatsReport, minGroupSize: number): SlackMessage {
  const { figures: f, previous: p, period } = report;
  const who = report.scope.kind === 'company' ? 'Whole company' : escapeMrkdwn(report.scope.department);
  const title = `*${who}* · ${escapeMrkdwn(period.name)} (${period.start} – ${period.end})`;
  const requirement = `requirement: ≥ ${period.requiredApprovedBots} approved bot${period.requiredApprovedBots === 1 ? '' : 's'} in the period`;
  const blocks: KnownBlock[] = [
    section(`${title}\n_${requirement}; compared with ${escapeMrkdwn(report.previousPeriod.name)}_`),
  ];
  if (isSmallGroup(f.headcount, minGroupSize)) {
    blocks.push(
      section(
        `People: *fewer than ${minGroupSize}*. Figures for groups this small are not shown, so that no one can be singled out.`,
      ),
    );
    return { text: `${who}: fewer than ${minGroupSize} people`, blocks };
  }
  const freshness = describeFreshness(report);
  const people = (x: AdoptionFigures) => ({ part: x.builders, whole: x.headcount });
  const qualified = (x: AdoptionFigures) => ({ part: x.qualified, whole: x.headcount });
  blocks.push(
    fields([
      ['Headcount', `${f.headcount} (${change(f.headcount, p.headcount)})`],
      [
        'Builders',
        `${f.builders} · ${percent(f.builders, f.headcount)} (${pointsText(people(f), people(p))})`,
      ],
      [
        'Qualified',
        `${f.qualified} · ${percent(f.qualified, f.headcount)} (${pointsText(qualified(f), qualified(p))})`,
      ],
      ['New bots', `${f.newBots} (${change(f.newBots, p.newBots)})`],
      ['Approved bots', `${f.approvedBots} (${change(f.approvedBots, p.approvedBots)})`],
      ['Waiting for review', String(f.pendingReviews)],
      ['Uses by colleagues', `${f.uses} by ${f.distinctColleagueUsers} people (${change(f.uses, p.uses)})`],
      ['Adopted bots', `${f.adoptedBots} (used by ≥ 3 colleagues in 28 days)`],
      [
        'Median time to first bot',
        f.medianDaysToFirstBot === null ? '–' : `${round(f.medianDaysToFirstBot)} days`,
      ],
      ['Est. hours saved / week', `${round(f.estimatedHoursSavedPerWeek)} (self-reported)`],
    ]),
  );
  const notes = [freshness];
  if (f.medianReviewTurnaroundHours !== null) {
    notes.unshift(`Median review turnaround: ${round(f.medianReviewTurnaroundHours)} h`);
  }
  blocks.push(context(...notes));
  return {
    text: `${who} ${period.name}: ${percent(f.builders, f.headcount)} participation, ${percent(f.qualified, f.headcount)} qualified (${freshness})`,
    blocks,
  };
}

/**
 * "As of 14:20 UTC, 28 Nov: a snapshot, refreshed every 10 minutes." A snapshot always says it is
 * one and when it was taken; the previous period's time is added when it was computed at another.
 */
export function describeFreshness(report: StatsReport): string {
  const { freshness, previousFreshness, timezone } = report;
  const main = freshnessLine(freshness, timezone, report.refreshedEveryMinutes);
  const sameTime = Math.abs(previousFreshness.computedAt.getTime() - freshness.computedAt.getTime()) < 60_000;
  if (sameTime && previousFreshness.source === freshness.source) return main;
  return `${main} ${report.previousPeriod.name} as of ${clock(previousFreshness.computedAt, timezone)} (${previousFreshness.source === 'live' ? 'computed live' : 'a snapshot'}).`;
}

/** "As of 14:20 UTC, 28 Nov: a snapshot, refreshed every 10 minutes." */
export function freshnessLine(
  freshness: Freshness,
  timezone: string,
  refreshedEveryMinutes: number | null,
  // The Home tab passes its translator; i18n-hr translates this line (`_tr`: until then, English).
  _tr?: Translator,
): string {
  return `As of ${clock(freshness.computedAt, timezone)}: ${sourceText(freshness, refreshedEveryMinutes)}.`;
}

function sourceText(freshness: Freshness, refreshedEveryMinutes: number | null): string {
  if (freshness.source === 'live') return 'computed live';
  return refreshedEveryMinutes === null
    ? 'a snapshot, computed on an earlier request'
    : `a snapshot, refreshed every ${refreshedEveryMinutes} minute${refreshedEveryMinutes === 1 ? '' : 's'}`;
}

/** "14:20 UTC, 28 Nov" in the company time zone. */
function clock(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    day: 'numeric',
    month: 'short',
    timeZoneName: 'short',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('timeZoneName')}, ${part('day')} ${part('month')}`;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Department lines of the company funnel shown in `/adoption stats`. */
const FUNNEL_DEPARTMENT_LINES = 10;

/**
 * The learning funnel under the stats: attended ≥ 1 session → built → qualified → used by a
 * colleague, and attendees against everyone else (only when both groups have `minGroupSize` people).
 */
export function renderFunnel(
  report: FunnelReport,
  minGroupSize: number,
  stats?: Pick<StatsReport, 'freshness' | 'timezone'>,
): KnownBlock[] {
  const f = report.funnel;
  if (f.headcount === 0 || isSmallGroup(f.headcount, minGroupSize)) return [];
  // Normally from the figures' own snapshot; said only when it is not of the same moment.
  const sameMoment =
    !stats ||
    (stats.freshness.source === report.freshness.source &&
      Math.abs(stats.freshness.computedAt.getTime() - report.freshness.computedAt.getTime()) < 60_000);
  const note = sameMoment ? '' : `\n_Funnel: ${freshnessLine(report.freshness, stats.timezone, null)}_`;
  const blocks: KnownBlock[] = [
    section(
      `*Learning funnel* (AI sessions held in the period)
${funnelLine(f)}
${comparisonLine(f, minGroupSize)}${note}`,
    ),
  ];
  if (report.departments.length > 0) {
    const lines = report.departments.slice(0, FUNNEL_DEPARTMENT_LINES).map((d) => {
      const name = d.department === null ? '_No department_' : `*${escapeMrkdwn(d.department)}*`;
      return isSmallGroup(d.funnel.headcount, minGroupSize)
        ? `${name} · fewer than ${minGroupSize} people`
        : `${name} · ${d.funnel.attended} attended → ${d.funnel.attendedBuilders} built → ${d.funnel.attendedQualified} qualified → ${d.funnel.attendedUsed} used · ${d.funnel.headcount} people`;
    });
    const rest = report.departments.length - FUNNEL_DEPARTMENT_LINES;
    if (rest > 0) lines.push(`…and ${rest} more: \`/adoption stats <department>\``);
    blocks.push(section(`*Funnel by department*\n${lines.join('\n')}`));
  }
  return blocks;
}

function funnelLine(f: FunnelFigures): string {
  return `Attended ≥ 1 session: *${f.attended}* of ${f.headcount} (${percent(f.attended, f.headcount)}) → built a bot: *${f.attendedBuilders}* (${percent(f.attendedBuilders, f.attended)}) → qualified: *${f.attendedQualified}* (${percent(f.attendedQualified, f.attended)}) → a bot used by a colleague: *${f.attendedUsed}* (${percent(f.attendedUsed, f.attended)})`;
}

function comparisonLine(f: FunnelFigures, minGroupSize: number): string {
  if (f.attended < minGroupSize || f.nonAttendees < minGroupSize)
    return `_Attendees vs others is shown when both groups have at least ${minGroupSize} people._`;
  const days = (d: number | null) => (d === null ? '–' : `${round(d)} days`);
  return `Attendees vs others: builder rate *${percent(f.attendedBuilders, f.attended)}* vs *${percent(f.nonAttendeeBuilders, f.nonAttendees)}*; median time to first bot *${days(f.attendeeMedianDaysToFirstBot)}* vs *${days(f.nonAttendeeMedianDaysToFirstBot)}*`;
}
