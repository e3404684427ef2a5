import { expect, test } from 'vitest';
import { mannWhitneyU } from '../../src/engine/stats/compare.js';

test('exact p-values match the U distribution for small samples without ties', () => {
  // Fully separated 3 vs 3: the most extreme of C(6,3) = 20 orderings, two-sided p = 2/20.
  expect(mannWhitneyU([1, 2, 3], [4, 5, 6])).toEqual({ u: 0, pValue: 0.1, method: 'exact', minPValue: 0.1 });
  // 5 vs 5 fully separated: 2 / C(10,5) = 2/252.
  const five = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
  expect(five.pValue).toBeCloseTo(2 / 252, 12);
  expect(five.method).toBe('exact');
  // One swap: U = 1, P(U <= 1) = 2/252, two-sided 4/252 (scipy: 0.015873).
  expect(mannWhitneyU([1, 2, 3, 4, 6], [5, 7, 8, 9, 10]).pValue).toBeCloseTo(4 / 252, 12);
  // Interleaved samples: no evidence of a difference.
  expect(mannWhitneyU([1, 3, 5, 7], [2, 4, 6, 8]).pValue).toBeCloseTo(0.6857142857, 9); // scipy, exact
});

test('ties switch to the tie-corrected normal approximation', () => {
  const tied = mannWhitneyU([1, 2, 2, 3, 3, 4, 5, 5], [5, 6, 6, 7, 8, 8, 9, 10]);
  expect(tied.method).toBe('normal');
  // scipy.stats.mannwhitneyu(..., method='asymptotic', use_continuity=True): p = 0.0012723224.
  expect(tied.pValue).toBeCloseTo(0.0012723224, 6);
  expect(mannWhitneyU([4, 4, 4], [4, 4, 4]).pValue).toBe(1);
});
