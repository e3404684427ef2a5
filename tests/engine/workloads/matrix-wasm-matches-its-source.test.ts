// The committed WebAssembly bytes are the compilation of the committed .wat source (scripts/build-wasm.mjs),
// so the kernel that runs is the one that was reviewed.
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import initWabt from 'wabt';
import { MATRIX_WASM_BASE64 } from '../../../src/engine/workloads/matrix-wasm.generated.js';

test('matrix-wasm.generated.ts holds the bytes of matrix-gemm.wat', async () => {
  const watText = await readFile(
    new URL('../../../src/engine/workloads/matrix-gemm.wat', import.meta.url),
    'utf8',
  );
  const wabt = await initWabt();
  const module = wabt.parseWat('matrix-gemm.wat', watText, { simd: true });
  try {
    module.validate();
    const { buffer } = module.toBinary({});
    expect(Buffer.from(MATRIX_WASM_BASE64, 'base64').equals(Buffer.from(buffer))).toBe(true);
  } finally {
    module.destroy();
  }
});
