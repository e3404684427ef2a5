import { describe, expect, it } from 'vitest';
import { MAD_SCALE, summarize } from '../../../src/engine/stats/summarize.js';

describe('summarize on known values', () => {
  it('gives the median, scaled MAD, mean, min, max and relative spread', () => {
    const s = summarize([4, 1, 100, 3, 2]);
    expect(s.n).toBe(5);
    expect(s.medianMs).toBe(3);
    // |x - 3| = 1, 2, 97, 0, 1 -> median 1, scaled by 1.4826
    expect(s.madMs).toBeCloseTo(MAD_SCALE, 12);
    expect(s.meanMs).toBe(22);
    expect(s.minMs).toBe(1);
    expect(s.maxMs).toBe(100);
    expect(s.relativeSpread).toBeCloseTo(MAD_SCALE / 3, 12);
  });

  it('takes the mean of the two middle values for an even count', () => {
    const s = summarize([10, 40, 20, 30]);
    expect(s.medianMs).toBe(25);
    // |x - 25| = 15, 15, 5, 5 -> median 10
    expect(s.madMs).toBeCloseTo(10 * MAD_SCALE, 12);
  });

  it('rejects an empty list and non-finite values', () => {
    expect(() => summarize([])).toThrow(/at least one value/);
    expect(() => summarize([1, Number.NaN])).toThrow(/non-finite/);
  });
});
