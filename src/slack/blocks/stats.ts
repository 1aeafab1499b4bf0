import type { KnownBlock } from '@slack/types';
import type { AdoptionFigures, FunnelFigures } from '../../db/queries/metrics.js';
import type { Freshness } from '../../domain/figures.js';
import type { FunnelReport, StatsReport } from '../../domain/stats.js';
import type { SlackMessage } from './bot-messages.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** Shares as "42%", or "–" when there is no one to divide by. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}

/** Percentage-point change, e.g. "+5 pts". */
function pointsChange(now: { part: number; whole: number }, before: { part: number; whole: number }): string {
  if (now.whole === 0 || before.whole === 0) return 'no earlier figure';
  const delta = Math.round((now.part / now.whole) * 100) - Math.round((before.part / before.whole) * 100);
  return `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta)} pts`;
}

function change(now: number, before: number): string {
  const delta = now - before;
  return delta === 0 ? '±0' : delta > 0 ? `+${delta}` : `−${Math.abs(delta)}`;
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
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${title}\n_${requirement}; compared with ${escapeMrkdwn(report.previousPeriod.name)}_`,
      },
    },
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
  blocks.push({
    type: 'section',
    fields: [
      field('Headcount', `${f.headcount} (${change(f.headcount, p.headcount)})`),
      field(
        'Builders',
        `${f.builders} · ${percent(f.builders, f.headcount)} (${pointsChange(people(f), people(p))})`,
      ),
      field(
        'Qualified',
        `${f.qualified} · ${percent(f.qualified, f.headcount)} (${pointsChange(qualified(f), qualified(p))})`,
      ),
      field('New bots', `${f.newBots} (${change(f.newBots, p.newBots)})`),
      field('Approved bots', `${f.approvedBots} (${change(f.approvedBots, p.approvedBots)})`),
      field('Waiting for review', String(f.pendingReviews)),
      field(
        'Uses by colleagues',
        `${f.uses} by ${f.distinctColleagueUsers} people (${change(f.uses, p.uses)})`,
      ),
      field('Adopted bots', `${f.adoptedBots} (used by ≥ 3 colleagues in 28 days)`),
      field(
        'Median time to first bot',
        f.medianDaysToFirstBot === null ? '–' : `${round(f.medianDaysToFirstBot)} days`,
      ),
      field('Est. hours saved / week', `${round(f.estimatedHoursSavedPerWeek)} (self-reported)`),
    ],
  });
  const context = [freshness];
  if (f.medianReviewTurnaroundHours !== null) {
    context.unshift(`Median review turnaround: ${round(f.medianReviewTurnaroundHours)} h`);
  }
  blocks.push({ type: 'context', elements: context.map((text) => ({ type: 'mrkdwn', text })) });
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
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });

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
