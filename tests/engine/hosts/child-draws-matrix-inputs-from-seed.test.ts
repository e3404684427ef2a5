import { describe, expect, it } from 'vitest';
import { TaskLink } from '../../../src/engine/hosts/task-link.js';
import { buildTask } from '../../../src/engine/workloads/index.js';
import { makeMatrices, multiplyRows } from '../../../src/engine/workloads/matrix.js';
import { sharedMatrixInput } from '../workloads/matrix-helpers.js';
import { recordingLauncher } from './recording-launcher.js';

// buildTask gives a child process the case's seed instead of A and B: what crosses the process boundary is
// a few hundred bytes, not the matrices, and the child's product (from inputs it drew itself) is still right.
describe('a matrix task built for a child process', () => {
  it('carries the seed, sends no matrix data, and the product matches', async () => {
    const { launcher, sentBytes } = recordingLauncher();
    const n = 640;
    const seed = 77;
    const { a, b } = makeMatrices(n, seed);
    const input = sharedMatrixInput(n, seed);
    const { task } = buildTask(input, { start: 50, end: 550 }, { pass: 'p', target: 'child' });
    expect(task).toMatchObject({ kind: 'matrix', seeded: seed, rowStart: 50, rowEnd: 550 });
    const link = TaskLink.child(0, launcher, 'cbench-test-seeded');
    try {
      await link.ready;
      const done = await link.run(task);
      if (done.output.kind !== 'matrix') throw new Error('expected a matrix output');
      expect(done.output.c).toEqual(multiplyRows('tuned', a.slice(50 * n, 550 * n), b, n, 500));
    } finally {
      await link.terminate();
    }
    expect(Math.max(...sentBytes)).toBeLessThan(4096);
  });
});
