import { describe, expect, it } from 'vitest';
import { pickChampion } from '../../src/domain/reviewer-assignment.js';

describe('pickChampion', () => {
  it('takes the champion with the fewest open reviews, ties to the one listed first', () => {
    expect(
      pickChampion(
        [10, 11, 12],
        new Map([
          [10, 2],
          [11, 1],
          [12, 1],
        ]),
      ),
    ).toBe(11);
    expect(
      pickChampion(
        [12, 11],
        new Map([
          [11, 1],
          [12, 1],
        ]),
      ),
    ).toBe(12);
    expect(pickChampion([10, 11], new Map())).toBe(10);
    expect(pickChampion([], new Map())).toBeNull();
  });
});
