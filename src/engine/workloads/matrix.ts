// Matrix multiplication C = A x B over seeded random n x n float64 matrices, stored row-major in flat arrays.
import { Matrix } from 'ml-matrix';
import type { Digest, MatrixKernel } from '../../shared/results.js';
import { seededRng } from '../random.js';
import { wasmMultiplyRows } from './matrix-wasm.js';

export { forgetPackedB, WASM_ROWS_PER_CALL } from './matrix-wasm.js';

/** Relative tolerance of the checksums: float64 sums over n^3 products reordered by blocking and splitting. */
export const MATRIX_TOLERANCE = 1e-9;

/** Deterministic [0, 1) generator, so every process can rebuild the same inputs from a seed. */
export const seededRandom = seededRng;

/** A and B, n x n, filled from the seed (A first, then B). */
export function makeMatrices(n: number, seed: number): { a: Float64Array; b: Float64Array } {
  const next = seededRandom(seed);
  const a = new Float64Array(n * n);
  const b = new Float64Array(n * n);
  for (let i = 0; i < a.length; i++) a[i] = next();
  for (let i = 0; i < b.length; i++) b[i] = next();
  return { a, b };
}

/**
 * Rows [rowStart, rowEnd) of C = A x B. `aRows` holds exactly those rows of A (row-major, (rowEnd-rowStart) x n);
 * the result holds the same rows of C.
 */
export function multiplyRows(
  kernel: MatrixKernel,
  aRows: Float64Array,
  b: Float64Array,
  n: number,
  rowCount: number,
): Float64Array {
  return kernel === 'ml-matrix'
    ? multiplyMlMatrix(aRows, b, n, rowCount)
    : multiplyTuned(aRows, b, n, rowCount);
}

/**
 * Rows [rowStart,rowEnd) of C = A x B written into `c` (full n x n, may be over a SharedArrayBuffer);
 * a and b are full n x n. Used by the shared-memory model (zero-copy). `a` and `c` may also be a band of
 * rows holding at least rowEnd rows (row indices then count from the band's first row); b is always n x n.
 */
export function multiplyRowsInto(
  kernel: MatrixKernel,
  a: Float64Array,
  b: Float64Array,
  n: number,
  rowStart: number,
  rowEnd: number,
  c: Float64Array,
): void {
  checkSize(n);
  if (!Number.isInteger(rowStart) || !Number.isInteger(rowEnd) || rowStart < 0 || rowStart > rowEnd) {
    throw new RangeError(`rows [${rowStart}, ${rowEnd}) must be integers with 0 <= rowStart <= rowEnd`);
  }
  checkLength('a', a, rowEnd * n);
  checkLength('b', b, n * n);
  checkLength('c', c, rowEnd * n);
  const rowCount = rowEnd - rowStart;
  if (rowCount === 0) return;
  if (kernel === 'ml-matrix') {
    c.set(multiplyMlMatrix(a.subarray(rowStart * n, rowEnd * n), b, n, rowCount), rowStart * n);
  } else {
    wasmMultiplyRows(a, rowStart * n, b, n, rowCount, c, rowStart * n);
  }
}

/**
 * The tuned kernel: blocked, packed WebAssembly SIMD (see matrix-wasm.ts). Same contract as multiplyRows:
 * `aRows` holds rowCount rows of A, the result the same rows of C.
 */
export function multiplyTuned(
  aRows: Float64Array,
  b: Float64Array,
  n: number,
  rowCount: number,
): Float64Array {
  checkSize(n);
  checkRowCount(rowCount, n);
  checkLength('aRows', aRows, rowCount * n);
  checkLength('b', b, n * n);
  const c = new Float64Array(rowCount * n);
  if (rowCount > 0) wasmMultiplyRows(aRows, 0, b, n, rowCount, c, 0);
  return c;
}

function checkSize(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`matrix size n must be a positive integer, got ${n}`);
  }
}

function checkRowCount(rowCount: number, n: number): void {
  if (!Number.isInteger(rowCount) || rowCount < 0 || rowCount > n) {
    throw new RangeError(`rowCount must be an integer in [0, n = ${n}], got ${rowCount}`);
  }
}

function checkLength(name: string, array: Float64Array, needed: number): void {
  if (array.length < needed) {
    throw new RangeError(`${name} holds ${array.length} values but the product needs ${needed}`);
  }
}

/** The reference kernel: ml-matrix's mmul. */
export function multiplyMlMatrix(
  aRows: Float64Array,
  b: Float64Array,
  n: number,
  rowCount: number,
): Float64Array {
  const toRows = (flat: Float64Array, rows: number): number[][] =>
    Array.from({ length: rows }, (_, i) => Array.from(flat.subarray(i * n, (i + 1) * n)));
  const product = new Matrix(toRows(aRows, rowCount)).mmul(new Matrix(toRows(b, n)));
  const c = new Float64Array(rowCount * n);
  for (let i = 0; i < rowCount; i++) c.set(product.getRow(i), i * n);
  return c;
}

/** Row and column weights of the weighted checksum u^T C w (fixed, non-uniform, so swapped rows are caught). */
const rowWeight = (i: number): number => 1 + (i % 5) / 5;
const colWeight = (j: number): number => 1 + (j % 7) / 7;

/** Digest of a full product C: its sum and the weighted checksum u^T C w. */
export function matrixDigest(c: Float64Array, n: number): Digest {
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    let rowWeighted = 0;
    for (let j = 0; j < n; j++) {
      const v = c[i * n + j];
      rowSum += v;
      rowWeighted += v * colWeight(j);
    }
    sum += rowSum;
    weighted += rowWeighted * rowWeight(i);
  }
  return { values: { n }, approx: { sum, weighted }, tolerance: MATRIX_TOLERANCE };
}

/**
 * The expected digest of A x B in O(n^2), without multiplying: 1^T (A B) 1 = (1^T A)(B 1) and
 * u^T (A B) w = (u^T A)(B w). This is what every model's product is verified against.
 */
export function matrixReferenceDigest(a: Float64Array, b: Float64Array, n: number): Digest {
  const colSumA = new Float64Array(n);
  const weightedColA = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rowWeight(i);
    for (let k = 0; k < n; k++) {
      const v = a[i * n + k];
      colSumA[k] += v;
      weightedColA[k] += u * v;
    }
  }
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < n; k++) {
    let rowSumB = 0;
    let weightedRowB = 0;
    for (let j = 0; j < n; j++) {
      const v = b[k * n + j];
      rowSumB += v;
      weightedRowB += v * colWeight(j);
    }
    sum += colSumA[k] * rowSumB;
    weighted += weightedColA[k] * weightedRowB;
  }
  return { values: { n }, approx: { sum, weighted }, tolerance: MATRIX_TOLERANCE };
}
