// The break-even search on models whose cost is known: wall time = fixed + per-unit x size, so the true
// crossing is known and the search (geometric steps, then bisection) can be checked against it. Cases
// are prepared for real and every repetition is verified against the reference by the real runner.
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import type { Model } from '../../../src/engine/models/types.js';
import { buildBreakEvenSpec } from '../../../src/engine/sweep/plan.js';
import { BREAK_EVEN_FACTOR, BREAK_EVEN_RESOLUTION, runScaling } from '../../../src/engine/sweep/run.js';
import type { ModelId } from '../../../src/shared/results.js';
import { analyzeBreakEven, sizeOf, type BreakEvenPlan } from '../../../src/shared/scaling.js';

/**
 * A model reporting fixedMs + perUnitMs x size (±1% by call), with the reference digest. `noisy` makes its
 * first readings at one size those factors of the truth instead, across sessions (a passing disturbance).
 */
function linearModel(
  id: ModelId,
  fixedMs: number,
  perUnitMs: number,
  noisy?: { size: number; factors: number[] },
): Model {
  let noisyLeft = [...(noisy?.factors ?? [])];
  return {
    id,
    description: `linear ${id}`,
    cold: true,
    async open() {
      let calls = 0;
      return {
        openStartupMs: 0,
        async run(prepared) {
          const size = sizeOf(prepared.spec.params);
          let jitter = 1 + ((calls++ % 3) - 1) * 0.01;
          if (size === noisy?.size && noisyLeft.length > 0) {
            jitter = noisyLeft[0];
            noisyLeft = noisyLeft.slice(1);
          }
          return {
            wallMs: (fixedMs + perUnitMs * size) * jitter,
            startupMs: fixedMs * 0.8,
            startupInWall: true,
            transferMs: 0,
            mergeMs: 0,
            workers: [],
            childCpuMs: 0,
            childPeakRssBytes: 0,
            digest: structuredClone(prepared.expected),
          };
        },
        async close() {},
      };
    },
  };
}

const models: Partial<Record<ModelId, Model>> = {
  sequential: linearModel('sequential', 0, 0.01),
  // Both take 40 ms at 4,000.
  'worker-threads': linearModel('worker-threads', 20, 0.005),
  // Would cross at 40,000, beyond the bound.
  processes: linearModel('processes', 200, 0.005),
};

