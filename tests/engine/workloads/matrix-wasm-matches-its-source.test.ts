// The committed WebAssembly bytes are the compilation of the committed .wat source (scripts/build-wasm.mjs),
// both the portable SIMD build and the relaxed-SIMD (fused multiply-add) build derived from it, so the kernel
// that runs is the one that was reviewed.
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { compileGemm } from '../../../scripts/gemm-wasm-source.mjs';
import {
  MATRIX_WASM_BASE64,
  MATRIX_WASM_RELAXED_BASE64,
} from '../../../src/engine/workloads/matrix-wasm.generated.js';

test('matrix-wasm.generated.ts holds the bytes of both builds of matrix-gemm.wat', async () => {
  const watText = await readFile(
    new URL('../../../src/engine/workloads/matrix-gemm.wat', import.meta.url),
    'utf8',
  );
  const { simd, relaxed } = await compileGemm(watText);
  expect(Buffer.from(MATRIX_WASM_BASE64, 'base64').equals(simd)).toBe(true);
  expect(Buffer.from(MATRIX_WASM_RELAXED_BASE64, 'base64').equals(relaxed)).toBe(true);
  // The relaxed build really differs: its micro-kernel uses f64x2.relaxed_madd (opcode 0xfd 0x87 0x02).
  expect(relaxed.includes(Buffer.from([0xfd, 0x87, 0x02]))).toBe(true);
  expect(simd.includes(Buffer.from([0xfd, 0x87, 0x02]))).toBe(false);
});
