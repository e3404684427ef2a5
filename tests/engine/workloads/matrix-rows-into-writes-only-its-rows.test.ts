// multiplyRowsInto writes exactly rows [rowStart, rowEnd) of C into a shared buffer, with either kernel, so
// threads can fill one SharedArrayBuffer without copies; the band form (a and c holding rowEnd rows) works too.
import { expect, test } from 'vitest';
import { MATRIX_KERNELS } from '../../../src/shared/results.js';
import { makeMatrices, multiplyMlMatrix, multiplyRowsInto } from '../../../src/engine/workloads/matrix.js';
import { expectCloseCells } from './matrix-helpers.js';

test.each(MATRIX_KERNELS)('%s kernel: disjoint row ranges fill a SharedArrayBuffer C', (kernel) => {
  const n = 67;
  const { a, b } = makeMatrices(n, 42);
  const c = new Float64Array(new SharedArrayBuffer(n * n * 8)).fill(Number.NaN);
  const ranges: [number, number][] = [
    [30, 31],
    [0, 13],
    [13, 30],
    [31, 67],
  ];
  const expected = multiplyMlMatrix(a, b, n, n);
  const done = new Set<number>();
  for (const [rowStart, rowEnd] of ranges) {
    multiplyRowsInto(kernel, a, b, n, rowStart, rowEnd, c);
    for (let row = rowStart; row < rowEnd; row++) done.add(row);
    for (let row = 0; row < n; row++) {
      if (!done.has(row)) expect(c.subarray(row * n, (row + 1) * n).every(Number.isNaN)).toBe(true);
    }
  }
  expectCloseCells(c, expected, n, 1e-12);
});

test.each(MATRIX_KERNELS)('%s kernel: rows outside the range are left as they were', (kernel) => {
  const n = 21;
  const { a, b } = makeMatrices(n, 5);
  const c = new Float64Array(n * n).fill(-1);
  multiplyRowsInto(kernel, a, b, n, 8, 15, c);
  const expected = multiplyMlMatrix(a, b, n, n);
  for (let row = 0; row < n; row++) {
    const got = c.subarray(row * n, (row + 1) * n);
    if (row >= 8 && row < 15) expectCloseCells(got, expected.subarray(row * n, (row + 1) * n), n, 1e-12);
    else expect(got.every((v) => v === -1)).toBe(true);
  }
});

test('band form: a and c hold only the rows up to rowEnd', () => {
  const n = 40;
  const { a, b } = makeMatrices(n, 9);
  const band = a.slice(10 * n, 30 * n);
  const c = new Float64Array(20 * n);
  multiplyRowsInto('tuned', band, b, n, 0, 20, c);
  expectCloseCells(c, multiplyMlMatrix(band, b, n, 20), n, 1e-12);
});

test('bad arguments are refused with the reason', () => {
  const n = 4;
  const { a, b } = makeMatrices(n, 1);
  const c = new Float64Array(n * n);
  expect(() => multiplyRowsInto('tuned', a, b, 0, 0, 0, c)).toThrow(/positive integer/);
  expect(() => multiplyRowsInto('tuned', a, b, n, 3, 2, c)).toThrow(/rowStart <= rowEnd/);
  expect(() => multiplyRowsInto('tuned', a, b, n, 0, 5, c)).toThrow(
    /a holds 16 values but the product needs 20/,
  );
  expect(() => multiplyRowsInto('tuned', a, b.subarray(1), n, 0, 4, c)).toThrow(/b holds 15/);
  expect(() => multiplyRowsInto('tuned', a, b, n, 0, 4, c.subarray(4))).toThrow(/c holds 12/);
});
