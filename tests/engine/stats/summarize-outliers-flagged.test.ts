import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/engine/stats/summarize.js';

describe('outliers by modified z-score', () => {
  it('flags values with |0.6745 (x - median) / MAD| > 3.5 by index and keeps them in the statistics', () => {
    const values = [100, 102, 98, 101, 99, 160];
    const s = summarize(values);
    // median 100.5, raw MAD 1.5: z(160) = 0.6745 * 59.5 / 1.5 = 26.8, z(98) = 1.12
    expect(s.outliers).toEqual([5]);
    expect(s.maxMs).toBe(160);
    expect(s.meanMs).toBeCloseTo(660 / 6, 12);
  });

  it('does not flag a value just under the cut-off', () => {
    // median 10, raw MAD 1: z = 0.6745 * 5 = 3.37 for 15
    expect(summarize([9, 10, 10, 11, 15]).outliers).toEqual([]);
    // z = 0.6745 * 6 = 4.05 for 16
    expect(summarize([9, 10, 10, 11, 16]).outliers).toEqual([4]);
  });
});
