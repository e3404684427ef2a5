// The tuned kernel keeps a packed copy of B per thread between calls; a buffer reused with new contents (a
// SharedArrayBuffer handed to a new case), a new size or a new buffer must never be served the stale copy.
import { test } from 'vitest';
import {
  makeMatrices,
  multiplyMlMatrix,
  multiplyRowsInto,
  multiplyTuned,
} from '../../../src/engine/workloads/matrix.js';
import { releaseWasmGemm } from '../../../src/engine/workloads/matrix-wasm.js';
import { expectCloseCells } from './matrix-helpers.js';

test('same shared buffer, new contents', () => {
  const n = 48;
  const shared = new Float64Array(new SharedArrayBuffer(n * n * 8));
  const c = new Float64Array(n * n);
  for (const seed of [1, 2, 3]) {
    const { a, b } = makeMatrices(n, seed);
    shared.set(b);
    multiplyRowsInto('tuned', a, shared, n, 0, n, c);
    expectCloseCells(c, multiplyMlMatrix(a, b, n, n), n, 1e-12);
  }
});

test('same buffer reused at a smaller size, then a fresh buffer, then after release', () => {
  const buffer = new Float64Array(40 * 40);
  for (const n of [40, 37, 40]) {
    const { a, b } = makeMatrices(n, n);
    buffer.set(b);
    const view = buffer.subarray(0, n * n);
    expectCloseCells(multiplyTuned(a, view, n, n), multiplyMlMatrix(a, b, n, n), n, 1e-12);
  }
  const { a, b } = makeMatrices(40, 99);
  expectCloseCells(multiplyTuned(a, b, 40, 40), multiplyMlMatrix(a, b, 40, 40), 40, 1e-12);
  releaseWasmGemm();
  expectCloseCells(multiplyTuned(a, b, 40, 40), multiplyMlMatrix(a, b, 40, 40), 40, 1e-12);
});
