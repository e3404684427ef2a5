import { describe, expect, it } from 'vitest';
import { analyzeSweep, type SweepPlan } from '../../../src/shared/scaling.js';
import { around, result } from './helpers.js';

const plan: SweepPlan = {
  kind: 'sweep',
  workload: 'primes',
  workerCounts: [1, 2, 4],
  weak: false,
  cpuCount: 2,
};

describe('analyzeSweep', () => {
  const results = [
    result('sequential', 1, 1000, around(90)),
    result('worker-pool', 1, 1000, around(100)),
    result('worker-pool', 2, 1000, around(52)),
    result('worker-pool', 4, 1000, around(55)),
  ];
  const analysis = analyzeSweep(plan, results);
  const pool = analysis.models.find((m) => m.model === 'worker-pool')!;

  it('computes speed-up over 1 worker and over sequential, efficiency and Karp-Flatt per point', () => {
    const two = pool.points.find((p) => p.workers === 2)!;
    expect(two.speedup).toBeCloseTo(100 / 52, 6);
    expect(two.speedupVsSequential).toBeCloseTo(90 / 52, 6);
    expect(two.efficiency).toBeCloseTo(100 / 52 / 2, 6);
    expect(two.karpFlatt).toBeCloseTo((52 / 100 - 0.5) / 0.5, 6);
    expect(two.speedupCi![0]).toBeLessThanOrEqual(two.speedup!);
    expect(two.speedupCi![1]).toBeGreaterThanOrEqual(two.speedup!);
  });

  it('fits Amdahl only on counts up to the cores, with a CI around the estimate', () => {
    expect(pool.amdahl!.serialFraction).toBeCloseTo(0.04, 6);
    const [lo, hi] = pool.amdahl!.ci95!;
    expect(lo).toBeLessThanOrEqual(0.04 + 1e-9);
    expect(hi).toBeGreaterThanOrEqual(0.04 - 1e-9);
  });

  it('marks counts above the cores and says what they cost', () => {
    expect(pool.points.map((p) => p.oversubscribed)).toEqual([false, false, true]);
    expect(pool.bestWorkers).toBe(2);
    expect(pool.conclusions).toContainEqual(
      expect.stringMatching(/^worker-pool: 4 workers on 2 cores: 6% slower than 2 \(.*context switches/),
    );
  });

  it('names the fastest model and its best count', () => {
    expect(analysis.conclusions[0]).toBe('fastest: worker-pool at 2 workers, 1.73x over sequential');
  });

  it('reads weak scaling as scaled speed-up with a Gustafson fit', () => {
    const weak = analyzeSweep({ ...plan, weak: true, workerCounts: [1, 2] }, [
      result('sequential', 1, 1000, around(100)),
      result('sequential', 2, 1587, around(200)),
      result('worker-pool', 1, 1000, around(100)),
      result('worker-pool', 2, 1587, around(110)),
    ]);
    const p2 = weak.models[0].points[1];
    expect(p2.speedup).toBeCloseTo((2 * 100) / 110, 6);
    expect(p2.speedupVsSequential).toBeCloseTo(200 / 110, 6);
    expect(weak.models[0].gustafson!.serialFraction).toBeCloseTo(2 - 200 / 110, 6);
    expect(weak.models[0].amdahl).toBeNull();
  });
});
