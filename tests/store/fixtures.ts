// Realistic stored shapes for store tests: what the runner emits, with plausible numbers. The store only
// stores and reads back; the values themselves are not under test here.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MachineInfo } from '../../src/shared/history.js';
import type { ModelId, ModelResult, RunEvent, Sample, SuiteSpec } from '../../src/shared/results.js';

export function tempDir(prefix = 'cbench-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function machine(
  overrides: Partial<MachineInfo> = {},
  fingerprint = 'aa11bb22cc33dd44ee55ff6600112233',
): MachineInfo {
  return {
    fingerprint,
    label: null,
    cpu: {
      manufacturer: 'AMD',
      brand: 'EPYC',
      vendor: 'AMD',
      family: '25',
      model: '17',
      cores: 2,
      threads: 2,
      speedBaseGHz: null,
      speedMaxGHz: null,
      cacheL1dBytes: 65536,
      cacheL2Bytes: 2097152,
      cacheL3Bytes: null,
      flags: ['avx2', 'fma'],
      governor: null,
      virtualization: 'KVM',
    },
    memoryBytes: 25276514304,
    os: { platform: 'linux', distro: 'Debian GNU/Linux', release: '12', kernel: '6.1.0', arch: 'x64' },
    runtime: { node: '20.20.2', v8: '11.3.244.8-node.30', electron: null, uv: '1.46.0' },
    noise: ['running under a hypervisor (KVM): timings vary more than on bare metal'],
    ...overrides,
  };
}

export function spec(models: ModelId[] = ['sequential', 'worker-threads'], reps = 3): SuiteSpec {
  return {
    suite: 'quick',
    cases: [
      { id: 'primes:limit=20000:memo=off', params: { workload: 'primes', limit: 20000, memo: 'off' } },
      {
        id: 'matrix:size=128:kernel=tuned',
        params: { workload: 'matrix', size: 128, seed: 20240607, kernel: 'tuned' },
      },
    ],
    models,
    workers: 2,
    reps,
    warmup: 1,
    shuffleSeed: 42,
  };
}

function sample(rep: number, wallMs: number): Sample {
  return {
    rep,
    wallMs,
    startupMs: 3.1,
    startupInWall: false,
    transferMs: 0.2,
    computeMs: { min: wallMs * 0.4, max: wallMs * 0.45, sum: wallMs * 0.85 },
    mergeMs: 0.05,
    cpuMs: wallMs * 1.8,
    peakRssBytes: 80_000_000,
    eventLoopDelayMs: { p50: 0.1, p99: 0.6, max: 1.2 },
    workers: [
      { index: 0, items: 10000, computeMs: wallMs * 0.4 },
      { index: 1, items: 10000, computeMs: wallMs * 0.45 },
    ],
    digest: { values: { count: 2262, sum: 19990000, hash: 'ab12cd34' } },
    verification: { ok: true },
  };
}

/** A result whose repetitions are `walls` (ms). */
export function result(
  caseIndex: number,
  model: ModelId,
  walls: number[],
  status: ModelResult['status'] = 'ok',
): ModelResult {
  const s = spec().cases[caseIndex];
  const sorted = [...walls].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)];
  return {
    caseId: s.id,
    workload: s.params.workload,
    model,
    params: s.params,
    workers: model === 'sequential' ? 1 : 2,
    status,
    ...(status === 'failed' ? { reason: 'wrong result: count 2261 != 2262' } : {}),
    samples: walls.map((w, i) =>
      status === 'failed' && i === walls.length - 1
        ? { ...sample(i + 1, w), verification: { ok: false, reason: 'count 2261 != 2262' } }
        : sample(i + 1, w),
    ),
    summary: {
      n: walls.length,
      medianMs,
      madMs: 0.4,
      meanMs: walls.reduce((a, b) => a + b, 0) / walls.length,
      minMs: sorted[0],
      maxMs: sorted[sorted.length - 1],
      ci95Ms: [sorted[0], sorted[sorted.length - 1]],
      outliers: [],
      relativeSpread: 0.02,
    },
    startupMs: 12.5,
    warnings: [],
    expected: { values: { count: 2262, sum: 19990000, hash: 'ab12cd34' } },
  };
}

/** The events of a whole run: plan, a result per (case, model), done. */
export function runEvents(runId: string, startedAt: string, scale = 1): RunEvent[] {
  const results = [
    result(
      0,
      'sequential',
      [20, 21, 22].map((v) => v * scale),
    ),
    result(
      0,
      'worker-threads',
      [11, 12, 12.5].map((v) => v * scale),
    ),
    result(
      1,
      'sequential',
      [8, 8.2, 8.4].map((v) => v * scale),
    ),
    result(
      1,
      'worker-threads',
      [5, 5.1, 5.3].map((v) => v * scale),
    ),
  ];
  return [
    { type: 'plan', runId, spec: spec(), totalSteps: 16, startedAt },
    ...results.map((r): RunEvent => ({ type: 'result', runId, result: r })),
    {
      type: 'done',
      runId,
      status: 'completed',
      endedAt: new Date(Date.parse(startedAt) + 5000).toISOString(),
      results,
    },
  ];
}
