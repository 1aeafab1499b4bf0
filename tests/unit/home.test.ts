import { describe, expect, it } from 'vitest';
import type { DepartmentFigures } from '../../src/db/queries/metrics.js';
import { rankDepartmentsBehind } from '../../src/domain/home.js';

describe('rankDepartmentsBehind', () => {
  const d = (department: string | null, headcount: number, builders: number, qualified: number) =>
    ({ department, headcount, builders, qualified }) satisfies DepartmentFigures;

  it('orders by share qualified, then share building, then size; small groups are only named', () => {
    const ranking = rankDepartmentsBehind(
      [
        d('Sales', 10, 5, 1),
        d('Eng', 8, 8, 4),
        d('Ops', 10, 2, 1),
        d('HR', 4, 0, 0),
        d(null, 6, 6, 0),
        d('Legal', 5, 5, 5),
      ],
      5,
    );
    // 0/6 = 0% first; Sales and Ops both 10% qualified, Ops builds less; Eng 50%; Legal 100%.
    expect(ranking.behind.map((x) => x.department)).toEqual([null, 'Ops', 'Sales', 'Eng', 'Legal']);
    expect(ranking.small).toEqual(['HR']);
  });
});
