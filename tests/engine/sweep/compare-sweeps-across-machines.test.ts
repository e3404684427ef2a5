import { describe, expect, it } from 'vitest';
import type { SuiteSpec } from '../../../src/shared/results.js';
import { compareSweeps } from '../../../src/shared/scaling.js';
import { around, result } from './helpers.js';

function sweepRun(id: string, cpuCount: number, times: Record<number, number>) {
  const counts = Object.keys(times).map(Number);
  const spec = {
    scaling: { kind: 'sweep', workload: 'primes', workerCounts: counts, weak: false, cpuCount },
  } as SuiteSpec;
  return {
    id,
    spec,
    results: [
      result('sequential', 1, 1000, around(100)),
      ...counts.map((n) => result('worker-pool', n, 1000, around(times[n]))),
    ],
  };
}

describe('compareSweeps', () => {
  it("puts each machine's best worker count and efficiency side by side", () => {
    const here = sweepRun('a', 2, { 1: 100, 2: 52, 4: 53 });
    const there = sweepRun('b', 8, { 1: 100, 2: 57, 4: 30, 8: 16 });
    const [row] = compareSweeps([here, there]);
    expect(row.model).toBe('worker-pool');
    expect(row.cells.map((c) => c?.bestWorkers)).toEqual([2, 8]);
    expect(row.summary).toBe(
      'worker-pool: best worker count 2 on [1], 8 on [2]; efficiency at 2 workers 96% vs 88%',
    );
  });

  it('is empty unless at least two runs are sweeps', () => {
    const suite = { id: 'c', spec: {} as SuiteSpec, results: [] };
    expect(compareSweeps([sweepRun('a', 2, { 1: 100, 2: 50 }), suite])).toEqual([]);
  });
});
