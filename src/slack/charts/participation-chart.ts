import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * The digest's chart, drawn on our own server (no chart service sees company data): a vega-lite
 * spec → SVG (vega, no browser) → PNG (resvg). Text is drawn with an explicitly loaded font, so
 * Chinese department names show as glyphs, not boxes, whatever fonts the host has configured.
 */
export interface ParticipationPoint {
  /** Last day of the week (ISO). */
  week: string;
  /** A department, or "Company". */
  group: string;
  /** Builders / headcount, 0–100. */
  participation: number;
}

/** Debian's fonts-wqy-microhei: Latin and CJK in one file. */
export const DEFAULT_CHART_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const FONT_FAMILY = 'WenQuanYi Micro Hei';

/** The font file to load: CHART_FONT, else the CJK default if installed, else none (system fonts). */
export function chartFontFile(configured: string | undefined): string | undefined {
  if (configured) return configured;
  return existsSync(DEFAULT_CHART_FONT) ? DEFAULT_CHART_FONT : undefined;
}

export function participationSpec(points: ParticipationPoint[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 640,
    height: 320,
    background: 'white',
    data: { values: points },
    mark: { type: 'line', point: true, strokeWidth: 2.5 },
    encoding: {
      x: { field: 'week', type: 'ordinal', title: 'Week ending', axis: { labelAngle: -40 } },
      y: {
        field: 'participation',
        type: 'quantitative',
        title: 'Participation %',
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
  options: { title: string; fontFile: string | undefined },
): Promise<Buffer> {
  const svg = await renderSvg(participationSpec(points, options.title));
  return svgToPng(svg, options.fontFile);
}

export function svgToPng(svg: string, fontFile: string | undefined): Buffer {
  const font = fontFile
    ? { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }
    : { loadSystemFonts: true };
  return new Resvg(svg, { font, fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
}
