import { describe, expect, it } from 'vitest';
import { verifyDigest } from '../../../src/engine/verify.js';

describe('verifyDigest', () => {
  it('fails on an exact field naming it and both values', () => {
    const expected = { values: { count: 17984, sum: 10, hash: 'ab' } };
    expect(verifyDigest(expected, { values: { count: 17984, sum: 10, hash: 'ab' } })).toEqual({ ok: true });
    expect(verifyDigest(expected, { values: { count: 17983, sum: 10, hash: 'ab' } })).toEqual({
      ok: false,
      reason: 'wrong result: count 17983 != expected 17984',
    });
    expect(verifyDigest(expected, { values: { count: 17984, sum: 10 } }).reason).toBe(
      'wrong result: hash missing, expected ab',
    );
  });

  it('accepts approximate fields within the relative tolerance and names the field outside it', () => {
    const expected = { values: { n: 3 }, approx: { sum: 1000 }, tolerance: 1e-9 };
    expect(verifyDigest(expected, { values: { n: 3 }, approx: { sum: 1000 * (1 + 1e-12) } }).ok).toBe(true);
    const failed = verifyDigest(expected, { values: { n: 3 }, approx: { sum: 1000.5 } });
    expect(failed.ok).toBe(false);
    expect(failed.reason).toMatch(
      /^wrong result: sum 1000\.5 != expected 1000 \(relative difference 5\.00e-4 > tolerance 1e-9\)$/,
    );
    expect(verifyDigest(expected, { values: { n: 3 }, approx: { sum: Number.NaN } }).ok).toBe(false);
  });
});
