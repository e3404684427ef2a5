// The tuned kernel's two WebAssembly builds, fused multiply-adds (relaxed SIMD, detected at start) and the
// portable f64x2 mul + add it falls back to, each give ml-matrix's product; on this Node the relaxed build is
// found (behind V8's flag on Node 20, by default later), so the fast path is the one the suite runs.
import { afterEach, expect, test, vi } from 'vitest';
import type * as MatrixModuleNs from '../../../src/engine/workloads/matrix.js';
import type * as WasmModuleNs from '../../../src/engine/workloads/matrix-wasm.js';
import { expectCloseCells } from './matrix-helpers.js';

type MatrixModule = typeof MatrixModuleNs;
type WasmModule = typeof WasmModuleNs;

/** Fresh copies of the modules, so the once-per-thread build detection runs again under the current env. */
async function freshModules(): Promise<{ matrix: MatrixModule; wasm: WasmModule }> {
  vi.resetModules();
  const matrix = await import('../../../src/engine/workloads/matrix.js');
  const wasm = await import('../../../src/engine/workloads/matrix-wasm.js');
  return { matrix, wasm };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

test.each([
  ['', 'relaxed-simd'],
  ['1', 'simd'],
] as const)('CBENCH_NO_RELAXED_SIMD=%j runs the %s build and matches ml-matrix', async (env, expected) => {
  vi.stubEnv('CBENCH_NO_RELAXED_SIMD', env);
  const { matrix, wasm } = await freshModules();
  const n = 259;
  const { a, b } = matrix.makeMatrices(n, 11);
  const product = matrix.multiplyTuned(a, b, n, n);
  expect(wasm.wasmKernelBuild()).toBe(expected);
  expectCloseCells(product, matrix.multiplyMlMatrix(a, b, n, n), n, 1e-12);
});
