import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { collect } from './helpers.js';

// A matrix result tells the reader how the model's workers came by their inputs where it is not a plain copy:
// children draw them from the seed, a pool thread keeps its copy of B. Threads spawned per repetition copy
// everything, every time, and get no such note.
describe('notes on matrix results', () => {
  it('name the seeded inputs of child processes and the B a pool thread keeps', async () => {
    const { onEvent } = collect();
    const outcome = await runSuite({
      spec: {
        suite: 'custom',
        cases: [
          {
            id: 'matrix:size=40:kernel=tuned',
            params: { workload: 'matrix', size: 40, seed: 2, kernel: 'tuned' },
          },
        ],
        models: ['sequential', 'worker-threads', 'worker-pool', 'process-pool'],
        workers: 2,
        reps: 1,
        warmup: 0,
        shuffleSeed: 1,
      },
      host: nodeHost(),
      onEvent,
    });
    const notes = (model: string): string =>
      (outcome.results.find((r) => r.model === model)?.warnings ?? []).join('\n');
    for (const model of ['sequential', 'process-pool']) {
      expect(notes(model)).toMatch(/inputs generated in the child from the seed/);
    }
    expect(notes('worker-pool')).toMatch(/keeps B \(and its packing\) across tasks and repetitions/);
    expect(notes('worker-threads')).not.toMatch(/seed|keeps B/);
  });
});
