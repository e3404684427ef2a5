// Synthetic results for the pure scaling analytics: wall times in, a ModelResult as the runner makes it out.
import { summarize } from '../../../src/engine/stats/summarize.js';
import type { ModelId, ModelResult } from '../../../src/shared/results.js';

/** A verified primes result of `model` at `workers` and `limit`, its repetitions taking `wallMs`. */
export function result(
  model: ModelId,
  workers: number,
  limit: number,
  wallMs: number[],
  caseId?: string,
): ModelResult {
  return {
    caseId: caseId ?? `primes:limit=${limit}:memo=off:workers=${workers}`,
    workload: 'primes',
    model,
    params: { workload: 'primes', limit, memo: 'off' },
    workers,
    status: 'ok',
    samples: wallMs.map((w, i) => ({
      rep: i + 1,
      wallMs: w,
      startupMs: 40,
      startupInWall: true,
      transferMs: 0,
      computeMs: { min: 0, max: 0, sum: 0 },
      mergeMs: 0,
      cpuMs: 0,
      peakRssBytes: 0,
      eventLoopDelayMs: { p50: 0, p99: 0, max: 0 },
      workers: [],
      digest: { values: { count: 1 } },
      verification: { ok: true },
    })),
    summary: summarize(wallMs),
    startupMs: 40,
    warnings: [],
  };
}

/** Five repetitions spread 1% around `ms`. */
export function around(ms: number): number[] {
  return [0.99, 0.995, 1, 1.005, 1.01].map((f) => f * ms);
}
