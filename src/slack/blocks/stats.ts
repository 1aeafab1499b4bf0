import type { KnownBlock } from '@slack/types';
import type { AdoptionFigures, FunnelFigures } from '../../db/queries/metrics.js';
import type { Freshness } from '../../domain/figures.js';
import type { FunnelReport, StatsReport } from '../../domain/stats.js';
import { type Translator, translator } from '../../i18n/index.js';
import { context, fields, pointsChange, type SlackMessage, section, signed } from './kit.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** A share as shown, "42%", or "–" for an empty group. */
function percent(tr: Translator, part: number, whole: number): string {
  return whole === 0 ? '–' : tr.percent(part / whole);
}

/** Percentage-point change, e.g. "+5 pts". */
function pointsText(
  tr: Translator,
  now: { part: number; whole: number },
  before: { part: number; whole: number },
): string {
  const change = pointsChange(now, before);
  return change === null ? tr.t('hr.stats.no_earlier') : tr.t('hr.stats.points', { change });
}

function change(now: number, before: number): string {
  return signed(now - before);
}

/** A group this small could identify people: its people figures are not shown. */
export function isSmallGroup(headcount: number, minGroupSize: number): boolean {
  return headcount > 0 && headcount < minGroupSize;
}

/** `stats`: the figures of a scope and period against the period before, in the reader's language. */
export function renderStats(report: StatsReport, minGroupSize: number, tr: Translator): SlackMessage {
  const { figures: f, previous: p, period } = report;
  const who =
    report.scope.kind === 'company' ? tr.t('hr.whole_company') : escapeMrkdwn(report.scope.department);
  const title = tr.t('hr.stats.title', {
    who,
    name: escapeMrkdwn(period.name),
    start: period.start,
    end: period.end,
  });
  const requirement = tr.t('hr.stats.requirement', {
    required: period.requiredApprovedBots,
    previous: escapeMrkdwn(report.previousPeriod.name),
  });
  const blocks: KnownBlock[] = [section(`${title}\n_${requirement}_`)];
  if (isSmallGroup(f.headcount, minGroupSize)) {
    blocks.push(section(tr.t('hr.stats.small_group', { min: minGroupSize })));
    return { text: tr.t('hr.stats.small_group_text', { who, min: minGroupSize }), blocks };
  }
  const freshness = describeFreshness(report, tr);
  const people = (x: AdoptionFigures) => ({ part: x.builders, whole: x.headcount });
  const qualified = (x: AdoptionFigures) => ({ part: x.qualified, whole: x.headcount });
  const n = (value: number) => tr.number(value);
  const changed = (value: string, since: string) => tr.t('hr.stats.change', { value, change: since });
  blocks.push(
    fields([
      [tr.t('hr.stats.headcount'), changed(n(f.headcount), change(f.headcount, p.headcount))],
      [
        tr.t('hr.stats.builders'),
        changed(
          `${n(f.builders)} · ${percent(tr, f.builders, f.headcount)}`,
          pointsText(tr, people(f), people(p)),
        ),
      ],
      [
        tr.t('hr.stats.qualified'),
        changed(
          `${n(f.qualified)} · ${percent(tr, f.qualified, f.headcount)}`,
          pointsText(tr, qualified(f), qualified(p)),
        ),
      ],
      [tr.t('hr.stats.new_bots'), changed(n(f.newBots), change(f.newBots, p.newBots))],
      [tr.t('hr.stats.approved_bots'), changed(n(f.approvedBots), change(f.approvedBots, p.approvedBots))],
      [tr.t('hr.stats.pending'), n(f.pendingReviews)],
      [
        tr.t('hr.stats.uses'),
        tr.t('hr.stats.uses_value', {
          uses: f.uses,
          users: f.distinctColleagueUsers,
          change: change(f.uses, p.uses),
        }),
      ],
      [tr.t('hr.stats.adopted'), tr.t('hr.stats.adopted_value', { count: f.adoptedBots })],
      [
        tr.t('hr.stats.median_first_bot'),
        f.medianDaysToFirstBot === null ? '–' : tr.t('hr.days', { days: round(f.medianDaysToFirstBot) }),
      ],
      [tr.t('hr.stats.hours'), tr.t('hr.stats.hours_value', { hours: round(f.estimatedHoursSavedPerWeek) })],
    ]),
  );
  const notes = [freshness];
  if (f.medianReviewTurnaroundHours !== null) {
    notes.unshift(tr.t('hr.stats.turnaround', { hours: round(f.medianReviewTurnaroundHours) }));
  }
  blocks.push(context(...notes));
  return {
    text: tr.t('hr.stats.text', {
      who,
      name: period.name,
      participation: percent(tr, f.builders, f.headcount),
      qualified: percent(tr, f.qualified, f.headcount),
      freshness,
    }),
    blocks,
  };
}

/**
 * "As of 14:20 UTC, 28 Nov: a snapshot, refreshed every 10 minutes." A snapshot always says it is
 * one and when it was taken; the previous period's time is added when it was computed at another.
 * Times are in the translator's zone (the reader's; by default the company's).
 */
