// The digest of a computed product agrees with the O(n^2) reference digest within MATRIX_TOLERANCE, and the
// weighted checksum notices two swapped rows of C, which a plain sum cannot.
import { expect, test } from 'vitest';
import {
  MATRIX_TOLERANCE,
  makeMatrices,
  matrixDigest,
  matrixReferenceDigest,
  multiplyTuned,
} from '../../../src/engine/workloads/matrix.js';

const relativeDiff = (x: number, y: number): number => Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));

test('digest of the tuned product matches the reference for n = 200', () => {
  const n = 200;
  const { a, b } = makeMatrices(n, 2024);
  const got = matrixDigest(multiplyTuned(a, b, n, n), n);
  const want = matrixReferenceDigest(a, b, n);
  expect(got.values).toEqual(want.values);
  expect(relativeDiff(got.approx!.sum, want.approx!.sum)).toBeLessThanOrEqual(MATRIX_TOLERANCE);
  expect(relativeDiff(got.approx!.weighted, want.approx!.weighted)).toBeLessThanOrEqual(MATRIX_TOLERANCE);
});

test('swapping two rows of C keeps the sum but breaks the weighted checksum', () => {
  const n = 200;
  const { a, b } = makeMatrices(n, 2024);
  const c = multiplyTuned(a, b, n, n);
  const row3 = c.slice(3 * n, 4 * n);
  c.copyWithin(3 * n, 4 * n, 5 * n);
  c.set(row3, 4 * n);
  const got = matrixDigest(c, n);
  const want = matrixReferenceDigest(a, b, n);
  expect(relativeDiff(got.approx!.sum, want.approx!.sum)).toBeLessThanOrEqual(MATRIX_TOLERANCE);
  expect(relativeDiff(got.approx!.weighted, want.approx!.weighted)).toBeGreaterThan(MATRIX_TOLERANCE);
});

test('a product of other matrices does not match', () => {
  const n = 50;
  const { a, b } = makeMatrices(n, 1);
  const other = makeMatrices(n, 2);
  const got = matrixDigest(multiplyTuned(other.a, other.b, n, n), n);
  const want = matrixReferenceDigest(a, b, n);
  expect(relativeDiff(got.approx!.sum, want.approx!.sum)).toBeGreaterThan(MATRIX_TOLERANCE);
});
