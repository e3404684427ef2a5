// Trial division (primesInRange) and the independent Sieve of Eratosthenes give the same primes, and the sieve
// gives the known prime counts pi(x).
import { expect, test } from 'vitest';
import { isPrime, primesDigest, primesInRange, sievePrimes } from '../../../src/engine/workloads/primes.js';

test('primesInRange(2, 300000) equals the sieve, as lists and as digests', () => {
  const trial = primesInRange(2, 300_000);
  const sieve = sievePrimes(300_000);
  expect(trial).toEqual(sieve);
  expect(primesDigest(trial)).toEqual(primesDigest(sieve));
});

test.each([
  [1e5, 9592],
  [3e5, 25997],
  [1e6, 78498],
  [1e7, 664579],
])('pi(%i) = %i by the sieve', (limit, count) => {
  expect(sievePrimes(limit).length).toBe(count);
});

test('sub-ranges concatenate to the whole range', () => {
  const parts = [primesInRange(0, 999), primesInRange(1000, 1000), primesInRange(1001, 50_000)];
  expect(Int32Array.from(parts.flatMap((p) => [...p]))).toEqual(sievePrimes(50_000));
});

test('edge values of isPrime and sievePrimes', () => {
  expect([-7, 0, 1, 2, 3, 4, 9, 25, 97].map(isPrime)).toEqual([
    false,
    false,
    false,
    true,
    true,
    false,
    false,
    false,
    true,
  ]);
  expect(isPrime(2.5)).toBe(false);
  // Beyond int32 the slower path still answers: 2^31 + 11 is prime, 2^32 + 1 = 641 x 6700417 is not.
  expect(isPrime(2 ** 31 + 11)).toBe(true);
  expect(isPrime(2 ** 32 + 1)).toBe(false);
  expect(sievePrimes(1)).toHaveLength(0);
  expect([...sievePrimes(2)]).toEqual([2]);
  expect(() => sievePrimes(1.5)).toThrow(/integer/);
});
