import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { COMPANY_GROUP, type ParticipationPoint } from '../domain/digest.js';
import type { Translator } from '../i18n/index.js';

/**
 * The digest's chart, drawn on our own server (no chart service sees company data): a vega-lite
 * spec → SVG (vega, no browser) → PNG (resvg). Text is drawn with an explicitly loaded font, so
 * Chinese department names show as glyphs, not boxes, whatever fonts the host has configured.
 */

/**
 * The default font comes with `npm ci`: Noto Sans Hans (npm `@embedpdf/fonts-sc`, SIL OFL), OpenType
 * files with Latin and the GB2312 Chinese characters (the 6,763 in common use), so no host needs a
 * system CJK font. Its package exports only a list of file names, so the files are found beside it.
 */
const BUNDLED_FONT_DIR = join(
  dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')),
  '..',
  'fonts',
);
export const DEFAULT_CHART_FONT = join(BUNDLED_FONT_DIR, 'NotoSansHans-Regular.otf');
/** The bold weight, for the title, when the default font is used. */
const DEFAULT_CHART_FONT_BOLD = join(BUNDLED_FONT_DIR, 'NotoSansHans-Bold.otf');
const FONT_FAMILY = 'Noto Sans S Chinese';

/** The font file to load: CHART_FONT when set, else the bundled CJK font. */
export function chartFontFile(configured: string | undefined): string {
  return configured ?? DEFAULT_CHART_FONT;
}

/**
 * A week's label on the x axis: the ISO day in English (as the chart always showed), the month and
 * day through Intl in Chinese ("11月16日"), with the year when the weeks drawn span two years.
 */
function weekLabeller(tr: Translator, weeks: readonly string[]): (week: string) => string {
  if (tr.locale === 'en') return (week) => week;
  const years = new Set(weeks.map((week) => week.slice(0, 4)));
  const format = new Intl.DateTimeFormat(tr.locale, {
    year: years.size > 1 ? 'numeric' : undefined,
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return (week) => format.format(new Date(`${week}T00:00:00Z`));
}

/**
 * The chart's spec, its words in `tr`'s language (DIGEST_LOCALE): axis titles, the company's line
 * in the legend, the weeks. Department names are drawn as written.
 */
export function participationSpec(points: ParticipationPoint[], title: string, tr: Translator): TopLevelSpec {
  const weeks = [...new Set(points.map((point) => point.week))].sort();
  const label = weekLabeller(tr, weeks);
  const company = tr.t('digest.chart.company');
  const values = points.map((point) => ({
    week: label(point.week),
    group: point.group === COMPANY_GROUP ? company : point.group,
    participation: point.participation,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 640,
    height: 320,
    background: 'white',
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 2.5 },
    encoding: {
      x: {
        field: 'week',
        type: 'ordinal',
        // Oldest first, whatever the labels' alphabetical order.
        sort: weeks.map(label),
        title: tr.t('digest.chart.week_axis'),
        axis: { labelAngle: -40 },
      },
      y: {
        field: 'participation',
        type: 'quantitative',
        title: tr.t('digest.chart.participation_axis'),
        scale: { domain: [0, 100] },
      },
      color: { field: 'group', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 3 } },
    },
    config: { font: FONT_FAMILY, title: { fontSize: 16 } },
  };
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The PNG, at twice the spec's size so it stays sharp on a phone. */
export async function renderParticipationChart(
  points: ParticipationPoint[],
  options: { title: string; fontFile: string; translator: Translator },
): Promise<Buffer> {
  const svg = await renderSvg(participationSpec(points, options.title, options.translator));
  return svgToPng(svg, options.fontFile);
}

/**
 * Only the chart's font is loaded, never the host's, so the picture is the same on every machine. A
 * CHART_FONT whose family is not FONT_FAMILY is still used: resvg falls back to the fonts it has.
 */
export function svgToPng(svg: string, fontFile: string): Buffer {
  const fontFiles = fontFile === DEFAULT_CHART_FONT ? [fontFile, DEFAULT_CHART_FONT_BOLD] : [fontFile];
  const font = { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY };
  return new Resvg(svg, { font, fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
}
