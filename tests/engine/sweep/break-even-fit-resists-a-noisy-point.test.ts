// Near the crossing model and sequential take nearly as long, so one noisy point there moves a crossing read
// from the two bracketing points far; the fit over the points around the bracket (model time as a line in
// sequential's time) keeps it near the truth.
import { describe, expect, it } from 'vitest';
import { analyzeBreakEven, fitCrossing, type BreakEvenPlan } from '../../../src/shared/scaling.js';
import { around, result } from './helpers.js';

const plan: BreakEvenPlan = {
  kind: 'break-even',
  workload: 'primes',
  workers: 2,
  minSize: 500,
  maxSize: 32_000,
  cpuCount: 2,
};

/** sequential 0.01 ms per unit; the model 20 ms + 0.005 ms per unit: both take 40 ms at 4,000. */
const seqMs = (size: number): number => 0.01 * size;
const modelMs = (size: number): number => 20 + 0.005 * size;

describe('the crossing fitted around the bracket', () => {
  it('is exact on exact linear costs', () => {
    const points = [1000, 2000, 3000, 5000, 8000].map((size) => ({
      size,
      modelMs: modelMs(size),
      sequentialMs: seqMs(size),
    }));
    expect(fitCrossing(points)! / 4000).toBeCloseTo(1, 6);
  });

  it('stays within 5% of 4,000 when the point just above it reads 12% slow', () => {
    const sizes = [500, 2000, 3000, 3500, 4600, 8000, 32_000];
    const results = sizes.flatMap((size) => {
      const id = `primes:limit=${size}:memo=off`;
      // At 4,600 the model truly is 6% faster; the noise makes it look 6% slower.
      const noise = size === 4600 ? 1.12 : 1;
      return [
        result('sequential', 2, size, around(seqMs(size)), id),
        result('worker-threads', 2, size, around(modelMs(size) * noise), id),
      ];
    });
    const [m] = analyzeBreakEven(plan, results).models;
    expect(m.verdict).toBe('crosses');
    // The noisy point moved the bracket above the truth...
    expect(m.crossing!.bracket).toEqual([4600, 8000]);
    // ...but the fit over the points within 4x of it did not follow.
    expect(m.crossing!.size / 4000).toBeGreaterThan(0.95);
    expect(m.crossing!.size / 4000).toBeLessThan(1.05);
  });

  it('says no crossing where the model costs a share of 1 or more of sequential', () => {
    const points = [1000, 2000, 4000].map((size) => ({
      size,
      modelMs: 5 + seqMs(size),
      sequentialMs: seqMs(size),
    }));
    expect(fitCrossing(points)).toBeNull();
  });
});
