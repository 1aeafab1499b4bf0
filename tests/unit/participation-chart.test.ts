import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chartFontFile,
  DEFAULT_CHART_FONT,
  participationSpec,
  renderParticipationChart,
  renderSvg,
} from '../../src/charts/participation-chart.js';
import type { ParticipationPoint } from '../../src/domain/digest.js';
import { translator } from '../../src/i18n/index.js';

const EN = translator('en');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk (right after the signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Two weeks of the company and one department, named `department`. */
function points(department: string): ParticipationPoint[] {
  return [
    { week: '2026-11-09', group: 'Company', participation: 14.3 },
    { week: '2026-11-16', group: 'Company', participation: 35.7 },
    { week: '2026-11-09', group: department, participation: 14.3 },
    { week: '2026-11-16', group: department, participation: 42.9 },
  ];
}

const TITLE = 'Participation by week · FY26-Q4';

/** The chart's SVG (before the PNG): its size and every `<text>` it draws. */
async function chartSvg(department: string) {
  const svg = await renderSvg(participationSpec(points(department), TITLE, EN));
  const size = /^<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
  const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  return { width: Number(size?.[1]), height: Number(size?.[2]), texts };
}

/** A font file that is not there: resvg then has no font at all, and draws no text. */
const NO_FONT = '/nonexistent/no-font.otf';

describe('participation chart', () => {
  it('is a PNG of exactly twice the size of the chart it draws (sharp on a phone)', async () => {
    const svg = await chartSvg('研发部');
    // The 640×320 plot of the spec, plus axes, title and legend around it.
    expect(svg.width).toBeGreaterThan(640);
    expect(svg.height).toBeGreaterThan(320);
    const png = await renderParticipationChart(points('研发部'), {
      title: TITLE,
      fontFile: chartFontFile(undefined),
      translator: EN,
    });
    expect(pngSize(png)).toEqual({ width: 2 * svg.width, height: 2 * svg.height });
  });

  it('writes the title, both weeks, the axis titles and every group, the Chinese name included', async () => {
    const { texts } = await chartSvg('研发部');
    for (const text of [
      TITLE,
      '2026-11-09',
      '2026-11-16',
      'Week ending',
      'Participation %',
      'Company',
      '研发部',
    ])
      expect(texts).toContain(text);
    // The y axis runs from 0 to 100 %.
    expect(texts).toEqual(expect.arrayContaining(['0', '50', '100']));
  });

  it('uses the CJK font that npm ci installs, whatever the host has', () => {
    expect(chartFontFile(undefined)).toBe(DEFAULT_CHART_FONT);
    expect(DEFAULT_CHART_FONT).toContain(join('node_modules', '@embedpdf', 'fonts-sc'));
  });

  it('draws Chinese department names with the font’s glyphs: names differ in the picture only with the font', async () => {
    const chart = (department: string, fontFile: string) =>
      renderParticipationChart(points(department), { title: TITLE, fontFile, translator: EN });
    const font = chartFontFile(undefined);
    const research = await chart('研发部', font);
    expect(research.equals(await chart('市场部', font))).toBe(false);
    // The same characters in another order: each glyph has its own shape.
    expect(research.equals(await chart('部发研', font))).toBe(false);
    // With the font missing nothing is written, so the two names make the same picture, and a
    // different one from the chart drawn with the font: the difference above is the glyphs.
    const withoutFont = await chart('研发部', NO_FONT);
    expect(withoutFont.equals(await chart('市场部', NO_FONT))).toBe(true);
    expect(withoutFont.equals(research)).toBe(false);
    expect(pngSize(withoutFont)).toEqual(pngSize(research));
  });

  it('uses CHART_FONT when it is set', async () => {
    const bold = join(dirname(DEFAULT_CHART_FONT), 'NotoSansHans-Bold.otf');
    expect(chartFontFile(bold)).toBe(bold);
    const regular = await renderParticipationChart(points('研发部'), {
      title: TITLE,
      fontFile: DEFAULT_CHART_FONT,
      translator: EN,
    });
    const overridden = await renderParticipationChart(points('研发部'), {
      title: TITLE,
      fontFile: bold,
      translator: EN,
    });
    expect(overridden.equals(regular)).toBe(false);
  });
});
