import { describe, expect, it } from 'vitest';
import { MAD_SCALE, summarize } from '../../../src/engine/stats/summarize.js';

describe('summarize with one or two repetitions', () => {
  it('n = 1: the value itself, zero spread, a degenerate CI and no outliers', () => {
    const s = summarize([42.5]);
    expect(s).toMatchObject({ n: 1, medianMs: 42.5, madMs: 0, meanMs: 42.5, minMs: 42.5, maxMs: 42.5 });
    expect(s.ci95Ms).toEqual([42.5, 42.5]);
    expect(s.outliers).toEqual([]);
    expect(s.relativeSpread).toBe(0);
  });

  it('n = 2: the midpoint, MAD of half the gap, a CI spanning both values', () => {
    const s = summarize([10, 20]);
    expect(s.medianMs).toBe(15);
    expect(s.madMs).toBeCloseTo(5 * MAD_SCALE, 12);
    // bootstrap medians of two values are 10, 15 or 20; with 2000 resamples both ends occur
    expect(s.ci95Ms).toEqual([10, 20]);
    expect(s.outliers).toEqual([]);
  });
});
