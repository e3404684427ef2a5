import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { TaskLink } from '../../../src/engine/hosts/task-link.js';
import { makeMatrices, multiplyRows } from '../../../src/engine/workloads/matrix.js';

describe('worker entry in a worker thread', () => {
  it('computes matrix rows, takes the moved input buffer, and reports progress and timings', async () => {
    const link = TaskLink.thread(0, nodeHost().workerEntry);
    await link.ready;
    expect(link.startupMs).toBeGreaterThan(0);
    const n = 40;
    const { a, b } = makeMatrices(n, 3);
    const aRows = a.slice(10 * n, 30 * n);
    const expected = multiplyRows('tuned', a.slice(10 * n, 30 * n), b, n, 20);
    const progress: Array<[number, number]> = [];
    const done = await link.run(
      { kind: 'matrix', n, kernel: 'tuned', rowStart: 10, rowEnd: 30, aRows, b },
      { transfer: [aRows.buffer], onProgress: (d, t) => progress.push([d, t]) },
    );
    // Moved, not copied: the orchestrator's view is detached.
    expect(aRows.length).toBe(0);
    if (done.output.kind !== 'matrix') throw new Error('expected matrix output');
    expect(done.output.rowStart).toBe(10);
    expect([...done.output.c]).toEqual([...expected]);
    expect(progress.at(-1)).toEqual([20, 20]);
    expect(done.computeMs).toBeGreaterThan(0);
    expect(done.transferMs).toBeGreaterThanOrEqual(0);
    expect(done.cpuMs).toBeUndefined();
    await link.terminate();
    expect(link.alive).toBe(false);
  });
});
