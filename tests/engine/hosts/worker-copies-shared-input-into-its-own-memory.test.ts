import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { adoptSharedInput } from '../../../src/engine/hosts/task-exec.js';
import { TaskLink } from '../../../src/engine/hosts/task-link.js';
import { makeMatrices, multiplyRows } from '../../../src/engine/workloads/matrix.js';
import type { MatrixTask } from '../../../src/shared/protocol.js';

function sharedCopy(m: Float64Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(m.byteLength);
  new Float64Array(sab).set(m);
  return sab;
}

// Worker threads get matrix input as shared memory and copy their share themselves: the copy a message would
// make is still paid (by the worker, counted as transfer), never skipped by computing over shared memory.
describe('matrix input for a worker thread', () => {
  const n = 24;
  const { a, b } = makeMatrices(n, 5);
  const task: MatrixTask = {
    kind: 'matrix',
    n,
    kernel: 'tuned',
    rowStart: 4,
    rowEnd: 10,
    aRows: new Float64Array(0),
    b: new Float64Array(0),
    shared: { a: sharedCopy(a), b: sharedCopy(b) },
  };

  it('is copied into unshared memory holding exactly the task rows of A and all of B', () => {
    const adopted = adoptSharedInput(task);
    if (adopted.kind !== 'matrix') throw new Error('expected a matrix task');
    expect(adopted.shared).toBeUndefined();
    expect(adopted.aRows.buffer).toBeInstanceOf(ArrayBuffer);
    expect(adopted.b.buffer).toBeInstanceOf(ArrayBuffer);
    expect(adopted.aRows).toEqual(a.slice(4 * n, 10 * n));
    expect(adopted.b).toEqual(b);
    // A later write to the shared input does not reach the worker's copy.
    new Float64Array(task.shared!.b)[0] = -1;
    expect(adopted.b[0]).toBe(b[0]);
    new Float64Array(task.shared!.b)[0] = b[0];
  });

  it('gives the right rows of the product from a real worker thread', async () => {
    const link = TaskLink.thread(0, nodeHost().workerEntry);
    try {
      await link.ready;
      const done = await link.run(task);
      if (done.output.kind !== 'matrix') throw new Error('expected a matrix output');
      expect(done.output.c).toEqual(multiplyRows('tuned', a.slice(4 * n, 10 * n), b, n, 6));
    } finally {
      await link.terminate();
    }
  });

  it('is refused, naming the rows, when the shared buffers do not hold n x n values', () => {
    expect(() =>
      adoptSharedInput({ ...task, shared: { a: new SharedArrayBuffer(8), b: task.shared!.b } }),
    ).toThrow(/rows \[4, 10\) of n=24/);
  });
});
