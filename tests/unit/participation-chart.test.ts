import { describe, expect, it } from 'vitest';
import {
  chartFontFile,
  DEFAULT_CHART_FONT,
  renderParticipationChart,
  svgToPng,
} from '../../src/slack/charts/participation-chart.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk (right after the signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('participation chart', () => {
  it('is a valid PNG at twice the spec size', async () => {
    const png = await renderParticipationChart(
      [
        { week: '2026-11-09', group: 'Company', participation: 14.3 },
        { week: '2026-11-16', group: 'Company', participation: 35.7 },
        { week: '2026-11-09', group: '研发部', participation: 14.3 },
        { week: '2026-11-16', group: '研发部', participation: 42.9 },
      ],
      { title: 'Participation by week · FY26-Q4', fontFile: chartFontFile(undefined) },
    );
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThan(1280); // 640 wide plot plus axes, doubled
    expect(height).toBeGreaterThan(640);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('draws Chinese text as glyphs with the CJK font (two different words look different, not as boxes)', () => {
    const font = chartFontFile(undefined);
    expect(font, `install fonts-wqy-microhei (${DEFAULT_CHART_FONT}) or set CHART_FONT`).toBe(
      DEFAULT_CHART_FONT,
    );
    const word = (text: string) =>
      svgToPng(
        `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"><rect width="160" height="40" fill="white"/><text x="8" y="30" font-family="Arial" font-size="24">${text}</text></svg>`,
        font,
      );
    const research = word('研发部');
    const marketing = word('市场部');
    expect(research.equals(marketing)).toBe(false);
    // And the ink is there: the text is not blank.
    expect(research.equals(word(''))).toBe(false);
  });
});
