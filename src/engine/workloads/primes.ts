// Primes by trial division: the article's CPU-bound test, as a flat loop instead of its recursion.
import { createHash } from 'node:crypto';
import type { Digest } from '../../shared/results.js';

/** Memo cache cell values: unknown, prime, composite. One byte per number, indexed by the number itself. */
export const MEMO_UNKNOWN = 0;
export const MEMO_PRIME = 1;
export const MEMO_COMPOSITE = 2;

/** Trial division by every divisor from 2 up to sqrt(n), stopping at the first that divides n. */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) return false;
  }
  return true;
}

/**
 * The primes in [lo, hi] in ascending order. With `memo`, verdicts are read from and written to the cache
 * (a Uint8Array, possibly over a SharedArrayBuffer, of at least hi + 1 cells).
 */
export function primesInRange(lo: number, hi: number, memo?: Uint8Array): Int32Array {
  const found: number[] = [];
  const start = Math.max(lo, 2);
  if (memo) {
    for (let n = start; n <= hi; n++) {
      let cell = memo[n];
      if (cell === MEMO_UNKNOWN) {
        cell = isPrime(n) ? MEMO_PRIME : MEMO_COMPOSITE;
        memo[n] = cell;
      }
      if (cell === MEMO_PRIME) found.push(n);
    }
  } else {
    for (let n = start; n <= hi; n++) {
      if (isPrime(n)) found.push(n);
    }
  }
  return Int32Array.from(found);
}

/** Digest of a full, ascending list of primes: count, sum, and a SHA-256 of the little-endian int32 list. */
export function primesDigest(primes: Int32Array): Digest {
  let sum = 0;
  for (let i = 0; i < primes.length; i++) sum += primes[i];
  const bytes = new Uint8Array(primes.buffer, primes.byteOffset, primes.byteLength);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  return { values: { count: primes.length, sum, hash } };
}
