import { describe, expect, it } from 'vitest';
import { adoptSharedInput } from '../../../src/engine/hosts/task-exec.js';
import { makeMatrices } from '../../../src/engine/workloads/matrix.js';
import type { MatrixTask } from '../../../src/shared/protocol.js';

function sharedCopy(m: Float64Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(m.byteLength);
  new Float64Array(sab).set(m);
  return sab;
}

// A long-lived thread (a worker-pool thread) copies B out of shared memory once per (size, seed) and keeps it
// for its later tasks, as a child keeps the B it drew from the seed; its rows of A are copied every task.
describe('a pool thread given tasks of the same matrix inputs', () => {
  const n = 16;
  const { a, b } = makeMatrices(n, 3);
  const task = (rowStart: number, rowEnd: number, key: string | undefined): MatrixTask => ({
    kind: 'matrix',
    n,
    kernel: 'tuned',
    rowStart,
    rowEnd,
    aRows: new Float64Array(0),
    b: new Float64Array(0),
    shared: { a: sharedCopy(a), b: sharedCopy(b), ...(key === undefined ? {} : { key }) },
  });
  const adopt = (t: MatrixTask): MatrixTask => adoptSharedInput(t) as MatrixTask;

  it('reuses its copy of B while the key is unchanged, and copies the task rows of A each time', () => {
    const first = adopt(task(0, 4, '16:3'));
    const second = adopt(task(4, 9, '16:3'));
    expect(second.b).toBe(first.b);
    expect(second.b).toEqual(b);
    expect(second.aRows).toEqual(a.slice(4 * n, 9 * n));
  });

  it('copies B afresh when the key changes or is absent', () => {
    const keyed = adopt(task(0, 4, '16:3'));
    const other = adopt(task(0, 4, '16:4'));
    expect(other.b).not.toBe(keyed.b);
    const unkeyed1 = adopt(task(0, 4, undefined));
    const unkeyed2 = adopt(task(0, 4, undefined));
    expect(unkeyed2.b).not.toBe(unkeyed1.b);
    expect(unkeyed2.b).toEqual(b);
  });
});
