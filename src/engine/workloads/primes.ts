// Primes by trial division: the article's CPU-bound test, as a flat loop instead of its recursion.
import { createHash } from 'node:crypto';
import type { Digest } from '../../shared/results.js';

/** Memo cache cell values: unknown, prime, composite. One byte per number, indexed by the number itself. */
export const MEMO_UNKNOWN = 0;
export const MEMO_PRIME = 1;
export const MEMO_COMPOSITE = 2;

/**
 * Trial division by every divisor from 2 up to sqrt(n), stopping at the first that divides n.
 * Integers above 2^31 - 1 are tested too, on the slower float path; non-integers are not prime.
 */
export function isPrime(n: number): boolean {
  // `n | 0` equal to n proves n is an int32, so V8 compiles the loop below to int32 compare, multiply
  // and modulo (an idiv), the same instructions as the C version in bench/primes.c.
  if (n !== (n | 0)) return isPrimeBeyondInt32(n);
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) return false;
  }
  return true;
}

// Kept apart so the int32 loop above never sees a double and never deoptimizes.
function isPrimeBeyondInt32(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 2) return false;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) return false;
  }
  return true;
}

/** Every prime in [2, limit] by the Sieve of Eratosthenes: the independent reference primes are checked against. */
export function sievePrimes(limit: number): Int32Array {
  if (!Number.isInteger(limit) || limit > 0x7fffffff) {
    throw new RangeError(`sieve limit must be an integer up to 2^31 - 1, got ${limit}`);
  }
  if (limit < 2) return new Int32Array(0);
  const composite = new Uint8Array(limit + 1);
  let count = 0;
  for (let p = 2; p <= limit; p++) {
    if (composite[p]) continue;
    count++;
    for (let m = p * p; m <= limit; m += p) composite[m] = 1;
  }
  const primes = new Int32Array(count);
  let at = 0;
  for (let p = 2; p <= limit; p++) if (!composite[p]) primes[at++] = p;
  return primes;
}

/**
 * The primes in [lo, hi] in ascending order. With `memo`, verdicts are read from and written to the cache
 * (a Uint8Array, possibly over a SharedArrayBuffer, of at least hi + 1 cells).
 */
export function primesInRange(lo: number, hi: number, memo?: Uint8Array): Int32Array {
  if (memo && hi >= memo.length) {
    throw new RangeError(`memo holds ${memo.length} cells but primesInRange(${lo}, ${hi}) needs ${hi + 1}`);
  }
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

/** Joins prime lists of consecutive ranges, given in range order, into one ascending list. */
export function concatPrimeLists(parts: readonly Int32Array[]): Int32Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Int32Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
