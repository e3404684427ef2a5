// The tuned matrix kernel: a WebAssembly SIMD (f64x2) micro-kernel (matrix-gemm.wat) over packed, blocked
// copies of A and B. On one x86-64 core it measured about 15 GFLOP/s with f64x2.mul + f64x2.add and about 24
// with the relaxed-SIMD build's fused f64x2.relaxed_madd, against ml-matrix's 1.1 and a blocked JavaScript
// kernel's 4.5 (bench/matrix-kernels.mjs), so this is the only tuned path kept in the engine.
import { setFlagsFromString } from 'node:v8';
import { MATRIX_WASM_BASE64, MATRIX_WASM_RELAXED_BASE64 } from './matrix-wasm.generated.js';

/** Rows and columns per micro-kernel tile; the .wat hard-codes both. */
const TILE = 4;
/** Rows of B per k-block: the packed block and A's 4 x KC strip stay in cache while panels stream. */
const KC = 256;
/** Columns per column block: a KC x NC slice of packed B (1 MiB) stays in L2 across the row strips. */
const NC = 512;
/**
 * Rows of A copied into WebAssembly memory at a time, bounding the copy buffers (MC x n each for A and C, 6 MiB
 * at n = 3000). Every chunk streams all of packed B from memory once, so fewer, larger chunks read B less often.
 */
const MC = 256;
/**
 * Rows worth handing the tuned kernel per call: each call streams all of packed B from memory, so callers
 * that split their rows (progress blocks, shared-memory claims) keep calls at least this large. Measured at
 * n = 3000 on one core: 21 GFLOP/s at 188 rows per call and above, 17 at 94, 13 at 47.
 */
export const WASM_ROWS_PER_CALL = 192;
const WASM_PAGE_BYTES = 65536;
/** wasm32 addresses are 32-bit: the whole layout must fit under 4 GiB. */
const MAX_WASM_BYTES = 65536 * WASM_PAGE_BYTES;
/** How many cells of B are compared against the packed copy before reusing it (see packB). */
const PACK_CHECK_SAMPLES = 4096;

// @types/node 20 does not declare the WebAssembly global (it lives in lib.dom); only this much of it is used.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  validate(bytes: Uint8Array): boolean;
};

/** Which build of the kernel a thread runs: fused multiply-adds (relaxed SIMD) or plain f64x2 mul + add. */
export type WasmKernelBuild = 'relaxed-simd' | 'simd';

/** (func (param v128 v128 v128) (result v128) f64x2.relaxed_madd): validates only where relaxed SIMD exists. */
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32,
  1, 32, 2, 253, 135, 2, 11,
]);
/** Node 20's V8 has relaxed SIMD behind this flag (on by default from V8 11.4, so in Electron and Node 22). */
const RELAXED_FLAG = '--experimental-wasm-relaxed-simd';

interface GemmExports {
  memory: WasmMemory;
  gemm(
    aPtr: number,
    bPtr: number,
    cPtr: number,
    n: number,
    nPad: number,
    rows: number,
    kc: number,
    nc: number,
  ): void;
}

/** Where the copy of B now in WebAssembly memory came from, so a later call with the same B skips packing. */
interface PackedB {
  buffer: ArrayBufferLike;
  byteOffset: number;
  n: number;
}

/** Time spent by one call, in the phases the models report: packing/copying in and out, and the SIMD loop. */
export interface WasmGemmTimings {
  /** Packing B into WebAssembly memory; ~0 when the packed copy of the same B was reused. */
  packBMs: number;
  /** Whether this call packed B (false: the copy packed by an earlier call was reused). */
  packedB: boolean;
  /** Copying A rows in and C rows out. */
  copyMs: number;
  computeMs: number;
}

// One instance per thread (module state is per isolate), reused across calls so B is packed once per run.
let instance: GemmExports | undefined;
let packed: PackedB | undefined;
let build: WasmKernelBuild | undefined;

