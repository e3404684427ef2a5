// Shared by the matrix tests: an element-wise comparison that reports the first cell out of tolerance.
import { expect } from 'vitest';

/** Asserts |actual - expected| <= relative * max(1, |expected|) cell by cell, naming the first cell that is not. */
export function expectCloseCells(
  actual: Float64Array,
  expected: Float64Array,
  n: number,
  relative: number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = relative * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      const row = Math.floor(i / n);
      throw new Error(`cell (${row}, ${i - row * n}): got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}
