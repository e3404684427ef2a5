// After Ctrl-C, results are `cancelled` with the repetitions they finished. Those repetitions were measured
// and verified, so the speed-up against sequential is still shown; a failed result never gets one.
import { expect, test } from 'vitest';
import { speedupVsSequential } from '../../../src/engine/export/types.js';
import type { ModelId, ModelResult } from '../../../src/shared/results.js';

function result(
  model: ModelId,
  medianMs: number,
  status: ModelResult['status'],
  verified = true,
): ModelResult {
  return {
    caseId: 'c',
    workload: 'primes',
    model,
    params: { workload: 'primes', limit: 100, memo: 'off' },
    workers: 2,
    status,
    samples: [{ verification: { ok: verified } } as ModelResult['samples'][number]],
    summary: {
      n: 1,
      medianMs,
      madMs: 0,
      meanMs: medianMs,
      minMs: medianMs,
      maxMs: medianMs,
      ci95Ms: [medianMs, medianMs],
      outliers: [],
      relativeSpread: 0,
    },
    warnings: [],
  };
}

test('cancelled but verified repetitions count; failed or unverified ones do not', () => {
  const seq = result('sequential', 600, 'cancelled');
  const pool = result('worker-pool', 300, 'cancelled');
  expect(speedupVsSequential(pool, [seq, pool])).toBe(2);
  const failed = result('processes', 300, 'failed');
  expect(speedupVsSequential(failed, [seq, failed])).toBeNull();
  const unverified = result('async', 300, 'cancelled', false);
  expect(speedupVsSequential(unverified, [seq, unverified])).toBeNull();
});
