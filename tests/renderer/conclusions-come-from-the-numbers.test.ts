// The Results view's written conclusions are built from the measured figures: change the figures and the
// sentences change (winner, ratio, which overhead explains a loss), and a failed model is named with its reason.
import { describe, expect, it } from 'vitest';
import { concludeCase } from '../../src/renderer/src/lib/analysis.js';
import type { ModelId, ModelResult, Sample } from '../../src/shared/results.js';

function result(
  model: ModelId,
  wallMs: number,
  parts: { startupMs?: number; startupInWall?: boolean; transferMs?: number } = {},
): ModelResult {
  const sample: Sample = {
    rep: 1,
    wallMs,
    startupMs: parts.startupMs ?? 0,
    startupInWall: parts.startupInWall ?? false,
    transferMs: parts.transferMs ?? 0,
    computeMs: { min: wallMs / 3, max: wallMs / 2, sum: wallMs },
    mergeMs: 0,
    cpuMs: wallMs,
    peakRssBytes: 1e8,
    eventLoopDelayMs: { p50: 1, p99: 2, max: 3 },
    workers: [],
    digest: { values: { count: 1 } },
    verification: { ok: true },
  };
  return {
    caseId: 'primes:limit=1000:memo=off',
    workload: 'primes',
    model,
    params: { workload: 'primes', limit: 1000, memo: 'off' },
    workers: 2,
    status: 'ok',
    samples: [sample, { ...sample, rep: 2 }, { ...sample, rep: 3 }],
    summary: {
      n: 3,
      medianMs: wallMs,
      madMs: 0,
      meanMs: wallMs,
      minMs: wallMs,
      maxMs: wallMs,
      ci95Ms: [wallMs, wallMs],
      outliers: [],
      relativeSpread: 0,
    },
    warnings: [],
  };
}

describe('conclusions for one case', () => {
  it('names the winner with its measured speed-up and share of the ideal', () => {
    const lines = concludeCase([result('sequential', 100), result('worker-pool', 50), result('async', 110)]);
    expect(lines[0]).toMatch(/^worker-pool is fastest at 50(\.0)? ms, 2(\.00)?× the speed of sequential/);
    expect(lines[0]).toMatch(/100 % of the ideal 2× with 2 workers/);
  });

  it('explains a loss by the overhead that dominates it', () => {
    const lines = concludeCase([
      result('sequential', 20),
      result('processes', 200, { startupMs: 170, startupInWall: true }),
    ]);
    expect(lines.some((l) => /^processes did not pay off here/.test(l) && /start-up/.test(l))).toBe(true);
  });

  it('says a model under 10 % faster gained little, not that it did not pay off', () => {
    const lines = concludeCase([result('sequential', 100), result('shared-memory', 95, { transferMs: 40 })]);
    expect(lines.some((l) => l.startsWith('shared-memory gained little here'))).toBe(true);
    expect(lines.some((l) => l.startsWith('shared-memory did not pay off'))).toBe(false);
  });

  it('names a failed model and its reason', () => {
    const failed: ModelResult = {
      ...result('worker-threads', 10),
      status: 'failed',
      reason: 'wrong result: count 167 != expected 168',
    };
    const lines = concludeCase([result('sequential', 10), failed]);
    expect(lines.join('\n')).toMatch(/worker-threads.*wrong result: count 167 != expected 168/);
  });
});
