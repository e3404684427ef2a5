// A child's matrix inputs drawn from the seed at their place in the stream are exactly the numbers
// prepareCase made (makeMatrices draws A, then B, sequentially), for any band of rows; B is drawn once per
// (n, seed) and reused while they stay the same.
import { expect, test } from 'vitest';
import { makeMatrices } from '../../../src/engine/workloads/matrix.js';
import { generateSeededInput, seededB, seededRowsOfA } from '../../../src/engine/workloads/matrix-seeded.js';

test.each([
  [1, 0, 1],
  [7, 0, 7],
  [37, 5, 19],
  [64, 63, 64],
])('n = %i, rows [%i, %i) of A and all of B match makeMatrices', (n, rowStart, rowEnd) => {
  const seed = 20240607;
  const { a, b } = makeMatrices(n, seed);
  expect(seededRowsOfA(n, seed, rowStart, rowEnd)).toEqual(a.slice(rowStart * n, rowEnd * n));
  expect(seededB(n, seed).b).toEqual(b);
});

test('a seed near 2^32 wraps as mulberry32 does', () => {
  const n = 9;
  const seed = 0xffff_fff0;
  expect(seededRowsOfA(n, seed, 2, 9)).toEqual(makeMatrices(n, seed).a.slice(2 * n));
});

test('B is reused for the same (n, seed) and drawn again when either changes', () => {
  const first = seededB(11, 1);
  expect(first.reused).toBe(false);
  expect(seededB(11, 1)).toEqual({ b: first.b, reused: true });
  expect(seededB(11, 2).reused).toBe(false);
  expect(seededB(12, 2).reused).toBe(false);
});

test('a seeded task becomes a task holding its rows of A and all of B, without the seed', () => {
  const n = 10;
  const { a, b } = makeMatrices(n, 5);
  const empty = new Float64Array(0);
  const task = generateSeededInput({
    kind: 'matrix',
    n,
    kernel: 'tuned',
    rowStart: 3,
    rowEnd: 8,
    aRows: empty,
    b: empty,
    seeded: 5,
  });
  expect(task.seeded).toBeUndefined();
  expect(task.aRows).toEqual(a.slice(3 * n, 8 * n));
  expect(task.b).toEqual(b);
  expect(() => generateSeededInput({ ...task, seeded: 5, rowEnd: 11 })).toThrow(/rows \[3, 11\) of n=10/);
});
