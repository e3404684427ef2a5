// The memo cache: a cold pass fills it, a warm pass reads it and gives the same list, a cache over a
// SharedArrayBuffer behaves the same, and a cache too small for the range is refused.
import { expect, test } from 'vitest';
import {
  MEMO_COMPOSITE,
  MEMO_PRIME,
  MEMO_UNKNOWN,
  primesInRange,
  sievePrimes,
} from '../../../src/engine/workloads/primes.js';

const LIMIT = 100_000;

test.each([
  ['an ArrayBuffer', () => new Uint8Array(LIMIT + 1)],
  ['a SharedArrayBuffer', () => new Uint8Array(new SharedArrayBuffer(LIMIT + 1))],
])('cold then warm over %s', (_name, makeMemo) => {
  const memo = makeMemo();
  const cold = primesInRange(2, LIMIT, memo);
  expect(memo[97]).toBe(MEMO_PRIME);
  expect(memo[91]).toBe(MEMO_COMPOSITE);
  expect(memo[1]).toBe(MEMO_UNKNOWN);
  const warm = primesInRange(2, LIMIT, memo);
  expect(warm).toEqual(cold);
  expect(warm).toEqual(sievePrimes(LIMIT));
});

test('a warm pass believes the cache: it reads verdicts instead of recomputing them', () => {
  const memo = new Uint8Array(101);
  primesInRange(2, 100, memo);
  memo[4] = MEMO_PRIME;
  expect(primesInRange(2, 10, memo)).toEqual(Int32Array.from([2, 3, 4, 5, 7]));
});

test('a cache smaller than hi + 1 is refused', () => {
  expect(() => primesInRange(2, 100, new Uint8Array(100))).toThrow(/memo holds 100 cells but .* needs 101/);
});
