import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chartFontFile,
  DEFAULT_CHART_FONT,
  renderParticipationChart,
} from '../../src/charts/participation-chart.js';
import type { ParticipationPoint } from '../../src/domain/digest.js';

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

describe('participation chart', () => {
  it('is a valid PNG at twice the spec size', async () => {
    const png = await renderParticipationChart(points('研发部'), {
      title: TITLE,
      fontFile: chartFontFile(undefined),
    });
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThan(1280); // 640 wide plot plus axes, doubled
    expect(height).toBeGreaterThan(640);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('uses the CJK font that npm ci installs, whatever the host has', () => {
    expect(chartFontFile(undefined)).toBe(DEFAULT_CHART_FONT);
    expect(DEFAULT_CHART_FONT).toContain(join('node_modules', '@embedpdf', 'fonts-sc'));
  });

  it('draws Chinese department names as glyphs: two names of three characters look different, not as the same boxes', async () => {
    const chart = (department: string) =>
      renderParticipationChart(points(department), { title: TITLE, fontFile: chartFontFile(undefined) });
    // Drawn as boxes (a font without these characters), both charts would be the same picture.
    const research = await chart('研发部');
    const marketing = await chart('市场部');
    expect(research.equals(marketing)).toBe(false);
    // The same characters in another order: each glyph has its own shape.
    expect(research.equals(await chart('部发研'))).toBe(false);
  });

  it('uses CHART_FONT when it is set', async () => {
    const bold = join(dirname(DEFAULT_CHART_FONT), 'NotoSansHans-Bold.otf');
    expect(chartFontFile(bold)).toBe(bold);
    const regular = await renderParticipationChart(points('研发部'), {
      title: TITLE,
      fontFile: DEFAULT_CHART_FONT,
    });
    const overridden = await renderParticipationChart(points('研发部'), { title: TITLE, fontFile: bold });
    expect(overridden.equals(regular)).toBe(false);
  });
});