/** Set to 1 to run the portable build even where relaxed SIMD exists (to compare or test the fallback). */
export const NO_RELAXED_SIMD_ENV = 'CBENCH_NO_RELAXED_SIMD';

/**
 * The build this runtime can run, detected once per thread: relaxed SIMD if a one-instruction module using
 * f64x2.relaxed_madd validates, after turning on V8's flag where it is still behind one (the flag is
 * process-wide and only adds instructions, so it changes nothing else); otherwise the portable build.
 */
export function wasmKernelBuild(): WasmKernelBuild {
  if (build === undefined) build = process.env[NO_RELAXED_SIMD_ENV] === '1' ? 'simd' : detectRelaxed();
  return build;
}

function detectRelaxed(): WasmKernelBuild {
  if (WebAssembly.validate(RELAXED_PROBE)) return 'relaxed-simd';
  try {
    setFlagsFromString(RELAXED_FLAG);
  } catch {
    // A runtime without the flag keeps the portable build.
  }
  return WebAssembly.validate(RELAXED_PROBE) ? 'relaxed-simd' : 'simd';
}

function gemmInstance(): GemmExports {
  if (!instance) {
    const base64 = wasmKernelBuild() === 'relaxed-simd' ? MATRIX_WASM_RELAXED_BASE64 : MATRIX_WASM_BASE64;
    const bytes = Buffer.from(base64, 'base64');
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as GemmExports;
  }
  return instance;
}

/** Drops this thread's WebAssembly instance and its memory (which can only grow), e.g. after a large run. */
export function releaseWasmGemm(): void {
  instance = undefined;
  packed = undefined;
}

/**
 * Forgets which B this thread has packed, so the next call packs again. The shared-memory model hands the
 * same SharedArrayBuffer B to every repetition; without this its later repetitions would skip the packing
 * every other model pays once per task.
 */
export function forgetPackedB(): void {
  packed = undefined;
}

/** Byte offsets of the three regions: packed B, then an A strip buffer, then a C row buffer. */
function layout(n: number): { nPad: number; aByte: number; cByte: number; totalBytes: number } {
  const nPad = Math.ceil(n / TILE) * TILE;
  const aByte = n * nPad * 8;
  const cByte = aByte + MC * n * 8;
  return { nPad, aByte, cByte, totalBytes: cByte + MC * nPad * 8 };
}

function ensureMemory(gemm: GemmExports, bytes: number, n: number): void {
  if (bytes > MAX_WASM_BYTES) {
    throw new RangeError(
      `matrix size ${n} is too large for the tuned kernel: it needs ${bytes} bytes of WebAssembly memory ` +
        `(limit ${MAX_WASM_BYTES}); use the ml-matrix kernel`,
    );
  }
  const have = gemm.memory.buffer.byteLength;
  if (have < bytes) gemm.memory.grow(Math.ceil((bytes - have) / WASM_PAGE_BYTES));
}

/** Index in the packed layout (see matrix-gemm.wat) of B[k][j]. */
function packedIndex(k: number, j: number, n: number, nPad: number): number {
  const k0 = k - (k % KC);
  const kc = Math.min(KC, n - k0);
  const panel = (j / TILE) | 0;
  return k0 * nPad + panel * kc * TILE + (k - k0) * TILE + (j % TILE);
}

/**
 * Packs B into the k-block / 4-column panel layout, unless this thread already holds B from the same buffer
 * and offset. Buffers can be reused for new contents (a SharedArrayBuffer handed to a new case), so the reuse
 * is confirmed by comparing cells spread over the whole matrix; a B changed in place in only a few cells
 * between calls would go unnoticed, which the callers (fresh seeded inputs per case) never do.
 */