export function describeFreshness(report: StatsReport, tr: Translator): string {
  const { freshness, previousFreshness } = report;
  const main = freshnessLine(freshness, tr.timeZone, report.refreshedEveryMinutes, tr);
  const sameTime = Math.abs(previousFreshness.computedAt.getTime() - freshness.computedAt.getTime()) < 60_000;
  if (sameTime && previousFreshness.source === freshness.source) return main;
  return tr.t('hr.freshness.previous', {
    main,
    name: report.previousPeriod.name,
    time: clock(previousFreshness.computedAt, tr),
    live: previousFreshness.source === 'live' ? 'yes' : 'no',
  });
}

/** "As of 14:20 UTC, 28 Nov: a snapshot, refreshed every 10 minutes." in `timezone`. */
export function freshnessLine(
  freshness: Freshness,
  timezone: string,
  refreshedEveryMinutes: number | null,
  tr: Translator,
): string {
  const zoned = tr.timeZone === timezone ? tr : translator(tr.locale, { timeZone: timezone });
  return tr.t('hr.freshness.as_of', {
    time: clock(freshness.computedAt, zoned),
    source: sourceText(tr, freshness, refreshedEveryMinutes),
  });
}

function sourceText(tr: Translator, freshness: Freshness, refreshedEveryMinutes: number | null): string {
  if (freshness.source === 'live') return tr.t('hr.freshness.live');
  return refreshedEveryMinutes === null
    ? tr.t('hr.freshness.snapshot_earlier')
    : tr.t('hr.freshness.snapshot_every', { minutes: refreshedEveryMinutes });
}

/** "14:20 UTC, 28 Nov" / "11月28日 UTC 14:20", in the translator's zone. */
function clock(at: Date, tr: Translator): string {
  if (tr.locale !== 'en') {
    return new Intl.DateTimeFormat(tr.locale, {
      timeZone: tr.timeZone,
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    }).format(at);
  }
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tr.timeZone,
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
  stats: Pick<StatsReport, 'freshness' | 'timezone'> | undefined,
  tr: Translator,
): KnownBlock[] {
  const f = report.funnel;
  if (f.headcount === 0 || isSmallGroup(f.headcount, minGroupSize)) return [];
  // Normally from the figures' own snapshot; said only when it is not of the same moment.
  const sameMoment =
    !stats ||
    (stats.freshness.source === report.freshness.source &&
      Math.abs(stats.freshness.computedAt.getTime() - report.freshness.computedAt.getTime()) < 60_000);
  const note = sameMoment
    ? ''
    : `\n${tr.t('hr.funnel.freshness', { freshness: freshnessLine(report.freshness, tr.timeZone, null, tr) })}`;
  const blocks: KnownBlock[] = [
    section(
      `${tr.t('hr.funnel.title')}\n${funnelLine(tr, f)}\n${comparisonLine(tr, f, minGroupSize)}${note}`,
    ),
  ];
  if (report.departments.length > 0) {
    const lines = report.departments.slice(0, FUNNEL_DEPARTMENT_LINES).map((d) => {
      const name =
        d.department === null ? `_${tr.t('hr.funnel.no_department')}_` : `*${escapeMrkdwn(d.department)}*`;
      return isSmallGroup(d.funnel.headcount, minGroupSize)
        ? tr.t('hr.funnel.department_small', { name, min: minGroupSize })
        : tr.t('hr.funnel.department', {
            name,
            attended: d.funnel.attended,
            built: d.funnel.attendedBuilders,
            qualified: d.funnel.attendedQualified,
            used: d.funnel.attendedUsed,
            people: d.funnel.headcount,
          });
    });
    const rest = report.departments.length - FUNNEL_DEPARTMENT_LINES;
    if (rest > 0) lines.push(tr.t('hr.funnel.more', { count: rest }));
    blocks.push(section(`${tr.t('hr.funnel.by_department')}\n${lines.join('\n')}`));
  }
  return blocks;
}

function funnelLine(tr: Translator, f: FunnelFigures): string {
  return tr.t('hr.funnel.line', {
    attended: f.attended,
    headcount: f.headcount,
    attendedRate: percent(tr, f.attended, f.headcount),
    builders: f.attendedBuilders,
    buildersRate: percent(tr, f.attendedBuilders, f.attended),
    qualified: f.attendedQualified,
    qualifiedRate: percent(tr, f.attendedQualified, f.attended),
    used: f.attendedUsed,
    usedRate: percent(tr, f.attendedUsed, f.attended),
  });
}

function comparisonLine(tr: Translator, f: FunnelFigures, minGroupSize: number): string {
  if (f.attended < minGroupSize || f.nonAttendees < minGroupSize)
    return tr.t('hr.funnel.compare_hidden', { min: minGroupSize });
  const days = (d: number | null) => (d === null ? '–' : tr.t('hr.days', { days: round(d) }));
  return tr.t('hr.funnel.compare', {
    attendees: percent(tr, f.attendedBuilders, f.attended),
    others: percent(tr, f.nonAttendeeBuilders, f.nonAttendees),
    attendeeDays: days(f.attendeeMedianDaysToFirstBot),
    otherDays: days(f.nonAttendeeMedianDaysToFirstBot),
  });
}
