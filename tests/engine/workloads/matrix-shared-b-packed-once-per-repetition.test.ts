// The shared-memory model hands the same SharedArrayBuffer B to every repetition. Within a task the packed
// copy is reused across row chunks; each shared-matrix task (one per worker and repetition) calls
// forgetPackedB first, so B is packed again, as the copying models do per task.
import { expect, test } from 'vitest';
import { makeMatrices } from '../../../src/engine/workloads/matrix.js';
import {
  forgetPackedB,
  releaseWasmGemm,
  wasmMultiplyRows,
} from '../../../src/engine/workloads/matrix-wasm.js';

test('same B twice reuses the packed copy; after forgetPackedB it is packed again', () => {
  const n = 40;
  const { a, b } = makeMatrices(n, 7);
  const c = new Float64Array(n * n);
  releaseWasmGemm();
  expect(wasmMultiplyRows(a, 0, b, n, n, c, 0).packedB).toBe(true);
  expect(wasmMultiplyRows(a, 0, b, n, n, c, 0).packedB).toBe(false);
  forgetPackedB();
  expect(wasmMultiplyRows(a, 0, b, n, n, c, 0).packedB).toBe(true);
});
