// The tuned (WebAssembly SIMD) kernel gives ml-matrix's product cell by cell, for sizes that are not multiples
// of its 4x4 tile, its 256-row copy chunk, its 256-row k-block or its 512-column block.
import { expect, test } from 'vitest';
import {
  makeMatrices,
  multiplyMlMatrix,
  multiplyRows,
  multiplyTuned,
} from '../../../src/engine/workloads/matrix.js';
import { expectCloseCells } from './matrix-helpers.js';

test.each([1, 2, 3, 4, 5, 7, 33, 64, 65, 129, 257, 515])('full product, n = %i', (n) => {
  const { a, b } = makeMatrices(n, 1000 + n);
  const expected = multiplyMlMatrix(a, b, n, n);
  expectCloseCells(multiplyTuned(a, b, n, n), expected, n, 1e-12);
  expectCloseCells(multiplyRows('tuned', a, b, n, n), expected, n, 1e-12);
});

test.each([
  [33, 0, 1],
  [33, 5, 12],
  [129, 61, 129],
  [257, 3, 200],
])('a band of rows, n = %i, rows [%i, %i)', (n, rowStart, rowEnd) => {
  const { a, b } = makeMatrices(n, 7);
  const aRows = a.slice(rowStart * n, rowEnd * n);
  const expected = multiplyMlMatrix(aRows, b, n, rowEnd - rowStart);
  expectCloseCells(multiplyTuned(aRows, b, n, rowEnd - rowStart), expected, n, 1e-12);
});

test('zero rows gives an empty product', () => {
  const { b } = makeMatrices(9, 1);
  expect(multiplyTuned(new Float64Array(0), b, 9, 0)).toHaveLength(0);
});

test('special values propagate as in a plain product', () => {
  const n = 5;
  const { a, b } = makeMatrices(n, 3);
  a[2 * n + 1] = Number.POSITIVE_INFINITY;
  b[3 * n + 4] = Number.NaN;
  const c = multiplyTuned(a, b, n, n);
  expect(c[2 * n + 0]).toBe(Number.POSITIVE_INFINITY);
  expect(c[0 * n + 4]).toBeNaN();
});
