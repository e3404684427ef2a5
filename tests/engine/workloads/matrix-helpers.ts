// Shared by the matrix tests: an element-wise comparison that reports the first cell out of tolerance, and a
// case input in shared memory.
import { expect } from 'vitest';
import type { MatrixInput } from '../../../src/engine/workloads/index.js';
import { makeMatrices } from '../../../src/engine/workloads/matrix.js';

/** Asserts |actual - expected| <= relative * max(1, |expected|) cell by cell, naming the first cell that is not. */
export function expectCloseCells(
  actual: Float64Array,
  expected: Float64Array,
  n: number,
  relative: number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = relative * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      const row = Math.floor(i / n);
      throw new Error(`cell (${row}, ${i - row * n}): got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

/**
 * A matrix case's input as prepareCase leaves it for buildTask and the merge: A and B of (n, seed) in shared
 * memory. Without the helper thread, which those two do not use.
 */
export function sharedMatrixInput(n: number, seed: number): MatrixInput {
  const { a, b } = makeMatrices(n, seed);
  const inShared = (m: Float64Array): Float64Array => {
    const copy = new Float64Array(new SharedArrayBuffer(m.byteLength));
    copy.set(m);
    return copy;
  };
  return { workload: 'matrix', n, seed, kernel: 'tuned', a: inShared(a), b: inShared(b) } as Omit<
    MatrixInput,
    'helper'
  > as MatrixInput;
}
