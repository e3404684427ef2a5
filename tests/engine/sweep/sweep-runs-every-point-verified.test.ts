// A real sweep (real worker threads and pools): one run's events, every point verified, progress over the
// whole sweep, and an analysis computed from what it stored.
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { buildSweepSpec } from '../../../src/engine/sweep/plan.js';
import { runScaling } from '../../../src/engine/sweep/run.js';
import type { RunEvent } from '../../../src/shared/results.js';
import { analyzeSweep } from '../../../src/shared/scaling.js';

describe('runScaling on a sweep', () => {
  it('runs sequential once and each model at each count, as one run', async () => {
    const host = nodeHost();
    const spec = await buildSweepSpec(
      {
        workload: 'primes',
        models: ['worker-pool', 'shared-memory'],
        workers: [2, 1],
        limit: 30_000,
        reps: 2,
        warmup: 0,
        seed: 7,
      },
      host,
    );
    const events: RunEvent[] = [];
    const outcome = await runScaling({ spec, host, onEvent: (e) => events.push(e) });

    expect(outcome.status).toBe('completed');
    expect(events.filter((e) => e.type === 'plan')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
    expect(new Set(events.map((e) => e.runId))).toEqual(new Set([outcome.runId]));
    const keys = outcome.results.map((r) => `${r.model}@${r.workers}`).sort();
    expect(keys).toEqual([
      'sequential@1',
      'shared-memory@1',
      'shared-memory@2',
      'worker-pool@1',
      'worker-pool@2',
    ]);
    for (const r of outcome.results) {
      expect(r.status).toBe('ok');
      expect(r.samples.every((s) => s.verification.ok)).toBe(true);
    }
    const plan = events[0].type === 'plan' ? events[0] : undefined;
    const progress = events.filter((e) => e.type === 'progress');
    const done = progress.map((e) => e.completedSteps);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(Math.max(...done)).toBe(plan!.totalSteps);

    const analysis = analyzeSweep(spec.scaling as Parameters<typeof analyzeSweep>[0], outcome.results);
    expect(analysis.models.map((m) => m.model).sort()).toEqual(['shared-memory', 'worker-pool']);
    for (const m of analysis.models) {
      expect(m.points.map((p) => p.workers)).toEqual([1, 2]);
      expect(m.points[0].speedup).toBeCloseTo(1, 10);
      expect(m.bestWorkers === 1 || m.bestWorkers === 2).toBe(true);
    }
  });

  it('keeps the finished points when cancelled', async () => {
    const host = nodeHost();
    const spec = await buildSweepSpec(
      { workload: 'primes', models: ['worker-pool'], workers: [1, 2, 3], limit: 30_000, reps: 2, warmup: 0 },
      host,
    );
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const outcome = await runScaling({
      spec,
      host,
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        // Cancel as soon as the first count's points are in.
        if (e.type === 'result' && e.result.model === 'worker-pool') controller.abort();
      },
    });
    expect(outcome.status).toBe('cancelled');
    const ok = outcome.results.filter((r) => r.status === 'ok');
    expect(ok.map((r) => r.model).sort()).toContain('worker-pool');
    expect(outcome.results.some((r) => r.workers === 3)).toBe(false);
    expect(events.at(-1)?.type).toBe('done');
  });
});