describe('runScaling on a break-even search', () => {
  it('brackets the known crossing, bisects it and says why the other model never pays off', async () => {
    const host = nodeHost();
    const spec = await buildBreakEvenSpec(
      {
        workload: 'primes',
        models: ['worker-threads', 'processes'],
        minSize: 500,
        maxSize: 32_000,
        reps: 3,
        warmup: 0,
        seed: 3,
      },
      host,
    );
    const outcome = await runScaling({ spec, host, onEvent: () => {}, resolveModel: (id) => models[id]! });
    expect(outcome.status).toBe('completed');
    for (const r of outcome.results) {
      expect(r.status).toBe('ok');
      expect(r.samples.every((s) => s.verification.ok)).toBe(true);
    }
    const sizesOf = (model: ModelId): number[] =>
      outcome.results.filter((r) => r.model === model).map((r) => sizeOf(r.params));
    // Geometric steps from the lower bound; processes, never faster, climbs to the upper bound.
    expect(sizesOf('processes')).toEqual([500, 2_000, 8_000, 32_000]);
    expect(sizesOf('worker-threads').slice(0, 3)).toEqual([
      500,
      500 * BREAK_EVEN_FACTOR,
      500 * BREAK_EVEN_FACTOR ** 2,
    ]);
    // Sequential is measured at every size any model was.
    for (const size of new Set([...sizesOf('worker-threads'), ...sizesOf('processes')]))
      expect(sizesOf('sequential')).toContain(size);

    const analysis = analyzeBreakEven(spec.scaling as BreakEvenPlan, outcome.results);
    const threads = analysis.models.find((m) => m.model === 'worker-threads')!;
    expect(threads.verdict).toBe('crosses');
    const [lo, hi] = threads.crossing!.bracket;
    expect(hi / lo).toBeLessThanOrEqual(BREAK_EVEN_RESOLUTION);
    expect(lo).toBeLessThanOrEqual(4_000);
    expect(hi).toBeGreaterThanOrEqual(4_000);
    expect(threads.crossing!.size / 4_000).toBeGreaterThan(0.95);
    expect(threads.crossing!.size / 4_000).toBeLessThan(1.05);

    const procs = analysis.models.find((m) => m.model === 'processes')!;
    expect(procs.verdict).toBe('never');
    expect(procs.reason).toMatch(/pays back only from about \d+, beyond the bound 32000/);
  });

  it('gives cheap points more repetitions, and measures a model faster at the lower bound again', async () => {
    const cheap: Partial<Record<ModelId, Model>> = {
      sequential: linearModel('sequential', 0, 0.001),
      // Faster than sequential at every size.
      'worker-pool': linearModel('worker-pool', 0.2, 0.0001),
      // Both take 4 ms at 4,000: a few ms a repetition, where three repetitions are noise.
      'shared-memory': linearModel('shared-memory', 2, 0.0005),
    };
    const host = nodeHost();
    const spec = await buildBreakEvenSpec(
      {
        workload: 'primes',
        models: ['worker-pool', 'shared-memory'],
        minSize: 500,
        maxSize: 32_000,
        reps: 3,
        warmup: 0,
        seed: 5,
      },
      host,
    );
    const announced = new Map<string, number>();
    const outcome = await runScaling({
      spec,
      host,
      onEvent: (event) => {
        if (event.type === 'progress' && event.point)
          announced.set(`${event.caseId}|${event.model}`, event.point.reps);
      },
      resolveModel: (id) => cheap[id]!,
    });
    expect(outcome.status).toBe('completed');
    const reps = outcome.results.map((r) => r.samples.length);
    expect(Math.min(...reps)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...reps)).toBeGreaterThan(3);
    expect(Math.max(...reps)).toBeLessThanOrEqual(25);
    // Each point's progress said how many repetitions it would take.
    for (const r of outcome.results) expect(announced.get(`${r.caseId}|${r.model}`)).toBe(r.samples.length);

    const pool = outcome.results.filter((r) => r.model === 'worker-pool');
    expect(pool.map((r) => sizeOf(r.params))).toEqual([500, 500]);
    const analysis = analyzeBreakEven(spec.scaling as BreakEvenPlan, outcome.results);
    expect(analysis.models.find((m) => m.model === 'worker-pool')!.verdict).toBe('always');
    // A size measured twice is one point, for sequential too (charts key their points by size).
    const seqSizes = analysis.sequential.map((p) => p.size);
    expect(new Set(seqSizes).size).toBe(seqSizes.length);
    const shared = analysis.models.find((m) => m.model === 'shared-memory')!;
    expect(shared.verdict).toBe('crosses');
    expect(shared.crossing!.size / 4_000).toBeGreaterThan(0.95);
    expect(shared.crossing!.size / 4_000).toBeLessThan(1.05);
  });

  it('measures again a geometric step where a model reads faster only through noise', async () => {
    // processes truly crosses at 40,000 (200 + 0.005/unit against 0.01/unit); its first five readings at
    // 8,000 are disturbed so that their median says faster (70 ms against sequential's 80) with a spread
    // that leaves the speed-up's CI across 1. Taken at its word, it would leave the steps at 8,000 and its
    // crossing would be searched below 8,000.
    const disturbed: Partial<Record<ModelId, Model>> = {
      sequential: linearModel('sequential', 0, 0.01),
      processes: linearModel('processes', 200, 0.005, { size: 8_000, factors: [0.2, 0.25, 0.29, 1.7, 1.7] }),
    };
    const host = nodeHost();
    const spec = await buildBreakEvenSpec(
      {
        workload: 'primes',
        models: ['processes'],
        minSize: 500,
        maxSize: 128_000,
        reps: 5,
        warmup: 0,
        seed: 7,
      },
      host,
    );
    const outcome = await runScaling({ spec, host, onEvent: () => {}, resolveModel: (id) => disturbed[id]! });
    expect(outcome.status).toBe('completed');
    const at8000 = outcome.results.filter((r) => r.model === 'processes' && sizeOf(r.params) === 8_000);
    expect(at8000).toHaveLength(2);
    const procs = analyzeBreakEven(spec.scaling as BreakEvenPlan, outcome.results).models[0];
    expect(procs.verdict).toBe('crosses');
    expect(procs.crossing!.size / 40_000).toBeGreaterThan(0.9);
    expect(procs.crossing!.size / 40_000).toBeLessThan(1.1);
  });
});
