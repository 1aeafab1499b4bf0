import { describe, expect, it } from 'vitest';
import { participationChange, participationRate } from '../../src/domain/participation.js';

describe('participation rate (docs/metrics.md: builders / headcount, nearest whole percent)', () => {
  it('rounds to the nearest whole percent, halves up', () => {
    expect(participationRate(1, 3)).toBe(33);
    expect(participationRate(2, 3)).toBe(67);
    expect(participationRate(1, 8)).toBe(13); // 12.5
    expect(participationRate(7, 14)).toBe(50);
    expect(participationRate(0, 9)).toBe(0);
    expect(participationRate(9, 9)).toBe(100);
  });

  it('has no rate for an empty group', () => {
    expect(participationRate(0, 0)).toBeNull();
  });

  it('gives the change in points between the two figures as shown', () => {
    expect(participationChange({ part: 3, whole: 10 }, { part: 2, whole: 10 })).toBe(10);
    // 33% − 17% = 16 points, though the unrounded shares differ by 16.7.
    expect(participationChange({ part: 1, whole: 3 }, { part: 1, whole: 6 })).toBe(16);
    expect(participationChange({ part: 1, whole: 4 }, { part: 2, whole: 4 })).toBe(-25);
    expect(participationChange({ part: 1, whole: 4 }, { part: 0, whole: 0 })).toBeNull();
    expect(participationChange({ part: 0, whole: 0 }, { part: 1, whole: 4 })).toBeNull();
  });
});
