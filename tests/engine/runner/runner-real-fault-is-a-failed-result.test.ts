import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { primesCase } from './helpers.js';

describe('a real worker or child that fails', () => {
  it.each([
    ['worker-threads', 'throw'],
    ['process-pool', 'exit'],
  ] as const)(
    '%s (%s) becomes a failed result with the reason; the other model still finishes',
    async (model, kind) => {
      const outcome = await runSuite({
        spec: {
          suite: 'custom',
          cases: [primesCase(5000)],
          models: ['sequential', model],
          workers: 2,
          reps: 2,
          warmup: 0,
          shuffleSeed: 5,
        },
        host: nodeHost(),
        onEvent: () => {},
        faults: { model, kind },
      });
      expect(outcome.status).toBe('completed');
      const failed = outcome.results.find((r) => r.model === model);
      expect(failed?.status).toBe('failed');
      expect(failed?.reason).toMatch(kind === 'throw' ? /threw/ : /exit/);
      expect(outcome.results.find((r) => r.model === 'sequential')?.status).toBe('ok');
    },
  );
});
