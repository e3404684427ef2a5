import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { fakeModel, fakeResolver, newFakeLog } from '../../fixtures/fake-model.js';
import { collect, ofType, primesCase, tinySpec } from './helpers.js';

describe('runSuite event protocol', () => {
  it('streams plan, progress and one result per (case, model), then done; steps count up to the total', async () => {
    const log = newFakeLog();
    const spec = tinySpec(['sequential', 'worker-pool'], {
      cases: [primesCase(2000), primesCase(3000)],
      reps: 2,
      warmup: 1,
    });
    const { events, onEvent } = collect();
    const outcome = await runSuite({
      spec,
      host: nodeHost(),
      runId: 'run-1',
      onEvent,
      resolveModel: fakeResolver({
        sequential: fakeModel('sequential', { wallMs: [20] }, log),
        'worker-pool': fakeModel('worker-pool', { wallMs: [10], workers: 2 }, log),
      }),
    });

    expect(outcome.status).toBe('completed');
    expect(events[0]).toMatchObject({ type: 'plan', runId: 'run-1', totalSteps: (1 + 2) * 2 * 2 });
    expect(events.at(-1)).toMatchObject({ type: 'done', runId: 'run-1', status: 'completed' });
    expect(events.every((e) => e.runId === 'run-1')).toBe(true);

    const results = ofType(events, 'result').map((e) => e.result);
    expect(results.map((r) => `${r.caseId}/${r.model}`).sort()).toEqual([
      'primes:limit=2000:memo=off/sequential',
      'primes:limit=2000:memo=off/worker-pool',
      'primes:limit=3000:memo=off/sequential',
      'primes:limit=3000:memo=off/worker-pool',
    ]);
    expect(results.every((r) => r.status === 'ok' && r.samples.length === 2 && r.expected)).toBe(true);
    expect(outcome.results).toEqual(results);

    const progress = ofType(events, 'progress');
    const phases = new Set(progress.map((p) => p.phase));
    expect([...phases].sort()).toEqual(['end', 'prepare', 'start', 'verify', 'worker']);
    const steps = progress.map((p) => p.completedSteps);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(12);
    expect(progress.filter((p) => p.warmup).every((p) => p.rep === 0)).toBe(true);
    expect(progress.find((p) => p.phase === 'worker')?.worker).toMatchObject({ total: 2 });
    // The first result of case 1 arrives before case 2 is prepared: results are emitted as they exist.
    const firstResult = events.findIndex((e) => e.type === 'result');
    const secondPrepare = events.findIndex(
      (e) => e.type === 'progress' && e.phase === 'prepare' && e.caseId === 'primes:limit=3000:memo=off',
    );
    expect(firstResult).toBeLessThan(secondPrepare);
    expect(log.open.size).toBe(0);
  });
});
