import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { fakeModel, fakeResolver, newFakeLog } from '../../fixtures/fake-model.js';
import { tinySpec } from './helpers.js';

describe('what the runner measures around each repetition', () => {
  it('adds orchestrator CPU to child CPU, orchestrator RSS to child peak RSS, and records event-loop delay', async () => {
    const log = newFakeLog();
    const outcome = await runSuite({
      spec: tinySpec(['sequential'], { warmup: 0, reps: 2 }),
      host: nodeHost(),
      onEvent: () => {},
      resolveModel: fakeResolver({
        // burns 60 ms of CPU in this process per repetition (blocking its event loop), and claims a busy child
        sequential: fakeModel(
          'sequential',
          { blockMs: 60, childCpuMs: 1000, childPeakRssBytes: 50e6, workers: 2 },
          log,
        ),
      }),
    });
    for (const sample of outcome.results[0].samples) {
      // the 60 ms busy loop ran in this process: its CPU time shows on top of the child's 1000 ms
      expect(sample.cpuMs).toBeGreaterThan(1000 + 55);
      expect(sample.peakRssBytes).toBeGreaterThan(50e6 + 10e6);
      // 60 ms of CPU without yielding is at least a 50 ms event-loop delay (a tick due every 10 ms)
      expect(sample.eventLoopDelayMs.max).toBeGreaterThan(45);
      expect(sample.eventLoopDelayMs.p99).toBeGreaterThanOrEqual(sample.eventLoopDelayMs.p50);
      expect(sample.computeMs).toEqual({ min: 2, max: 3, sum: 5 });
      expect(sample.transferMs).toBe(0.5);
      expect(sample.mergeMs).toBe(0.25);
      expect(sample.verification).toEqual({ ok: true });
    }
  });
});
