import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { MODEL_IDS } from '../../../src/shared/results.js';
import { collect, ofType, primesCase } from './helpers.js';

describe('runSuite with the real models', () => {
  it('every model on primes and matrix: verified results with CPU, memory and per-worker timings', async () => {
    const { events, onEvent } = collect();
    const outcome = await runSuite({
      spec: {
        suite: 'custom',
        cases: [
          primesCase(5000),
          {
            id: 'matrix:size=48:kernel=tuned',
            params: { workload: 'matrix', size: 48, seed: 1, kernel: 'tuned' },
          },
        ],
        models: [...MODEL_IDS],
        workers: 2,
        reps: 2,
        warmup: 1,
        shuffleSeed: 3,
      },
      host: nodeHost(),
      onEvent,
    });
    expect(outcome.status).toBe('completed');
    expect(outcome.results).toHaveLength(14);
    for (const result of outcome.results) {
      expect({
        model: result.model,
        case: result.caseId,
        status: result.status,
        reason: result.reason,
      }).toMatchObject({
        status: 'ok',
      });
      for (const sample of result.samples) {
        expect(sample.verification.ok).toBe(true);
        expect(sample.wallMs).toBeGreaterThan(0);
        expect(sample.cpuMs).toBeGreaterThan(0);
        expect(sample.peakRssBytes).toBeGreaterThan(10e6);
        expect(sample.workers.length).toBeGreaterThan(0);
      }
      expect(result.startupMs).toBeGreaterThanOrEqual(0);
    }
    expect(ofType(events, 'progress').at(-1)?.completedSteps).toBe(3 * 7 * 2);
  });
});