function packB(gemm: GemmExports, b: Float64Array, n: number, nPad: number): boolean {
  const mem = new Float64Array(gemm.memory.buffer);
  if (
    packed &&
    packed.buffer === b.buffer &&
    packed.byteOffset === b.byteOffset &&
    packed.n === n &&
    samplesMatch(mem, b, n, nPad)
  ) {
    return false;
  }
  packed = undefined;
  for (let k0 = 0; k0 < n; k0 += KC) {
    const kc = Math.min(KC, n - k0);
    const blockBase = k0 * nPad;
    for (let k = 0; k < kc; k++) {
      const src = (k0 + k) * n;
      const rowBase = blockBase + k * TILE;
      let j = 0;
      for (; j + TILE <= n; j += TILE) {
        const dst = rowBase + j * kc;
        mem[dst] = b[src + j];
        mem[dst + 1] = b[src + j + 1];
        mem[dst + 2] = b[src + j + 2];
        mem[dst + 3] = b[src + j + 3];
      }
      if (j < n) {
        const dst = rowBase + j * kc;
        for (let t = 0; t < TILE; t++) mem[dst + t] = j + t < n ? b[src + j + t] : 0;
      }
    }
  }
  packed = { buffer: b.buffer, byteOffset: b.byteOffset, n };
  return true;
}

function samplesMatch(mem: Float64Array, b: Float64Array, n: number, nPad: number): boolean {
  const cells = n * n;
  const samples = Math.min(PACK_CHECK_SAMPLES, cells);
  for (let s = 0; s < samples; s++) {
    // Stride by a prime-ish step so samples land on many rows and columns, not one diagonal.
    const index = (s * 7919 + Math.floor((s * cells) / samples)) % cells;
    const k = (index / n) | 0;
    const j = index - k * n;
    if (!Object.is(mem[packedIndex(k, j, n, nPad)], b[index])) return false;
  }
  return true;
}

/**
 * Rows [rowStart, rowEnd) of C = A x B on the WebAssembly SIMD kernel: A's rows are read from `a` starting at
 * `aOffset` (the element where row rowStart begins) and C's rows written into `c` starting at `cOffset`.
 */
export function wasmMultiplyRows(
  a: Float64Array,
  aOffset: number,
  b: Float64Array,
  n: number,
  rowCount: number,
  c: Float64Array,
  cOffset: number,
): WasmGemmTimings {
  const gemm = gemmInstance();
  const { nPad, aByte, cByte, totalBytes } = layout(n);
  ensureMemory(gemm, totalBytes, n);
  const t0 = performance.now();
  const packedB = packB(gemm, b, n, nPad);
  const packBMs = performance.now() - t0;
  // Views are taken after any memory.grow, which detaches the old buffer.
  const mem = new Float64Array(gemm.memory.buffer);
  const aBase = aByte / 8;
  const cBase = cByte / 8;
  let copyMs = 0;
  let computeMs = 0;
  for (let i0 = 0; i0 < rowCount; i0 += MC) {
    const t1 = performance.now();
    const rows = Math.min(MC, rowCount - i0);
    const rowsPad = Math.ceil(rows / TILE) * TILE;
    for (let strip = 0; strip < rowsPad; strip += TILE) {
      const dst = aBase + strip * n;
      for (let r = 0; r < TILE; r++) {
        const row = strip + r;
        if (row < rows) {
          const src = aOffset + (i0 + row) * n;
          for (let k = 0; k < n; k++) mem[dst + k * TILE + r] = a[src + k];
        } else {
          for (let k = 0; k < n; k++) mem[dst + k * TILE + r] = 0;
        }
      }
    }
    mem.fill(0, cBase, cBase + rowsPad * nPad);
    const t2 = performance.now();
    gemm.gemm(aByte, 0, cByte, n, nPad, rowsPad, KC, NC);
    const t3 = performance.now();
    for (let r = 0; r < rows; r++) {
      const from = cBase + r * nPad;
      c.set(mem.subarray(from, from + n), cOffset + (i0 + r) * n);
    }
    copyMs += t2 - t1 + (performance.now() - t3);
    computeMs += t3 - t2;
  }
  return { packBMs, packedB, copyMs, computeMs };
}
