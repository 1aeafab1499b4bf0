import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  button,
  context,
  header,
  packLines,
  percent,
  pointsChange,
  section,
  signed,
  withinBlockLimit,
} from '../../src/slack/blocks/kit.js';

const text = (block: KnownBlock | undefined) =>
  block?.type === 'section' || block?.type === 'header' ? (block.text?.text ?? '') : '';
const chars = (s: string) => [...s].length;

describe('Block Kit helpers', () => {
  it('clips every text to its Block Kit limit (section 3000, context 3000, header 150, button 75)', () => {
    expect(chars(text(section('x'.repeat(5000))))).toBe(3000);
    expect(text(section('short'))).toBe('short');
    const note = context('y'.repeat(4000));
    expect(note.type === 'context' && chars((note.elements[0] as { text: string }).text)).toBe(3000);
    expect(chars(text(header('h'.repeat(200))))).toBe(150);
    expect(chars(button({ actionId: 'a', text: 'b'.repeat(100), value: '1' }).text.text)).toBe(75);
  });

  it('packs lines into sections of at most 3000 characters, the heading first, never splitting a line', () => {
    const lines = Array.from({ length: 5 }, (_, i) => `${i}`.padEnd(1000, '.'));
    const blocks = packLines(lines, '*Heading*');
    // "*Heading*" (9) + 2 lines = 2011; a third line would make 3012.
    expect(blocks.map((b) => text(b).split('\n').length)).toEqual([3, 2, 1]);
    expect(text(blocks[0]).startsWith('*Heading*\n0...')).toBe(true);
    for (const block of blocks) expect(chars(text(block))).toBeLessThanOrEqual(3000);
  });

  it('counts characters, not UTF-16 units, and clips a line longer than a section', () => {
    // 1500 Chinese characters a line: two fit (3001 with the newline does not).
    expect(packLines(['部'.repeat(1500), '部'.repeat(1499)])).toHaveLength(1);
    expect(packLines(['部'.repeat(1500), '部'.repeat(1500)])).toHaveLength(2);
    const [long] = packLines(['z'.repeat(3500)]);
    expect(chars(text(long))).toBe(3000);
    expect(packLines([])).toEqual([]);
  });

  it('keeps a list within a block limit, saying what was cut', () => {
    const blocks = Array.from({ length: 60 }, (_, i) => section(`${i}`));
    const cut = withinBlockLimit(blocks, 50, 'More in `/adoption stats`.');
    expect(cut).toHaveLength(50);
    expect(JSON.stringify(cut.at(-1))).toContain('More in `/adoption stats`.');
    expect(JSON.stringify(withinBlockLimit(blocks, 50).at(-1))).toContain('…and 11 more not shown.');
  });

  it('writes shares as whole percents and changes as signed points', () => {
    expect(percent(1, 3)).toBe('33%');
    expect(percent(0, 0)).toBe('–');
    expect(pointsChange({ part: 3, whole: 10 }, { part: 2, whole: 10 })).toBe('+10');
    expect(pointsChange({ part: 1, whole: 10 }, { part: 2, whole: 10 })).toBe('−10');
    expect(pointsChange({ part: 1, whole: 10 }, { part: 1, whole: 10 })).toBe('±0');
    expect(pointsChange({ part: 1, whole: 10 }, { part: 0, whole: 0 })).toBeNull();
    expect(signed(-3)).toBe('−3');
  });
});
