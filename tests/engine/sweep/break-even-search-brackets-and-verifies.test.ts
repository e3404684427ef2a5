// A real break-even search: geometric steps from the lower bound, then bisection inside a bracket, every
// point verified against its reference and measured alongside sequential.
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { buildBreakEvenSpec } from '../../../src/engine/sweep/plan.js';
import { BREAK_EVEN_FACTOR, runScaling } from '../../../src/engine/sweep/run.js';
import { analyzeBreakEven, type BreakEvenPlan } from '../../../src/shared/scaling.js';

describe('runScaling on a break-even search', () => {
  it('steps geometrically, bisects brackets and verifies every point', async () => {
    const host = nodeHost();
    const spec = await buildBreakEvenSpec(
      {
        workload: 'primes',
        models: ['worker-threads'],
        minSize: 2_000,
        maxSize: 2_000_000,
        reps: 3,
        warmup: 1,
        seed: 3,
      },
      host,
    );
    const outcome = await runScaling({ spec, host, onEvent: () => {} });
    expect(outcome.status).toBe('completed');
    for (const r of outcome.results) {
      expect(r.status).toBe('ok');
      expect(r.samples.every((s) => s.verification.ok)).toBe(true);
    }
    const sizes = outcome.results
      .filter((r) => r.model === 'worker-threads')
      .map((r) => (r.params.workload === 'primes' ? r.params.limit : 0));
    expect(sizes[0]).toBe(2_000);
    expect(sizes[1]).toBe(2_000 * BREAK_EVEN_FACTOR);
    for (const size of sizes)
      expect(
        outcome.results.some(
          (r) => r.model === 'sequential' && r.params.workload === 'primes' && r.params.limit === size,
        ),
      ).toBe(true);

    const analysis = analyzeBreakEven(spec.scaling as BreakEvenPlan, outcome.results);
    const [m] = analysis.models;
    // worker-threads spawns its threads inside the timing: at 2,000 it is always slower than one loop.
    expect(m.verdict === 'crosses' || m.verdict === 'never').toBe(true);
    if (m.verdict === 'crosses') {
      const [lo, hi] = m.crossing!.bracket;
      // Bisected until the bracket's ends are close, unless the bisection cap was reached first.
      expect(hi / lo).toBeLessThanOrEqual(BREAK_EVEN_FACTOR);
      expect(m.crossing!.size).toBeGreaterThanOrEqual(lo);
      expect(m.crossing!.size).toBeLessThanOrEqual(hi);
    } else {
      expect(m.reason).toMatch(/slower than sequential at 2000000/);
    }
  });
});
